"""The demo factory's order history: ~500 orders in every status, made by the real services.

Each order lives its story through `create_draft`, `submit_order`, `confirm_order`,
`move_units` and `cancel_order`, so its items, units, status and stage histories, audit
entries and outbox events are the genuine article. The services stamp everything with
the current time; `app.demo_history` then moves those stamps back to the story's own
moments, spread over the last six months.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.accounts.actor import Actor
from app.accounts.models import Person
from app.accounts.service import build_actor
from app.demo_catalog import CatalogSpec
from app.demo_history import OrderTimeline, backdate
from app.demo_names import DEALERS
from app.demo_people import FIRE_DOOR_DEALERS, PREMIER_DEALERS, Cast
from app.orders import production, service
from app.orders.models import OrderStatus, ProductionUnit, UnitStage
from app.orders.schemas import ItemInput, OrderCreate

S = OrderStatus
FACTORY = (
    UnitStage.CUTTING,
    UnitStage.ASSEMBLY,
    UnitStage.PAINTING,
    UnitStage.QUALITY_CHECK,
    UnitStage.PACKED,
)
# Younger orders are still moving; older ones are mostly done (age limit in days, weights).
STATUS_MIX: tuple[tuple[int, dict[OrderStatus, int]], ...] = (
    (7, {S.DRAFT: 25, S.SUBMITTED: 25, S.CONFIRMED: 15, S.IN_PRODUCTION: 25, S.CANCELLED: 10}),
    (30, {S.DRAFT: 5, S.SUBMITTED: 5, S.CONFIRMED: 10, S.IN_PRODUCTION: 35, S.READY: 20,
          S.SHIPPED: 10, S.COMPLETED: 5, S.CANCELLED: 10}),
    (60, {S.IN_PRODUCTION: 8, S.READY: 7, S.SHIPPED: 15, S.COMPLETED: 60, S.CANCELLED: 10}),
    (181, {S.SHIPPED: 3, S.COMPLETED: 87, S.CANCELLED: 10}),
)  # fmt: skip
# Kind of product (SKU prefix): how often a line is one, and how many pieces it orders.
LINE_KINDS = {"MD": (45, 4), "VD": (8, 2), "PG": (20, 8), "RU": (14, 6), "PT": (8, 8), "ZM": (5, 4)}
COMMENTS = (
    "Доставка до 15:00, въезд со двора",
    "Срочно: объект сдаётся в конце месяца",
    "Каждую дверь упаковать отдельно",
    "Позвонить за день до отгрузки",
    "Под заказ клиента, счёт оплачен",
    "Погрузка боковая, машина 5 т",
)
CANCEL_REASONS = (
    "Клиент отказался от заказа",
    "Заказ продублирован по ошибке",
    "Изменились размеры проёмов, оформим новый заказ",
    "Нет нужного цвета фурнитуры, согласовали замену отдельным заказом",
)
# Hours each step of a story takes, at most (at least a tenth of that).
STEP_HOURS = {"submit": 30, "confirm": 48, "stage": 72, "ship": 96, "receive": 120, "sell": 700}


@dataclass(frozen=True)
class Story:
    """What will happen to one order: who places it, when, and where it ends up."""

    dealer: int
    created: datetime
    status: OrderStatus


@dataclass
class Players:
    """Actors by (person id, dealer number), built once each."""

    cast: Cast
    dealer_ids: dict[int, int]
    cache: dict[tuple[int, int | None], Actor] = field(default_factory=dict)

    async def get(self, person_id: int, dealer: int | None = None) -> Actor:
        key = (person_id, dealer)
        if key not in self.cache:
            person = await Person.get(id=person_id)
            self.cache[key] = await build_actor(
                person, self.dealer_ids[dealer] if dealer is not None else None
            )
        return self.cache[key]


def _stories(rng: random.Random, count: int, now: datetime, dealers: list[int]) -> list[Story]:
    weights = [3 if n <= 2 else rng.choice((1, 1, 2)) for n in dealers]
    stories = []
    for _ in range(count):
        age = timedelta(days=180 * rng.random() ** 1.6)  # more recent orders than old ones
        created = (now - age).replace(hour=rng.randrange(6, 16), minute=rng.randrange(60))
        created = min(created, now - timedelta(minutes=rng.randrange(30, 300)))
        age_days = (now - created).days
        mix = next(m for limit, m in STATUS_MIX if age_days < limit)
        status = rng.choices(list(mix), weights=list(mix.values()))[0]
        stories.append(Story(rng.choices(dealers, weights)[0], created, status))
    present = Counter(s.status for s in stories)
    for status in OrderStatus:  # every status shows up, however small the scale
        if not present[status]:
            index = rng.randrange(len(stories))
            present[stories[index].status] -= 1
            stories[index] = Story(stories[index].dealer, stories[index].created, status)
            present[status] += 1
    return sorted(stories, key=lambda s: s.created)


def _pools(spec: CatalogSpec, dealer: int) -> dict[str, list[tuple[int, int]]]:
    """Kind -> [(shipment unit id, pieces)] the dealer may order (private sections aside)."""
    premier, fire = spec.private_sections
    hidden = {premier} if dealer not in PREMIER_DEALERS else set()
    hidden |= {fire} if dealer not in FIRE_DOOR_DEALERS else set()
    pools: dict[str, list[tuple[int, int]]] = {}
    for section, units in spec.units_by_section.items():
        if section not in hidden:
            for kind, unit_id, pieces in units:
                pools.setdefault(kind, []).append((unit_id, pieces))
    return pools


def _lines(rng: random.Random, pools: dict[str, list[tuple[int, int]]]) -> list[ItemInput]:
    kinds = [k for k in LINE_KINDS if k in pools]
    lines: dict[int, ItemInput] = {}
    for _ in range(rng.choices((1, 2, 3, 4, 5), (30, 28, 20, 13, 9))[0]):
        kind = rng.choices(kinds, [LINE_KINDS[k][0] for k in kinds])[0]
        singles = [u for u, pieces in pools[kind] if pieces == 1]
        bulk = [u for u, pieces in pools[kind] if pieces > 1]
        if bulk and rng.random() < 0.03:
            unit = rng.choice(bulk)
            lines[unit] = ItemInput(shipment_unit_id=unit, quantity=1)
        else:
            unit = rng.choice(singles)
            lines[unit] = ItemInput(
                shipment_unit_id=unit, quantity=rng.randint(1, LINE_KINDS[kind][1])
            )
    return list(lines.values())


def _steps(rng: random.Random, status: OrderStatus) -> list[tuple[str, object]]:
    """The story's steps after creation: (kind, detail)."""
    if status is S.CANCELLED:
        stop = rng.choice((S.SUBMITTED, S.SUBMITTED, S.CONFIRMED, S.IN_PRODUCTION))
        return [*_steps(rng, stop), ("cancel", stop is S.SUBMITTED)]
    steps: list[tuple[str, object]] = []
    if status is not S.DRAFT:
        steps.append(("submit", None))
    if status not in (S.DRAFT, S.SUBMITTED):
        steps.append(("confirm", None))
    if status is S.IN_PRODUCTION:
        depth = rng.randrange(len(FACTORY) - 1)
        steps += [("stage", (stage, False)) for stage in FACTORY[:depth]]
        steps.append(("stage", (FACTORY[depth], depth > 0)))  # some units only, if it can
    if status in (S.READY, S.SHIPPED, S.COMPLETED):
        steps += [("stage", (stage, False)) for stage in FACTORY]
    if status in (S.SHIPPED, S.COMPLETED):
        steps.append(("ship", None))
    if status is S.COMPLETED:
        steps.append(("receive", None))
        if rng.random() < 0.6:
            steps.append(("sell", None))
    return steps


def _moments(rng: random.Random, story: Story, steps: list, now: datetime) -> list[datetime]:
    """When each step happened: plausible gaps, squeezed to end before `now`."""
    gaps = [rng.uniform(0.1, 1) * STEP_HOURS[kind if kind != "cancel" else "stage"]
            for kind, _ in steps]  # fmt: skip
    room = rng.uniform(0.5, 0.95) * (now - story.created).total_seconds() / 3600
    squeeze = min(1.0, room / sum(gaps)) if gaps else 1.0
    moments, at = [], story.created
    for gap in gaps:
        at += timedelta(hours=gap * squeeze)
        moments.append(at)
    return moments


async def _play(
    rng: random.Random, story: Story, spec: CatalogSpec, players: Players, now: datetime
) -> OrderTimeline:
    cast = players.cast
    holding = DEALERS[story.dealer - 1].parent
    if holding is not None and rng.random() < 0.3:  # the holding orders for its subsidiary
        creator = await players.get(cast.members[holding][0].person_id, holding)
    else:
        orderers = [m.person_id for m in cast.members[story.dealer] if m.may_order]
        creator = await players.get(rng.choice(orderers), story.dealer)
    manager = await players.get(cast.manager_of[story.dealer])
    data = OrderCreate(
        items=_lines(rng, _pools(spec, story.dealer)),
        comment=rng.choice(COMMENTS) if rng.random() < 0.25 else "",
        dealer_id=players.dealer_ids[story.dealer],
    )
    order_id = (await service.create_draft(creator, data)).id
    timeline = OrderTimeline(order_id, story.created)
    steps = _steps(rng, story.status)
    for (kind, detail), at in zip(steps, _moments(rng, story, steps, now), strict=True):
        if kind == "submit":
            await service.submit_order(creator, order_id)
            timeline.status(S.SUBMITTED, at, submitted=True)
        elif kind == "confirm":
            await production.confirm_order(manager, order_id)
            timeline.status(S.CONFIRMED, at)
            timeline.stage(UnitStage.QUEUED, at)
        elif kind == "stage":
            stage, partial = detail  # type: ignore[misc]
            units = None
            if partial:
                ids = await ProductionUnit.filter(order_id=order_id).values_list("id", flat=True)
                if len(ids) > 1:
                    units = rng.sample(sorted(ids), rng.randrange(1, len(ids)))
            await production.move_units(None, order_id, stage, units, by_system="erp")
            timeline.stage(stage, at)
        elif kind == "ship":
            await production.move_units(None, order_id, UnitStage.SHIPPED, by_system="erp")
            timeline.stage(UnitStage.SHIPPED, at)
        elif kind == "receive":
            await production.move_units(creator, order_id, UnitStage.AT_DEALER)
            timeline.stage(UnitStage.AT_DEALER, at)
        elif kind == "sell":
            ids = await ProductionUnit.filter(order_id=order_id).values_list("id", flat=True)
            sold = rng.sample(sorted(ids), rng.randint(1, len(ids)))
            await production.move_units(creator, order_id, UnitStage.SOLD, sold)
            timeline.stage(UnitStage.SOLD, at)
        elif kind == "cancel":
            by_dealer = bool(detail)
            await service.cancel_order(
                creator if by_dealer else manager, order_id, rng.choice(CANCEL_REASONS)
            )
            timeline.status(S.CANCELLED, at)
    return timeline


async def load_orders(
    rng: random.Random, spec: CatalogSpec, cast: Cast, count: int
) -> Counter[OrderStatus]:
    """Play `count` order stories oldest first (so numbers follow time), then backdate them."""
    now = datetime.now(UTC)
    players = Players(cast, cast.dealer_ids)
    stories = _stories(rng, count, now, sorted(cast.dealer_ids))
    timelines = [await _play(rng, story, spec, players, now) for story in stories]
    await backdate(timelines)
    return Counter(s.status for s in stories)
