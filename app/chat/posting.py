"""Posting to a room: a message, idempotent by `client_id`, with the files it claims.

A post locks the room's row first (`app.chat.rooms.lock_room` gives the lock order), then
writes the message, the room's summary columns, the unread counters and the events, all in
one transaction, whose statements do not grow with the room's readers: the events (the
message, a read mark, every reader's unread count) go to the outbox in one batch.
A retry of the same send, over HTTP or the websocket, finds the first message under the
room's lock and answers with it, so a lost answer never makes a second message.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

from app.accounts.actor import Actor
from app.chat.access import RoomMembers, load_visible_room, room_members, side_of
from app.chat.events import ChatMessagePosted, message_topic
from app.chat.history import attachment_read, message_read, message_reads
from app.chat.models import AuthorSide, ChatAttachment, ChatMessage, ChatRoom
from app.chat.read_marks import (
    _advance_read_marks,
    _side_mark,
    activity_event,
    read_event,
    unread_events,
)
from app.chat.schemas import MAX_BODY_CHARS, MessageCreate, MessageRead, SendAck
from app.chat.unread import add_message
from app.db import write
from app.errors import Forbidden, InvalidInput
from app.statements import fetch
from realtime.outbox import append_events


def _now() -> datetime:
    return datetime.now(UTC)


def clean_body(body: str, *, allow_empty: bool = False) -> str:
    """The message text trimmed, or InvalidInput when empty or too long."""
    text = body.strip()
    if not text and not allow_empty:
        raise InvalidInput("Write a message", code="empty", field="body")
    if len(text) > MAX_BODY_CHARS:
        raise InvalidInput(
            f"A message may hold at most {MAX_BODY_CHARS} characters", code="too_long", field="body"
        )
    return text


async def post_message(actor: Actor, room_id: int, data: MessageCreate) -> MessageRead:
    """Post to a room; a repeat with the same `client_id` returns the first message unchanged."""
    read, _ = await _post(actor, room_id, data)
    return read


async def send_message(actor: Actor, room_id: int, data: MessageCreate) -> SendAck:
    """Post, answering with the acknowledgement a websocket `chat.send` gets."""
    read, position = await _post(actor, room_id, data)
    return SendAck(
        message_id=read.id,
        room_id=read.room_id,
        seq=read.seq,
        topic=message_topic(read.room_id, read.internal),
        position=position,
        created_at=read.created_at,
        client_id=read.client_id,
    )


async def _post(actor: Actor, room_id: int, data: MessageCreate) -> tuple[MessageRead, int]:
    body = clean_body(data.body, allow_empty=bool(data.attachment_ids))
    if data.internal and not actor.is_staff:
        raise Forbidden("Only factory staff leave internal notes", code="staff_only")

    async def post() -> tuple[MessageRead, int]:
        room = await load_visible_room(actor, room_id, lock=True)
        # Under the lock, a concurrent retry of the same send has either committed or not begun.
        if earlier := await _sent_before(room.id, actor.person_id, data.client_id):
            return earlier
        members = await room_members(room)
        files = await _claim_attachments(actor, room.id, data.attachment_ids)
        return await _insert(actor, room, members, body, data, files)

    return await write(post)


_SENT_BEFORE = "SELECT id FROM chat_message WHERE room_id = ? AND author_id = ? AND client_id = ?"


async def _sent_before(
    room_id: int, author_id: int, client_id: str | None
) -> tuple[MessageRead, int] | None:
    if client_id is None:
        return None
    # Most sends are not retries: ask for the id alone, load the message only when found.
    found = await fetch(_SENT_BEFORE, [room_id, author_id, client_id])
    if not found:
        return None
    message = await ChatMessage.get(id=found[0]["id"]).select_related("author", "room")
    [read] = await message_reads([message], {room_id: message.room})
    return read, message.position


async def _claim_attachments(actor: Actor, room_id: int, ids: list[int]) -> list[ChatAttachment]:
    if not ids:
        return []
    wanted = list(dict.fromkeys(ids))
    rows = await ChatAttachment.filter(
        id__in=wanted, room_id=room_id, uploader_id=actor.person_id, message_id=None
    ).order_by("id")
    if len(rows) != len(wanted):
        raise InvalidInput(
            "Attach files you uploaded to this chat and have not sent yet",
            code="invalid_attachment",
            field="attachment_ids",
        )
    return list(rows)


async def _insert(
    actor: Actor,
    room: ChatRoom,
    members: RoomMembers,
    body: str,
    data: MessageCreate,
    files: list[ChatAttachment],
) -> tuple[MessageRead, int]:
    now, side = _now(), side_of(actor)
    was_empty = room.last_message_id is None
    # Writing reads the thread: the side's mark moves too, but readers are told only when
    # it passes messages written since (their own side's marks mean nothing to anyone).
    unseen_before = (room.last_public_message_id or 0) > _side_mark(room, side)
    message = await ChatMessage.create(
        room_id=room.id,
        seq=(room.last_note_seq if data.internal else room.last_seq) + 1,
        author_id=actor.person_id,
        author_side=side,
        body=body,
        search_text=body.casefold(),
        internal=data.internal,
        client_id=data.client_id,
        created_at=now,
    )
    if files:
        await ChatAttachment.filter(id__in=[f.id for f in files]).update(message_id=message.id)
    room.activity_at, room.last_message_id = now, message.id
    if data.internal:
        room.last_note_seq = message.seq
    else:
        room.last_seq = message.seq
        room.public_activity_at, room.last_public_message_id = now, message.id
        if side is AuthorSide.STAFF:
            room.waiting_since = None
        elif room.waiting_since is None:
            room.waiting_since = now
    read_advanced = _advance_read_marks(room, side, room.last_public_message_id or 0)
    await room.save(
        update_fields=[
            "last_seq",
            "last_note_seq",
            "activity_at",
            "last_message_id",
            "public_activity_at",
            "last_public_message_id",
            "waiting_since",
            "staff_read_message_id",
            "dealer_read_message_id",
        ]
    )
    counts = await add_message(message, members, room_was_empty=was_empty)
    read = message_read(
        message, [attachment_read(f) for f in files], room, author_name=actor.full_name
    )
    posted = ChatMessagePosted(
        room_id=room.id, dealer_id=room.dealer_id, order_id=room.order_id, message=read
    )
    events: list[tuple[msgspec.Struct, list[str]]] = [
        (posted, [message_topic(room.id, data.internal)])
    ]
    if read_advanced and unseen_before:
        events.append(read_event(room, actor.person_id, side))
    events += unread_events(room, members.staff, counts, message.id, "posted")
    if not data.internal:
        events.append(activity_event(room, message))
    row = (await append_events(events))[0]
    await ChatMessage.filter(id=message.id).update(position=row.seq)
    return read, row.seq
