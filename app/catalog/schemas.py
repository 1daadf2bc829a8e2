"""API contracts for the catalog: categories, products with prices and stock, warehouses."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from app.params import Id

Kopecks = Annotated[int, msgspec.Meta(ge=0, le=10**13)]
Pieces = Annotated[int, msgspec.Meta(ge=0, le=10**9)]
MAX_PAGE_SIZE = 100


class ProductQuery(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A catalog search: text, section, availability and the page wanted."""

    q: Annotated[str, msgspec.Meta(max_length=100)] = ""
    """SKU prefix (or the exact SKU) or part of the name, case-insensitive."""
    category_id: Id | None = None
    """Only this section and the sections under it."""
    in_stock: bool = False
    """Only products with stock at the viewing dealer's warehouse (anywhere, without one)."""
    dealer_id: Id | None = None
    """See the catalog as this dealer does (staff, or a holding acting for a subsidiary)."""
    page: Annotated[int, msgspec.Meta(ge=1, le=100_000)] = 1
    page_size: Annotated[int, msgspec.Meta(ge=1, le=MAX_PAGE_SIZE)] = 20


class CategoryRead(msgspec.Struct):
    """A catalog section as the caller sees it."""

    id: int
    name: str
    parent_id: int | None
    is_private: bool


class ShipmentUnitRead(msgspec.Struct):
    """One way to ship a product; the price is for the whole unit (null: not shown)."""

    id: int
    code: str
    multiplicity: int
    price_kopecks: int | None


class ProductRead(msgspec.Struct):
    """A product with the caller's price per piece and the stock that matters to them."""

    id: int
    sku: str
    name: str
    category_id: int
    attributes: dict[str, Any]
    description: str
    price_per_piece_kopecks: int | None
    """Null when the caller may not see prices or the product has no price."""
    stock_at_my_warehouse: int | None
    """Pieces at the viewing dealer's warehouse; null when there is no such warehouse."""
    stock_total: int
    """Pieces over all warehouses."""
    units: list[ShipmentUnitRead]


class ProductPage(msgspec.Struct):
    """One page of a catalog search with the number of matches over all pages."""

    items: list[ProductRead]
    total: int
    page: int
    page_size: int


class WarehouseRead(msgspec.Struct):
    """A regional warehouse."""

    id: int
    code: str
    name: str
    region: str


class UnitPrice(msgspec.Struct, frozen=True, kw_only=True):
    """What one unit of shipment costs a dealer now: the figure an order line fixes."""

    shipment_unit_id: int
    product_id: int
    sku: str
    product_name: str
    unit_code: str
    multiplicity: int
    unit_price_kopecks: int


class StockUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Set the pieces of a product available in a warehouse."""

    product_id: Id
    warehouse_id: Id
    quantity: Pieces


class StockLevelRead(msgspec.Struct):
    """Stock of one product in one warehouse; `changed` is false when it already was so."""

    product_id: int
    warehouse_id: int
    quantity: int
    changed: bool


class PriceUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Set a product's price per piece in a price list."""

    price_list_id: Id
    product_id: Id
    amount_kopecks: Kopecks


class PriceRead(msgspec.Struct):
    """A product's price per piece in one list; `changed` is false when it already was so."""

    price_list_id: int
    product_id: int
    amount_kopecks: int
    changed: bool
