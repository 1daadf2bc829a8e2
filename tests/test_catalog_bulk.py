"""Reading the catalog in bulk: a page costs the same queries whatever its size."""

from __future__ import annotations

import pytest
from test_catalog import Shop, open_shop

from app.catalog import changes as catalog_changes
from app.catalog import service as catalog
from app.catalog.models import ShipmentUnit
from app.catalog.schemas import ProductQuery
from tests.querycount import count_queries

TILE_UNITS = [("piece", 1), ("box", 10)]


@pytest.fixture
async def shop(db: object) -> Shop:
    shop = await open_shop()
    for n in range(1, 41):
        product = await catalog_changes.create_product(
            None, f"TL-{n:03}", f"Tile {n:02}", shop.categories["facing"], units=TILE_UNITS
        )
        await catalog_changes.set_price(None, shop.base.id, product.id, 5_00 + n)
        await catalog_changes.set_stock(None, product.id, shop.moscow.id, n)
    return shop


async def test_a_search_page_costs_a_fixed_number_of_queries(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await shop.actor("alice")
    counts = {}
    for size in (1, 10, 40):
        query = ProductQuery(
            q="tile", category_id=shop.categories["bricks"], in_stock=True, page_size=size
        )
        with count_queries(monkeypatch) as statements:
            page = await catalog.search_products(alice, query)
        assert len(page.items) == size and page.total == 40
        assert all(len(p.units) == 2 and p.price_per_piece_kopecks for p in page.items)
        counts[size] = len(statements)
    # The dealer, sections, grants, the count, the page, then units, prices and stock.
    assert counts[1] == counts[10] == counts[40] == 8, counts


async def test_staff_search_costs_fewer_queries_still_fixed(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    boss = await shop.actor("supervisor")
    counts = []
    for size in (5, 50):
        with count_queries(monkeypatch) as statements:
            await catalog.search_products(boss, ProductQuery(page_size=size))
        counts.append(len(statements))
    assert counts[0] == counts[1] == 5, counts  # count, page, units, prices, stock


async def test_order_lines_are_priced_for_the_dealer_in_bulk(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    units = {
        f"{u.product.sku}:{u.code}": u.id
        for u in await ShipmentUnit.all().select_related("product")
    }
    unpriced = await catalog_changes.create_product(
        None, "NP-1", "Not priced", shop.categories["bricks"]
    )
    asked = [
        units["BR-100:piece"],
        units["BR-100:pallet"],
        units["TL-007:box"],
        units["PR-1:piece"],  # in a section Alpha may not see
        unpriced.units[0].id,
        999_999,
    ]
    with count_queries(monkeypatch) as statements:
        prices = await catalog.dealer_unit_prices(shop.alpha.id, asked)
    assert len(statements) == 5  # dealer, sections, grants, units, prices
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
