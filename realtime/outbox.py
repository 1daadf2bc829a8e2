"""Transactional outbox: events are appended in the same transaction as the change.

Each topic has a gapless sequence. The sequence row is updated (and so locked) by the
appending transaction, so two transactions writing to one topic commit in sequence
order: a reader that has seen position N never later finds a committed N-1.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

import msgspec
from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.models import Model
from tortoise.transactions import in_transaction


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


def event_type(event: msgspec.Struct) -> str:
    """The tag a tagged msgspec Struct is encoded with."""
    tag = type(event).__struct_config__.tag
    if not isinstance(tag, str):
        raise TypeError(f"{type(event).__name__} must be a tagged msgspec Struct")
    return tag


async def _next_position(topic: str) -> int:
    updated = await TopicSequence.filter(topic=topic).update(last_seq=F("last_seq") + 1)
    if not updated:
        try:
            async with in_transaction():  # a savepoint: a lost creation race is retried below
                await TopicSequence.create(topic=topic, last_seq=1, epoch=secrets.token_hex(4))
            return 1
        except IntegrityError:
            await TopicSequence.filter(topic=topic).update(last_seq=F("last_seq") + 1)
    row = await TopicSequence.get(topic=topic)
    return row.last_seq


async def append_event(event: msgspec.Struct, topics: Sequence[str]) -> list[OutboxEvent]:
    """Append `event` to each topic at its next position. Call inside the change's transaction."""
    if not topics:
        raise ValueError("an event needs at least one topic")
    payload = msgspec.json.encode(event).decode()
    kind = event_type(event)
    now = datetime.now(UTC)
    rows = []
    for topic in dict.fromkeys(topics):
        seq = await _next_position(topic)
        rows.append(
            await OutboxEvent.create(
                topic=topic, seq=seq, type=kind, payload=payload, occurred_at=now
            )
        )
    return rows
