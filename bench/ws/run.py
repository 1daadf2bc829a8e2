"""One system's run: connect, measure idle memory, then load, stall, storm and saturate.

The client processes and the producer are driven through pipes; every phase is bounded
in time (the producer runs for a set number of seconds, each wait has a deadline).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bench.ws.clients import run_worker
from bench.ws.frames import board_topic
from bench.ws.producer import run_producer
from bench.ws.results import Latency, Load, Stall, Storm, SystemRun, window_rates
from bench.ws.seed import Seeded
from bench.ws.servers import PRODUCER_MODE, Server, proc_cpu, start

_spawn = multiprocessing.get_context("spawn")
Say = Callable[[str], None]


class ClientPool:
    """The client processes; client n lives in process n % size."""

    def __init__(self, size: int) -> None:
        self.pipes: list[Connection] = []
        self.processes = []
        for _ in range(size):
            ours, theirs = _spawn.Pipe()
            process = _spawn.Process(target=run_worker, args=(theirs,), daemon=True)
            process.start()
            self.pipes.append(ours)
            self.processes.append(process)

    @property
    def size(self) -> int:
        return len(self.pipes)

    def send(self, command: str, per_worker: list[dict[str, Any]]) -> None:
        for pipe, arguments in zip(self.pipes, per_worker, strict=True):
            pipe.send((command, arguments))

    def collect(self, timeout: float = 600) -> list[Any]:
        results = []
        for pipe in self.pipes:
            if not pipe.poll(timeout):
                raise TimeoutError("a client process did not answer")
            result = pipe.recv()
            if isinstance(result, dict) and "error" in result:
                raise RuntimeError(f"client process: {result['error']}")
            results.append(result)
        return results

    def call(self, command: str, timeout: float = 600, **arguments: Any) -> list[Any]:
        """The same command to every process; their answers in process order."""
        self.send(command, [arguments] * self.size)
        return self.collect(timeout)

    def cpu_seconds(self) -> float:
        return sum(proc_cpu(p.pid) for p in self.processes if p.pid is not None)

    def close(self) -> None:
        for pipe in self.pipes:
            pipe.send(("exit", {}))
        for process in self.processes:
            process.join(30)
            if process.is_alive():
                process.kill()


class Producer:
    """The producer process of one system."""

    def __init__(self, mode: str, redis_url: str, database_url: str, var_dir: Path) -> None:
        self.pipe, theirs = _spawn.Pipe()
        self.process = _spawn.Process(
            target=run_producer,
            args=(theirs, mode, redis_url, database_url, str(var_dir)),
            daemon=True,
        )
        self.process.start()
        if not self.pipe.poll(120) or self.pipe.recv() != "ready":
            raise RuntimeError("producer did not start")

    def cpu_seconds(self) -> float:
        """User plus system CPU time the producer process has used so far."""
        return proc_cpu(self.process.pid) if self.process.pid is not None else 0.0

    def start_run(self, streams: list[tuple[list[tuple[str, int]], float]], seconds: float) -> None:
        self.pipe.send(("run", {"streams": streams, "seconds": seconds}))

    def heads(self, topics: list[str]) -> dict[str, int]:
        """The last position of each topic."""
        self.pipe.send(("heads", {"topics": topics}))
        if not self.pipe.poll(60):
            raise TimeoutError("producer did not answer")
        return dict(self.pipe.recv())

    def pending(self) -> int:
        """Events committed but not yet relayed (always 0 for the baselines)."""
        self.pipe.send(("pending", {}))
        if not self.pipe.poll(60):
            raise TimeoutError("producer did not answer")
        return int(self.pipe.recv())

    def result(self, timeout: float) -> dict[str, Any]:
        if not self.pipe.poll(timeout):
            raise TimeoutError("producer did not finish")
        result = self.pipe.recv()
        if "error" in result:
            raise RuntimeError(f"producer: {result['error']}")
        return result

    def close(self) -> None:
        self.pipe.send(("exit", {}))
        if self.pipe.poll(30):
            self.pipe.recv()
        self.process.join(30)
        if self.process.is_alive():
            self.process.kill()


@dataclass
class Plan:
    """What to run, from the command line."""

    clients: list[int]
    latency_clients: int
    idle_max: int
    fps: float
    seconds: float
    warmup: float
    saturate_fps: float
    saturate_seconds: float
    stall_seconds: float
    stall_fraction: float
    stall_rate: float
    storm_clients: int
    storm_timeout: float
    concurrency: int
    topics: int

    @staticmethod
    def from_args(args: argparse.Namespace) -> Plan:
        return Plan(
            clients=sorted(args.clients),
            latency_clients=args.latency_clients,
            idle_max=args.idle_max,
            fps=args.fps,
            seconds=args.seconds,
            warmup=args.warmup,
            saturate_fps=args.saturate_fps,
            saturate_seconds=args.saturate_seconds,
            stall_seconds=args.stall_seconds,
            stall_fraction=args.stall_fraction,
            stall_rate=args.stall_rate,
            storm_clients=args.storm_clients,
            storm_timeout=args.storm_timeout,
            concurrency=args.concurrency,
            topics=args.topics,
        )


def connect_clients(
    pool: ClientPool, seeded: Seeded, server: Server, indexes: range, concurrency: int
) -> tuple[int, int, list[str]]:
    """Open clients `indexes` (client n in process n % pool size, on its dealer's board
    topic, with a bearer token for the cabinet); returns (opened, failed, a few errors)."""
    per_worker: list[list[tuple[int, str, str | None]]] = [[] for _ in range(pool.size)]
    for n in indexes:
        dealer, token = seeded.token_for(n)
        credential = token if server.system == "cabinet" else None
        per_worker[n % pool.size].append((n, board_topic(dealer), credential))
    pool.send(
        "connect",
        [{"url": server.url, "specs": specs, "concurrency": concurrency} for specs in per_worker],
    )
    answers = pool.collect(timeout=900)
    return (
        sum(a["opened"] for a in answers),
        sum(a["failed"] for a in answers),
        [e for a in answers for e in a["errors"]][:3],
    )


class SystemBench:
    """Runs every phase against one system's server."""

    def __init__(
        self,
        system: str,
        plan: Plan,
        seeded: Seeded,
        pool: ClientPool,
        *,
        redis_url: str,
        database_url: str,
        workdir: Path,
        say: Say,
    ) -> None:
        self.system = system
        self.plan = plan
        self.seeded = seeded
        self.pool = pool
        self.redis_url = redis_url
        self.database_url = database_url
        self.workdir = workdir
        self.say = say
        self.topics = [(board_topic(d), d) for d in seeded.dealer_ids]
        self.connected = 0
        self.result = SystemRun(system)

    # -- the run -------------------------------------------------------------------------

    def run(self) -> SystemRun:
        server = start(
            self.system,
            redis_url=self.redis_url,
            database_url=self.database_url,
            workdir=self.workdir,
        )
        producer = Producer(
            PRODUCER_MODE[self.system], self.redis_url, self.database_url, self.workdir / "var"
        )
        try:
            self._idle(server)
            for clients in sorted(self.plan.clients, reverse=True):
                self._keep(server, producer, clients)
                load = self._load(server, producer, clients, self.plan.fps, self.plan.seconds)
                self.result.loads.append(load)
                if clients == self.plan.latency_clients:
                    self.result.stall = self._stall(server, producer, clients)
                    if self.plan.storm_clients:
                        self.result.storm = self._storm(server, producer)
                if self.plan.saturate_seconds and clients == self.plan.latency_clients:
                    self.result.saturation.append(
                        self._load(
                            server,
                            producer,
                            clients,
                            self.plan.saturate_fps,
                            self.plan.saturate_seconds,
                            label="saturation",
                        )
                    )
                    self._drain(server, producer)
        finally:
            self.pool.call("close_all")
            self.connected = 0
            producer.close()
            server.stop()
        return self.result

    def _keep(self, server: Server, producer: Producer, clients: int) -> None:
        """Drop connections down to `clients`; wait until the server has let them go."""
        if clients < self.connected:
            self.pool.call("keep", count=clients // self.pool.size)
            self.connected = clients
            time.sleep(1)
            self._drain(server, producer)

    # -- phases --------------------------------------------------------------------------

    def _idle(self, server: Server) -> None:
        """Connect in steps, measuring server memory growth per idle connection."""
        time.sleep(1)
        before = server.rss_bytes()
        levels = sorted({*self.plan.clients, *([self.plan.idle_max] if self._idle_max() else [])})
        for level in levels:
            added = level - self.connected
            started, cpu = time.monotonic(), server.cpu_seconds()
            self._connect(server, level)
            rate = added / (time.monotonic() - started)
            handshake_ms = (server.cpu_seconds() - cpu) / added * 1000
            time.sleep(3)
            grown = server.rss_bytes() - before
            self.result.memory[level] = grown // level
            self.result.connect_rate[level] = rate
            self.result.handshake_cpu_ms[level] = handshake_ms
            self.say(
                f"  {level:,} idle connections: server RSS +{grown / 2**20:.0f} MiB "
                f"({grown / level / 1024:.1f} KiB each); connected {added:,} at {rate:.0f}/s, "
                f"{handshake_ms:.1f} ms of server CPU each"
            )

    def _idle_max(self) -> bool:
        return self.system == "cabinet" and self.plan.idle_max > max(self.plan.clients)

    def _connect(self, server: Server, target: int) -> None:
        opened, failed, errors = connect_clients(
            self.pool, self.seeded, server, range(self.connected, target), self.plan.concurrency
        )
        if failed:
            self.say(f"  ! {failed} connections failed: {errors}")
            self.result.notes.append(f"{failed} of {target - self.connected} connections failed")
        self.connected += opened

    def _uniform(self, clients: int, fps: float) -> list[tuple[list[tuple[str, int]], float]]:
        per_topic = clients / len(self.topics)
        return [(self.topics, fps / per_topic)]

    def _load(
        self,
        server: Server,
        producer: Producer,
        clients: int,
        fps: float,
        seconds: float,
        *,
        streams: list[tuple[list[tuple[str, int]], float]] | None = None,
        hot: list[str] | None = None,
        during: Callable[[], None] | None = None,
        label: str = "load",
    ) -> Load:
        """Offer `fps` frames/s for warm-up + `seconds`; measure the window after warm-up."""
        streams = streams or self._uniform(clients, fps)
        warmup = self.plan.warmup
        producer.start_run(streams, warmup + seconds + 1)
        time.sleep(warmup)
        cpu_before = server.cpu_seconds()
        producer_before, clients_before = producer.cpu_seconds(), self.pool.cpu_seconds()
        self.pool.call("record", on=True, hot_topics=hot or [])
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            time.sleep(min(1.0, seconds - (time.monotonic() - started)))
            if during is not None:
                during()
        windows = self.pool.call("record", on=False)
        elapsed = time.monotonic() - started
        server_cpu = (server.cpu_seconds() - cpu_before) / elapsed
        producer_cpu = (producer.cpu_seconds() - producer_before) / elapsed
        clients_cpu = (self.pool.cpu_seconds() - clients_before) / elapsed
        produced = producer.result(timeout=seconds + warmup + 120)
        per_topic = clients / len(self.topics)
        average, worst = window_rates([w["per_second"] for w in windows], elapsed)
        load = Load(
            clients=clients,
            offered_fps=sum(rate for _, rate in streams) * per_topic,
            produced_fps=produced["events"] / produced["seconds"] * per_topic,
            delivered_fps=average,
            worst_5s_fps=worst,
            healthy=Latency.of([w["healthy"] for w in windows]),
            hot=Latency.of([w["hot"] for w in windows]),
            server_cpu=server_cpu,
            seconds=elapsed,
            producer_lag=produced["worst_lag"],
            loadavg=os.getloadavg()[0],
            producer_cpu=producer_cpu,
            clients_cpu=clients_cpu,
            handover_ms=produced["handover_p50_ms"],
        )
        healthy = load.healthy
        self.say(
            f"  {label} {clients:,} clients, {load.offered_fps:,.0f} frames/s offered "
            f"({load.produced_fps:,.0f} produced): delivered {average:,.0f}/s "
            f"(worst 5 s {worst:,.0f}), p50 {healthy.p50 if healthy else float('nan'):.1f} ms, "
            f"p99 {healthy.p99 if healthy else float('nan'):.1f} ms, server CPU "
            f"{server_cpu:.0%} ({load.cpu_us_per_frame:.0f} µs/frame), producer "
            f"{producer_cpu:.0%}, clients {clients_cpu:.0%}; stamp→"
            f"{'commit' if self.system == 'cabinet' else 'publish'} p50 "
            f"{load.handover_ms:.1f} ms; machine load average {load.loadavg:.1f}"
        )
        return load

    def _drain(self, server: Server, producer: Producer) -> None:
        """After an overload, wait (≤ 120 s) until the backlog is gone.

        The cabinet's backlog is first in the outbox (committed, not yet relayed: the relay
        publishes oldest first, so a new event would wait behind all of it), then in the
        server; the baselines' is in the server only.
        """
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            before = server.cpu_seconds()
            time.sleep(1)
            if server.cpu_seconds() - before < 0.25 and producer.pending() == 0:
                return
        left = producer.pending()
        self.result.notes.append(
            "backlog still draining 120 s after an overload"
            + (f" ({left:,} events not yet relayed)" if left else "")
        )

    def _caught_up(self, producer: Producer, seconds: float = 120) -> None:
        """Wait until every client is connected and has every event committed so far
        (≤ `seconds`), reconnecting (resuming) those that were closed meanwhile.

        After the stall test the stalled clients are thousands of events behind on their
        100 events/s topics, and the server may close them while they catch up (all 50 in
        a run of 2026-11-24, some time after the stall; the likely closer is uvicorn's
        keepalive, whose ping waits behind their backlog). Resumed in the storm, they
        would resume from beyond the hub's memory (the last 1,000 events of a topic) and
        be served from the database, as 45 were in the full run of 2026-11-24: the
        stall's doing, not the storm's."""
        heads = producer.heads([topic for topic, _ in self.topics])
        began = time.monotonic()
        behind: dict[str, int] = {}
        reconnected = repairs = 0
        while time.monotonic() - began < seconds:
            closed = self.connected - sum(s["open"] for s in self.pool.call("status"))
            if closed > 0 and repairs < 3:
                repairs += 1
                reconnected += closed
                self.pool.call("repair", concurrency=self.plan.concurrency)
                continue
            lowest: dict[str, int] = {}
            for answer in self.pool.call("lowest_positions"):
                for topic, position in answer.items():
                    lowest[topic] = min(position, lowest.get(topic, position))
            behind = {
                t: head - lowest[t] for t, head in heads.items() if lowest.get(t, head) < head
            }
            if not behind:
                break
            time.sleep(0.5)
        waited = time.monotonic() - began
        if behind:
            self.result.notes.append(
                f"{len(behind)} topics' clients still behind (up to {max(behind.values())} "
                f"events) {seconds:.0f} s before the storm"
            )
        if waited > 1 or reconnected:
            self.say(
                f"  waited {waited:.0f} s for every client to catch up before the storm"
                + (f", reconnecting {reconnected} that had been closed" if reconnected else "")
            )

    def _stall(self, server: Server, producer: Producer, clients: int) -> Stall:
        """The same traffic three times: all clients reading, then 1% of them not reading,
        then all reading again (the two control windows show the run's own noise)."""
        per_topic = clients / len(self.topics)
        hot_count = max(1, round(len(self.topics) * self.plan.stall_fraction))
        hot, cold = self.topics[:hot_count], self.topics[hot_count:]
        hot_frames = self.plan.stall_rate * hot_count * per_topic
        cold_events = max(0.0, self.plan.fps - hot_frames) / per_topic
        streams = [(cold, cold_events), (hot, self.plan.stall_rate * hot_count)]
        hot_names = [t for t, _ in hot]
        seconds = self.plan.stall_seconds
        self.say(
            f"  stall test: {hot_count} topic(s) × {per_topic:.0f} clients get "
            f"{self.plan.stall_rate:.0f} events/s each; first all read, then they stop reading"
        )
        control = self._load(
            server, producer, clients, self.plan.fps, seconds,
            streams=streams, hot=hot_names, label="control",
        )  # fmt: skip
        stalled = sum(self.pool.call("stall", topics=hot_names))
        rss: list[int] = [server.rss_bytes()]
        queues: list[int] = []

        def sample() -> None:
            rss.append(server.rss_bytes())
            if self.system == "cabinet":
                queues.append(server.counters().get("longest_queue", 0))

        stalled_load = self._load(
            server, producer, clients, self.plan.fps, seconds,
            streams=streams, hot=hot_names, during=sample, label="stalled",
        )  # fmt: skip
        rss_end = server.rss_bytes()
        answers = self.pool.call("unstall", concurrency=self.plan.concurrency)
        codes: dict[Any, int] = {}
        for answer in answers:
            for code, count in answer["codes"].items():
                codes[code] = codes.get(code, 0) + count
        result = Stall(
            stalled_clients=stalled,
            control=control,
            stalled=stalled_load,
            rss_start=rss[0],
            rss_peak=max(rss),
            rss_end=rss_end,
            closed_by_server=sum(a["closed_by_server"] for a in answers),
            close_codes=codes,
            longest_queue=max(queues) if queues else None,
        )
        self.say(
            f"  stalled {stalled} clients: healthy p99 {result.p99_change:+.1%} against the"
            f" window before; server RSS "
            f"{rss[0] / 2**20:.0f} → peak {max(rss) / 2**20:.0f} MiB; "
            f"{result.closed_by_server} stalled clients closed by the server {codes}"
            + (f"; longest queue {result.longest_queue}" if queues else "")
        )
        self._drain(server, producer)
        result.control_after = self._load(
            server, producer, clients, self.plan.fps, seconds,
            streams=streams, hot=hot_names, label="control after",
        )  # fmt: skip
        self.say(
            f"  control windows: healthy p99 {_p99(control)} then {_p99(result.control_after)}"
            f" ms; the stalled window against their mean {result.p99_change:+.1%}"
        )
        self._drain(server, producer)
        return result

    def _storm(self, server: Server, producer: Producer) -> Storm:
        """Drop `storm_clients` connections at once under load; time until all resumed."""
        count = min(self.plan.storm_clients, self.connected)
        clients = self.connected
        if self.system == "cabinet":  # the baselines do not resume from positions
            self._caught_up(producer)
        streams = self._uniform(clients, self.plan.fps)
        producer.start_run(streams, self.plan.warmup + self.plan.storm_timeout + 5)
        time.sleep(self.plan.warmup)
        before, status_before = server.counters(), self.pool.call("status")
        answers = self.pool.call(
            "storm",
            timeout=self.plan.storm_timeout + 120,
            count=count // self.pool.size,
            concurrency=self.plan.concurrency,
            deadline=self.plan.storm_timeout,
        )
        time.sleep(2)  # resumed clients receive what they missed, then live events
        after, status_after = server.counters(), self.pool.call("status")
        producer.result(timeout=self.plan.storm_timeout + 120)
        if sum(self.pool.call("repair", concurrency=self.plan.concurrency)):
            self.result.notes.append("some clients could not reconnect after the storm")
        started = min(a["started"] for a in answers)
        resumed = sorted(t - started for a in answers for t in a["resumed_at"])
        deltas = {
            k: after.get(k, 0) - before.get(k, 0)
            for k in after
            if k.endswith(("reads", "statements", "new_feed"))
        }
        storm = Storm(
            clients=count,
            seconds_all=resumed[-1] if resumed else float("nan"),
            seconds_p50=statistics.median(resumed) if resumed else float("nan"),
            failed=count - len(resumed),
            gaps=_delta(status_before, status_after, "gaps"),
            repeats=_delta(status_before, status_after, "repeats"),
            resets=_delta(status_before, status_after, "resets"),
            counters=deltas,
        )
        self.say(
            f"  storm: {count:,} clients dropped; {len(resumed):,} resumed, all within "
            f"{storm.seconds_all:.2f} s (median {storm.seconds_p50:.2f} s); gaps {storm.gaps}, "
            f"repeats {storm.repeats}, resets {storm.resets}"
            + (f"; server counters {deltas}" if deltas else "")
        )
        return storm


def _delta(before: list[dict[str, Any]], after: list[dict[str, Any]], key: str) -> int:
    return sum(a[key] for a in after) - sum(b[key] for b in before)


def _p99(load: Load | None) -> str:
    return f"{load.healthy.p99:.1f}" if load and load.healthy else "-"
