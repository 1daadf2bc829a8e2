"""What one system's run measured, and the arithmetic on raw samples."""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec


@dataclass(frozen=True)
class Latency:
    """Percentiles of receipt − send, in milliseconds."""

    p50: float
    p99: float
    max: float
    samples: int

    @staticmethod
    def of(chunks: list[bytes]) -> Latency | None:
        """Pooled percentiles of float32 samples from several client processes."""
        values = array("f")
        for chunk in chunks:
            values.frombytes(chunk)
        if not values:
            return None
        ordered = sorted(values)
        n = len(ordered)
        return Latency(ordered[n // 2], ordered[min(n - 1, (n * 99) // 100)], ordered[-1], n)


@dataclass
class Load:
    """One measurement window under load."""

    clients: int
    offered_fps: float
    """Frames per second the producer was asked for (events × subscribers per topic)."""
    produced_fps: float
    """What the producer managed to send, in the same unit."""
    delivered_fps: float
    worst_5s_fps: float
    """The lowest 5-second average inside the window: "sustained" means this holds too."""
    healthy: Latency | None
    hot: Latency | None
    server_cpu: float
    """Share of one core the server process used in the window."""
    seconds: float
    producer_lag: float
    loadavg: float
    """The machine's 1-minute load average at the end of the window (2 cores: > 2 is busy)."""
    producer_cpu: float
    """Share of one core the producer process used (in `cabinet` mode: commits + relay)."""
    clients_cpu: float
    """Cores the client processes used together."""
    handover_ms: float
    """Median stamp → commit (cabinet) or → publish (baselines): part of the latency."""

    @property
    def cpu_us_per_frame(self) -> float:
        """Server CPU time per delivered frame, in microseconds."""
        if not self.delivered_fps:
            return float("nan")
        return self.server_cpu / self.delivered_fps * 1e6


def window_rates(per_second: list[list[int]], seconds: float) -> tuple[float, float]:
    """(average frames/s, lowest 5-second average) over whole seconds of the window."""
    width = max((len(p) for p in per_second), default=0)
    totals = [sum(p[i] for p in per_second if i < len(p)) for i in range(width)]
    whole = totals[: int(seconds)]
    if not whole:
        return 0.0, 0.0
    average = sum(whole) / len(whole)
    fives = [sum(whole[i : i + 5]) / 5 for i in range(0, max(1, len(whole) - 4))]
    return average, min(fives) if len(whole) >= 5 else average


@dataclass
class Stall:
    """Healthy clients with and without 1% of the clients stalled, and server memory."""

    stalled_clients: int
    control: Load
    stalled: Load
    rss_start: int
    rss_peak: int
    rss_end: int
    closed_by_server: int
    close_codes: dict[Any, int]
    longest_queue: int | None
    """The cabinet's longest per-connection queue during the stall (frames)."""
    control_after: Load | None = None
    """The same traffic once more after the stalled clients read again: with `control`,
    how far the healthy p99 moves between two windows with nothing stalled (the noise)."""

    def _controls(self) -> list[float]:
        return [w.healthy.p99 for w in (self.control, self.control_after) if w and w.healthy]

    @property
    def reference_p99(self) -> float:
        """The healthy clients' p99 with nothing stalled: the mean of the control windows."""
        controls = self._controls()
        return sum(controls) / len(controls) if controls else float("nan")

    @property
    def p99_change(self) -> float:
        """The stalled window's healthy p99 against `reference_p99` (0.05 = 5% worse)."""
        if not self.stalled.healthy:
            return float("nan")
        return self.stalled.healthy.p99 / self.reference_p99 - 1

    @property
    def noise(self) -> float | None:
        """How far the two control windows' p99 lie apart, relative to their mean."""
        controls = self._controls()
        if len(controls) < 2:
            return None
        return abs(controls[1] - controls[0]) / self.reference_p99


@dataclass
class Storm:
    """Every client dropped at once, then reconnecting (resuming where it supports it)."""

    clients: int
    seconds_all: float
    """From the drop to the last client's `subscribed`."""
    seconds_p50: float
    failed: int
    gaps: int
    repeats: int
    resets: int
    counters: dict[str, int] = field(default_factory=dict)
    """Deltas of the cabinet's counters over the storm (history reads, SQL statements)."""


@dataclass
class SystemRun:
    """Everything measured on one system."""

    system: str
    memory: dict[int, int] = field(default_factory=dict)
    """Idle connections → server RSS growth per connection, in bytes."""
    connect_rate: dict[int, float] = field(default_factory=dict)
    """Idle connections → handshakes + subscriptions per second while connecting."""
    handshake_cpu_ms: dict[int, float] = field(default_factory=dict)
    """Idle connections → server CPU per new connection (handshake, auth, subscribe), ms."""
    loads: list[Load] = field(default_factory=list)
    saturation: list[Load] = field(default_factory=list)
    stall: Stall | None = None
    storm: Storm | None = None
    notes: list[str] = field(default_factory=list)

    def load_at(self, clients: int) -> Load | None:
        return next((r for r in self.loads if r.clients == clients), None)

    def saturation_at(self, clients: int) -> Load | None:
        return next((r for r in self.saturation if r.clients == clients), None)


def load_runs(path: Path) -> list[SystemRun]:
    """The runs a previous `--json` wrote, to print their table and targets again."""
    return msgspec.convert(json.loads(path.read_text()), list[SystemRun], strict=False)
