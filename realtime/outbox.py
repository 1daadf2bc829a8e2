"""Transactional outbox: events are appended in the same transaction as the change.

Each topic has a gapless sequence. The sequence row is updated (and so locked) by the
appending transaction, so two transactions writing to one topic commit in sequence
order: a reader that has seen position N never later finds a committed N-1.

`append_events` is the one way in (`append_event` is its single-event form). One call
takes all its topics' next positions in one statement, which creates missing sequence
rows and locks the others in ascending topic order, the same order in every
transaction, so two calls touching overlapping topics never deadlock; a second
statement inserts every event. Two statements however many events and topics.
A transaction that rolls back takes its positions with it: no hole is left.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import msgspec
from tortoise import fields
from tortoise.models import Model


class TopicSequence(Model):
    """The last position handed out on a topic, and the epoch that positions belong to."""

    topic = fields.CharField(max_length=200, primary_key=True)
    last_seq = fields.BigIntField(default=0)
    epoch = fields.CharField(max_length=16)

    class Meta:
        table = "realtime_topic_sequence"


class OutboxEvent(Model):
    """One event on one topic, at its position; `published_at` is set by the relay."""

    id = fields.BigIntField(primary_key=True)
    topic = fields.CharField(max_length=200)
    seq = fields.BigIntField()
    type = fields.CharField(max_length=64)
    payload = fields.TextField()
    """The event encoded as JSON (a msgspec Struct with a `type` tag)."""
    occurred_at = fields.DatetimeField()
    published_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:
        table = "realtime_outbox"
        unique_together = (("topic", "seq"),)


class AppendedEvent(msgspec.Struct, frozen=True):
    """An event just appended: what `append_events` answers (no ORM object to build)."""

    id: int
    topic: str
    seq: int
    type: str
    payload: str
    occurred_at: datetime


def event_type(event: msgspec.Struct) -> str:
    """The tag a tagged msgspec Struct is encoded with."""
    tag = type(event).__struct_config__.tag
    if not isinstance(tag, str):
        raise TypeError(f"{type(event).__name__} must be a tagged msgspec Struct")
    return tag


_Row = TypeVar("_Row")

# PostgreSQL takes arrays, so each statement's text is one and the same (asyncpg keeps it
# prepared). An INSERT ... ON CONFLICT DO UPDATE handles its rows in the order its SELECT
# gives them, waiting for each row's lock (or for a concurrent creator) in turn.
_POSTGRES_ADVANCE = """
INSERT INTO realtime_topic_sequence AS s (topic, last_seq, epoch)
SELECT u.topic, u.n, u.epoch
FROM unnest($1::varchar[], $2::bigint[], $3::varchar[]) AS u(topic, n, epoch)
ORDER BY u.topic
ON CONFLICT (topic) DO UPDATE SET last_seq = s.last_seq + excluded.last_seq
RETURNING s.topic, s.last_seq
"""
_POSTGRES_INSERT = """
INSERT INTO realtime_outbox (topic, seq, type, payload, occurred_at)
SELECT * FROM unnest($1::varchar[], $2::bigint[], $3::varchar[], $4::text[], $5::timestamptz[])
RETURNING id, topic, seq
"""
# SQLite: a writing transaction holds the whole database, so the order is moot there;
# rows go in chunks to stay far below its limit of bound variables per statement.
_SQLITE_CHUNK = 500
_SQLITE_ADVANCE = (
    "INSERT INTO realtime_topic_sequence (topic, last_seq, epoch) VALUES {rows} "
    "ON CONFLICT (topic) DO UPDATE SET last_seq = last_seq + excluded.last_seq "
    "RETURNING topic, last_seq"
)
_SQLITE_INSERT = (
    "INSERT INTO realtime_outbox (topic, seq, type, payload, occurred_at) VALUES {rows} "
    "RETURNING id, topic, seq"
)


async def append_event(event: msgspec.Struct, topics: Sequence[str]) -> list[AppendedEvent]:
    """Append `event` to each topic at its next position. Call inside the change's transaction."""
    return await append_events([(event, topics)])


async def append_events(
    items: Sequence[tuple[msgspec.Struct, Sequence[str]]],
) -> list[AppendedEvent]:
    """Append each event to each of its topics, in the order given. Call inside the
    change's transaction; returns the rows in that order (an event's repeated topics once).

    Events that share a topic take consecutive positions there, in the order given.
    Several calls in one transaction each lock their own topics in order; callers that
    make more than one call keep a common order of calls (or hold a lock that does), as
    `app.chat.rooms.lock_room` describes.
    """
    if any(not topics for _, topics in items):
        raise ValueError("an event needs at least one topic")
    now = datetime.now(UTC)
    planned: list[tuple[str, str, str]] = []  # (topic, type, payload) in the order given
    for event, topics in items:
        kind, payload = event_type(event), msgspec.json.encode(event).decode()
        planned.extend((topic, kind, payload) for topic in dict.fromkeys(topics))
    if not planned:
        return []
    counts = Counter(topic for topic, _, _ in planned)
    db = OutboxEvent._meta.db
    postgres = db.capabilities.dialect == "postgres"
    last = await (_advance_postgres if postgres else _advance_sqlite)(db, counts)
    next_seq = {topic: last[topic] - n + 1 for topic, n in counts.items()}
    rows = []
    for topic, kind, payload in planned:
        rows.append((topic, next_seq[topic], kind, payload))
        next_seq[topic] += 1
    ids = await (_insert_postgres if postgres else _insert_sqlite)(db, rows, now)
    return [
        AppendedEvent(ids[topic, seq], topic, seq, kind, payload, now)
        for topic, seq, kind, payload in rows
    ]


def _chunks(rows: Sequence[_Row]) -> Iterator[Sequence[_Row]]:
    for start in range(0, len(rows), _SQLITE_CHUNK):
        yield rows[start : start + _SQLITE_CHUNK]


def _new_epoch() -> str:
    return secrets.token_hex(4)


async def _advance_postgres(db: Any, counts: Counter[str]) -> dict[str, int]:
    topics = sorted(counts)
    found = await db.execute_query_dict(
        _POSTGRES_ADVANCE,
        [topics, [counts[t] for t in topics], [_new_epoch() for _ in topics]],
    )
    return {row["topic"]: int(row["last_seq"]) for row in found}


async def _advance_sqlite(db: Any, counts: Counter[str]) -> dict[str, int]:
    last: dict[str, int] = {}
    for chunk in _chunks(sorted(counts)):
        values: list[Any] = []
        for topic in chunk:
            values += [topic, counts[topic], _new_epoch()]
        sql = _SQLITE_ADVANCE.format(rows=", ".join(["(?, ?, ?)"] * len(chunk)))
        for row in await db.execute_query_dict(sql, values):
            last[row["topic"]] = int(row["last_seq"])
    return last


async def _insert_postgres(
    db: Any, rows: list[tuple[str, int, str, str]], now: datetime
) -> dict[tuple[str, int], int]:
    topics, seqs, kinds, payloads = (list(column) for column in zip(*rows, strict=True))
    found = await db.execute_query_dict(
        _POSTGRES_INSERT, [topics, seqs, kinds, payloads, [now] * len(rows)]
    )
    return {(row["topic"], int(row["seq"])): int(row["id"]) for row in found}


async def _insert_sqlite(
    db: Any, rows: list[tuple[str, int, str, str]], now: datetime
) -> dict[tuple[str, int], int]:
    ids: dict[tuple[str, int], int] = {}
    for chunk in _chunks(rows):
        values: list[Any] = []
        for row in chunk:
            values += [*row, now]
        sql = _SQLITE_INSERT.format(rows=", ".join(["(?, ?, ?, ?, ?)"] * len(chunk)))
        for found in await db.execute_query_dict(sql, values):
            ids[found["topic"], int(found["seq"])] = int(found["id"])
    return ids
