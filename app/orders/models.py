"""Storage for orders and per-unit production tracking."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:  # annotations only: models of other packages
    from app.accounts.models import Dealer, Person
    from app.catalog.models import Product, ShipmentUnit


class OrderStatus(StrEnum):
    """An order's place in its lifecycle (transitions live in `state.py`)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"
    IN_PRODUCTION = "in_production"
    READY = "ready"
    SHIPPED = "shipped"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class UnitStage(StrEnum):
    """Where one produced piece is; the order of members is the order of production."""

    QUEUED = "queued"
    CUTTING = "cutting"
    ASSEMBLY = "assembly"
    PAINTING = "painting"
    QUALITY_CHECK = "quality_check"
    PACKED = "packed"
    SHIPPED = "shipped"
    AT_DEALER = "at_dealer"
    SOLD = "sold"


class InvoiceStatus(StrEnum):
    """Where a factory invoice stands: issued (to be paid), paid or cancelled."""

    ISSUED = "issued"
    PAID = "paid"
    CANCELLED = "cancelled"


class Order(Model):
    """A dealer's order; `total_kopecks` is the sum of its items at their fixed prices."""

    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=20, unique=True)
    dealer: fields.ForeignKeyRelation[Dealer] = fields.ForeignKeyField(
        "models.Dealer", related_name="orders", on_delete=fields.RESTRICT
    )
    created_by: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="orders_created", on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(OrderStatus, max_length=16, default=OrderStatus.DRAFT)
    comment = fields.TextField(default="")
    cancel_reason = fields.TextField(default="")
    total_kopecks = fields.BigIntField(default=0)
    created_at = fields.DatetimeField(db_index=True)
    updated_at = fields.DatetimeField()
    submitted_at = fields.DatetimeField(null=True)
    version = fields.IntField(default=1)
    """Bumped on every change; lets clients discard stale copies."""

    dealer_id: int
    created_by_id: int

    class Meta:
        table = "order"
        indexes = (("dealer_id", "created_at"), ("dealer_id", "status", "created_at"))


class OrderItem(Model):
    """A line of an order: so many units of shipment of a product."""

    id = fields.IntField(primary_key=True)
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="items", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="order_items", on_delete=fields.RESTRICT
    )
    shipment_unit: fields.ForeignKeyRelation[ShipmentUnit] = fields.ForeignKeyField(
        "models.ShipmentUnit", related_name="order_items", on_delete=fields.RESTRICT
    )
    quantity = fields.IntField()
    """Units of shipment ordered."""
    unit_price_kopecks = fields.BigIntField(default=0)
    """Price of one unit of shipment; current list price in a draft, fixed on submission."""
    comment = fields.CharField(max_length=500, default="")

    order_id: int
    product_id: int
    shipment_unit_id: int

    class Meta:
        table = "order_item"
        indexes = (("order_id", "position"),)


class ProductionUnit(Model):
    """One produced piece (one door) of an order item."""

    id = fields.IntField(primary_key=True)
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="units", on_delete=fields.CASCADE
    )
    item: fields.ForeignKeyRelation[OrderItem] = fields.ForeignKeyField(
        "models.OrderItem", related_name="units", on_delete=fields.CASCADE
    )
    serial = fields.IntField()
    """1-based number of the piece within its order."""
    stage = fields.CharEnumField(UnitStage, max_length=16, default=UnitStage.QUEUED)
    stage_changed_at = fields.DatetimeField()

    order_id: int
    item_id: int

    class Meta:
        table = "production_unit"
        indexes = (("order_id", "serial"),)


class UnitStageMove(Model):
    """A unit's move from one stage to the next, by a person or a named system."""

    id = fields.BigIntField(primary_key=True)
    unit: fields.ForeignKeyRelation[ProductionUnit] = fields.ForeignKeyField(
        "models.ProductionUnit", related_name="moves", on_delete=fields.CASCADE
    )
    order_id = fields.IntField(db_index=True)
    from_stage = fields.CharEnumField(UnitStage, max_length=16, null=True)
    to_stage = fields.CharEnumField(UnitStage, max_length=16)
    at = fields.DatetimeField()
    by_person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    by_system = fields.CharField(max_length=32, default="")

    unit_id: int
    by_person_id: int | None

    class Meta:
        table = "unit_stage_move"


class OrderStatusChange(Model):
    """An order's move from one status to another, kept as its history."""

    id = fields.BigIntField(primary_key=True)
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="status_changes", on_delete=fields.CASCADE
    )
    from_status = fields.CharEnumField(OrderStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(OrderStatus, max_length=16)
    at = fields.DatetimeField()
    by_person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    by_system = fields.CharField(max_length=32, default="")
    reason = fields.TextField(default="")

    order_id: int
    by_person_id: int | None

    class Meta:
        table = "order_status_change"
        indexes = (("order_id", "id"),)


class Invoice(Model):
    """A factory invoice (счёт) for an order, as the ERP or a factory person issued it.

    `number` is the factory's own number. It is unique within its order, not globally:
    accounting systems restart their numbering every year, and one invoice may cover
    two orders of a dealer; the same number twice on one order is a repeated call.
    """

    id = fields.IntField(primary_key=True)
    order: fields.ForeignKeyRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="invoices", on_delete=fields.RESTRICT
    )
    number = fields.CharField(max_length=40)
    amount_kopecks = fields.BigIntField()
    """Always positive (checked by the service)."""
    status = fields.CharEnumField(InvoiceStatus, max_length=16, default=InvoiceStatus.ISSUED)
    issued_at = fields.DatetimeField()
    """The invoice's own date and time (the ERP's, or when it was recorded)."""
    due_on = fields.DateField(null=True)
    """The last day to pay, when the invoice names one."""
    issued_by_person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    issued_by_system = fields.CharField(max_length=32, default="")
    paid_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    cancel_reason = fields.TextField(default="")
    created_at = fields.DatetimeField()

    order_id: int
    issued_by_person_id: int | None

    class Meta:
        table = "invoice"
        unique_together = (("order", "number"),)
