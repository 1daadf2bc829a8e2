"""The catalog as dealers, their people and the factory's staff see it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.accounts import directory
from app.accounts.actor import Actor
from app.accounts.models import Dealer, MembershipRole, Person, StaffRole
from app.accounts.service import build_actor
from app.catalog import changes as catalog_changes
from app.catalog import service as catalog
from app.catalog.models import PriceList, Product, Warehouse
from app.catalog.schemas import ProductQuery, ProductRead
from app.errors import InvalidInput, NotFound

PASSWORD = "correct horse battery"


@dataclass
class Shop:
    """Two dealers on different terms, their people, staff and a small catalog."""

    moscow: Warehouse
    spb: Warehouse
    base: PriceList
    partner: PriceList
    alpha: Dealer
    """Has the partner list, 1 % off, gets goods from Moscow."""
    beta: Dealer
    """Base prices, 2.5 % off, gets goods from St Petersburg, granted the private section."""
    people: dict[str, Person]
    categories: dict[str, int]
    products: dict[str, ProductRead]

    async def actor(self, who: str) -> Actor:
        return await build_actor(self.people[who], None)


async def _person(email: str, staff_role: StaffRole | None = None) -> Person:
    return await directory.create_person(
        None, email=email, full_name=email.split("@")[0].title(), password=PASSWORD,
        staff_role=staff_role,
    )  # fmt: skip


async def open_shop() -> Shop:
    """Build the cast and the catalog every story below starts from."""
    moscow = await Warehouse.create(code="MSK", name="Moscow", region="Moscow")
    spb = await Warehouse.create(code="SPB", name="St Petersburg", region="North-West")
    base = await PriceList.create(name="Base", is_base=True)
    partner = await PriceList.create(name="Partners")
    alpha = await directory.create_dealer(
        None, legal_name="Alpha", inn="7701000001", warehouse_id=moscow.id,
        price_list_id=partner.id, discount_bp=100,
    )  # fmt: skip
    beta = await directory.create_dealer(
        None, legal_name="Beta", inn="7701000002", warehouse_id=spb.id, discount_bp=250
    )
    people = {
        "alice": await _person("alice@alpha.example"),
        "victor": await _person("victor@alpha.example"),
        "bob": await _person("bob@beta.example"),
        "manager": await _person("manager@factory.example", StaffRole.MANAGER),
        "supervisor": await _person("boss@factory.example", StaffRole.SUPERVISOR),
    }
    await directory.add_membership(None, people["alice"].id, alpha.id, MembershipRole.OWNER)
    await directory.add_membership(
        None, people["victor"].id, alpha.id, MembershipRole.VIEWER, can_see_prices=False
    )
    await directory.add_membership(None, people["bob"].id, beta.id)
    await directory.assign_manager(None, people["manager"].id, alpha.id)

    bricks = await catalog_changes.create_category(None, "Bricks")
    facing = await catalog_changes.create_category(None, "Facing bricks", parent_id=bricks.id)
    secret = await catalog_changes.create_category(None, "Prototypes", is_private=True, position=9)
    inner = await catalog_changes.create_category(None, "Glazed prototypes", parent_id=secret.id)
    categories = {"bricks": bricks.id, "facing": facing.id, "secret": secret.id, "inner": inner.id}
    products = {}
    for sku, name, category, units in (
        ("BR-100", "Brick red", bricks.id, [("piece", 1), ("pallet", 400)]),
        ("BR-200", "Brick white", facing.id, [("piece", 1)]),
        ("PR-1", "Glazed tile", inner.id, [("piece", 1), ("box", 20)]),
    ):
        products[sku] = await catalog_changes.create_product(None, sku, name, category, units=units)
    await catalog_changes.set_price(None, base.id, products["BR-100"].id, 19_99)
    await catalog_changes.set_price(None, partner.id, products["BR-100"].id, 15_00)
    await catalog_changes.set_price(None, base.id, products["BR-200"].id, 25_00)
    await catalog_changes.set_price(None, base.id, products["PR-1"].id, 100_00)
    await catalog_changes.set_stock(None, products["BR-100"].id, moscow.id, 1200)
    await catalog_changes.set_stock(None, products["BR-100"].id, spb.id, 300)
    await catalog_changes.set_stock(None, products["BR-200"].id, spb.id, 40)
    await catalog_changes.grant_category(None, secret.id, beta.id)
    return Shop(moscow, spb, base, partner, alpha, beta, people, categories, products)


@pytest.fixture
async def shop(db: object) -> Shop:
    return await open_shop()


async def _skus(actor: Actor, **query: object) -> list[str]:
    page = await catalog.search_products(actor, ProductQuery(**query))  # type: ignore[arg-type]
    return [p.sku for p in page.items]


async def test_dealer_with_own_price_list_pays_its_price_less_discount(shop: Shop) -> None:
    alice = await shop.actor("alice")
    red = await catalog.get_product(alice, shop.products["BR-100"].id)
    assert red.price_per_piece_kopecks == 14_85  # partner 15.00 less 1 %
    assert {u.code: u.price_kopecks for u in red.units} == {"piece": 14_85, "pallet": 14_85 * 400}
    white = await catalog.get_product(alice, shop.products["BR-200"].id)
    assert white.price_per_piece_kopecks == 24_75  # not in the partner list: base 25.00 less 1 %


async def test_dealer_on_base_prices_gets_discount_rounded_half_up(shop: Shop) -> None:
    bob = await shop.actor("bob")
    red = await catalog.get_product(bob, shop.products["BR-100"].id)
    assert red.price_per_piece_kopecks == 19_49  # 19.99 × 0.975 = 19.49025
    white = await catalog.get_product(bob, shop.products["BR-200"].id)
    assert white.price_per_piece_kopecks == 24_38  # 25.00 × 0.975 = 24.375, half up


async def test_dealer_sees_stock_at_its_warehouse_and_in_total(shop: Shop) -> None:
    alice, bob = await shop.actor("alice"), await shop.actor("bob")
    red_for_alice = await catalog.get_product(alice, shop.products["BR-100"].id)
    red_for_bob = await catalog.get_product(bob, shop.products["BR-100"].id)
    assert (red_for_alice.stock_at_my_warehouse, red_for_alice.stock_total) == (1200, 1500)
    assert (red_for_bob.stock_at_my_warehouse, red_for_bob.stock_total) == (300, 1500)
    assert await _skus(alice, in_stock=True) == ["BR-100"]
    assert await _skus(bob, in_stock=True) == ["BR-100", "BR-200"]


async def test_private_section_is_seen_only_by_the_granted_dealer(shop: Shop) -> None:
    alice, bob = await shop.actor("alice"), await shop.actor("bob")
    tile = shop.products["PR-1"].id
    assert [c.name for c in await catalog.list_categories(alice)] == ["Bricks", "Facing bricks"]
    assert {c.id for c in await catalog.list_categories(bob)} == set(shop.categories.values())

    assert await _skus(alice) == ["BR-100", "BR-200"]
    assert await _skus(bob) == ["BR-100", "BR-200", "PR-1"]
    assert await _skus(alice, q="glazed") == []
    with pytest.raises(NotFound):
        await catalog.get_product(alice, tile)
    assert (await catalog.get_product(bob, tile)).price_per_piece_kopecks == 97_50
    with pytest.raises(NotFound):
        await catalog.search_products(alice, ProductQuery(category_id=shop.categories["secret"]))
    assert await _skus(bob, category_id=shop.categories["secret"]) == ["PR-1"]

    assert await catalog_changes.revoke_category(None, shop.categories["secret"], shop.beta.id)
    with pytest.raises(NotFound):
        await catalog.get_product(bob, tile)


async def test_section_filter_takes_in_the_sections_below(shop: Shop) -> None:
    alice = await shop.actor("alice")
    assert await _skus(alice, category_id=shop.categories["bricks"]) == ["BR-100", "BR-200"]
    assert await _skus(alice, category_id=shop.categories["facing"]) == ["BR-200"]


async def test_viewer_without_price_right_sees_no_prices(shop: Shop) -> None:
    victor = await shop.actor("victor")
    page = await catalog.search_products(victor, ProductQuery())
    assert page.total == 2
    for product in page.items:
        assert product.price_per_piece_kopecks is None
        assert all(u.price_kopecks is None for u in product.units)
    assert page.items[0].stock_at_my_warehouse == 1200


async def test_staff_see_everything_at_base_prices(shop: Shop) -> None:
    boss = await shop.actor("supervisor")
    assert len(await catalog.list_categories(boss)) == 4
    page = await catalog.search_products(boss, ProductQuery())
    assert [(p.sku, p.price_per_piece_kopecks) for p in page.items] == [
        ("BR-100", 19_99),
        ("BR-200", 25_00),
        ("PR-1", 100_00),
    ]
    assert page.items[0].stock_at_my_warehouse is None


async def test_manager_looks_through_an_assigned_dealers_eyes(shop: Shop) -> None:
    manager = await shop.actor("manager")
    as_alpha = await catalog.search_products(manager, ProductQuery(dealer_id=shop.alpha.id))
    assert [(p.sku, p.price_per_piece_kopecks) for p in as_alpha.items] == [
        ("BR-100", 14_85),
        ("BR-200", 24_75),
    ]
    with pytest.raises(NotFound) as caught:
        await catalog.list_categories(manager, dealer_id=shop.beta.id)
    assert caught.value.field == "dealer_id"
    with pytest.raises(NotFound):
        await catalog.get_product(manager, shop.products["BR-100"].id, dealer_id=shop.beta.id)


async def test_dealer_cannot_peek_at_another_dealers_catalog(shop: Shop) -> None:
    alice = await shop.actor("alice")
    with pytest.raises(NotFound) as foreign:
        await catalog.search_products(alice, ProductQuery(dealer_id=shop.beta.id))
    with pytest.raises(NotFound) as missing:
        await catalog.search_products(alice, ProductQuery(dealer_id=999_999))
    assert foreign.value.body() == missing.value.body()
    assert await _skus(alice, dealer_id=shop.alpha.id) == ["BR-100", "BR-200"]


async def test_holding_sees_a_subsidiarys_catalog(shop: Shop) -> None:
    branch = await directory.create_dealer(
        None, legal_name="Alpha North", inn="7701000003", parent_id=shop.alpha.id
    )
    await catalog_changes.grant_category(None, shop.categories["secret"], branch.id)
    alice = await shop.actor("alice")
    as_branch = await catalog.search_products(alice, ProductQuery(dealer_id=branch.id))
    assert [(p.sku, p.price_per_piece_kopecks) for p in as_branch.items] == [
        ("BR-100", 19_99),
        ("BR-200", 25_00),
        ("PR-1", 100_00),
    ]
    assert as_branch.items[0].stock_at_my_warehouse is None


async def test_search_by_sku_and_by_name_in_pages(shop: Shop) -> None:
    category = shop.categories["facing"]
    for n in range(1, 13):
        await catalog_changes.create_product(
            None, f"TL-{n:03}", f"Терракотовая плитка {n:02}", category
        )
    bob = await shop.actor("bob")
    assert await _skus(bob, q="br-1") == ["BR-100"]
    assert await _skus(bob, q="BR-200") == ["BR-200"]
    assert await _skus(bob, q="BRICK") == ["BR-100", "BR-200"]
    assert await _skus(bob, q="100") == []  # SKUs match by prefix only

    first = await catalog.search_products(bob, ProductQuery(q="плитка", page_size=5))
    assert (first.total, len(first.items)) == (12, 5)
    assert [p.sku for p in first.items] == [f"TL-{n:03}" for n in range(1, 6)]
    last = await catalog.search_products(bob, ProductQuery(q="терракотовая", page=3, page_size=5))
    assert (last.total, [p.sku for p in last.items]) == (12, ["TL-011", "TL-012"])
    beyond = await catalog.search_products(bob, ProductQuery(q="tl-", page=4, page_size=5))
    assert (beyond.total, beyond.items) == (12, [])


async def test_inactive_products_are_hidden(shop: Shop) -> None:
    await Product.filter(id=shop.products["BR-200"].id).update(is_active=False)
    alice = await shop.actor("alice")
    assert await _skus(alice) == ["BR-100"]
    with pytest.raises(NotFound):
        await catalog.get_product(alice, shop.products["BR-200"].id)


async def test_out_of_bounds_query_built_in_code_is_rejected(shop: Shop) -> None:
    alice = await shop.actor("alice")
    with pytest.raises(InvalidInput) as caught:
        await catalog.search_products(alice, ProductQuery(page_size=101))
    assert caught.value.field == "page_size"


async def test_warehouses_are_listed_for_everyone(shop: Shop) -> None:
    bob = await shop.actor("bob")
    assert [w.code for w in await catalog.list_warehouses(bob)] == ["MSK", "SPB"]
