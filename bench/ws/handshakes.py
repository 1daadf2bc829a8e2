"""`python -m bench.ws.handshakes`: what a new connection costs the gateway, and a storm.

Issue 3's reconnect-storm target is 5,000 clients resumed within 10 s on 2 cores, none
from the database. What decides it is the server's CPU per new connection (handshake,
bearer-token authentication, subscription, resume), so this measures that alone, with
nothing else flowing:

1. Connect `--clients` clients, each with its own bearer token (as phones have), each
   subscribed to one of `--topics` dealer boards: CPU and SQL statements per handshake.
2. `--storms` times: drop every connection, commit `--missed` events to every topic
   while they are away (so that every resume has something to fetch), with `--restart`
   restart the server (as a deploy or a crash would), then reconnect them all from
   their last positions (`--concurrency` handshakes in flight per client
   process): CPU and SQL per handshake, how many resumes read the database instead of
   the hub's memory, gaps/repeats/resets, and the storm's wall time.

CPU is the server process's user+system time from /proc, less what it uses idle over the
same span; on a shared machine it is the figure to compare, wall time is not. The same
run measures the plain `websockets` server (no authentication, no positions) as a
yardstick, so that a ratio from one run can be compared with another run's.
`--profile DIR` records the cabinet's server with py-spy during each storm.

Reuses the full benchmark's parts: the seeded database and Valkey (`seed.environment`),
the servers (`servers.start`, the cabinet wrapped with its counters), the client
processes (`run.ClientPool`) and the producer (`run.Producer`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.ws.clients import raise_fd_limit
from bench.ws.frames import board_topic
from bench.ws.run import ClientPool, Producer, connect_clients
from bench.ws.seed import Seeded, environment
from bench.ws.servers import PRODUCER_MODE, TITLES, Server, start

QUIET_CPU = 0.04
"""Share of a core under which the server counts as idle again (heartbeats, sweep)."""


@dataclass
class Phase:
    """One batch of handshakes: connecting fresh, or a storm of resumes."""

    label: str
    handshakes: int
    resumed: int
    cpu_ms: float
    """Server CPU per handshake, idle use taken out, in milliseconds."""
    wall_s: float
    """First handshake started → last client subscribed."""
    p50_s: float
    counters: dict[str, int] = field(default_factory=dict)
    """The cabinet's counters over the phase (SQL statements, history reads)."""
    gaps: int = 0
    repeats: int = 0
    resets: int = 0

    def per_handshake(self, counter: str) -> float:
        return self.counters.get(counter, 0) / self.handshakes if self.handshakes else 0.0

    @property
    def gc_ms(self) -> float:
        """Garbage-collector CPU per handshake, in milliseconds (part of `cpu_ms`)."""
        spent = sum(v for k, v in self.counters.items() if k.startswith("gc_us"))
        return spent / 1000 / self.handshakes if self.handshakes else 0.0


@dataclass
class Result:
    """One system's phases."""

    system: str
    clients: int
    topics: int
    missed: int
    phases: list[Phase] = field(default_factory=list)

    @property
    def storms(self) -> list[Phase]:
        return [p for p in self.phases if p.label.startswith("storm")]

    def median(self, value: str) -> float:
        storms = self.storms
        if not storms:
            return float("nan")
        if value == "cpu_ms":
            return statistics.median(p.cpu_ms for p in storms)
        if value == "wall_s":
            return statistics.median(p.wall_s for p in storms)
        return statistics.median(p.per_handshake(value) for p in storms)


class HandshakeBench:
    """Runs the phases against one system's server."""

    def __init__(self, args: argparse.Namespace, system: str, env: Any, pool: ClientPool) -> None:
        self.args = args
        self.system = system
        self.env = env
        self.seeded: Seeded = env.seeded
        self.pool = pool
        self.topics = [(board_topic(d), d) for d in self.seeded.dealer_ids]

    def run(self) -> Result:
        args, env = self.args, self.env
        result = Result(self.system, args.clients, len(self.topics), args.missed)
        server = self._start()
        producer = Producer(
            PRODUCER_MODE[self.system], env.redis_url, env.database_url, env.workdir / "var"
        )
        try:
            time.sleep(1)
            result.phases.append(self._connect(server))
            for storm in range(1, args.storms + 1):
                self._drop(server)
                self._publish(producer)
                if args.restart:
                    server.stop()
                    server = self._start()
                result.phases.append(self._storm(server, f"storm {storm}"))
        finally:
            self.pool.call("close_all")
            producer.close()
            server.stop()
        return result

    def _start(self) -> Server:
        env = self.env
        return start(
            self.system, redis_url=env.redis_url, database_url=env.database_url, workdir=env.workdir
        )

    def _connect(self, server: Server) -> Phase:
        clients = self.args.clients
        idle = _idle_rate(server)
        cpu, counters, began = server.cpu_seconds(), server.counters(), time.monotonic()
        opened, failed, errors = connect_clients(
            self.pool, self.seeded, server, range(clients), self.args.concurrency
        )
        wall = time.monotonic() - began
        if failed:
            print(f"  ! {failed} of {clients} connections failed: {errors}", flush=True)
        spent, span = _until_quiet(server, began)
        phase = Phase(
            label="connect",
            handshakes=clients,
            resumed=opened,
            cpu_ms=(spent - cpu - idle * span) / clients * 1000,
            wall_s=wall,
            p50_s=float("nan"),
            counters=_delta(counters, server.counters()),
        )
        self._say(phase)
        return phase

    def _drop(self, server: Server) -> None:
        """Every client aborts its connection; wait until the server has let them go."""
        self.pool.call("drop", count=self.args.clients)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.5)
            if server.system != "cabinet" or server.counters()["connections"] == 0:
                break
        _until_quiet(server, time.monotonic())

    def _publish(self, producer: Producer) -> None:
        """Commit `missed` events to every topic while nobody listens, and relay them."""
        seconds = 2.0
        per_second = self.args.missed * len(self.topics) / seconds
        producer.start_run([(self.topics, per_second)], seconds)
        producer.result(timeout=120)
        deadline = time.monotonic() + 60
        while producer.pending() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # the server's hub takes them off the bus into its memory

    def _storm(self, server: Server, label: str) -> Phase:
        idle = _idle_rate(server)
        before = self.pool.call("status")
        cpu, counters = server.cpu_seconds(), server.counters()
        profiler = self._profile(server, label)
        began = time.monotonic()
        answers = self.pool.call(
            "resume",
            timeout=self.args.deadline + 120,
            concurrency=self.args.concurrency,
            deadline=self.args.deadline,
            url=server.url,
        )
        spent, span = _until_quiet(server, began)
        if profiler is not None:
            profiler.send_signal(signal.SIGINT)
            profiler.wait(60)
        after = self.pool.call("status")
        started = min(a["started"] for a in answers)
        resumed = sorted(t - started for a in answers for t in a["resumed_at"])
        failed = sum(a["failed"] for a in answers)
        if failed:
            errors = [e for a in answers for e in a["errors"]][:3]
            print(f"  ! {failed} clients did not resume: {errors}", flush=True)
            self.pool.call("repair", concurrency=self.args.concurrency)
        phase = Phase(
            label=label,
            handshakes=self.args.clients,
            resumed=len(resumed),
            cpu_ms=(spent - cpu - idle * span) / self.args.clients * 1000,
            wall_s=resumed[-1] if resumed else float("nan"),
            p50_s=statistics.median(resumed) if resumed else float("nan"),
            counters=_delta(counters, server.counters()),
            gaps=_sum(after, "gaps") - _sum(before, "gaps"),
            repeats=_sum(after, "repeats") - _sum(before, "repeats"),
            resets=_sum(after, "resets") - _sum(before, "resets"),
        )
        self._say(phase)
        return phase

    def _profile(self, server: Server, label: str) -> subprocess.Popen[bytes] | None:
        folder: Path | None = self.args.profile
        if folder is None or server.system != "cabinet":
            return None
        folder.mkdir(parents=True, exist_ok=True)
        spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
        out = folder / f"{label.replace(' ', '-')}.txt"
        pid = str(server.process.pid)
        process = subprocess.Popen(
            [spy, "record", "-r", "100", "-f", "raw", "--gil", "-o", str(out), "-p", pid],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1)  # py-spy attaches
        return process

    def _say(self, phase: Phase) -> None:
        print(f"  {_line(self.system, phase)}", flush=True)


def _idle_rate(server: Server, seconds: float = 1.0) -> float:
    """Share of a core the server uses doing nothing (heartbeat timer, hub sweep)."""
    cpu = server.cpu_seconds()
    time.sleep(seconds)
    return (server.cpu_seconds() - cpu) / seconds


def _until_quiet(server: Server, began: float) -> tuple[float, float]:
    """Wait until the server is idle again (≤ 60 s); (its CPU seconds then, span since
    `began` up to the last busy moment)."""
    step = 0.25
    deadline = time.monotonic() + 60
    last = server.cpu_seconds()
    while time.monotonic() < deadline:
        time.sleep(step)
        now = server.cpu_seconds()
        if now - last <= QUIET_CPU * step:
            return now, time.monotonic() - began
        last = now
    return server.cpu_seconds(), time.monotonic() - began


def _delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, int]:
    return {
        k: int(after.get(k, 0) - before.get(k, 0))
        for k in after
        if k.endswith(("reads", "statements", "new_feed")) or k.startswith("gc_")
    }


def _sum(statuses: list[dict[str, Any]], key: str) -> int:
    return sum(s[key] for s in statuses)


def _line(system: str, p: Phase) -> str:
    return (
        f"{p.label:<9} {p.resumed:>6,}/{p.handshakes:<6,} "
        f"CPU {p.cpu_ms:5.2f} ms/handshake"
        + (
            f", SQL {p.per_handshake('sql_statements'):4.2f}/handshake, "
            f"resumes from the database {p.counters.get('resume_history_reads', 0)}, "
            f"hub gap fills {p.counters.get('hub_history_reads', 0)}"
            if system == "cabinet"
            else ""
        )
        + (f"; GC {p.gc_ms:.2f} ms/handshake" if system == "cabinet" else "")
        + f"; all in {p.wall_s:.2f} s"
        + (f" (median {p.p50_s:.2f} s)" if p.p50_s == p.p50_s else "")
        + (f"; gaps/repeats/resets {p.gaps}/{p.repeats}/{p.resets}" if p.label != "connect" else "")
    )


def summary(results: list[Result]) -> str:
    """Medians of the storms per system and, from this run, the cabinet's ratio to the
    plain server."""
    lines = [
        f"{'system':<22}{'connect ms':>11}{'storm ms':>10}{'SQL/hs':>8}{'DB resumes':>12}"
        f"{'storm s':>9}",
    ]
    for r in results:
        connect = r.phases[0]
        db = [p.counters.get("resume_history_reads", 0) for p in r.storms]
        lines.append(
            f"{TITLES[r.system]:<22}{connect.cpu_ms:>11.2f}{r.median('cpu_ms'):>10.2f}"
            + (
                f"{r.median('sql_statements'):>8.2f}{'/'.join(map(str, db)):>12}"
                if r.system == "cabinet"
                else f"{'-':>8}{'-':>12}"
            )
            + f"{r.median('wall_s'):>9.2f}"
        )
    by_system = {r.system: r for r in results}
    if {"cabinet", "websockets"} <= by_system.keys():
        cabinet, plain = by_system["cabinet"], by_system["websockets"]
        # /proc counts CPU in ticks of 10 ms: a small run may see none for the plain server.
        ratio = (
            f"{cabinet.median('cpu_ms') / plain.median('cpu_ms'):.1f}×"
            if plain.median("cpu_ms") > 0
            else "n/a (too few handshakes to measure)"
        )
        lines.append(f"cabinet / websockets, CPU per resumed handshake (storm medians): {ratio}")
    return "\n".join(lines)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.ws.handshakes", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--clients", type=int, default=2000, help="connections (2,000)")
    parser.add_argument("--topics", type=int, default=200, help="dealer boards (200)")
    parser.add_argument("--storms", type=int, default=3, help="storms per system (3)")
    parser.add_argument("--missed", type=int, default=5, help="events per topic per storm (5)")
    parser.add_argument("--workers", type=int, default=4, help="client processes (4)")
    parser.add_argument(
        "--concurrency", type=int, default=100, help="handshakes in flight per client process"
    )
    parser.add_argument("--deadline", type=float, default=120, help="seconds a storm may take")
    parser.add_argument(
        "--systems", nargs="+", choices=("cabinet", "websockets"), default=["cabinet", "websockets"]
    )
    parser.add_argument(
        "--restart",
        action="store_true",
        help="restart the server before each storm (clients resume on a fresh process)",
    )
    parser.add_argument("--profile", type=Path, help="py-spy raw profiles of the storms here")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    args.clients -= args.clients % args.workers
    return args


def main(argv: list[str] | None = None) -> None:
    """Measure each system and print the per-phase lines and the summary."""
    args = _parse(argv)
    raise_fd_limit()
    people = -(-args.clients // args.topics)  # one token per connection
    print(
        f"{args.clients:,} clients on {args.topics} topics, each with its own bearer token; "
        f"{args.storms} storms, {args.missed} events per topic missed before each; "
        f"{args.workers} client processes × {args.concurrency} handshakes in flight; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    results = []
    with environment(dealers=args.topics, people=people) as env:
        pool = ClientPool(args.workers)
        try:
            for system in args.systems:
                print(f"[{TITLES[system]}]", flush=True)
                results.append(HandshakeBench(args, system, env, pool).run())
        finally:
            pool.close()
    print()
    print(summary(results))
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1))


if __name__ == "__main__":
    main()
