"""Opening rooms: a dealer's general thread and an order's thread, created on first use."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise.exceptions import IntegrityError

from app.accounts.actor import Actor, Permission
from app.accounts.models import Dealer
from app.chat.inbox import get_room
from app.chat.models import ChatRoom, RoomKind
from app.chat.schemas import RoomRead
from app.errors import InvalidInput, NotFound
from app.orders.queries import load_visible_order
from realtime.relay import transaction


def room_key(kind: RoomKind, object_id: int) -> str:
    """The unique name of a room: one per dealer, one per order."""
    return f"{kind.value}:{object_id}"


async def ensure_room(kind: RoomKind, dealer_id: int, order_id: int | None = None) -> ChatRoom:
    """The room, created now if it does not exist yet (safe against a concurrent creator)."""
    key = room_key(kind, order_id if kind is RoomKind.ORDER and order_id else dealer_id)
    room = await ChatRoom.get_or_none(key=key)
    if room is not None:
        return room
    now = datetime.now(UTC)
    try:
        # Inside a caller's transaction this is a savepoint, so a lost race costs nothing.
        async with transaction():
            return await ChatRoom.create(
                key=key,
                kind=kind,
                dealer_id=dealer_id,
                order_id=order_id,
                created_at=now,
                activity_at=now,
                public_activity_at=now,
            )
    except IntegrityError:
        return await ChatRoom.get(key=key)


async def lock_room(room_id: int) -> ChatRoom:
    """The room row, locked until the transaction ends: every write to a room starts here
    (or at `app.chat.access.load_visible_room(..., lock=True)`, which checks and locks).

    The lock order is always: room row, then the topics of the change's events, taken all
    at once by one `realtime.outbox.append_events` (in ascending topic order), so
    concurrent writers never deadlock. PostgreSQL locks the row;
    SQLite's transactions take the write lock at BEGIN anyway.
    """
    room = await ChatRoom.filter(id=room_id).select_for_update().first()
    if room is None:
        raise NotFound("Chat not found", field="room_id")
    return room


async def open_dealer_room(actor: Actor, dealer_id: int | None = None) -> RoomRead:
    """The dealer's "chat with the manager" (the active dealer's unless one is named)."""
    actor.require(Permission.CHAT)
    chosen = dealer_id or actor.active_dealer_id
    if chosen is None:
        raise InvalidInput("Choose the dealer whose chat to open", field="dealer_id")
    actor.require_dealer(chosen, field="dealer_id")
    if not await Dealer.exists(id=chosen, is_active=True):
        raise NotFound("Dealer not found", field="dealer_id")
    room = await ensure_room(RoomKind.DEALER, chosen)
    return await get_room(actor, room.id)


async def open_order_room(actor: Actor, order_id: int) -> RoomRead:
    """The thread of one order the actor may see."""
    actor.require(Permission.CHAT)
    order = await load_visible_order(actor, order_id)
    room = await ensure_room(RoomKind.ORDER, order.dealer_id, order.id)
    return await get_room(actor, room.id)
