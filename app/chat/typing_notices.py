"""Typing notices: "… is typing" for a room's readers, published at most every few seconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec

from app.accounts.actor import Actor
from app.chat.access import load_visible_room, side_of
from app.chat.events import ChatTyping, message_topic
from app.db import write
from app.errors import Forbidden
from realtime.outbox import OutboxEvent, append_event

TYPING_SECONDS = 6
"""How long a typing indicator shows after one notice."""
TYPING_REPEAT_SECONDS = 2.0
"""A person's notices in one room closer together than this are not published again."""


def _now() -> datetime:
    return datetime.now(UTC)


async def send_typing(actor: Actor, room_id: int, *, internal: bool = False) -> None:
    """The caller is typing in the room (an internal note when `internal`): tell its readers.

    A notice within TYPING_REPEAT_SECONDS of the person's last one there is answered but
    not published again (checked against the topic's history, so in every process).
    """
    if internal and not actor.is_staff:
        raise Forbidden("Only factory staff leave internal notes", code="staff_only")
    room = await load_visible_room(actor, room_id)
    topic = message_topic(room.id, internal)
    if await _typed_recently(topic, actor.person_id):
        return
    notice = ChatTyping(
        room_id=room.id,
        person_id=actor.person_id,
        person_name=actor.full_name,
        side=side_of(actor),
        internal=internal,
        until=_now() + timedelta(seconds=TYPING_SECONDS),
    )
    await write(lambda: append_event(notice, [topic]))


async def _typed_recently(topic: str, person_id: int) -> bool:
    last = await OutboxEvent.filter(topic=topic, type="chat.typing").order_by("-seq").first()
    if last is None or _now() - last.occurred_at > timedelta(seconds=TYPING_REPEAT_SECONDS):
        return False
    return msgspec.json.decode(last.payload, type=ChatTyping).person_id == person_id
