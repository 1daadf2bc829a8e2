"""System messages: an order's status changes (and factory systems' notes) in its thread.

Called by the order service inside the transaction that changes the status, so the
message and its event commit (or roll back) with the change itself.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from app.chat.events import ChatMessagePosted, room_topic
from app.chat.history import message_read
from app.chat.models import AuthorSide, ChatMessage, ChatRoom, RoomKind
from app.chat.rooms import ensure_room, lock_room
from app.chat.schemas import MAX_BODY_CHARS, OrderStatusNote
from app.orders.models import Order, OrderStatus
from realtime.outbox import append_event


def status_text(note: OrderStatusNote) -> str:
    """The message's plain text (pages may render `system` in the reader's language instead)."""
    return f"Order {note.order_number}: {note.from_status or 'new'} → {note.to_status}"


async def post_order_status_message(
    order: Order,
    from_status: OrderStatus | None,
    to_status: OrderStatus,
    at: datetime,
    *,
    reason: str = "",
) -> ChatMessage:
    """Record an order's status change in its thread; call inside the change's transaction.

    System messages are history, not conversation: they count as unread for nobody and
    move neither the room's activity nor its "waiting since".
    """
    note = OrderStatusNote(
        order_id=order.id,
        order_number=order.number,
        from_status=from_status.value if from_status else None,
        to_status=to_status.value,
        reason=reason,
    )
    return await _post_system_message(order, status_text(note), at, msgspec.to_builtins(note))


async def post_order_note(order: Order, body: str, at: datetime) -> ChatMessage:
    """Record a note from a factory system (e.g. a deal's comment from the CRM) in the
    order's thread, as a system message; call inside the change's transaction."""
    return await _post_system_message(order, body[:MAX_BODY_CHARS], at, None)


async def _post_system_message(
    order: Order, body: str, at: datetime, system: dict[str, object] | None
) -> ChatMessage:
    created = await ensure_room(RoomKind.ORDER, order.dealer_id, order.id)
    room = await lock_room(created.id)
    message = await ChatMessage.create(
        room_id=room.id,
        seq=room.last_seq + 1,
        author_side=AuthorSide.SYSTEM,
        body=body,
        search_text=body.casefold(),
        system=system,
        created_at=at,
    )
    read = message_read(message, [], room, author_name="")
    [row] = await append_event(
        ChatMessagePosted(
            room_id=room.id, dealer_id=room.dealer_id, order_id=order.id, message=read
        ),
        [room_topic(room.id)],
    )
    await ChatRoom.filter(id=room.id).update(last_seq=message.seq)
    await ChatMessage.filter(id=message.id).update(position=row.seq)
    return message
