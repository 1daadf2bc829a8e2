"""The live stream end to end: a served app, real websockets, real Redis and database."""

from __future__ import annotations

import asyncio

import pytest

from app.catalog import changes as catalog_changes
from app.catalog.models import Warehouse
from app.orders import production, service
from app.orders.events import board_topic, order_topic
from app.orders.models import UnitStage
from realtime.client import LiveError
from realtime.protocol import Event
from tests.factories import make_world, place_draft
from tests.live_helpers import collect, live_client, running_relay


async def test_dealer_sees_manager_confirm_and_move_units_live(db, live_server, redis_url):
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    order = await place_draft(world, "alice", [("D-100:piece", 3)])
    await service.submit_order(alice, order.id)
    async with running_relay(redis_url), live_client(live_server, "alice@test.example") as live:
        await live.subscribe(board_topic(world.dealer_a.id))
        await live.subscribe(order_topic(order.id))
        await production.confirm_order(manager, order.id)
        detail = await production.move_units(manager, order.id, UnitStage.PAINTING)
        frames = await collect(live, 8)
    events = [(f.topic, f.event) for f in frames if isinstance(f, Event)]
    assert (order_topic(order.id), "order.units_moved") in events
    assert (board_topic(world.dealer_a.id), "order.progress_changed") in events
    on_order = [f for f in frames if f.topic == order_topic(order.id)]
    assert [f.seq for f in on_order] == sorted(f.seq for f in on_order)
    assert detail.status == "in_production"


async def test_foreign_topics_are_refused(db, live_server, redis_url):
    world = await make_world()
    order = await place_draft(world, "alice", [("D-100:piece", 1)])
    async with live_client(live_server, "bob@test.example") as live:
        for topic in (board_topic(world.dealer_a.id), order_topic(order.id), "order:999999"):
            with pytest.raises(LiveError) as refused:
                await live.subscribe(topic)
            assert refused.value.code == "forbidden"
        await live.subscribe(board_topic(world.dealer_b.id))


async def test_reconnecting_client_gets_exactly_what_it_missed(db, live_server, redis_url):
    world = await make_world()
    alice = await world.actor("alice")
    topic = board_topic(world.dealer_a.id)
    async with running_relay(redis_url), live_client(live_server, "alice@test.example") as live:
        await live.subscribe(topic)
        first = await place_draft(world, "alice", [("D-100:piece", 1)])
        [seen] = await collect(live, 1)
        await live.drop()
        missed = []
        for _ in range(5):
            draft = await place_draft(world, "alice", [("D-100:piece", 1)])
            missed.append(draft.id)
        await service.submit_order(alice, first.id)
        frames = await collect(live, 6)
        await asyncio.sleep(0.5)
        assert live._frames.empty()
    assert live.connects == 2
    assert [f.seq for f in frames] == list(range(seen.seq + 1, seen.seq + 7))
    assert [f.event for f in frames] == ["order.created"] * 5 + ["order.status_changed"]


async def test_people_without_price_rights_get_events_without_amounts(db, live_server, redis_url):
    world = await make_world()
    topic = board_topic(world.dealer_a.id)
    async with (
        running_relay(redis_url),
        live_client(live_server, "alice@test.example") as owner,
        live_client(live_server, "viewer@test.example") as viewer,
    ):
        await owner.subscribe(topic)
        await viewer.subscribe(topic)
        await place_draft(world, "alice", [("D-100:piece", 2)])
        [seen_by_owner] = await collect(owner, 1)
        [seen_by_viewer] = await collect(viewer, 1)
    assert seen_by_owner.data["total_kopecks"] == 2 * 12_345_00
    assert seen_by_viewer.data["total_kopecks"] is None
    assert seen_by_viewer.data["order_id"] == seen_by_owner.data["order_id"]


async def test_a_dealer_follows_its_own_warehouse_stock_only(db, live_server, redis_url):
    world = await make_world()
    other = await Warehouse.create(code="EKB", name="Yekaterinburg")
    async with running_relay(redis_url), live_client(live_server, "alice@test.example") as live:
        await live.subscribe(f"warehouse:{world.warehouse.id}:stock")
        with pytest.raises(LiveError):
            await live.subscribe(f"warehouse:{other.id}:stock")
        product = world.units["D-100:piece"].product_id
        await catalog_changes.set_stock(None, product, world.warehouse.id, 7)
        [frame] = await collect(live, 1)
    assert frame.event == "catalog.stock_changed" and frame.data["quantity"] == 7
