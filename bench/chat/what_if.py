"""What-ifs for the chat's per-reader `chat.unread_changed` events, put in from outside.

`app.chat.read_marks.announce_unread` (called by `app.chat.posting._insert`) appends one
event per reader whose counter changed,
each with `realtime.outbox.append_event`: three statements per reader (advance the
topic's sequence, read it back, insert the event), 39 for a room with 13 readers, all
inside the message's transaction and holding each reader's topic row until it commits.

- `no-unread-events`: nobody is told (counters are still kept): what the events cost.
- `batched-unread-events`: the same events, appended in one batch: one UPDATE advancing
  every reader's sequence, one SELECT reading them back, one multi-row INSERT. This is
  the fix proposed in docs/benchmarks.md ("Chat"), measured before anyone writes it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
from tortoise.expressions import F

from app.chat.events import ChatUnreadChanged, UnreadReason, user_topic
from app.chat.models import ChatRoom
from realtime.outbox import OutboxEvent, TopicSequence, append_event, event_type

WHAT_IFS = ("no-unread-events", "batched-unread-events")
ENVIRONMENT = "BENCH_CHAT_WHAT_IF"
"""The server reads the what-if from this variable (empty: the application as it is)."""


async def no_unread_events(*args: Any, **kwargs: Any) -> None:
    """Nobody is told that their unread count changed."""


async def batched_unread_events(
    room: ChatRoom,
    staff: frozenset[int],
    counts: dict[int, tuple[int, int]],
    message_id: int | None,
    reason: UnreadReason,
) -> None:
    """`announce_unread` with its appends batched: 3 statements whatever the readers."""
    events = {
        user_topic(person): ChatUnreadChanged(
            room_id=room.id,
            unread=unread,
            last_read_message_id=last_read,
            activity_at=room.activity_at if person in staff else room.public_activity_at,
            waiting_since=room.waiting_since,
            message_id=message_id,
            reason=reason,
        )
        for person, (unread, last_read) in sorted(counts.items())
    }
    if not events:
        return
    topics = list(events)
    # One UPDATE takes the rows in the primary key's order: the same order in every
    # transaction, so two messages touching the same readers cannot deadlock.
    await TopicSequence.filter(topic__in=topics).update(last_seq=F("last_seq") + 1)
    positions = dict(await TopicSequence.filter(topic__in=topics).values_list("topic", "last_seq"))
    now = datetime.now(UTC)
    kind = event_type(next(iter(events.values())))
    await OutboxEvent.bulk_create(
        [
            OutboxEvent(
                topic=topic,
                seq=positions[topic],
                type=kind,
                payload=msgspec.json.encode(event).decode(),
                occurred_at=now,
            )
            for topic, event in events.items()
            if topic in positions
        ]
    )
    for topic, event in events.items():
        if topic not in positions:  # the reader's first event: the usual path creates it
            await append_event(event, [topic])
