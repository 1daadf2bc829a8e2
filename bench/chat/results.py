"""What one scenario on one database measured, and the arithmetic on the raw figures."""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.ws.results import Latency


def latency_of(values: list[float]) -> Latency | None:
    """Percentiles of plain millisecond values."""
    return Latency.of([array("f", values).tobytes()])


@dataclass
class ServerFigures:
    """The server's side of a window, per command handled in it."""

    commands: int
    db_ms: float
    """SQL time per command: statements, BEGIN and COMMIT, without connection waits."""
    statements: float
    wait_ms: float
    """Time per command spent waiting for Tortoise's connection lock or a pool connection."""
    steps: dict[str, tuple[float, float]]
    """Step of the command -> (SQL ms, statements) per command."""
    relay_ms: float
    """The relay's SQL (reading and marking the outbox) per command."""
    handler: Latency | None
    """Command handler wall time (ms), from the frame parsed to the result ready."""
    tx_wait: Latency | None
    """From asking for the transaction to entered: lock or pool wait plus BEGIN (ms)."""
    tx_held: Latency | None
    """From entered to committed (ms): how long each transaction holds its locks (a
    grouped write: its work, then the rest of its group and the commit)."""
    loop_lag_p99: float
    loop_lag_max: float
    writers_per_commit: float | None
    """Writers served by each group commit (SQLite's `app.db.write`), on average."""

    @staticmethod
    def of(stats: dict[str, Any], command: str) -> ServerFigures:
        count = max(1, stats["commands"].get(command, 0))
        prefix = f"{command}|"

        def per(table: dict[str, float]) -> float:
            return sum(v for k, v in table.items() if k.startswith(prefix)) / count

        steps = {
            k.removeprefix(prefix): (v / count, stats["statements"].get(k, 0) / count)
            for k, v in stats["sql_ms"].items()
            if k.startswith(prefix)
        }
        lag = sorted(stats["loop_lag_ms"]) or [0.0]
        return ServerFigures(
            commands=stats["commands"].get(command, 0),
            db_ms=per(stats["sql_ms"]),
            statements=per(stats["statements"]),
            wait_ms=per(stats["wait_ms"]),
            steps=dict(sorted(steps.items(), key=lambda item: -item[1][0])),
            relay_ms=stats["sql_ms"].get("background|relay", 0.0) / count,
            handler=latency_of(stats["command_ms"].get(command, [])),
            tx_wait=latency_of(stats["tx_wait_ms"].get(command, [])),
            tx_held=latency_of(stats["tx_held_ms"].get(command, [])),
            loop_lag_p99=lag[min(len(lag) - 1, len(lag) * 99 // 100)],
            loop_lag_max=lag[-1],
            writers_per_commit=(
                sum(groups) / len(groups) if (groups := stats.get("group_sizes")) else None
            ),
        )


@dataclass
class Integrity:
    """Each send stored at most once, each acknowledged one stored, each stored one received.

    Compared by `client_id`: what the clients sent and were answered, what the database
    holds, and what every connection received. A connection the server closed (see
    `close_codes`) is left out of the receipt check from then on; its unanswered sends
    may or may not be stored (a real client would resend them with the same `client_id`).
    """

    sent: int
    held_back: int
    """Sends skipped: 2 s of answers already pending, or the sender's connection closed."""
    acked: int
    unanswered: int
    errors: dict[str, int]
    stored: int
    """Rows of this phase's sends in the database (chat messages, or notes in the outbox)."""
    lost: int
    """Acknowledged but not stored."""
    duplicates: int
    """Stored more than once."""
    phantom: int
    """Stored but never sent."""
    unanswered_stored: int
    """Sent, stored, but the answer never came (its connection was closed)."""
    missing: int
    """Receipts short of one per open member and stored message."""
    doubled: int
    stray: int
    """Receipts of messages that are not stored."""
    gaps: int
    repeats: int
    close_codes: dict[str, int]
    """Connections the server closed during the phase, by close code."""

    @property
    def ok(self) -> bool:
        return not (
            self.errors
            or self.lost
            or self.duplicates
            or self.phantom
            or self.missing
            or self.doubled
            or self.stray
            or self.gaps
            or self.repeats
        )

    @staticmethod
    def check(
        answers: list[dict[str, Any]], members: dict[int, list[int]], stored_ids: list[str]
    ) -> Integrity:
        room_of = {cid: room for answer in answers for cid, room in answer["sent_log"]}
        acked = {cid for answer in answers for cid, _, _ in answer["acks"]}
        stored = Counter(stored_ids)
        receipts: Counter[str] = Counter()
        errors: Counter[str] = Counter()
        closes: Counter[str] = Counter()
        for answer in answers:
            receipts.update(answer["receipts"])
            errors.update(answer["errors"])
            closes.update(answer["close_codes"])
        gone = {p for answer in answers for p in answer["closed_people"]}
        missing = doubled = 0
        for cid in stored:
            if cid not in room_of:
                continue
            got = receipts.pop(cid, 0)
            expected = sum(1 for p in members[room_of[cid]] if p not in gone)
            missing += max(0, expected - got)
            doubled += max(0, got - expected)
        return Integrity(
            sent=len(room_of),
            held_back=sum(a["held_back"] for a in answers),
            acked=len(acked),
            unanswered=len(room_of) - len(acked),
            errors=dict(errors),
            stored=len(stored),
            lost=len(acked - set(stored)),
            duplicates=sum(n - 1 for n in stored.values() if n > 1),
            phantom=sum(1 for cid in stored if cid not in room_of),
            unanswered_stored=sum(1 for cid in stored if cid in room_of and cid not in acked),
            missing=missing,
            doubled=doubled,
            stray=sum(receipts.values()),
            gaps=sum(a["gaps"] for a in answers),
            repeats=sum(a["repeats"] for a in answers),
            close_codes={str(k): v for k, v in closes.items()},
        )


@dataclass
class Phase:
    """One scenario (chat or the baseline) on one database, in its measured window."""

    dialect: str
    command: str
    people: int
    rooms: int
    offered_rate: float
    seconds: float
    acked_rate: float
    """Acknowledgements per second received in the window."""
    latency: Latency | None
    """Send -> each other member's receipt of the message event (ms)."""
    ack: Latency | None
    """Send -> the sender's acknowledgement (ms)."""
    delivered_fps: float
    worst_5s_fps: float
    events: dict[str, float]
    """Event frames per second received, by event type."""
    server: ServerFigures
    integrity: Integrity
    cpu: dict[str, float]
    """Cores used in the window: server, clients (all processes), database, valkey."""
    loadavg: float
    notes: list[str] = field(default_factory=list)
