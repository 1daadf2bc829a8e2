"""An order as the CRM push needs it, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from app.accounts.models import Dealer, Person
from app.crm.deals import OrderLine
from app.orders.models import Order, OrderItem, OrderStatus, OrderStatusChange


@dataclass(frozen=True)
class OrderSnapshot:
    """The order now, its dealer (the deal's company) and who submitted it (the contact;
    the draft's author when a system submitted it)."""

    order: Order
    dealer: Dealer
    person: Person
    lines: list[OrderLine]


async def load_snapshot(order_id: int) -> OrderSnapshot:
    """The order with its dealer, submitter and lines (five queries)."""
    order = await Order.get(id=order_id)
    dealer = await Dealer.get(id=order.dealer_id)
    submitted_by = (
        await OrderStatusChange.filter(order_id=order_id, to_status=OrderStatus.SUBMITTED)
        .order_by("-id")
        .first()
        .values_list("by_person_id", flat=True)
    )
    person = await Person.get(id=submitted_by or order.created_by_id)
    items = (
        await OrderItem.filter(order_id=order_id)
        .select_related("product", "shipment_unit")
        .order_by("position")
    )
    lines = [
        OrderLine(
            position=item.position,
            sku=item.product.sku,
            product_name=item.product.name,
            unit_code=item.shipment_unit.code,
            quantity=item.quantity,
            unit_price_kopecks=item.unit_price_kopecks,
        )
        for item in items
    ]
    return OrderSnapshot(order=order, dealer=dealer, person=person, lines=lines)
