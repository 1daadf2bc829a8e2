"""Who may do what to an order, given its status (the checks, apart from the changes)."""

from __future__ import annotations

from app.accounts.actor import Actor, Permission
from app.orders.models import Order, OrderStatus
from app.orders.state import EDITABLE, INVOICEABLE, PRODUCTION, Mover, may_transition

_DEALER_RECEIVING = frozenset({OrderStatus.READY, OrderStatus.SHIPPED, OrderStatus.COMPLETED})
_NEVER_INVOICED = frozenset({OrderStatus.DRAFT, OrderStatus.SUBMITTED})


def mover_for(actor: Actor) -> Mover:
    """Staff act for the factory; everyone else for their dealer."""
    return Mover.STAFF if actor.is_staff else Mover.DEALER


def may_order(actor: Actor) -> bool:
    """Placing, editing and copying orders needs the place-orders right."""
    return actor.has(Permission.PLACE_ORDERS)


def allowed_actions_for(actor: Actor, order: Order) -> list[str]:
    """The actions the actor may take on the order now, for buttons and clients."""
    mover = mover_for(actor)
    actions: list[str] = []
    if order.status in EDITABLE and may_order(actor):
        actions += ["edit", "delete"]
    if may_transition(order.status, OrderStatus.SUBMITTED, mover) and may_order(actor):
        actions.append("submit")
    if may_transition(order.status, OrderStatus.CONFIRMED, mover):
        actions.append("confirm")
    if may_transition(order.status, OrderStatus.CANCELLED, mover) and (
        actor.is_staff or may_order(actor)
    ):
        actions.append("cancel")
    if may_order(actor):
        actions.append("copy")
    if order.status in PRODUCTION and (
        actor.is_staff or (order.status in _DEALER_RECEIVING and may_order(actor))
    ):
        actions.append("move_units")
    if actor.is_staff and order.status in INVOICEABLE:
        actions.append("issue_invoice")
    if actor.is_staff and order.status not in _NEVER_INVOICED:
        actions.append("manage_invoices")  # mark paid, cancel
    return actions
