"""Order events: what subscribers of a dealer's board and of one order are told.

Topics: `dealer:{id}:orders` (the board) and `order:{id}` (one order with its units).
"""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from app.orders.models import InvoiceStatus, OrderStatus, UnitStage


def board_topic(dealer_id: int) -> str:
    """A dealer's order board."""
    return f"dealer:{dealer_id}:orders"


def order_topic(order_id: int) -> str:
    """One order, with its units."""
    return f"order:{order_id}"


class _OrderEvent(msgspec.Struct, tag_field="type", kw_only=True):
    order_id: int
    number: str
    dealer_id: int
    version: int
    at: datetime


class OrderCreated(_OrderEvent, tag="order.created", kw_only=True):
    """A draft was created (new or copied)."""

    created_by_id: int
    total_kopecks: int
    item_count: int
    copied_from: int | None = None


class OrderUpdated(_OrderEvent, tag="order.updated", kw_only=True):
    """A draft's items or comment changed (or, from the CRM, a submitted order's lines)."""

    total_kopecks: int
    item_count: int


class OrderDeleted(_OrderEvent, tag="order.deleted", kw_only=True):
    """A draft was deleted."""


class OrderStatusChanged(_OrderEvent, tag="order.status_changed", kw_only=True):
    """The order moved along its lifecycle."""

    from_status: OrderStatus
    to_status: OrderStatus
    by_person_id: int | None
    by_system: str = ""
    reason: str = ""
    total_kopecks: int


class ProductionPlanned(_OrderEvent, tag="order.production_planned", kw_only=True):
    """The confirmed order's items were expanded into production units (all queued)."""

    unit_count: int


class StageCountEvent(msgspec.Struct):
    """Units at one stage."""

    stage: UnitStage
    count: int


class UnitMoved(msgspec.Struct):
    """One unit's step within a UnitsMoved event."""

    unit_id: int
    serial: int
    from_stage: UnitStage


class UnitsMoved(_OrderEvent, tag="order.units_moved", kw_only=True):
    """Units of the order moved to a stage (one event per action, for the order topic)."""

    to_stage: UnitStage
    units: list[UnitMoved]
    by_person_id: int | None
    by_system: str = ""


class OrderProgressChanged(_OrderEvent, tag="order.progress_changed", kw_only=True):
    """How many units are at each stage now (for the board)."""

    stages: list[StageCountEvent]


class InvoiceIssued(_OrderEvent, tag="order.invoice_issued", kw_only=True):
    """The factory issued an invoice for the order."""

    invoice_id: int
    invoice_number: str
    amount_kopecks: int
    issued_at: datetime
    due_on: date | None
    by_person_id: int | None
    by_system: str = ""


class InvoiceChanged(_OrderEvent, tag="order.invoice_changed", kw_only=True):
    """An invoice of the order was paid or cancelled."""

    invoice_id: int
    invoice_number: str
    amount_kopecks: int
    from_status: InvoiceStatus
    to_status: InvoiceStatus
    by_person_id: int | None
    by_system: str = ""
    reason: str = ""


OrderEvent = (
    OrderCreated
    | OrderUpdated
    | OrderDeleted
    | OrderStatusChanged
    | ProductionPlanned
    | UnitsMoved
    | OrderProgressChanged
    | InvoiceIssued
    | InvoiceChanged
)
