"""Order changes append typed events to the outbox in the same transaction."""

from __future__ import annotations

import msgspec
import pytest
from tortoise.transactions import in_transaction

from app.accounts import audit
from app.orders import production, service
from app.orders.events import OrderEvent, OrderStatusChanged, board_topic, order_topic
from app.orders.models import Order, OrderStatus, UnitStage
from realtime.outbox import OutboxEvent
from tests.factories import make_world, place_draft


async def events_on(topic: str) -> list[OutboxEvent]:
    return await OutboxEvent.filter(topic=topic).order_by("seq")


async def test_a_draft_is_announced_on_the_board_and_the_order_topic(db):
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-100:piece", 1)])
    for topic in (board_topic(world.dealer_a.id), order_topic(draft.id)):
        [row] = await events_on(topic)
        event = msgspec.json.decode(row.payload, type=OrderEvent)
        assert row.type == "order.created" and row.seq == 1
        assert event.order_id == draft.id and event.total_kopecks == 12_345_00
    assert await events_on(board_topic(world.dealer_b.id)) == []


async def test_every_step_of_an_order_is_an_event_in_gapless_order(db):
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    draft = await place_draft(world, "alice", [("D-100:piece", 2)])
    await service.submit_order(alice, draft.id)
    await production.confirm_order(manager, draft.id)
    await production.move_units(manager, draft.id, UnitStage.PACKED)
    rows = await events_on(order_topic(draft.id))
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    decoded = [msgspec.json.decode(r.payload, type=OrderEvent) for r in rows]
    assert [r.type for r in rows] == [
        "order.created",
        "order.status_changed",  # submitted
        "order.status_changed",  # confirmed
        "order.production_planned",
        "order.units_moved",
        "order.status_changed",  # in production
        "order.status_changed",  # ready
    ]
    assert [e.to_status for e in decoded if isinstance(e, OrderStatusChanged)] == [
        OrderStatus.SUBMITTED,
        OrderStatus.CONFIRMED,
        OrderStatus.IN_PRODUCTION,
        OrderStatus.READY,
    ]
    versions = [e.version for e in decoded]
    assert versions == sorted(versions)
    board = await events_on(board_topic(world.dealer_a.id))
    assert "order.progress_changed" in [r.type for r in board]
    assert "order.units_moved" not in [r.type for r in board]


async def test_a_rolled_back_change_leaves_no_event_and_no_change(db):
    world = await make_world()
    alice = await world.actor("alice")
    draft = await place_draft(world, "alice", [("D-100:piece", 1)])
    before = await OutboxEvent.all().count()
    with pytest.raises(RuntimeError):
        async with in_transaction():
            await service.submit_order(alice, draft.id)
            raise RuntimeError("the surrounding work failed")
    assert (await Order.get(id=draft.id)).status == OrderStatus.DRAFT
    assert await OutboxEvent.all().count() == before


async def test_a_failure_after_the_event_was_appended_takes_the_event_with_it(db, monkeypatch):
    world = await make_world()
    alice = await world.actor("alice")
    draft = await place_draft(world, "alice", [("D-100:piece", 1)])
    before = await OutboxEvent.all().count()

    async def broken_audit(*args, **kwargs):
        raise RuntimeError("audit storage failed")

    monkeypatch.setattr(audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        await service.submit_order(alice, draft.id)
    assert (await Order.get(id=draft.id)).status == OrderStatus.DRAFT
    assert await OutboxEvent.all().count() == before
