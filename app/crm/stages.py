"""Deal stages ↔ order statuses (the CRM's default sales funnel).

Outward every status has one stage. Inward a stage names the statuses that agree with it;
the first of them is where a manager's move in the CRM would take the order, if the
order's lifecycle lets the factory's staff make that move (confirm, cancel). Production
statuses follow the units, so a deal moved to EXECUTING or WON by hand changes no order.
"""

from __future__ import annotations

from app.orders.models import OrderStatus

S = OrderStatus

STAGE_FOR_STATUS: dict[OrderStatus, str] = {
    S.SUBMITTED: "NEW",
    S.CONFIRMED: "PREPARATION",
    S.IN_PRODUCTION: "EXECUTING",
    S.READY: "FINAL_INVOICE",
    S.SHIPPED: "WON",
    S.COMPLETED: "WON",
    S.CANCELLED: "LOSE",
}
"""The stage a deal is pushed to for each status (a draft has no deal)."""

STATUSES_FOR_STAGE: dict[str, tuple[OrderStatus, ...]] = {
    "NEW": (S.SUBMITTED,),
    "PREPARATION": (S.CONFIRMED,),
    "PREPAYMENT_INVOICE": (S.CONFIRMED,),
    "EXECUTING": (S.IN_PRODUCTION,),
    "FINAL_INVOICE": (S.READY,),
    "WON": (S.SHIPPED, S.COMPLETED),
    "LOSE": (S.CANCELLED,),
    "APOLOGY": (S.CANCELLED,),
}
"""Statuses that agree with each stage; the first is a move's target."""


def stage_for(status: OrderStatus) -> str:
    """The deal stage that shows `status` (NEW for a draft, which is never pushed)."""
    return STAGE_FOR_STATUS.get(status, "NEW")


def status_for_stage(stage_id: str, current: OrderStatus) -> OrderStatus | None:
    """The status a deal at `stage_id` asks of an order now at `current`.

    `current` when they already agree; None for a stage the cabinet does not know.
    """
    statuses = STATUSES_FOR_STAGE.get(stage_id)
    if statuses is None:
        return None
    return current if current in statuses else statuses[0]
