"""Changing the catalog: stock, prices, grants of private sections, new sections and products.

Only supervisors, or the system itself, change the catalog. Each change runs in one
transaction with its audit entry and, for what dealers watch live (stock, prices, grants),
its outbox event; setting a figure to what it already is writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tortoise.models import Model

from app.accounts import audit
from app.accounts.actor import Actor
from app.accounts.models import Dealer
from app.catalog.events import (
    CategoryGranted,
    CategoryRevoked,
    PriceChanged,
    StockChanged,
    dealer_catalog_topic,
    price_list_topic,
    warehouse_stock_topic,
)
from app.catalog.models import (
    Category,
    CategoryAccess,
    Price,
    PriceList,
    Product,
    ShipmentUnit,
    StockLevel,
    Warehouse,
)
from app.catalog.schemas import CategoryRead, PriceRead, ProductRead, StockLevelRead
from app.catalog.service import product_reads
from app.catalog.visibility import CatalogView
from app.errors import InvalidInput, NotFound
from realtime.outbox import append_event
from realtime.relay import transaction

__all__ = [
    "create_category",
    "create_product",
    "grant_category",
    "revoke_category",
    "set_price",
    "set_stock",
]


def _may_change(actor: Actor | None) -> None:
    """None is the system itself (demo loader, ERP sync); people must be supervisors."""
    if actor is not None:
        actor.require_supervisor()


async def _require(model: type[Model], object_id: int, field: str) -> None:
    if not await model.exists(id=object_id):
        raise NotFound(f"{model.__name__} not found", field=field)


async def set_stock(
    actor: Actor | None, product_id: int, warehouse_id: int, quantity: int
) -> StockLevelRead:
    """Set the pieces of a product in a warehouse; an unchanged figure writes nothing."""
    _may_change(actor)
    if quantity < 0:
        raise InvalidInput("Stock cannot be negative", field="quantity")
    await _require(Product, product_id, "product_id")
    await _require(Warehouse, warehouse_id, "warehouse_id")
    async with transaction():
        level = (
            await StockLevel.filter(product_id=product_id, warehouse_id=warehouse_id)
            .select_for_update()
            .first()
        )
        before = level.quantity if level else 0
        if before == quantity:
            return StockLevelRead(product_id, warehouse_id, quantity, changed=False)
        if level is None:
            await StockLevel.create(
                product_id=product_id, warehouse_id=warehouse_id, quantity=quantity
            )
        else:
            level.quantity = quantity
            await level.save(update_fields=["quantity", "updated_at"])
        await audit.record(
            actor,
            "stock.set",
            "stock_level",
            f"{product_id}:{warehouse_id}",
            before={"quantity": before},
            after={"quantity": quantity},
        )
        event = StockChanged(
            product_id=product_id,
            warehouse_id=warehouse_id,
            quantity=quantity,
            previous_quantity=before,
        )
        await append_event(event, [warehouse_stock_topic(warehouse_id)])
    return StockLevelRead(product_id, warehouse_id, quantity, changed=True)


async def set_price(
    actor: Actor | None, price_list_id: int, product_id: int, amount_kopecks: int
) -> PriceRead:
    """Set a product's price per piece in a list; an unchanged price writes nothing."""
    _may_change(actor)
    if amount_kopecks < 0:
        raise InvalidInput("A price cannot be negative", field="amount_kopecks")
    await _require(PriceList, price_list_id, "price_list_id")
    await _require(Product, product_id, "product_id")
    async with transaction():
        price = (
            await Price.filter(price_list_id=price_list_id, product_id=product_id)
            .select_for_update()
            .first()
        )
        before = price.amount_kopecks if price else None
        if before == amount_kopecks:
            return PriceRead(price_list_id, product_id, amount_kopecks, changed=False)
        if price is None:
            await Price.create(
                price_list_id=price_list_id, product_id=product_id, amount_kopecks=amount_kopecks
            )
        else:
            await Price.filter(id=price.id).update(amount_kopecks=amount_kopecks)
        await audit.record(
            actor,
            "price.set",
            "price",
            f"{price_list_id}:{product_id}",
            before={"amount_kopecks": before},
            after={"amount_kopecks": amount_kopecks},
        )
        event = PriceChanged(
            price_list_id=price_list_id,
            product_id=product_id,
            amount_kopecks=amount_kopecks,
            previous_amount_kopecks=before,
        )
        await append_event(event, [price_list_topic(price_list_id)])
    return PriceRead(price_list_id, product_id, amount_kopecks, changed=True)


async def grant_category(actor: Actor | None, category_id: int, dealer_id: int) -> bool:
    """Let a dealer see a section and all under it; False when it already could."""
    _may_change(actor)
    await _require(Category, category_id, "category_id")
    await _require(Dealer, dealer_id, "dealer_id")
    async with transaction():
        if await CategoryAccess.exists(category_id=category_id, dealer_id=dealer_id):
            return False
        await CategoryAccess.create(category_id=category_id, dealer_id=dealer_id)
        await audit.record(actor, "category.grant", "category", category_id, dealer_id=dealer_id)
        event = CategoryGranted(dealer_id=dealer_id, category_id=category_id)
        await append_event(event, [dealer_catalog_topic(dealer_id)])
    return True


async def revoke_category(actor: Actor | None, category_id: int, dealer_id: int) -> bool:
    """Take back a grant; False when there was none."""
    _may_change(actor)
    async with transaction():
        deleted = await CategoryAccess.filter(category_id=category_id, dealer_id=dealer_id).delete()
        if not deleted:
            return False
        await audit.record(actor, "category.revoke", "category", category_id, dealer_id=dealer_id)
        event = CategoryRevoked(dealer_id=dealer_id, category_id=category_id)
        await append_event(event, [dealer_catalog_topic(dealer_id)])
    return True


async def create_category(
    actor: Actor | None,
    name: str,
    *,
    parent_id: int | None = None,
    is_private: bool = False,
    position: int = 0,
) -> CategoryRead:
    """Add a catalog section (by a supervisor, or by the system)."""
    _may_change(actor)
    if parent_id is not None:
        await _require(Category, parent_id, "parent_id")
    async with transaction():
        category = await Category.create(
            name=name, parent_id=parent_id, is_private=is_private, position=position
        )
        read = CategoryRead(category.id, name, parent_id, is_private)
        await audit.record(actor, "category.create", "category", category.id, after=read)
    return read


async def create_product(
    actor: Actor | None,
    sku: str,
    name: str,
    category_id: int,
    *,
    units: Iterable[tuple[str, int]] = (("piece", 1),),
    attributes: dict[str, Any] | None = None,
    description: str = "",
) -> ProductRead:
    """Add a product with its units of shipment as (code, pieces per unit)."""
    _may_change(actor)
    unit_list = list(units)
    if not unit_list or any(m < 1 for _, m in unit_list):
        raise InvalidInput("Each unit needs at least one piece", field="units")
    if len({code for code, _ in unit_list}) != len(unit_list):
        raise InvalidInput("Unit codes repeat", field="units")
    await _require(Category, category_id, "category_id")
    if await Product.exists(sku=sku):
        raise InvalidInput("SKU already exists", code="duplicate", field="sku")
    async with transaction():
        product = await Product.create(
            sku=sku,
            name=name,
            category_id=category_id,
            attributes=attributes or {},
            description=description,
        )
        await ShipmentUnit.bulk_create(
            [ShipmentUnit(product_id=product.id, code=c, multiplicity=m) for c, m in unit_list]
        )
        read = (await product_reads(CatalogView(None, see_prices=False), [product]))[0]
        await audit.record(actor, "product.create", "product", product.id, after=read)
    return read
