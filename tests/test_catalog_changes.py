"""Supervisors and the ERP change stock, prices and grants: one event each, atomically."""

from __future__ import annotations

import msgspec
import pytest
from test_catalog import Shop, open_shop

from app.accounts.models import AuditEntry
from app.catalog import changes as catalog_changes
from app.catalog import service as catalog
from app.catalog.events import CatalogEvent, CategoryGranted, PriceChanged, StockChanged
from app.catalog.models import Price, StockLevel
from app.errors import Forbidden, NotFound
from realtime.outbox import OutboxEvent
from realtime.relay import transaction


@pytest.fixture
async def shop(db: object) -> Shop:
    return await open_shop()


async def _mark() -> int:
    """The newest outbox id so far: events after it are the story's own."""
    last = await OutboxEvent.all().order_by("-id").first()
    return last.id if last else 0


async def _events_since(mark: int) -> list[tuple[str, CatalogEvent]]:
    rows = await OutboxEvent.filter(id__gt=mark).order_by("id")
    return [(r.topic, msgspec.json.decode(r.payload, type=CatalogEvent)) for r in rows]


async def _stock(shop: Shop, sku: str) -> int:
    level = await StockLevel.get(product_id=shop.products[sku].id, warehouse_id=shop.moscow.id)
    return level.quantity


async def test_supervisor_sets_stock_and_one_event_reaches_the_warehouse_topic(shop: Shop) -> None:
    boss = await shop.actor("supervisor")
    red = shop.products["BR-100"].id
    mark = await _mark()

    result = await catalog_changes.set_stock(boss, red, shop.moscow.id, 1150)

    assert result.changed and result.quantity == 1150
    assert await _events_since(mark) == [
        (
            f"warehouse:{shop.moscow.id}:stock",
            StockChanged(
                product_id=red, warehouse_id=shop.moscow.id, quantity=1150, previous_quantity=1200
            ),
        )
    ]
    entry = await AuditEntry.filter(action="stock.set").order_by("-id").first()
    assert entry is not None and entry.person_id == boss.person_id
    assert (entry.before, entry.after) == ({"quantity": 1200}, {"quantity": 1150})
    alice = await shop.actor("alice")
    assert (await catalog.get_product(alice, red)).stock_at_my_warehouse == 1150


async def test_setting_the_same_stock_again_writes_nothing(shop: Shop) -> None:
    mark = await _mark()
    result = await catalog_changes.set_stock(None, shop.products["BR-100"].id, shop.moscow.id, 1200)
    assert not result.changed
    assert await _events_since(mark) == []


async def test_failed_import_leaves_neither_stock_nor_event(shop: Shop) -> None:
    mark = await _mark()
    audit_entries = await AuditEntry.all().count()
    with pytest.raises(RuntimeError):
        async with transaction():
            await catalog_changes.set_stock(None, shop.products["BR-100"].id, shop.moscow.id, 7)
            raise RuntimeError("the ERP import broke half-way")
    assert await _stock(shop, "BR-100") == 1200
    assert await _events_since(mark) == []
    assert await AuditEntry.all().count() == audit_entries


async def test_new_base_price_reaches_its_list_topic_and_dealers(shop: Shop) -> None:
    boss = await shop.actor("supervisor")
    white = shop.products["BR-200"].id
    mark = await _mark()

    await catalog_changes.set_price(boss, shop.base.id, white, 30_00)

    assert await _events_since(mark) == [
        (
            f"price_list:{shop.base.id}",
            PriceChanged(
                price_list_id=shop.base.id,
                product_id=white,
                amount_kopecks=30_00,
                previous_amount_kopecks=25_00,
            ),
        )
    ]
    bob = await shop.actor("bob")
    assert (await catalog.get_product(bob, white)).price_per_piece_kopecks == 29_25


async def test_first_price_in_a_list_overrides_the_base_for_its_dealers(shop: Shop) -> None:
    white = shop.products["BR-200"].id
    mark = await _mark()
    await catalog_changes.set_price(None, shop.partner.id, white, 20_00)
    [(topic, event)] = await _events_since(mark)
    assert topic == f"price_list:{shop.partner.id}"
    assert isinstance(event, PriceChanged) and event.previous_amount_kopecks is None
    alice = await shop.actor("alice")
    assert (await catalog.get_product(alice, white)).price_per_piece_kopecks == 19_80


async def test_failed_price_change_leaves_neither_price_nor_event(shop: Shop) -> None:
    red = shop.products["BR-100"].id
    mark = await _mark()
    with pytest.raises(RuntimeError):
        async with transaction():
            await catalog_changes.set_price(None, shop.base.id, red, 1)
            raise RuntimeError("rolled back")
    assert (await Price.get(price_list_id=shop.base.id, product_id=red)).amount_kopecks == 19_99
    assert await _events_since(mark) == []


async def test_only_supervisors_change_the_catalog(shop: Shop) -> None:
    red = shop.products["BR-100"].id
    for who in ("alice", "manager"):
        actor = await shop.actor(who)
        with pytest.raises(Forbidden):
            await catalog_changes.set_stock(actor, red, shop.moscow.id, 1)
        with pytest.raises(Forbidden):
            await catalog_changes.set_price(actor, shop.base.id, red, 1)
        with pytest.raises(Forbidden):
            await catalog_changes.grant_category(actor, shop.categories["secret"], shop.alpha.id)
    assert await _stock(shop, "BR-100") == 1200


async def test_changes_to_unknown_rows_name_the_field(shop: Shop) -> None:
    red = shop.products["BR-100"].id
    with pytest.raises(NotFound) as caught:
        await catalog_changes.set_stock(None, red, 999_999, 1)
    assert caught.value.field == "warehouse_id"
    with pytest.raises(NotFound) as caught:
        await catalog_changes.set_price(None, shop.base.id, 999_999, 1)
    assert caught.value.field == "product_id"


async def test_granting_a_section_tells_the_dealer_once(shop: Shop) -> None:
    boss = await shop.actor("supervisor")
    secret = shop.categories["secret"]
    mark = await _mark()

    assert await catalog_changes.grant_category(boss, secret, shop.alpha.id)
    assert not await catalog_changes.grant_category(boss, secret, shop.alpha.id)

    assert await _events_since(mark) == [
        (
            f"dealer:{shop.alpha.id}:catalog",
            CategoryGranted(dealer_id=shop.alpha.id, category_id=secret),
        )
    ]
    alice = await shop.actor("alice")
    assert len(await catalog.list_categories(alice)) == 4
