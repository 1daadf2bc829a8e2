"""The demo factory: loaded once, believable, and as tenant-safe as real data."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest

from app.accounts.models import Dealer, DealerMembership, ManagerAssignment, Person, StaffRole
from app.accounts.service import authenticate, build_actor
from app.catalog.models import Category, CategoryAccess, PriceList, Product, Warehouse
from app.config import Settings
from app.demo import DEMO_LOGINS, DemoSummary, load_demo
from app.errors import NotFound
from app.orders.models import (
    Order,
    OrderStatus,
    OrderStatusChange,
    ProductionUnit,
    UnitStage,
    UnitStageMove,
)
from app.orders.queries import get_order, list_orders
from app.orders.schemas import OrderQuery
from app.orders.state import STAGE_ORDER

SCALE = 0.05


@pytest.fixture
async def demo(db: Settings) -> DemoSummary:
    """A database holding the demo factory at a small scale."""
    summary = await load_demo(scale=SCALE, seed=7)
    assert summary is not None
    return summary


async def _email_of(dealer_number: int) -> Person:
    return await Person.get(email=f"dealer{dealer_number}@demo.test")


async def test_the_demo_factory_is_loaded_once_with_what_it_reports(demo: DemoSummary) -> None:
    assert demo.warehouses == await Warehouse.all().count() == 3
    assert demo.price_lists == await PriceList.all().count() == 3
    assert demo.products == await Product.all().count() >= 2_000 * SCALE
    assert demo.categories == await Category.all().count()
    assert await Category.filter(is_private=True).count() == 2
    assert await CategoryAccess.all().count() >= 2
    assert demo.dealers == await Dealer.all().count() == 20
    assert demo.people == await Person.all().count()
    assert await Person.filter(staff_role=StaffRole.MANAGER).count() == 4
    assert demo.orders == await Order.all().count() == sum(demo.orders_by_status.values())
    assert demo.production_units == await ProductionUnit.all().count()
    for status in OrderStatus:
        assert await Order.filter(status=status).count() == demo.orders_by_status[status] > 0

    people, orders = await Person.all().count(), await Order.all().count()
    assert await load_demo(scale=SCALE, seed=7) is None
    assert (await Person.all().count(), await Order.all().count()) == (people, orders)


async def test_every_dealer_has_an_owner_and_a_manager_and_the_holding_one_manager(
    demo: DemoSummary,
) -> None:
    dealers = {d.id: d for d in await Dealer.all()}
    owners = {
        m.dealer_id
        for m in await DealerMembership.filter(role="owner").select_related("person")
        if m.person.email.startswith("dealer")
    }
    assert owners == set(dealers)
    manager_of = dict(await ManagerAssignment.all().values_list("dealer_id", "manager_id"))
    assert set(manager_of) == set(dealers)
    subsidiaries = [d for d in dealers.values() if d.parent_id is not None]
    assert len(subsidiaries) == 2
    assert {manager_of[d.id] for d in subsidiaries} == {manager_of[subsidiaries[0].parent_id]}
    for number in (1, 2):
        dealer = (await DealerMembership.get(person=await _email_of(number))).dealer_id
        assert dealers[dealer].parent_id is None
        assert not any(d.parent_id == dealer for d in dealers.values())
    assert all(len(d.inn) in (10, 12) and d.legal_address for d in dealers.values())


async def test_units_are_where_their_order_status_says(demo: DemoSummary) -> None:
    stages: dict[int, list[int]] = defaultdict(list)
    for order_id, stage in await ProductionUnit.all().values_list("order_id", "stage"):
        stages[order_id].append(STAGE_ORDER[UnitStage(stage)])
    packed, shipped = STAGE_ORDER[UnitStage.PACKED], STAGE_ORDER[UnitStage.SHIPPED]
    at_dealer, queued = STAGE_ORDER[UnitStage.AT_DEALER], STAGE_ORDER[UnitStage.QUEUED]
    for order_id, status in await Order.all().values_list("id", "status"):
        ranks = stages.get(order_id, [])
        if status in (OrderStatus.DRAFT, OrderStatus.SUBMITTED):
            assert not ranks, order_id
        elif status == OrderStatus.CONFIRMED:
            assert ranks and max(ranks) == queued, order_id
        elif status == OrderStatus.IN_PRODUCTION:
            assert max(ranks) > queued and min(ranks) < packed, order_id
        elif status == OrderStatus.READY:
            assert packed <= min(ranks) < shipped, order_id
        elif status == OrderStatus.SHIPPED:
            assert shipped <= min(ranks) < at_dealer, order_id
        elif status == OrderStatus.COMPLETED:
            assert min(ranks) >= at_dealer, order_id


async def test_history_is_spread_over_half_a_year_and_runs_forward(demo: DemoSummary) -> None:
    now = datetime.now(UTC)
    created = await Order.all().values_list("created_at", flat=True)
    assert min(created) > now - timedelta(days=182)
    assert max(created) - min(created) > timedelta(days=30)
    changes: dict[int, list[datetime]] = defaultdict(list)
    for order_id, at in await OrderStatusChange.all().order_by("id").values_list("order_id", "at"):
        changes[order_id].append(at)
    orders = {o.id: o for o in await Order.all()}
    for order_id, moments in changes.items():
        assert moments == sorted(moments) and orders[order_id].created_at <= moments[0] < now
        assert orders[order_id].updated_at >= moments[-1]
    last_move = max(await UnitStageMove.all().values_list("at", flat=True))
    assert last_move < now


async def test_dealer1_logs_in_with_the_demo_password_and_sees_only_its_orders(
    demo: DemoSummary,
) -> None:
    assert "demo-password" in DEMO_LOGINS
    person = await authenticate("dealer1@demo.test", "demo-password", "127.0.0.1")
    dealer1 = await build_actor(person, None)
    dealer2 = await build_actor(await _email_of(2), None)
    assert dealer1.active_dealer_id != dealer2.active_dealer_id

    seen, cursor = [], None
    while True:
        page = await list_orders(dealer1, OrderQuery(cursor=cursor, limit=100))
        seen += page.items
        if (cursor := page.next_cursor) is None:
            break
    assert seen and {o.dealer_id for o in seen} == {dealer1.active_dealer_id}
    theirs = await Order.filter(dealer_id=dealer2.active_dealer_id).first()
    assert theirs is not None
    with pytest.raises(NotFound):
        await get_order(dealer1, theirs.id)
    with pytest.raises(NotFound):
        await list_orders(dealer1, OrderQuery(dealer_id=dealer2.active_dealer_id))
