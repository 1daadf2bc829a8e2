"""The order lifecycle: every allowed and every forbidden transition, and unit stages."""

from __future__ import annotations

import itertools

import pytest

from app.errors import Conflict, Forbidden
from app.orders import production, queries, service
from app.orders.models import Order, OrderStatus, UnitStage
from app.orders.state import Mover, may_move_unit, may_transition, status_for_stages
from realtime.outbox import OutboxEvent
from tests.factories import World, make_world, place_draft

S = OrderStatus
D, F, SYS = Mover.DEALER, Mover.STAFF, Mover.SYSTEM

# The lifecycle as the product defines it, written out independently of app/orders/state.py.
SPEC = {
    (S.DRAFT, S.SUBMITTED): {D, F},
    (S.SUBMITTED, S.CONFIRMED): {F},
    (S.SUBMITTED, S.CANCELLED): {D, F},
    (S.CONFIRMED, S.IN_PRODUCTION): {SYS},
    (S.CONFIRMED, S.CANCELLED): {F},
    (S.IN_PRODUCTION, S.READY): {SYS},
    (S.IN_PRODUCTION, S.CANCELLED): {F},
    (S.READY, S.SHIPPED): {SYS},
    (S.SHIPPED, S.COMPLETED): {SYS},
}


@pytest.mark.parametrize(
    ("source", "target", "mover"), list(itertools.product(S, S, Mover)), ids=str
)
def test_every_transition_is_allowed_exactly_as_specified(source, target, mover):
    assert may_transition(source, target, mover) == (mover in SPEC.get((source, target), set()))


@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        ([], S.CONFIRMED),
        ([UnitStage.QUEUED] * 3, S.CONFIRMED),
        ([UnitStage.QUEUED, UnitStage.CUTTING], S.IN_PRODUCTION),
        ([UnitStage.PACKED, UnitStage.QUALITY_CHECK], S.IN_PRODUCTION),
        ([UnitStage.PACKED, UnitStage.SHIPPED], S.READY),
        ([UnitStage.SHIPPED, UnitStage.SHIPPED], S.SHIPPED),
        ([UnitStage.AT_DEALER, UnitStage.SHIPPED], S.SHIPPED),
        ([UnitStage.AT_DEALER, UnitStage.SOLD], S.COMPLETED),
    ],
)
def test_order_status_follows_its_units(stages, expected):
    assert status_for_stages(stages) == expected


def test_units_move_forward_only_and_dealers_only_receive_and_sell():
    stages = list(UnitStage)
    for source, target in itertools.product(stages, stages):
        forward = stages.index(target) > stages.index(source)
        assert may_move_unit(source, target, Mover.STAFF) == forward
        assert may_move_unit(source, target, Mover.DEALER) == (
            (source, target)
            in {(UnitStage.SHIPPED, UnitStage.AT_DEALER), (UnitStage.AT_DEALER, UnitStage.SOLD)}
        )


async def order_in_status(world: World, status: OrderStatus) -> int:
    """Bring a fresh order to `status` through the services alone."""
    alice, manager = await world.actor("alice"), await world.actor("manager")
    order = await place_draft(world, "alice", [("D-100:piece", 2)])
    steps = {
        S.DRAFT: [],
        S.SUBMITTED: ["submit"],
        S.CANCELLED: ["submit", "cancel"],
        S.CONFIRMED: ["submit", "confirm"],
        S.IN_PRODUCTION: ["submit", "confirm", UnitStage.CUTTING],
        S.READY: ["submit", "confirm", UnitStage.PACKED],
        S.SHIPPED: ["submit", "confirm", UnitStage.SHIPPED],
        S.COMPLETED: ["submit", "confirm", UnitStage.SHIPPED, "receive"],
    }[status]
    for step in steps:
        if step == "submit":
            await service.submit_order(alice, order.id)
        elif step == "cancel":
            await service.cancel_order(alice, order.id, "changed our mind")
        elif step == "confirm":
            await production.confirm_order(manager, order.id)
        elif step == "receive":
            await production.move_units(alice, order.id, UnitStage.AT_DEALER)
        else:
            await production.move_units(manager, order.id, step)
    assert (await Order.get(id=order.id)).status == status
    return order.id


ACTIONS = {
    "dealer submits": ("alice", lambda a, o: service.submit_order(a, o), S.SUBMITTED),
    "manager confirms": ("manager", lambda a, o: production.confirm_order(a, o), S.CONFIRMED),
    "dealer cancels": ("alice", lambda a, o: service.cancel_order(a, o, "no"), S.CANCELLED),
    "manager cancels": ("manager", lambda a, o: service.cancel_order(a, o, "no"), S.CANCELLED),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("status", list(S))
async def test_each_action_from_each_status(db, status, action):
    world = await make_world()
    order_id = await order_in_status(world, status)
    who, call, target = ACTIONS[action]
    actor = await world.actor(who)
    mover = F if actor.is_staff else D
    events_before = await OutboxEvent.all().count()
    if may_transition(status, target, mover):
        detail = await call(actor, order_id)
        assert detail.status == target
        assert detail.status_history[-1].to_status == target
        assert await OutboxEvent.filter(type="order.status_changed").count() > 0
    else:
        with pytest.raises(Conflict) as error:
            await call(actor, order_id)
        assert error.value.code == "invalid_transition"
        assert (await Order.get(id=order_id)).status == status
        assert await OutboxEvent.all().count() == events_before


async def test_submission_fixes_prices_and_confirmation_creates_one_unit_per_piece(db):
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    draft = await place_draft(world, "alice", [("D-200:pallet", 1), ("H-1:piece", 3)])
    assert draft.total_kopecks == 10 * 20_000_00 + 3 * 150_50
    submitted = await service.submit_order(alice, draft.id)
    assert submitted.submitted_at is not None
    confirmed = await production.confirm_order(manager, draft.id)
    assert len(confirmed.units) == 13
    assert [u.serial for u in confirmed.units] == list(range(1, 14))
    assert all(u.stage == UnitStage.QUEUED and len(u.history) == 1 for u in confirmed.units)
    assert confirmed.units[0].history[0].by_person_id == manager.person_id


async def test_manager_moves_units_and_the_order_follows(db):
    world = await make_world()
    manager = await world.actor("manager")
    order_id = await order_in_status(world, S.CONFIRMED)
    units = (await queries.get_order(manager, order_id)).units
    moved = await production.move_units(manager, order_id, UnitStage.PAINTING, [units[0].id])
    assert moved.status == S.IN_PRODUCTION
    painted = next(u for u in moved.units if u.id == units[0].id)
    assert painted.stage == UnitStage.PAINTING
    assert painted.history[-1].from_stage == UnitStage.QUEUED
    assert painted.history[-1].by_person_name == world.people["manager"].full_name
    with pytest.raises(Conflict) as backwards:
        await production.move_units(manager, order_id, UnitStage.CUTTING, [units[0].id])
    assert backwards.value.code == "invalid_stage_move"
    ready = await production.move_units(manager, order_id, UnitStage.PACKED)
    assert ready.status == S.READY
    assert [c.to_status for c in ready.status_history][-3:] == [
        S.CONFIRMED,
        S.IN_PRODUCTION,
        S.READY,
    ]


async def test_dealer_reports_receipt_but_cannot_touch_production(db):
    world = await make_world()
    alice = await world.actor("alice")
    order_id = await order_in_status(world, S.IN_PRODUCTION)
    with pytest.raises(Conflict):
        await production.move_units(alice, order_id, UnitStage.PAINTING)
    viewer = await world.actor("viewer")
    with pytest.raises(Forbidden):
        await production.move_units(viewer, order_id, UnitStage.AT_DEALER)


async def test_a_factory_system_moves_units_by_name(db):
    world = await make_world()
    order_id = await order_in_status(world, S.CONFIRMED)
    await production.move_units(None, order_id, UnitStage.CUTTING, by_system="erp")
    detail = await queries.get_order(await world.actor("manager"), order_id)
    assert {u.history[-1].by_system for u in detail.units} == {"erp"}
    assert detail.status_history[-1].by_system == "production"


async def test_units_cannot_move_before_confirmation_or_after_cancellation(db):
    world = await make_world()
    manager = await world.actor("manager")
    for status in (S.DRAFT, S.SUBMITTED, S.CANCELLED):
        order_id = await order_in_status(world, status)
        with pytest.raises(Conflict) as error:
            await production.move_units(manager, order_id, UnitStage.CUTTING)
        assert error.value.code == "not_in_production"
