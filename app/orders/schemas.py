"""API contracts for orders, their items and production units."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from app.orders.models import InvoiceStatus, OrderStatus, UnitStage
from app.params import BIG_ID_MAX, Id

Comment = Annotated[str, msgspec.Meta(max_length=2000)]


class ItemInput(msgspec.Struct, forbid_unknown_fields=True):
    """One line of a draft: so many units of shipment (a box, a pallet, a piece)."""

    shipment_unit_id: Id
    quantity: Annotated[int, msgspec.Meta(ge=1, le=10_000)]
    comment: Annotated[str, msgspec.Meta(max_length=500)] = ""


class OrderCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A new draft; `dealer_id` picks a subsidiary when acting for a holding."""

    items: Annotated[list[ItemInput], msgspec.Meta(min_length=1, max_length=200)]
    comment: Comment = ""
    dealer_id: Id | None = None


class OrderUpdate(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Changes to a draft; items, when given, replace all lines."""

    items: Annotated[list[ItemInput], msgspec.Meta(min_length=1, max_length=200)] | None = None
    comment: Comment | None = None


class CancelRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Cancelling needs a reason the other side can read."""

    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]


class UnitMoveRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Move some units (or all of the order's units when `unit_ids` is omitted) to a stage."""

    stage: UnitStage
    unit_ids: Annotated[list[Id], msgspec.Meta(min_length=1, max_length=5000)] | None = None


INVOICE_NUMBER_LENGTH = 40
"""The `invoice.number` column's width."""

InvoiceNumber = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=INVOICE_NUMBER_LENGTH,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="The factory's invoice number (no control characters)",
    ),
]


class InvoiceCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A factory invoice for an order: its number, amount and, optionally, dates."""

    number: InvoiceNumber
    amount_kopecks: Annotated[int, msgspec.Meta(ge=1, le=BIG_ID_MAX)]
    due_on: date | None = None
    """The last day to pay; not before the invoice's own date."""
    issued_at: datetime | None = None
    """The invoice's date and time as the ERP has it (default: now; never in the future)."""


class InvoiceRead(msgspec.Struct):
    """An invoice of an order."""

    id: int
    order_id: int
    number: str
    amount_kopecks: int | None
    """None when the caller may not see prices."""
    status: InvoiceStatus
    issued_at: datetime
    due_on: date | None
    issued_by_person_id: int | None
    issued_by_person_name: str | None
    issued_by_system: str
    paid_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str
    created_at: datetime


class InvoiceList(msgspec.Struct):
    """An order's invoices, oldest first."""

    order_id: int
    items: list[InvoiceRead]
    position: dict[str, int] = msgspec.field(default_factory=dict)
    """Event-stream position of the order's topic when the list was read."""


OrderSort = Literal["-created_at", "created_at", "-total", "total", "-number", "number"]


class OrderQuery(msgspec.Struct, forbid_unknown_fields=True):
    """Filters, sorting and keyset position for the order list."""

    status: list[OrderStatus] | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    created_by: Id | None = None
    dealer_id: Id | None = None
    amount_min: Annotated[int, msgspec.Meta(ge=0)] | None = None
    amount_max: Annotated[int, msgspec.Meta(ge=0)] | None = None
    number: Annotated[str, msgspec.Meta(max_length=20)] | None = None
    sort: OrderSort = "-created_at"
    cursor: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    limit: Annotated[int, msgspec.Meta(ge=1, le=100)] = 25


class StageCount(msgspec.Struct):
    """How many of an order's units are at a stage."""

    stage: UnitStage
    count: int


class OrderSummary(msgspec.Struct):
    """A row of the order board."""

    id: int
    number: str
    dealer_id: int
    dealer_name: str
    status: OrderStatus
    created_by_id: int
    created_by_name: str
    total_kopecks: int | None
    """None when the caller may not see prices."""
    item_count: int
    unit_count: int
    stages: list[StageCount]
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    version: int


class OrderPage(msgspec.Struct):
    """A page of the board; pass `next_cursor` back as `cursor` for the next one."""

    items: list[OrderSummary]
    next_cursor: str | None
    position: dict[str, int] = msgspec.field(default_factory=dict)
    """Event-stream positions of the topics behind this page at the time it was read."""


class UnitMoveRead(msgspec.Struct):
    """One step of a unit's history."""

    from_stage: UnitStage | None
    to_stage: UnitStage
    at: datetime
    by_person_id: int | None
    by_person_name: str | None
    by_system: str


class UnitRead(msgspec.Struct):
    """One produced piece with its history (oldest first)."""

    id: int
    serial: int
    item_id: int
    stage: UnitStage
    stage_changed_at: datetime
    history: list[UnitMoveRead]


class ItemRead(msgspec.Struct):
    """An order line."""

    id: int
    position: int
    product_id: int
    sku: str
    product_name: str
    shipment_unit_id: int
    unit_code: str
    multiplicity: int
    quantity: int
    unit_price_kopecks: int | None
    line_total_kopecks: int | None
    comment: str


class StatusChangeRead(msgspec.Struct):
    """One step of the order's status history."""

    from_status: OrderStatus | None
    to_status: OrderStatus
    at: datetime
    by_person_id: int | None
    by_person_name: str | None
    by_system: str
    reason: str


class OrderDetail(msgspec.Struct):
    """An order with its lines, units and history."""

    id: int
    number: str
    dealer_id: int
    dealer_name: str
    status: OrderStatus
    comment: str
    cancel_reason: str
    created_by_id: int
    created_by_name: str
    total_kopecks: int | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    version: int
    items: list[ItemRead]
    units: list[UnitRead]
    stages: list[StageCount]
    status_history: list[StatusChangeRead]
    invoices: list[InvoiceRead]
    allowed_actions: list[str]
    """What the caller may do now: submit, confirm, cancel, edit, delete, copy, move_units,
    issue_invoice, manage_invoices."""
    position: dict[str, int] = msgspec.field(default_factory=dict)
