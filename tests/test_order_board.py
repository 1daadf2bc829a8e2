"""The order board: filters, sorting, keyset pagination and a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.errors import Forbidden, NotFound
from app.orders import production, queries, service
from app.orders.models import Order, OrderStatus, UnitStage
from app.orders.schemas import OrderQuery
from tests.factories import make_world, place_draft
from tests.querycount import count_queries


async def all_pages(actor, **filters) -> list[int]:
    seen, cursor = [], None
    while True:
        page = await queries.list_orders(actor, OrderQuery(cursor=cursor, **filters))
        seen += [o.id for o in page.items]
        if page.next_cursor is None:
            return seen
        cursor = page.next_cursor


@pytest.mark.parametrize(
    "sort", ["-created_at", "created_at", "-total", "total", "number", "-number"]
)
async def test_keyset_pages_cover_every_order_once_in_sort_order(db, sort):
    world = await make_world()
    for quantity in (3, 1, 2, 2, 5, 1, 4):
        await place_draft(world, "alice", [("D-100:piece", quantity)])
    alice = await world.actor("alice")
    ids = await all_pages(alice, sort=sort, limit=3)
    orders = {o.id: o for o in await Order.all()}
    key = {
        "created_at": lambda o: (o.created_at, o.id),
        "total": lambda o: (o.total_kopecks, o.id),
        "number": lambda o: (o.id, o.id),
    }[sort.lstrip("-")]
    expected = sorted(orders.values(), key=key, reverse=sort.startswith("-"))
    assert ids == [o.id for o in expected]


async def test_filters_narrow_the_board(db):
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    small = await place_draft(world, "alice", [("H-1:piece", 1)])
    big = await place_draft(world, "alice", [("D-200:pallet", 2)])
    await service.submit_order(alice, big.id)
    await production.confirm_order(manager, big.id)
    await production.move_units(manager, big.id, UnitStage.CUTTING)
    old = await place_draft(world, "alice", [("D-100:piece", 1)])
    await Order.filter(id=old.id).update(created_at=datetime.now(UTC) - timedelta(days=40))

    def ids(page):
        return {o.id for o in page.items}

    page = await queries.list_orders(alice, OrderQuery(status=[OrderStatus.IN_PRODUCTION]))
    assert ids(page) == {big.id}
    assert page.items[0].stages[0].stage == UnitStage.CUTTING
    assert page.items[0].unit_count == 20
    assert ids(await queries.list_orders(alice, OrderQuery(amount_max=200_00))) == {small.id}
    assert ids(await queries.list_orders(alice, OrderQuery(amount_min=1_000_000_00))) == set()
    assert ids(await queries.list_orders(alice, OrderQuery(amount_min=100_000_00))) == {big.id}
    recent = OrderQuery(created_from=datetime.now(UTC) - timedelta(days=7))
    assert ids(await queries.list_orders(alice, recent)) == {small.id, big.id}
    assert ids(await queries.list_orders(alice, OrderQuery(number=big.number))) == {big.id}
    by_alice = OrderQuery(created_by=world.people["alice"].id)
    assert ids(await queries.list_orders(alice, by_alice)) == {small.id, big.id, old.id}


async def test_a_holding_sees_its_subsidiaries_and_filters_by_legal_entity(db):
    world = await make_world()
    holly, sam = await world.actor("holly"), await world.actor("sam")
    own = await place_draft(world, "holly", [("D-100:piece", 1)])
    for_sub = await place_draft(world, "holly", [("D-100:piece", 1)], dealer=world.sub_1)
    by_sub = await place_draft(world, "sam", [("D-100:piece", 1)])
    assert set(await all_pages(holly)) == {own.id, for_sub.id, by_sub.id}
    only_sub = await all_pages(holly, dealer_id=world.sub_1.id)
    assert set(only_sub) == {for_sub.id, by_sub.id}
    assert set(await all_pages(sam)) == {for_sub.id, by_sub.id}
    with pytest.raises(NotFound):
        await queries.list_orders(sam, OrderQuery(dealer_id=world.holding.id))


async def test_people_without_price_rights_see_no_amounts(db):
    world = await make_world()
    await place_draft(world, "alice", [("D-100:piece", 1)])
    viewer = await world.actor("viewer")
    page = await queries.list_orders(viewer, OrderQuery())
    assert [o.total_kopecks for o in page.items] == [None]
    with pytest.raises(Forbidden):
        await queries.list_orders(viewer, OrderQuery(amount_min=1))


async def test_the_board_costs_the_same_queries_for_any_page_size(db, monkeypatch):
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    for _ in range(12):
        draft = await place_draft(world, "alice", [("D-100:piece", 2), ("H-1:piece", 1)])
        await service.submit_order(alice, draft.id)
        await production.confirm_order(manager, draft.id)
        await production.move_units(manager, draft.id, UnitStage.CUTTING)
    counts = {}
    for limit in (2, 12):
        with count_queries(monkeypatch) as seen:
            page = await queries.list_orders(alice, OrderQuery(limit=limit))
        assert len(page.items) == limit
        counts[limit] = len(seen)
    assert counts[2] == counts[12] <= 6
    with count_queries(monkeypatch) as seen:
        detail = await queries.get_order(alice, page.items[0].id)
    assert len(detail.units) == 3 and len(seen) <= 8
