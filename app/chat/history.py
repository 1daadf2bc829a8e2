"""Reading messages: a room's history, one message, and the shape a message is read in.

Each read issues a fixed number of queries whatever the page size, and reads topic
positions before the rows, so a client that subscribes from them misses nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import msgspec

from app.accounts.actor import Actor, Permission
from app.chat.access import load_visible_room, visible_messages
from app.chat.events import room_topic, staff_topic
from app.chat.models import ChatAttachment, ChatMessage, ChatReadState, ChatRoom
from app.chat.schemas import AttachmentRead, MessagePage, MessageRead, OrderStatusNote
from app.errors import NotFound
from app.orders.queries import topic_positions


def attachment_read(a: ChatAttachment) -> AttachmentRead:
    """An attachment row as its API shape."""
    return AttachmentRead(
        id=a.id,
        filename=a.filename,
        content_type=a.content_type,
        size=a.size,
        created_at=a.created_at,
    )


def message_read(
    m: ChatMessage,
    attachments: list[AttachmentRead],
    room: ChatRoom | None = None,
    *,
    author_name: str | None = None,
) -> MessageRead:
    """A message row (with `author` fetched, unless `author_name` is given) as readers see it."""
    deleted = m.deleted_at is not None
    if author_name is None:
        author_name = m.author.full_name if m.author_id and m.author else ""
    return MessageRead(
        id=m.id,
        room_id=m.room_id,
        seq=m.seq,
        author_id=m.author_id,
        author_name=author_name,
        author_side=m.author_side,
        body="" if deleted else m.body,
        internal=m.internal,
        client_id=m.client_id,
        created_at=m.created_at,
        edited_at=m.edited_at,
        deleted_at=m.deleted_at,
        attachments=[] if deleted else attachments,
        system=msgspec.convert(m.system, OrderStatusNote) if m.system else None,
        read_by_staff=room is not None and m.id <= room.staff_read_message_id,
        read_by_dealer=room is not None and m.id <= room.dealer_read_message_id,
    )


async def message_reads(
    messages: Iterable[ChatMessage], rooms: dict[int, ChatRoom] | None = None
) -> list[MessageRead]:
    """Messages (with `author` fetched) with their attachments, in one more query."""
    messages = list(messages)
    files: dict[int, list[AttachmentRead]] = defaultdict(list)
    if messages:
        ids = [m.id for m in messages]
        for a in await ChatAttachment.filter(message_id__in=ids).order_by("id"):
            files[a.message_id or 0].append(attachment_read(a))
    rooms = rooms or {}
    return [message_read(m, files[m.id], rooms.get(m.room_id)) for m in messages]


def room_topics(actor: Actor, room_id: int) -> list[str]:
    """The topics the actor follows for a room."""
    topics = [room_topic(room_id)]
    return [*topics, staff_topic(room_id)] if actor.is_staff else topics


async def list_messages(
    actor: Actor, room_id: int, *, before: int | None = None, limit: int = 50
) -> MessagePage:
    """One page of a room's history, older than `before` (a message id), oldest first."""
    room = await load_visible_room(actor, room_id)
    position = await topic_positions(room_topics(actor, room.id))
    query = visible_messages(actor).filter(room_id=room.id)
    if before is not None:
        query = query.filter(id__lt=before)
    rows = await query.select_related("author").order_by("-id").limit(limit + 1)
    page = list(reversed(rows[:limit]))
    mark = await ChatReadState.filter(room_id=room.id, person_id=actor.person_id).first()
    return MessagePage(
        items=await message_reads(page, {room.id: room}),
        next_before=page[0].id if len(rows) > limit else None,
        last_read_message_id=mark.last_read_message_id if mark else 0,
        staff_read_message_id=room.staff_read_message_id,
        dealer_read_message_id=room.dealer_read_message_id,
        position=position,
    )


async def get_message(actor: Actor, message_id: int) -> MessageRead:
    """One message the actor may see."""
    actor.require(Permission.CHAT)
    m = await visible_messages(actor).filter(id=message_id).select_related("author", "room").first()
    if m is None:
        raise NotFound("Message not found")
    [read] = await message_reads([m], {m.room_id: m.room})
    return read
