"""The catalog as each caller sees it (sections, dealer prices, stock) and its changes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import msgspec
from tortoise.expressions import Q, Subquery
from tortoise.models import Model

from app.accounts import audit
from app.accounts.actor import Actor, Permission
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
from app.catalog.schemas import (
    CategoryRead,
    PriceRead,
    ProductPage,
    ProductQuery,
    ProductRead,
    ShipmentUnitRead,
    StockLevelRead,
    UnitPrice,
    WarehouseRead,
)
from app.errors import Forbidden, InvalidInput, NotFound
from realtime.outbox import append_event
from realtime.relay import transaction

__all__ = [
    "UnitPrice",
    "create_category",
    "create_product",
    "dealer_unit_prices",
    "discounted",
    "get_product",
    "grant_category",
    "list_categories",
    "list_warehouses",
    "revoke_category",
    "search_products",
    "set_price",
    "set_stock",
]


@dataclass(frozen=True)
class _View:
    """Whose eyes the catalog is seen through: a dealer's, or staff's unrestricted one."""

    dealer: Dealer | None
    see_prices: bool


async def _view(actor: Actor, dealer_id: int | None) -> _View:
    see_prices = actor.has(Permission.SEE_PRICES)
    if dealer_id is None and actor.is_staff:
        return _View(None, see_prices)
    if dealer_id is None:
        dealer_id = actor.active_dealer_id
        if dealer_id is None:
            raise Forbidden("You act for no dealer", code="no_active_dealer")
    else:
        actor.require_dealer(dealer_id, field="dealer_id")
    dealer = await Dealer.get_or_none(id=dealer_id, is_active=True)
    if dealer is None:
        raise NotFound("Dealer not found", field="dealer_id")
    return _View(dealer, see_prices)


async def _visible_categories(dealer: Dealer | None) -> list[Category]:
    """Sections in display order: all of them, or those the dealer may see.

    A private section hides itself and its subtree unless the dealer holds a grant on it
    or on a section above it; a grant below an ungranted private section opens nothing.
    """
    categories = await Category.all().order_by("position", "name", "id")
    if dealer is None:
        return categories
    granted = set(
        await CategoryAccess.filter(dealer_id=dealer.id).values_list("category_id", flat=True)
    )
    children: dict[int | None, list[Category]] = defaultdict(list)
    for category in categories:
        children[category.parent_id].append(category)
    visible: set[int] = set()
    stack = [(root, False) for root in children[None]]
    while stack:
        category, granted_above = stack.pop()
        is_granted = granted_above or category.id in granted
        if category.is_private and not is_granted:
            continue
        visible.add(category.id)
        stack.extend((child, is_granted) for child in children[category.id])
    return [c for c in categories if c.id in visible]


def _subtree(categories: Sequence[Category], root_id: int) -> list[int]:
    """Ids of a section and every section under it, among the given ones."""
    if not any(c.id == root_id for c in categories):
        raise NotFound("Category not found", field="category_id")
    children: dict[int | None, list[int]] = defaultdict(list)
    for category in categories:
        children[category.parent_id].append(category.id)
    found, stack = [], [root_id]
    while stack:
        found.append(current := stack.pop())
        stack.extend(children[current])
    return found


def discounted(amount_kopecks: int, discount_bp: int) -> int:
    """A list price less a discount in basis points, to whole kopecks, half up."""
    exact = Decimal(amount_kopecks) * (10_000 - discount_bp) / 10_000
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


async def _piece_prices(dealer: Dealer | None, product_ids: Collection[int]) -> dict[int, int]:
    """Price per piece for the dealer: its own list's, else the base list's, less its discount."""
    if not product_ids:
        return {}
    own_list = dealer.price_list_id if dealer else None
    lists = Q(price_list__is_base=True)
    if own_list is not None:
        lists |= Q(price_list_id=own_list)
    rows = await Price.filter(lists, product_id__in=list(product_ids)).values_list(
        "product_id", "price_list_id", "amount_kopecks"
    )
    own: dict[int, int] = {}
    base: dict[int, int] = {}
    for product_id, list_id, amount in rows:
        (own if list_id == own_list else base)[product_id] = amount
    discount = dealer.discount_bp if dealer else 0
    return {pid: discounted(own.get(pid, base.get(pid, 0)), discount) for pid in {*base, *own}}


async def _product_reads(view: _View, products: Sequence[Product]) -> list[ProductRead]:
    """Products with their units, prices and stock, loaded in three queries whatever the count."""
    ids = [p.id for p in products]
    if not ids:
        return []
    units: dict[int, list[ShipmentUnit]] = defaultdict(list)
    for unit in await ShipmentUnit.filter(product_id__in=ids).order_by("multiplicity", "id"):
        units[unit.product_id].append(unit)
    prices = await _piece_prices(view.dealer, ids) if view.see_prices else {}
    my_warehouse = view.dealer.warehouse_id if view.dealer else None
    here: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    for product_id, warehouse_id, quantity in await StockLevel.filter(
        product_id__in=ids
    ).values_list("product_id", "warehouse_id", "quantity"):
        total[product_id] += quantity
        if warehouse_id == my_warehouse:
            here[product_id] += quantity
    return [
        ProductRead(
            id=p.id,
            sku=p.sku,
            name=p.name,
            category_id=p.category_id,
            attributes=p.attributes,
            description=p.description,
            price_per_piece_kopecks=prices.get(p.id),
            stock_at_my_warehouse=here[p.id] if my_warehouse is not None else None,
            stock_total=total[p.id],
            units=[
                ShipmentUnitRead(
                    id=u.id,
                    code=u.code,
                    multiplicity=u.multiplicity,
                    price_kopecks=prices[p.id] * u.multiplicity if p.id in prices else None,
                )
                for u in units[p.id]
            ],
        )
        for p in products
    ]


def _text_match(q: str) -> Q:
    # UPPER() in SQLite (and in PostgreSQL under the C locale) folds ASCII only, so
    # Cyrillic names are also matched in the spellings people actually type.
    match = Q(sku__istartswith=q)
    for spelling in dict.fromkeys([q, q.lower(), q.capitalize(), q.title(), q.upper()]):
        match |= Q(name__icontains=spelling)
    return match


def _checked(query: ProductQuery) -> ProductQuery:
    """Bounds hold for queries built in code too, not only for decoded requests."""
    try:
        return msgspec.convert(msgspec.structs.asdict(query), ProductQuery)
    except msgspec.ValidationError as exc:
        at = re.search(r"`\$\.(\w+)", str(exc))
        raise InvalidInput(str(exc), field=at.group(1) if at else None) from exc


async def list_categories(actor: Actor, dealer_id: int | None = None) -> list[CategoryRead]:
    """The sections the caller (or the dealer they look through) may see, in display order."""
    view = await _view(actor, dealer_id)
    return [
        CategoryRead(id=c.id, name=c.name, parent_id=c.parent_id, is_private=c.is_private)
        for c in await _visible_categories(view.dealer)
    ]


async def search_products(actor: Actor, query: ProductQuery) -> ProductPage:
    """One page of visible active products matching the query, with the total count."""
    query = _checked(query)
    view = await _view(actor, query.dealer_id)
    products = Product.filter(is_active=True)
    if query.category_id is not None or view.dealer is not None:
        categories = await _visible_categories(view.dealer)
        wanted = (
            _subtree(categories, query.category_id)
            if query.category_id is not None
            else [c.id for c in categories]
        )
        products = products.filter(category_id__in=wanted)
    if q := query.q.strip():
        products = products.filter(_text_match(q))
    if query.in_stock:
        stocked = StockLevel.filter(quantity__gt=0)
        if view.dealer is not None and view.dealer.warehouse_id is not None:
            stocked = stocked.filter(warehouse_id=view.dealer.warehouse_id)
        products = products.filter(id__in=Subquery(stocked.values("product_id")))
    total = await products.count()
    offset = (query.page - 1) * query.page_size
    rows = (
        await products.order_by("name", "id").offset(offset).limit(query.page_size)
        if offset < total
        else []
    )
    items = await _product_reads(view, rows)
    return ProductPage(items=items, total=total, page=query.page, page_size=query.page_size)


async def get_product(actor: Actor, product_id: int, dealer_id: int | None = None) -> ProductRead:
    """One visible active product as the caller sees it; NotFound otherwise."""
    view = await _view(actor, dealer_id)
    product = await Product.get_or_none(id=product_id, is_active=True)
    if product is not None and view.dealer is not None:
        visible = {c.id for c in await _visible_categories(view.dealer)}
        product = product if product.category_id in visible else None
    if product is None:
        raise NotFound("Product not found")
    return (await _product_reads(view, [product]))[0]


async def list_warehouses(actor: Actor) -> list[WarehouseRead]:
    """Every warehouse: where stock is counted is no secret from anyone signed in."""
    del actor
    return [
        WarehouseRead(id=w.id, code=w.code, name=w.name, region=w.region)
        for w in await Warehouse.all().order_by("code")
    ]


async def dealer_unit_prices(
    dealer_id: int, shipment_unit_ids: Collection[int]
) -> dict[int, UnitPrice]:
    """Current prices of units of shipment for a dealer, keyed by unit id.

    Units of inactive, invisible or unpriced products are absent, so that a caller placing
    an order can reject them.
    """
    dealer = await Dealer.get_or_none(id=dealer_id, is_active=True)
    if dealer is None or not shipment_unit_ids:
        return {}
    visible = {c.id for c in await _visible_categories(dealer)}
    units = [
        u
        for u in await ShipmentUnit.filter(
            id__in=list(shipment_unit_ids), product__is_active=True
        ).select_related("product")
        if u.product.category_id in visible
    ]
    prices = await _piece_prices(dealer, {u.product_id for u in units})
    return {
        u.id: UnitPrice(
            shipment_unit_id=u.id,
            product_id=u.product_id,
            sku=u.product.sku,
            product_name=u.product.name,
            unit_code=u.code,
            multiplicity=u.multiplicity,
            unit_price_kopecks=prices[u.product_id] * u.multiplicity,
        )
        for u in units
        if u.product_id in prices
    }


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
        read = (await _product_reads(_View(None, see_prices=False), [product]))[0]
        await audit.record(actor, "product.create", "product", product.id, after=read)
    return read
