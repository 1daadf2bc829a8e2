"""Production: confirming an order into units and moving units through the stages.

The order's status follows its units (see `state.status_for_stages`); every move is one
transaction with its history rows, events and audit entry.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from app.accounts import audit
from app.accounts.actor import Actor, Permission
from app.errors import Conflict, Forbidden, NotFound
from app.orders.events import (
    OrderProgressChanged,
    ProductionPlanned,
    StageCountEvent,
    UnitMoved,
    UnitsMoved,
    board_topic,
    order_topic,
)
from app.orders.models import (
    Order,
    OrderItem,
    OrderStatus,
    ProductionUnit,
    UnitStage,
    UnitStageMove,
)
from app.orders.queries import get_order, load_visible_order
from app.orders.rules import mover_for
from app.orders.schemas import OrderDetail
from app.orders.service import event_head, order_topics, transition
from app.orders.state import PRODUCTION, Mover, derived_path, may_move_unit, status_for_stages
from realtime.outbox import append_event
from realtime.relay import transaction


def _now() -> datetime:
    return datetime.now(UTC)


async def confirm_order(actor: Actor, order_id: int) -> OrderDetail:
    """The factory accepts the order: every ordered piece becomes a queued production unit."""
    if not actor.is_staff:
        raise Forbidden("Only the factory confirms orders", code="staff_only")
    async with transaction():
        order = await load_visible_order(actor, order_id, for_update=True)
        await transition(order, OrderStatus.CONFIRMED, actor, Mover.STAFF)
        await plan_production(order, actor.person_id)
    return await get_order(actor, order.id)


async def plan_production(order: Order, person_id: int | None, *, by_system: str = "") -> None:
    """Expand a just-confirmed order's items into queued units; call in the confirming
    transaction (by a person, or by a system such as the CRM named in `by_system`)."""
    items = (
        await OrderItem.filter(order_id=order.id)
        .select_related("shipment_unit")
        .order_by("position")
    )
    now = _now()
    pieces = [
        item.id for item in items for _ in range(item.quantity * item.shipment_unit.multiplicity)
    ]
    await ProductionUnit.bulk_create(
        [
            ProductionUnit(order_id=order.id, item_id=item_id, serial=serial, stage_changed_at=now)
            for serial, item_id in enumerate(pieces, start=1)
        ],
        batch_size=1000,
    )
    unit_ids = await ProductionUnit.filter(order_id=order.id).values_list("id", flat=True)
    await UnitStageMove.bulk_create(
        [
            UnitStageMove(
                unit_id=unit_id,
                order_id=order.id,
                from_stage=None,
                to_stage=UnitStage.QUEUED,
                at=now,
                by_person_id=person_id,
                by_system=by_system,
            )
            for unit_id in unit_ids
        ],
        batch_size=1000,
    )
    await append_event(
        ProductionPlanned(**event_head(order), unit_count=len(pieces)), order_topics(order)
    )


async def move_units(
    actor: Actor | None,
    order_id: int,
    stage: UnitStage,
    unit_ids: list[int] | None = None,
    *,
    by_system: str = "",
) -> OrderDetail | None:
    """Move units to a stage (all movable units when none are named).

    `actor=None` is a factory system (ERP, scanners) named by `by_system`. The order's
    status follows the units. Returns the order as the actor sees it (None for systems).
    """
    mover = Mover.SYSTEM if actor is None else mover_for(actor)
    if actor is not None and mover is Mover.DEALER:
        actor.require(Permission.PLACE_ORDERS)
    async with transaction():
        if actor is None:
            order = await Order.filter(id=order_id).select_for_update().first()
            if order is None:
                raise NotFound("Order not found")
        else:
            order = await load_visible_order(actor, order_id, for_update=True)
        if order.status not in PRODUCTION:
            raise Conflict("The order has no units in production", code="not_in_production")
        query = ProductionUnit.filter(order_id=order.id)
        if unit_ids is not None:
            query = query.filter(id__in=unit_ids)
        units = await query.order_by("serial")
        if unit_ids is not None:
            if len(units) != len(set(unit_ids)):
                raise NotFound("Unit not found", field="unit_ids")
            if any(not may_move_unit(u.stage, stage, mover) for u in units):
                raise Conflict(
                    f"These units cannot move to {stage}",
                    code="invalid_stage_move",
                    field="unit_ids",
                )
            moving = units
        else:
            moving = [u for u in units if may_move_unit(u.stage, stage, mover)]
            if not moving:
                raise Conflict(f"No unit can move to {stage}", code="invalid_stage_move")
        now = _now()
        for source, group in _group_by_stage(moving).items():
            updated = await ProductionUnit.filter(
                id__in=[u.id for u in group], stage=source
            ).update(stage=stage, stage_changed_at=now)
            if updated != len(group):
                raise Conflict("Units were moved meanwhile; reload the order", code="stale")
        person_id = actor.person_id if actor else None
        await UnitStageMove.bulk_create(
            [
                UnitStageMove(
                    unit_id=u.id,
                    order_id=order.id,
                    from_stage=u.stage,
                    to_stage=stage,
                    at=now,
                    by_person_id=person_id,
                    by_system=by_system,
                )
                for u in moving
            ],
            batch_size=1000,
        )
        order.version += 1
        order.updated_at = now
        await Order.filter(id=order.id).update(version=order.version, updated_at=now)
        await append_event(
            UnitsMoved(
                **event_head(order),
                to_stage=stage,
                by_person_id=person_id,
                by_system=by_system,
                units=[
                    UnitMoved(unit_id=u.id, serial=u.serial, from_stage=u.stage) for u in moving
                ],
            ),
            [order_topic(order.id)],
        )
        moved = {u.id for u in moving}
        if unit_ids is None:
            stages = [stage if u.id in moved else u.stage for u in units]
        else:
            rows = await ProductionUnit.filter(order_id=order.id).values_list("stage", flat=True)
            stages = [UnitStage(str(s)) for s in rows]
        counts = Counter(stages)
        await append_event(
            OrderProgressChanged(
                **event_head(order),
                stages=[StageCountEvent(stage=s, count=counts[s]) for s in UnitStage if counts[s]],
            ),
            [board_topic(order.dealer_id)],
        )
        await audit.record(
            actor,
            "order.units_move",
            "order",
            order.id,
            dealer_id=order.dealer_id,
            after={"stage": stage.value, "units": len(moving), "by_system": by_system},
        )
        for status in derived_path(order.status, status_for_stages(counts.elements())):
            await transition(order, status, actor, Mover.SYSTEM)
    return await get_order(actor, order.id) if actor is not None else None


def _group_by_stage(units: list[ProductionUnit]) -> dict[UnitStage, list[ProductionUnit]]:
    groups: dict[UnitStage, list[ProductionUnit]] = {}
    for unit in units:
        groups.setdefault(unit.stage, []).append(unit)
    return groups
