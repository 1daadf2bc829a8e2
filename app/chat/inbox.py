"""Reading rooms: a dealer's threads, a manager's inbox, one room, the unread badge.

Each read issues a fixed number of queries whatever the page size, and reads topic
positions before the rows, so a client that subscribes from them misses nothing. The
unread counts are read with their positions in one snapshot: a dealer's people add
`chat.activity` events to them (+1 each), which must not count what the rows hold.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

import msgspec
from tortoise.expressions import Q, Subquery

from app.accounts.actor import Actor, Permission
from app.chat.access import load_visible_room, scoped_rooms
from app.chat.events import dealer_chat_topic, user_topic
from app.chat.history import message_reads, room_topics
from app.chat.models import ChatMessage, ChatReadState, ChatRoom
from app.chat.schemas import RoomPage, RoomQuery, RoomRead, RoomUnread, UnreadSummary
from app.chat.unread import count_unread_in_rooms
from app.db import snapshot
from app.errors import InvalidInput
from app.orders.queries import topic_positions


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
    position = await topic_positions(unread_topics(actor))
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


def unread_topics(actor: Actor) -> list[str]:
    """Where the caller's unread counts change: a staff reader's own topic, one person's
    counts among many; a dealer person's dealers' chat topics, one event per message."""
    if actor.dealer_ids is None or actor.is_staff:
        return [user_topic(actor.person_id)]
    return [dealer_chat_topic(dealer_id) for dealer_id in sorted(actor.dealer_ids)]


async def unread_summary(actor: Actor) -> UnreadSummary:
    """The caller's unread messages per room and in total (the badge), with the positions
    of `unread_topics` they are as of."""
    actor.require(Permission.CHAT)
    async with snapshot():
        return await _unread_summary(actor)


async def _unread_summary(actor: Actor) -> UnreadSummary:
    position = await topic_positions(unread_topics(actor))
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
