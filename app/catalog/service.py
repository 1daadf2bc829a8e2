"""The catalog as each caller sees it: sections, products with dealer prices and stock.

Changes to the catalog (stock, prices, grants, new sections and products) are in
`changes.py`; which sections a dealer may see is decided in `visibility.py`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from decimal import ROUND_HALF_UP, Decimal

import msgspec
from tortoise.expressions import Q, Subquery

from app.accounts.actor import Actor
from app.accounts.models import Dealer
from app.catalog.models import Price, Product, ShipmentUnit, StockLevel, Warehouse
from app.catalog.schemas import (
    CategoryRead,
    ProductPage,
    ProductQuery,
    ProductRead,
    ShipmentUnitRead,
    UnitPrice,
    WarehouseRead,
)
from app.catalog.visibility import CatalogView, catalog_view, subtree, visible_categories
from app.errors import InvalidInput, NotFound

__all__ = [
    "UnitPrice",
    "dealer_unit_prices",
    "discounted",
    "get_product",
    "list_categories",
    "list_warehouses",
    "product_reads",
    "search_products",
]


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


async def product_reads(view: CatalogView, products: Sequence[Product]) -> list[ProductRead]:
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
    view = await catalog_view(actor, dealer_id)
    return [
        CategoryRead(id=c.id, name=c.name, parent_id=c.parent_id, is_private=c.is_private)
        for c in await visible_categories(view.dealer)
    ]


async def search_products(actor: Actor, query: ProductQuery) -> ProductPage:
    """One page of visible active products matching the query, with the total count."""
    query = _checked(query)
    view = await catalog_view(actor, query.dealer_id)
    products = Product.filter(is_active=True)
    if query.category_id is not None or view.dealer is not None:
        categories = await visible_categories(view.dealer)
        wanted = (
            subtree(categories, query.category_id)
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
    items = await product_reads(view, rows)
    return ProductPage(items=items, total=total, page=query.page, page_size=query.page_size)


async def get_product(actor: Actor, product_id: int, dealer_id: int | None = None) -> ProductRead:
    """One visible active product as the caller sees it; NotFound otherwise."""
    view = await catalog_view(actor, dealer_id)
    product = await Product.get_or_none(id=product_id, is_active=True)
    if product is not None and view.dealer is not None:
        visible = {c.id for c in await visible_categories(view.dealer)}
        product = product if product.category_id in visible else None
    if product is None:
        raise NotFound("Product not found")
    return (await product_reads(view, [product]))[0]


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
    visible = {c.id for c in await visible_categories(dealer)}
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
