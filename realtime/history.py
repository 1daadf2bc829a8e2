"""Reading a topic's past: positions, epochs and the events after a position.

The outbox table is the history: it is written in the change's transaction, so it is
exactly what was committed, in position order, and it survives any Redis restart. It is
pruned by age and size (`prune`), never below `keep_last` events per topic.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import msgspec
from tortoise.exceptions import IntegrityError
from tortoise.functions import Max, Min

from realtime.outbox import OutboxEvent, TopicSequence

DEFAULT_RETENTION = timedelta(hours=24)
DEFAULT_KEEP_LAST = 1000


class StreamEvent(msgspec.Struct, frozen=True):
    """A committed event at its position on a topic."""

    topic: str
    seq: int
    type: str
    payload: str
    """The event as JSON text."""
    occurred_at: datetime


class TopicState(msgspec.Struct, frozen=True):
    """Where a topic's stream stands: its epoch and last position."""

    topic: str
    epoch: str
    position: int


def stored_time(value: datetime | str) -> datetime:
    """A stored time as an aware UTC datetime (SQLite gives text, PostgreSQL a datetime)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


async def topic_states(topics: Iterable[str], *, create: bool = False) -> dict[str, TopicState]:
    """Current epoch and position of topics; `create` gives unseen topics their epoch now."""
    wanted = list(dict.fromkeys(topics))
    # Plain tuples, not model instances: the hub's sweep asks about every topic it serves,
    # and building thousands of ORM objects stalled the event loop for a quarter second.
    states = {
        topic: TopicState(topic, epoch, position)
        for topic, epoch, position in await TopicSequence.filter(topic__in=wanted).values_list(
            "topic", "epoch", "last_seq"
        )
    }
    if create:
        for topic in wanted:
            if topic not in states:
                try:
                    row = await TopicSequence.create(
                        topic=topic, last_seq=0, epoch=secrets.token_hex(4)
                    )
                except IntegrityError:
                    row = await TopicSequence.get(topic=topic)
                states[topic] = TopicState(topic, row.epoch, row.last_seq)
    return states


_READ_AFTER = (
    "SELECT topic, seq, type, payload, occurred_at FROM realtime_outbox"
    " WHERE topic = {} AND seq > {} AND seq <= {} ORDER BY seq"
)
_NO_END = 1 << 62


async def read_after(topic: str, position: int, *, until: int | None = None) -> list[StreamEvent]:
    """Committed events with `position < seq <= until` (or to the end), oldest first.

    Plain SQL: a process that has just started serves a reconnect storm's resumes from
    here, and building ORM objects (with Tortoise's date parsing) cost more than the read.
    """
    db = OutboxEvent._meta.db
    marks = ("$1", "$2", "$3") if db.capabilities.dialect == "postgres" else ("?", "?", "?")
    rows = await db.execute_query_dict(
        _READ_AFTER.format(*marks), [topic, position, _NO_END if until is None else until]
    )
    return [
        StreamEvent(r["topic"], r["seq"], r["type"], r["payload"], stored_time(r["occurred_at"]))
        for r in rows
    ]


async def oldest_position(topic: str) -> int | None:
    """The first position still kept for a topic (None when nothing is kept)."""
    row = await OutboxEvent.filter(topic=topic).annotate(first=Min("seq")).first().values("first")
    return row["first"] if row else None


async def prune(
    *,
    retention: timedelta = DEFAULT_RETENTION,
    keep_last: int = DEFAULT_KEEP_LAST,
    now: datetime | None = None,
) -> int:
    """Forget published events older than `retention`, keeping each topic's last `keep_last`."""
    cutoff = (now or datetime.now(UTC)) - retention
    candidates = (
        await OutboxEvent.filter(occurred_at__lt=cutoff, published_at__not_isnull=True)
        .group_by("topic")
        .annotate(newest=Max("seq"))
        .values_list("topic", "newest")
    )
    removed = 0
    if not candidates:
        return 0
    lasts = dict(
        await TopicSequence.filter(topic__in=[t for t, _ in candidates]).values_list(
            "topic", "last_seq"
        )
    )
    for topic, newest_old in candidates:
        floor = min(newest_old, lasts.get(topic, 0) - keep_last)
        if floor > 0:
            removed += await OutboxEvent.filter(
                topic=topic, seq__lte=floor, occurred_at__lt=cutoff
            ).delete()
    return removed
