"""Shared steps of the notification tests: an order through its life, a pass of the pipeline."""

from __future__ import annotations

from app.accounts.models import Person
from app.notifications.models import Delivery, Notification, NotificationKind
from app.notifications.pipeline import notifications_consumer
from app.orders import production, service
from app.orders.models import UnitStage
from app.orders.schemas import OrderDetail
from tests.factories import World, place_draft


async def run_pipeline() -> int:
    """One full pass of the notifications consumer (settle window 0: nothing is late)."""
    return await notifications_consumer(settle_seconds=0).run_once()


async def confirmed_order(world: World, who: str = "alice", pieces: int = 2) -> OrderDetail:
    """An order of `who`'s dealer, submitted by them and confirmed by the manager."""
    draft = await place_draft(world, who, [("D-100:piece", pieces)])
    await service.submit_order(await world.actor(who), draft.id)
    return await production.confirm_order(await world.actor("manager"), draft.id)


async def move_all(world: World, order_id: int, stage: UnitStage) -> None:
    """The manager moves every movable unit of the order to `stage`."""
    await production.move_units(await world.actor("manager"), order_id, stage)


async def kinds_of(person: Person) -> list[NotificationKind]:
    """The kinds of a person's notifications, oldest first."""
    rows = (
        await Notification.filter(person_id=person.id).order_by("id").values_list("kind", flat=True)
    )
    return [NotificationKind(k) for k in rows]


async def deliveries_of(person: Person) -> list[Delivery]:
    """A person's email and Telegram deliveries, oldest first."""
    return await Delivery.filter(notification__person_id=person.id).order_by("id")
