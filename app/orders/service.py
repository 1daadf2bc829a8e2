"""Changing orders: drafts, the lifecycle and production units.

Every change runs in one transaction that also writes its audit entry and appends its
events to the outbox, so either all of it happens or none of it does.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import TypedDict

from app.accounts import audit
from app.accounts.actor import Actor, Permission
from app.catalog.schemas import UnitPrice
from app.catalog.service import dealer_unit_prices
from app.chat.system import post_order_status_message
from app.errors import Conflict, InvalidInput
from app.orders.events import (
    OrderCreated,
    OrderDeleted,
    OrderStatusChanged,
    OrderUpdated,
    board_topic,
    order_topic,
)
from app.orders.models import (
    Order,
    OrderItem,
    OrderStatus,
    OrderStatusChange,
)
from app.orders.queries import get_order, load_visible_order
from app.orders.rules import mover_for
from app.orders.schemas import ItemInput, OrderCreate, OrderDetail, OrderUpdate
from app.orders.state import (
    EDITABLE,
    Mover,
    may_transition,
)
from realtime.outbox import append_event
from realtime.relay import transaction

MAX_PIECES_PER_ORDER = 10_000
"""Each piece becomes a production unit; a bigger order should be split."""


def _now() -> datetime:
    return datetime.now(UTC)


def order_topics(order: Order) -> list[str]:
    return [board_topic(order.dealer_id), order_topic(order.id)]


class EventHead(TypedDict):
    """The fields every order event starts with."""

    order_id: int
    number: str
    dealer_id: int
    version: int
    at: datetime


def event_head(order: Order) -> EventHead:
    """The common head of an order's events, from its current row."""
    return {
        "order_id": order.id,
        "number": order.number,
        "dealer_id": order.dealer_id,
        "version": order.version,
        "at": order.updated_at,
    }


async def _price_lines(dealer_id: int, items: list[ItemInput]) -> list[tuple[ItemInput, UnitPrice]]:
    prices = await dealer_unit_prices(dealer_id, {i.shipment_unit_id for i in items})
    lines = []
    for index, item in enumerate(items):
        price = prices.get(item.shipment_unit_id)
        if price is None:
            raise InvalidInput(
                "This product is not available to the dealer",
                code="unavailable",
                field=f"items[{index}].shipment_unit_id",
            )
        lines.append((item, price))
    if sum(item.quantity * price.multiplicity for item, price in lines) > MAX_PIECES_PER_ORDER:
        raise InvalidInput(
            f"An order may hold at most {MAX_PIECES_PER_ORDER} pieces; split it",
            code="too_many_pieces",
            field="items",
        )
    return lines


async def _replace_items(order: Order, lines: list[tuple[ItemInput, UnitPrice]]) -> int:
    await OrderItem.filter(order_id=order.id).delete()
    await OrderItem.bulk_create(
        [
            OrderItem(
                order_id=order.id,
                position=position,
                product_id=price.product_id,
                shipment_unit_id=item.shipment_unit_id,
                quantity=item.quantity,
                unit_price_kopecks=price.unit_price_kopecks,
                comment=item.comment,
            )
            for position, (item, price) in enumerate(lines, start=1)
        ]
    )
    return sum(item.quantity * price.unit_price_kopecks for item, price in lines)


def _dealer_for_new_order(actor: Actor, dealer_id: int | None) -> int:
    actor.require(Permission.PLACE_ORDERS)
    chosen = dealer_id or actor.active_dealer_id
    if chosen is None:
        raise InvalidInput("Choose the dealer to order for", field="dealer_id")
    actor.require_dealer(chosen, field="dealer_id")
    return chosen


async def _create(
    actor: Actor,
    dealer_id: int,
    comment: str,
    lines: list[tuple[ItemInput, UnitPrice]],
    copied_from: int | None = None,
) -> Order:
    now = _now()
    async with transaction():
        order = await Order.create(
            number=f"new-{secrets.token_hex(6)}",
            dealer_id=dealer_id,
            created_by_id=actor.person_id,
            comment=comment,
            created_at=now,
            updated_at=now,
        )
        order.number = f"{order.id:06d}"
        order.total_kopecks = await _replace_items(order, lines)
        await order.save(update_fields=["number", "total_kopecks"])
        await append_event(
            OrderCreated(
                **event_head(order),
                created_by_id=actor.person_id,
                total_kopecks=order.total_kopecks,
                item_count=len(lines),
                copied_from=copied_from,
            ),
            order_topics(order),
        )
        await audit.record(
            actor,
            "order.create",
            "order",
            order.id,
            dealer_id=dealer_id,
            after={"number": order.number, "items": len(lines), "copied_from": copied_from},
        )
    return order


async def create_draft(actor: Actor, data: OrderCreate) -> OrderDetail:
    """Start a draft for the active dealer (or a subsidiary of a holding it acts for)."""
    dealer_id = _dealer_for_new_order(actor, data.dealer_id)
    lines = await _price_lines(dealer_id, data.items)
    order = await _create(actor, dealer_id, data.comment, lines)
    return await get_order(actor, order.id)


async def copy_order(actor: Actor, order_id: int) -> OrderDetail:
    """A new draft with the same lines at today's prices; unavailable lines are dropped."""
    source = await load_visible_order(actor, order_id)
    dealer_id = _dealer_for_new_order(actor, source.dealer_id)
    items = await OrderItem.filter(order_id=source.id).order_by("position")
    prices = await dealer_unit_prices(dealer_id, {i.shipment_unit_id for i in items})
    inputs = [
        ItemInput(shipment_unit_id=i.shipment_unit_id, quantity=i.quantity, comment=i.comment)
        for i in items
        if i.shipment_unit_id in prices
    ]
    if not inputs:
        raise InvalidInput("None of the order's products is available any more", code="unavailable")
    lines = await _price_lines(dealer_id, inputs)
    order = await _create(actor, dealer_id, source.comment, lines, copied_from=source.id)
    return await get_order(actor, order.id)


async def _load_draft(actor: Actor, order_id: int) -> Order:
    actor.require(Permission.PLACE_ORDERS)
    order = await load_visible_order(actor, order_id, for_update=True)
    if order.status not in EDITABLE:
        raise Conflict("Only a draft can be changed", code="not_editable")
    return order


async def update_draft(actor: Actor, order_id: int, data: OrderUpdate) -> OrderDetail:
    """Change a draft's comment or replace its lines."""
    async with transaction():
        order = await _load_draft(actor, order_id)
        before = {"comment": order.comment, "total_kopecks": order.total_kopecks}
        if data.items is not None:
            order.total_kopecks = await _replace_items(
                order, await _price_lines(order.dealer_id, data.items)
            )
        if data.comment is not None:
            order.comment = data.comment
        order.version += 1
        order.updated_at = _now()
        await order.save(update_fields=["comment", "total_kopecks", "version", "updated_at"])
        item_count = await OrderItem.filter(order_id=order.id).count()
        await append_event(
            OrderUpdated(
                **event_head(order), total_kopecks=order.total_kopecks, item_count=item_count
            ),
            order_topics(order),
        )
        await audit.record(
            actor,
            "order.update",
            "order",
            order.id,
            dealer_id=order.dealer_id,
            before=before,
            after={"comment": order.comment, "total_kopecks": order.total_kopecks},
        )
    return await get_order(actor, order.id)


async def delete_draft(actor: Actor, order_id: int) -> None:
    """Throw a draft away."""
    async with transaction():
        order = await _load_draft(actor, order_id)
        order.version += 1
        order.updated_at = _now()
        await append_event(OrderDeleted(**event_head(order)), order_topics(order))
        await audit.record(
            actor,
            "order.delete",
            "order",
            order.id,
            dealer_id=order.dealer_id,
            before={"number": order.number, "total_kopecks": order.total_kopecks},
        )
        await order.delete()


async def transition(
    order: Order,
    target: OrderStatus,
    actor: Actor | None,
    mover: Mover,
    *,
    reason: str = "",
    by_system: str | None = None,
    **changes: object,
) -> None:
    """Move the order along its lifecycle: row, history, events, chat note and audit in one go.

    Call inside the change's transaction; the order's chat thread gets a system message.
    `by_system` names a system acting without a person (default: "production" for the
    transitions the units imply).
    """
    source = order.status
    if not may_transition(source, target, mover):
        raise Conflict(f"An order cannot go from {source} to {target}", code="invalid_transition")
    now = _now()
    updated = await Order.filter(id=order.id, status=source).update(
        status=target, version=order.version + 1, updated_at=now, **changes
    )
    if not updated:
        raise Conflict("The order was changed meanwhile; reload it", code="stale")
    order.status, order.version, order.updated_at = target, order.version + 1, now
    if by_system is None:
        by_system = "production" if mover is Mover.SYSTEM else ""
    person_id = actor.person_id if actor else None
    await OrderStatusChange.create(
        order_id=order.id,
        from_status=source,
        to_status=target,
        at=now,
        by_person_id=person_id,
        by_system=by_system,
        reason=reason,
    )
    await append_event(
        OrderStatusChanged(
            **event_head(order),
            from_status=source,
            to_status=target,
            by_person_id=person_id,
            by_system=by_system,
            reason=reason,
            total_kopecks=order.total_kopecks,
        ),
        order_topics(order),
    )
    await post_order_status_message(order, source, target, now, reason=reason)
    await audit.record(
        actor,
        f"order.{target.value}",
        "order",
        order.id,
        dealer_id=order.dealer_id,
        before={"status": source.value},
        after={"status": target.value, "reason": reason},
    )


async def submit_order(actor: Actor, order_id: int) -> OrderDetail:
    """Send a draft to the factory; prices are fixed at this moment."""
    actor.require(Permission.PLACE_ORDERS)
    async with transaction():
        order = await load_visible_order(actor, order_id, for_update=True)
        if not may_transition(order.status, OrderStatus.SUBMITTED, mover_for(actor)):
            raise Conflict(
                f"An order cannot go from {order.status} to submitted", code="invalid_transition"
            )
        items = await OrderItem.filter(order_id=order.id).order_by("position")
        prices = await dealer_unit_prices(order.dealer_id, {i.shipment_unit_id for i in items})
        for index, item in enumerate(items):
            if item.shipment_unit_id not in prices:
                raise InvalidInput(
                    "This product is no longer available; edit the draft",
                    code="unavailable",
                    field=f"items[{index}].shipment_unit_id",
                )
            item.unit_price_kopecks = prices[item.shipment_unit_id].unit_price_kopecks
        await OrderItem.bulk_update(items, fields=["unit_price_kopecks"])
        order.total_kopecks = sum(i.quantity * i.unit_price_kopecks for i in items)
        order.submitted_at = _now()
        await transition(
            order,
            OrderStatus.SUBMITTED,
            actor,
            mover_for(actor),
            total_kopecks=order.total_kopecks,
            submitted_at=order.submitted_at,
        )
    return await get_order(actor, order.id)


async def cancel_order(actor: Actor, order_id: int, reason: str) -> OrderDetail:
    """Cancel with a reason; dealers only before confirmation, the factory until production ends."""
    if not actor.is_staff:
        actor.require(Permission.PLACE_ORDERS)
    async with transaction():
        order = await load_visible_order(actor, order_id, for_update=True)
        await transition(
            order,
            OrderStatus.CANCELLED,
            actor,
            mover_for(actor),
            reason=reason,
            cancel_reason=reason,
        )
    return await get_order(actor, order.id)
