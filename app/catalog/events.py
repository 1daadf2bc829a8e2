"""Catalog events and the topics they are published on."""

from __future__ import annotations

from typing import TypeAlias

import msgspec


def warehouse_stock_topic(warehouse_id: int) -> str:
    """Stock changes at one warehouse."""
    return f"warehouse:{warehouse_id}:stock"


def price_list_topic(price_list_id: int) -> str:
    """Price changes in one price list (dealers without a price of their own watch the base)."""
    return f"price_list:{price_list_id}"


def dealer_catalog_topic(dealer_id: int) -> str:
    """Changes to which sections one dealer may see."""
    return f"dealer:{dealer_id}:catalog"


class StockChanged(msgspec.Struct, frozen=True, kw_only=True, tag="catalog.stock_changed"):
    """The pieces of a product available in a warehouse changed."""

    product_id: int
    warehouse_id: int
    quantity: int
    previous_quantity: int


class PriceChanged(msgspec.Struct, frozen=True, kw_only=True, tag="catalog.price_changed"):
    """A product's price per piece in a price list changed (list price, before discounts)."""

    price_list_id: int
    product_id: int
    amount_kopecks: int
    previous_amount_kopecks: int | None


class CategoryGranted(msgspec.Struct, frozen=True, kw_only=True, tag="catalog.category_granted"):
    """A dealer may now see a private section and everything under it."""

    dealer_id: int
    category_id: int


class CategoryRevoked(msgspec.Struct, frozen=True, kw_only=True, tag="catalog.category_revoked"):
    """A dealer may no longer see a section through this grant (reload the catalog)."""

    dealer_id: int
    category_id: int


CatalogEvent: TypeAlias = StockChanged | PriceChanged | CategoryGranted | CategoryRevoked
"""Every event the catalog emits; decode with `msgspec.json.decode(data, type=CatalogEvent)`."""
