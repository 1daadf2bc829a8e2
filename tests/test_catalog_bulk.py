"""Reading the catalog in bulk: a page costs the same queries whatever its size."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from test_catalog import Shop, open_shop

from app.catalog import service as catalog
from app.catalog.models import ShipmentUnit
from app.catalog.schemas import ProductQuery

_STATEMENTS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


class _QueryLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage().lstrip()
        if text.upper().startswith(_STATEMENTS):
            self.statements.append(text)


@contextmanager
def counting_queries() -> Iterator[list[str]]:
    """Every SQL statement Tortoise sends while the block runs."""
    logger = logging.getLogger("tortoise.db_client")
    handler, level = _QueryLog(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.statements
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture
async def shop(db: object) -> Shop:
    shop = await open_shop()
    for n in range(1, 41):
        product = await catalog.create_product(
            None, f"TL-{n:03}", f"Tile {n:02}", shop.categories["facing"], units=[("piece", 1), ("box", 10)]
        )  # fmt: skip
        await catalog.set_price(None, shop.base.id, product.id, 5_00 + n)
        await catalog.set_stock(None, product.id, shop.moscow.id, n)
    return shop


async def test_a_search_page_costs_a_fixed_number_of_queries(shop: Shop) -> None:
    alice = await shop.actor("alice")
    counts = {}
    for size in (1, 10, 40):
        query = ProductQuery(
            q="tile", category_id=shop.categories["bricks"], in_stock=True, page_size=size
        )
        with counting_queries() as statements:
            page = await catalog.search_products(alice, query)
        assert len(page.items) == size and page.total == 40
        assert all(len(p.units) == 2 and p.price_per_piece_kopecks for p in page.items)
        counts[size] = len(statements)
    assert counts[1] == counts[10] == counts[40] <= 8, counts


async def test_staff_search_costs_fewer_queries_still_fixed(shop: Shop) -> None:
    boss = await shop.actor("supervisor")
    counts = []
    for size in (5, 50):
        with counting_queries() as statements:
            await catalog.search_products(boss, ProductQuery(page_size=size))
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 5, counts


async def test_order_lines_are_priced_for_the_dealer_in_bulk(shop: Shop) -> None:
    units = {
        f"{u.product.sku}:{u.code}": u.id
        for u in await ShipmentUnit.all().select_related("product")
    }
    unpriced = await catalog.create_product(None, "NP-1", "Not priced", shop.categories["bricks"])
    asked = [
        units["BR-100:piece"],
        units["BR-100:pallet"],
        units["TL-007:box"],
        units["PR-1:piece"],  # in a section Alpha may not see
        unpriced.units[0].id,
        999_999,
    ]
    with counting_queries() as statements:
        prices = await catalog.dealer_unit_prices(shop.alpha.id, asked)
    assert len(statements) <= 5
    assert {k: p.unit_price_kopecks for k, p in prices.items()} == {
        units["BR-100:piece"]: 14_85,
        units["BR-100:pallet"]: 14_85 * 400,
        units["TL-007:box"]: 5_02 * 10,  # base 5.07 less 1 % = 5.0193 a piece
    }
    pallet = prices[units["BR-100:pallet"]]
    assert (pallet.sku, pallet.product_name, pallet.unit_code, pallet.multiplicity) == (
        "BR-100",
        "Brick red",
        "pallet",
        400,
    )
    assert await catalog.dealer_unit_prices(999_999, asked) == {}
