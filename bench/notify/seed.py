"""A throw-away cabinet for the notification benchmark: dealers, their people, orders.

Every dealer has one person (its owner), so an order event has an audience of exactly one
and every event should end as one notification with three deliveries: the bell, a mail, a
Telegram message. Each person has a mailbox, a linked Telegram chat of their own, the
three channels switched on for "units reached a stage", every production stage followed
and no quiet hours: the rows the settings page and the bot's `/start` would store. With
1,000 chats and events spread over them round-robin, Telegram's pacing per chat (one
message a second) never binds; the bot's overall budget does (see docs/benchmarks.md).

Orders are written directly, already in production with one unit at `cutting`, like
bench/fill.py writes history: how an order got there is not what is measured. The events
themselves are made by the real production service (`bench/notify/produce.py`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

from app.accounts.models import Dealer, DealerMembership, MembershipRole, Person
from app.accounts.security import hash_password, new_secret
from app.catalog.models import Category, Product, ShipmentUnit, Warehouse
from app.config import Settings
from app.db import close_db, init_db, migrate
from app.notifications.models import (
    NotificationKind,
    NotificationPreference,
    NotificationSettings,
    TelegramLink,
)
from app.orders.models import Order, OrderItem, OrderStatus, ProductionUnit, UnitStage

MOVES = (UnitStage.ASSEMBLY, UnitStage.PAINTING, UnitStage.QUALITY_CHECK)
"""The stages each order's unit is moved to, one event each; none changes the order's
status (it stays `in_production`), so an event makes exactly one notification."""
FOLLOWED = ",".join(s.value for s in UnitStage if s is not UnitStage.QUEUED)
CHAT_BASE = 900_000_000
"""Telegram chat id of person n is CHAT_BASE + n."""


@dataclass(frozen=True)
class Seeded:
    """What the producer and the checks need to know about the seeded cabinet."""

    people: int
    orders: list[int]
    """Order ids; event k moves order k % len(orders) to MOVES[k // len(orders)]."""
    chat_of: dict[int, int]
    """Person id -> their linked Telegram chat."""


def orders_for(events: int) -> int:
    """Orders needed so that each one takes at most len(MOVES) events."""
    return -(-events // len(MOVES))


async def seed(settings: Settings, people: int, events: int) -> Seeded:
    """Migrate an empty database and create the dealers, people, links and orders."""
    await migrate(settings)
    await init_db(settings)
    try:
        return await _rows(people, orders_for(events))
    finally:
        await close_db()


async def _rows(count: int, order_count: int) -> Seeded:
    now = datetime.now(UTC)
    warehouse = await Warehouse.create(code="BNT", name="Bench", region="Moscow")
    category = await Category.create(name="Doors")
    product = await Product.create(sku="BN-1", name="Bench door", category_id=category.id)
    unit = await ShipmentUnit.create(product_id=product.id, code="piece")
    await Dealer.bulk_create(
        [
            Dealer(legal_name=f"Notify bench dealer {n}", inn=f"{7_800_000_000 + n}",
                   warehouse_id=warehouse.id)
            for n in range(count)
        ]
    )  # fmt: skip
    dealers = [int(str(d)) for d in await Dealer.all().order_by("id").values_list("id", flat=True)]
    password_hash = hash_password(new_secret())  # nobody logs in
    await Person.bulk_create(
        [
            Person(email=f"p{n}@bench-notify.test", full_name=f"Person {n}",
                   password_hash=password_hash, created_at=now)
            for n in range(count)
        ]
    )  # fmt: skip
    person_of = dict(await Person.all().values_list("email", "id"))
    people = [int(person_of[f"p{n}@bench-notify.test"]) for n in range(count)]
    await DealerMembership.bulk_create(
        [
            DealerMembership(person_id=p, dealer_id=d, role=MembershipRole.OWNER, created_at=now)
            for p, d in zip(people, dealers, strict=True)
        ]
    )
    chat_of = {p: CHAT_BASE + n for n, p in enumerate(people)}
    await TelegramLink.bulk_create(
        [TelegramLink(person_id=p, chat_id=chat, linked_at=now) for p, chat in chat_of.items()]
    )
    await NotificationPreference.bulk_create(
        [
            NotificationPreference(
                person_id=p, kind=NotificationKind.UNIT_STAGE, cabinet=True, email=True,
                telegram=True,
            )
            for p in people
        ]
    )  # fmt: skip
    await NotificationSettings.bulk_create(
        [NotificationSettings(person_id=p, unit_stages=FOLLOWED) for p in people]
    )
    await Order.bulk_create(
        [
            Order(number=f"NB-{j:06d}", dealer_id=dealers[j % count],
                  created_by_id=people[j % count], status=OrderStatus.IN_PRODUCTION,
                  total_kopecks=900_000, created_at=now, updated_at=now, submitted_at=now)
            for j in range(order_count)
        ],
        batch_size=1000,
    )  # fmt: skip
    orders = [int(str(o)) for o in await Order.all().order_by("id").values_list("id", flat=True)]
    await OrderItem.bulk_create(
        [
            OrderItem(order_id=o, position=1, product_id=product.id, shipment_unit_id=unit.id,
                      quantity=1, unit_price_kopecks=900_000)
            for o in orders
        ],
        batch_size=1000,
    )  # fmt: skip
    item_of = dict(await OrderItem.all().values_list("order_id", "id"))
    await ProductionUnit.bulk_create(
        [
            ProductionUnit(order_id=o, item_id=item_of[o], serial=1, stage=UnitStage.CUTTING,
                           stage_changed_at=now)
            for o in orders
        ],
        batch_size=1000,
    )  # fmt: skip
    return Seeded(count, orders, chat_of)


def seed_database(settings: Settings, people: int, events: int) -> Seeded:
    """`seed` in its own event loop (run it in a fresh process: Tortoise state is global)."""
    return asyncio.run(seed(settings, people, events))
