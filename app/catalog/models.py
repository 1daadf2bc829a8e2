"""Storage for the catalog: what the factory sells, where it is and at what price."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:  # annotations only
    from app.accounts.models import Dealer


class Category(Model):
    """A catalog section; a private one is visible only to the dealers granted it."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    parent: fields.ForeignKeyNullableRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    is_private = fields.BooleanField(default=False)
    position = fields.IntField(default=0)

    parent_id: int | None

    class Meta:
        table = "category"


class CategoryAccess(Model):
    """Grants one dealer sight of one private category."""

    id = fields.IntField(primary_key=True)
    category: fields.ForeignKeyRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="grants", on_delete=fields.CASCADE
    )
    dealer: fields.ForeignKeyRelation[Dealer] = fields.ForeignKeyField(
        "models.Dealer", related_name="category_grants", on_delete=fields.CASCADE
    )

    category_id: int
    dealer_id: int

    class Meta:
        table = "category_access"
        unique_together = (("category", "dealer"),)


class Product(Model):
    """A sellable article; prices are per piece, units of shipment multiply them."""

    id = fields.IntField(primary_key=True)
    sku = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=300, db_index=True)
    category: fields.ForeignKeyRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="products", on_delete=fields.RESTRICT
    )
    attributes: Any = fields.JSONField(default=dict)
    description = fields.TextField(default="")
    is_active = fields.BooleanField(default=True)

    category_id: int

    class Meta:
        table = "product"


class ShipmentUnit(Model):
    """How a product ships: a piece, a box of 100, a pallet of 40 ..."""

    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="shipment_units", on_delete=fields.CASCADE
    )
    code = fields.CharField(max_length=16)
    """`piece`, `box`, `pallet`: names are translated in the interface."""
    multiplicity = fields.IntField(default=1)
    """Pieces in one unit of shipment."""

    product_id: int

    class Meta:
        table = "shipment_unit"
        unique_together = (("product", "code"),)


class Warehouse(Model):
    """A regional warehouse; each dealer is bound to one."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=16, unique=True)
    name = fields.CharField(max_length=200)
    region = fields.CharField(max_length=200, default="")

    class Meta:
        table = "warehouse"


class StockLevel(Model):
    """Pieces of a product available in a warehouse."""

    id = fields.IntField(primary_key=True)
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="stock_levels", on_delete=fields.CASCADE
    )
    warehouse: fields.ForeignKeyRelation[Warehouse] = fields.ForeignKeyField(
        "models.Warehouse", related_name="stock_levels", on_delete=fields.CASCADE
    )
    quantity = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    product_id: int
    warehouse_id: int

    class Meta:
        table = "stock_level"
        unique_together = (("product", "warehouse"),)


class PriceList(Model):
    """The base list (exactly one) or a list negotiated for some dealers."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    is_base = fields.BooleanField(default=False)

    class Meta:
        table = "price_list"


class Price(Model):
    """A product's price per piece in a list, in kopecks."""

    id = fields.IntField(primary_key=True)
    price_list: fields.ForeignKeyRelation[PriceList] = fields.ForeignKeyField(
        "models.PriceList", related_name="prices", on_delete=fields.CASCADE
    )
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="prices", on_delete=fields.CASCADE
    )
    amount_kopecks = fields.BigIntField()

    price_list_id: int
    product_id: int

    class Meta:
        table = "price"
        unique_together = (("price_list", "product"),)
