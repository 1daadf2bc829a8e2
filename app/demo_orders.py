"""The demo factory's order history: ~500 orders in every status, made by the real services.

Each order lives its story through `create_draft`, `submit_order`, `confirm_order`,
`move_units` and `cancel_order`, and the ERP's invoices through `issue_invoice`,
`mark_invoice_paid` and `cancel_invoice` (half in advance on confirmation, the rest when
the order is packed), so its items, units, invoices, status and stage histories, audit
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
from app.demo_invoices import InvoiceSeries, bill
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


@dataclass(frozen=True)
class Story:
    """What will happen to one order: who places it, when, and where it ends up."""

    dealer: int
    created: datetime
    status: OrderStatus


@dataclass(frozen=True)
class Step:
    """One thing that happens to an order: `submit`, `confirm`, `cancel`, `move` units, or
    the ERP's `invoice` (the next one), `pay` (the open ones) and `void` (cancel them)."""

    kind: str
    stage: UnitStage | None = None
    some: bool = False
    """Move only some of the units (at random), not all that can."""
    by_dealer: bool = False
    """Done by the dealer's person (cancelling a submitted order, receipt, sale)."""
    hours: int = 72
    """The longest wait before this step (the shortest is a tenth of it)."""


@dataclass
class Players:
    """Actors by (person id, dealer number), built once each."""

    cast: Cast
    cache: dict[tuple[int, int | None], Actor] = field(default_factory=dict)
    invoices: InvoiceSeries = field(default_factory=InvoiceSeries)

    async def get(self, person_id: int, dealer: int | None = None) -> Actor:
        key = (person_id, dealer)
        if key not in self.cache:
            person = await Person.get(id=person_id)
            self.cache[key] = await build_actor(
                person, self.cast.dealer_ids[dealer] if dealer is not None else None
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
            index = rng.choice([i for i, s in enumerate(stories) if present[s.status] > 1])
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


def _steps(rng: random.Random, status: OrderStatus) -> list[Step]:
    """What happens to an order after its creation, for it to end up in `status`."""
    if status is S.CANCELLED:
        stop = rng.choice((S.SUBMITTED, S.SUBMITTED, S.CONFIRMED, S.IN_PRODUCTION))
        cancel = Step("cancel", by_dealer=stop is S.SUBMITTED)
        void = [Step("void", hours=4)] if stop is S.CONFIRMED else []  # the open advance
        return [*_steps(rng, stop), cancel, *void]
    steps: list[Step] = []
    if status is not S.DRAFT:
        steps.append(Step("submit", hours=30))
    if status not in (S.DRAFT, S.SUBMITTED):
        steps += [Step("confirm", hours=48), Step("invoice", hours=24)]
    if status not in (S.DRAFT, S.SUBMITTED, S.CONFIRMED):
        steps.append(Step("pay", hours=72))
    if status is S.IN_PRODUCTION:
        depth = rng.randrange(len(FACTORY) - 1)
        steps += [Step("move", stage) for stage in FACTORY[:depth]]
        steps.append(Step("move", FACTORY[depth], some=depth > 0))
    if status in (S.READY, S.SHIPPED, S.COMPLETED):
        steps += [Step("move", stage) for stage in FACTORY]
        steps.append(Step("invoice", hours=12))
    if status in (S.SHIPPED, S.COMPLETED):
        steps += [Step("pay", hours=72), Step("move", UnitStage.SHIPPED, hours=96)]
    if status is S.COMPLETED:
        steps.append(Step("move", UnitStage.AT_DEALER, by_dealer=True, hours=120))
        if rng.random() < 0.6:
            steps.append(Step("move", UnitStage.SOLD, some=True, by_dealer=True, hours=700))
    return steps


def _moments(rng: random.Random, story: Story, steps: list[Step], now: datetime) -> list[datetime]:
    """When each step happened: plausible gaps, squeezed to end a while before `now`."""
    gaps = [rng.uniform(0.1, 1) * step.hours for step in steps]
    room = rng.uniform(0.5, 0.95) * (now - story.created).total_seconds() / 3600
    squeeze = min(1.0, room / sum(gaps)) if gaps else 1.0
    moments, at = [], story.created
    for gap in gaps:
        at += timedelta(hours=gap * squeeze)
        moments.append(at)
    return moments


async def _some_units(rng: random.Random, order_id: int) -> list[int] | None:
    """A random proper subset of the order's units (None, meaning all, when it has one)."""
    ids = sorted(u.id for u in await ProductionUnit.filter(order_id=order_id).only("id"))
    return rng.sample(ids, rng.randrange(1, len(ids))) if len(ids) > 1 else None


async def _play(
    rng: random.Random, story: Story, spec: CatalogSpec, players: Players, now: datetime
) -> OrderTimeline:
    """Create the order and take it through its story; returns when each step happened."""
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
        dealer_id=cast.dealer_ids[story.dealer],
    )
    order_id = (await service.create_draft(creator, data)).id
    timeline = OrderTimeline(order_id, story.created)
    total = 0
    steps = _steps(rng, story.status)
    for step, at in zip(steps, _moments(rng, story, steps, now), strict=True):
        if step.kind in ("invoice", "pay", "void"):
            await bill(step.kind, order_id, total, at, players.invoices, timeline)
        elif step.kind == "submit":
            total = (await service.submit_order(creator, order_id)).total_kopecks or 0
            timeline.status(S.SUBMITTED, at, submitted=True)
        elif step.kind == "confirm":
            await production.confirm_order(manager, order_id)
            timeline.status(S.CONFIRMED, at)
            timeline.stage(UnitStage.QUEUED, at)
        elif step.kind == "cancel":
            who = creator if step.by_dealer else manager
            await service.cancel_order(who, order_id, rng.choice(CANCEL_REASONS))
            timeline.status(S.CANCELLED, at)
        else:
            assert step.stage is not None
            units = await _some_units(rng, order_id) if step.some else None
            if step.by_dealer:  # receipt and sale are reported by the dealer
                await production.move_units(creator, order_id, step.stage, units)
            else:  # the factory's production system scans the units
                await production.move_units(None, order_id, step.stage, units, by_system="erp")
            timeline.stage(step.stage, at)
    return timeline


async def load_orders(
    rng: random.Random, spec: CatalogSpec, cast: Cast, count: int
) -> Counter[OrderStatus]:
    """Play `count` order stories oldest first (so numbers follow time), then backdate them."""
    now = datetime.now(UTC)
    players = Players(cast)
    stories = _stories(rng, count, now, sorted(cast.dealer_ids))
    timelines = [await _play(rng, story, spec, players, now) for story in stories]
    await backdate(timelines)
    return Counter(s.status for s in stories)
