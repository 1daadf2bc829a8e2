"""Reading chat: rooms (the dealer's list, the manager's inbox), history, search, unread.

Each read issues a fixed number of queries whatever the page size, and reads topic
positions before the rows, so a client that subscribes from them misses nothing.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from typing import Any

import msgspec
from tortoise.expressions import Q, Subquery

from app.accounts.actor import Actor, Permission
from app.chat.access import load_visible_room, scoped_rooms, visible_messages
from app.chat.events import room_topic, staff_topic, user_topic
from app.chat.models import ChatAttachment, ChatMessage, ChatReadState, ChatRoom
from app.chat.schemas import (
    AttachmentRead,
    MessagePage,
    MessageRead,
    OrderStatusNote,
    RoomPage,
    RoomQuery,
    RoomRead,
    RoomUnread,
    SearchHit,
    SearchPage,
    UnreadSummary,
)
from app.chat.storage import attachment_storage
from app.chat.unread import count_unread_in_rooms
from app.errors import InvalidInput, NotFound
from app.orders.queries import topic_positions

MAX_SEARCH_CHARS = 200


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


def _activity_field(actor: Actor) -> str:
    return "activity_at" if actor.is_staff else "public_activity_at"


def _encode_cursor(at: datetime, room_id: int) -> str:
    raw = msgspec.json.encode([at, room_id])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return msgspec.json.decode(raw, type=tuple[datetime, int])
    except (ValueError, msgspec.DecodeError) as exc:
        raise InvalidInput("Invalid cursor", field="cursor") from exc


def _with_conversation(actor: Actor) -> Q:
    return (
        Q(last_message_id__isnull=False)
        if actor.is_staff
        else Q(last_public_message_id__isnull=False)
    )


async def list_rooms(actor: Actor, q: RoomQuery) -> RoomPage:
    """The caller's rooms, newest activity first: a dealer's threads or a manager's inbox."""
    actor.require(Permission.CHAT)
    position = await topic_positions([user_topic(actor.person_id)])
    # Rooms nobody has written in yet (an order's thread holding only status changes, a
    # thread opened and left empty) would bury the conversations.
    query = scoped_rooms(actor).filter(_with_conversation(actor))
    if q.dealer_id is not None:
        actor.require_dealer(q.dealer_id, field="dealer_id")
        query = query.filter(dealer_id=q.dealer_id)
    if q.kind is not None:
        query = query.filter(kind=q.kind)
    if q.show == "waiting":
        query = query.filter(waiting_since__isnull=False)
    elif q.show == "unread":
        mine = ChatReadState.filter(person_id=actor.person_id)
        query = query.filter(
            Q(id__in=Subquery(mine.filter(unread__gt=0).values("room_id")))
            | ~Q(id__in=Subquery(mine.values("room_id")))
        )
    field = _activity_field(actor)
    if q.cursor:
        at, last_id = _decode_cursor(q.cursor)
        older: dict[str, Any] = {f"{field}__lt": at}
        same_time: dict[str, Any] = {field: at, "id__lt": last_id}
        query = query.filter(Q(**older) | Q(**same_time))
    rows = (
        await query.select_related("dealer", "order")
        .order_by(f"-{field}", "-id")
        .limit(q.limit + 1)
    )
    page = rows[: q.limit]
    next_cursor = None
    if len(rows) > q.limit:
        next_cursor = _encode_cursor(getattr(page[-1], field), page[-1].id)
    return RoomPage(
        items=await _room_reads(actor, page), next_cursor=next_cursor, position=position
    )


async def get_room(actor: Actor, room_id: int) -> RoomRead:
    """One room as the caller sees it."""
    room = await load_visible_room(actor, room_id, related=True)
    [read] = await _room_reads(actor, [room])
    return read


async def _room_reads(actor: Actor, rooms: list[ChatRoom]) -> list[RoomRead]:
    ids = [r.id for r in rooms]
    states = (
        {
            s.room_id: s
            for s in await ChatReadState.filter(person_id=actor.person_id, room_id__in=ids)
        }
        if ids
        else {}
    )
    missing = [r.id for r in rooms if r.id not in states]
    fresh = await count_unread_in_rooms(missing, actor.person_id, staff=actor.is_staff)
    last_ids = [
        i
        for r in rooms
        if (i := r.last_message_id if actor.is_staff else r.last_public_message_id) is not None
    ]
    last = (
        {m.id: m for m in await ChatMessage.filter(id__in=last_ids).select_related("author")}
        if last_ids
        else {}
    )
    reads = {m.id: m for m in await message_reads(last.values(), {r.id: r for r in rooms})}
    answer = []
    for r in rooms:
        state = states.get(r.id)
        last_id = r.last_message_id if actor.is_staff else r.last_public_message_id
        answer.append(
            RoomRead(
                id=r.id,
                kind=r.kind,
                dealer_id=r.dealer_id,
                dealer_name=r.dealer.legal_name,
                order_id=r.order_id,
                order_number=r.order.number if r.order_id and r.order else None,
                created_at=r.created_at,
                activity_at=r.activity_at if actor.is_staff else r.public_activity_at,
                last_message=reads.get(last_id) if last_id else None,
                unread=state.unread if state else fresh.get(r.id, 0),
                last_read_message_id=state.last_read_message_id if state else 0,
                waiting_since=r.waiting_since,
                staff_read_message_id=r.staff_read_message_id,
                dealer_read_message_id=r.dealer_read_message_id,
                topics=room_topics(actor, r.id),
            )
        )
    return answer


async def unread_summary(actor: Actor) -> UnreadSummary:
    """The caller's unread messages per room and in total (the badge)."""
    actor.require(Permission.CHAT)
    position = await topic_positions([user_topic(actor.person_id)])
    mine = ChatReadState.filter(person_id=actor.person_id)
    if actor.dealer_ids is not None:
        mine = mine.filter(room__dealer_id__in=list(actor.dealer_ids))
    rows = await mine.filter(unread__gt=0).values_list("room_id", "unread", "last_read_message_id")
    never_read = await (
        scoped_rooms(actor)
        .filter(_with_conversation(actor))
        .exclude(id__in=Subquery(ChatReadState.filter(person_id=actor.person_id).values("room_id")))
        .values_list("id", flat=True)
    )
    fresh = await count_unread_in_rooms(list(never_read), actor.person_id, staff=actor.is_staff)
    rooms = [RoomUnread(room_id=r, unread=n, last_read_message_id=m) for r, n, m in rows]
    rooms += [
        RoomUnread(room_id=r, unread=n, last_read_message_id=0) for r, n in fresh.items() if n
    ]
    rooms.sort(key=lambda r: r.room_id)
    return UnreadSummary(total=sum(r.unread for r in rooms), rooms=rooms, position=position)


async def open_attachment(
    actor: Actor, attachment_id: int
) -> tuple[AttachmentRead, AsyncIterator[bytes]]:
    """An attachment the caller may read now, with its content; the 404 of a missing one else.

    Checked on every download: the room must be within the caller's reach, and the file
    either sent with a message the caller sees (not deleted; internal notes for staff) or
    uploaded by the caller and not sent yet.
    """
    actor.require(Permission.CHAT)
    query = ChatAttachment.filter(id=attachment_id)
    if actor.dealer_ids is not None:
        query = query.filter(room__dealer_id__in=list(actor.dealer_ids))
    row = await query.select_related("message").first()
    if row is None or not _may_download(actor, row):
        raise NotFound("File not found")
    try:
        content = await attachment_storage().open(row.storage_key)
    except FileNotFoundError as exc:
        raise NotFound("File not found") from exc
    return attachment_read(row), content


def _may_download(actor: Actor, row: ChatAttachment) -> bool:
    message = row.message
    if message is None:
        return row.uploader_id == actor.person_id
    return message.deleted_at is None and (actor.is_staff or not message.internal)


async def search_messages(
    actor: Actor,
    text: str,
    *,
    room_id: int | None = None,
    before: int | None = None,
    limit: int = 20,
) -> SearchPage:
    """Messages containing `text` (any case, any script) in the caller's rooms, newest first."""
    actor.require(Permission.CHAT)
    needle = text.strip().casefold()
    if not needle or len(needle) > MAX_SEARCH_CHARS:
        raise InvalidInput(f"Search for 1 to {MAX_SEARCH_CHARS} characters", field="q")
    query: Any = visible_messages(actor).filter(deleted_at=None, search_text__contains=needle)
    if room_id is not None:
        query = query.filter(room_id=room_id)
    if before is not None:
        query = query.filter(id__lt=before)
    rows = (
        await query.select_related("author", "room", "room__dealer", "room__order")
        .order_by("-id")
        .limit(limit + 1)
    )
    page = rows[:limit]
    reads = await message_reads(page, {m.room_id: m.room for m in page})
    items = [
        SearchHit(
            message=read,
            room_kind=m.room.kind,
            dealer_id=m.room.dealer_id,
            dealer_name=m.room.dealer.legal_name,
            order_id=m.room.order_id,
            order_number=m.room.order.number if m.room.order_id and m.room.order else None,
        )
        for m, read in zip(page, reads, strict=True)
    ]
    return SearchPage(items=items, next_before=page[-1].id if len(rows) > limit else None)
