"""Changes to an order that come from a factory system (the CRM), not from a person.

They go through the same lifecycle and rules as a person's changes: a system acts as the
factory's staff would (it may confirm or cancel, never set a production status by hand),
is named in the history by `by_system`, and its change writes the order's events and audit
entry in the caller's transaction. A change the rules forbid raises, changing nothing.

What a deal's product rows may change, by order status:
- submitted: quantities, unit prices, and removing lines (at least one line stays);
- confirmed: unit prices only (production units were planned from the quantities);
- later: nothing (the order is in production or done).
Lines are never added from outside: a product the cabinet does not know has no price list.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

from app.accounts import audit
from app.errors import Conflict, InvalidInput
from app.orders.events import OrderUpdated
from app.orders.models import Order, OrderItem, OrderStatus
from app.orders.production import plan_production
from app.orders.service import MAX_PIECES_PER_ORDER, event_head, order_topics, transition
from app.orders.state import Mover
from realtime.outbox import append_event


class LineTerms(msgspec.Struct, frozen=True):
    """What an outside system wants one line of the order to be."""

    quantity: int
    unit_price_kopecks: int


async def move_order_by_system(
    order: Order, target: OrderStatus, *, by_system: str, reason: str = ""
) -> None:
    """Move a locked order to `target` as the factory's staff would; call in a transaction.

    Confirming plans production as a person's confirmation does; cancelling keeps the reason.
    """
    if target is OrderStatus.CANCELLED:
        await transition(
            order,
            target,
            None,
            Mover.STAFF,
            reason=reason,
            by_system=by_system,
            cancel_reason=reason,
        )
        return
    await transition(order, target, None, Mover.STAFF, reason=reason, by_system=by_system)
    if target is OrderStatus.CONFIRMED:
        await plan_production(order, None, by_system=by_system)


async def change_lines_by_system(
    order: Order, wanted: dict[int, LineTerms], *, by_system: str
) -> bool:
    """Make a locked order's lines what `wanted` (by line position) says; call in a
    transaction. Lines missing from `wanted` are removed. Returns whether anything changed.
    """
    items = await OrderItem.filter(order_id=order.id).select_related("shipment_unit")
    by_position = {item.position: item for item in items}
    unknown = sorted(set(wanted) - set(by_position))
    if unknown:
        raise InvalidInput(
            f"Lines cannot be added from outside (positions {unknown})", code="unknown_line"
        )
    removed = [item for item in items if item.position not in wanted]
    changed = [
        (item, wanted[item.position])
        for item in items
        if item.position in wanted
        and wanted[item.position] != LineTerms(item.quantity, item.unit_price_kopecks)
    ]
    if not removed and not changed:
        return False
    _check_line_change(order, items, removed, changed)
    before = {"total_kopecks": order.total_kopecks, "lines": _terms(items)}
    if removed:
        await OrderItem.filter(id__in=[item.id for item in removed]).delete()
    for item, terms in changed:
        item.quantity, item.unit_price_kopecks = terms.quantity, terms.unit_price_kopecks
    if changed:
        await OrderItem.bulk_update(
            [item for item, _ in changed], ["quantity", "unit_price_kopecks"]
        )
    kept = [item for item in items if item.position in wanted]
    order.total_kopecks = sum(item.quantity * item.unit_price_kopecks for item in kept)
    order.version += 1
    order.updated_at = datetime.now(UTC)
    await Order.filter(id=order.id).update(
        total_kopecks=order.total_kopecks, version=order.version, updated_at=order.updated_at
    )
    await append_event(
        OrderUpdated(**event_head(order), total_kopecks=order.total_kopecks, item_count=len(kept)),
        order_topics(order),
    )
    await audit.record(
        None,
        "order.lines_change",
        "order",
        order.id,
        dealer_id=order.dealer_id,
        before=before,
        after={"total_kopecks": order.total_kopecks, "lines": _terms(kept), "by_system": by_system},
    )
    return True


def _check_line_change(
    order: Order,
    items: list[OrderItem],
    removed: list[OrderItem],
    changed: list[tuple[OrderItem, LineTerms]],
) -> None:
    """Raise unless the order's status lets these lines change (see the module's rules)."""
    quantities_change = bool(removed) or any(
        terms.quantity != item.quantity for item, terms in changed
    )
    if order.status is OrderStatus.SUBMITTED:
        if len(removed) == len(items):
            raise Conflict("An order keeps at least one line", code="no_lines")
        removed_ids = {item.id for item in removed}
        new_quantity = {item.id: terms.quantity for item, terms in changed}
        pieces = sum(
            new_quantity.get(item.id, item.quantity) * item.shipment_unit.multiplicity
            for item in items
            if item.id not in removed_ids
        )
        if pieces > MAX_PIECES_PER_ORDER:
            raise InvalidInput(
                f"An order may hold at most {MAX_PIECES_PER_ORDER} pieces", code="too_many_pieces"
            )
        return
    if order.status is OrderStatus.CONFIRMED:
        if quantities_change:
            raise Conflict(
                "Quantities are fixed once production is planned", code="quantities_fixed"
            )
        return
    raise Conflict(f"The lines of a {order.status} order cannot change", code="lines_fixed")


def _terms(items: list[OrderItem]) -> list[list[int]]:
    return [[i.position, i.quantity, i.unit_price_kopecks] for i in items]
