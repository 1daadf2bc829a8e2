"""Filling a benchmark database fast: 100,000 orders and 1,000,000 units in seconds.

The few hundred dealers, people and products go through the ORM. Orders, items, units,
their stage moves and status histories are written directly (COPY on PostgreSQL, one
`executemany` per table and batch on SQLite) with ids assigned here, so that child rows
can point at their parents without reading anything back. Rows are shaped like the
services write them: every status has units at stages that agree with it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from app.accounts.models import Dealer, DealerMembership, MembershipRole, Person
from app.accounts.security import hash_password
from app.catalog.models import Category, Price, PriceList, Product, ShipmentUnit, Warehouse
from app.orders.models import OrderStatus, UnitStage

PASSWORD = "bench-password"
BENCH_EMAIL = "dealer1@bench.test"
"""The dealer whose board is measured (one of ~200, with ~500 orders like the others)."""
ORDERS_PER_BATCH = 10_000
PATH = (
    OrderStatus.DRAFT,
    OrderStatus.SUBMITTED,
    OrderStatus.CONFIRMED,
    OrderStatus.IN_PRODUCTION,
    OrderStatus.READY,
    OrderStatus.SHIPPED,
    OrderStatus.COMPLETED,
)
STAGES = list(UnitStage)
S = OrderStatus
# (age limit in days, status weights): young orders are moving, old ones are done.
MIX = (
    (14, {S.DRAFT: 15, S.SUBMITTED: 15, S.CONFIRMED: 15, S.IN_PRODUCTION: 40, S.READY: 10,
          S.CANCELLED: 5}),
    (60, {S.IN_PRODUCTION: 30, S.READY: 15, S.SHIPPED: 20, S.COMPLETED: 30, S.CANCELLED: 5}),
    (366, {S.SHIPPED: 3, S.COMPLETED: 90, S.CANCELLED: 7}),
)  # fmt: skip
COLUMNS = {
    "order": (
        "id", "number", "status", "comment", "cancel_reason", "total_kopecks", "created_at",
        "updated_at", "submitted_at", "version", "created_by_id", "dealer_id",
    ),
    "order_item": (
        "id", "position", "quantity", "unit_price_kopecks", "comment", "order_id", "product_id",
        "shipment_unit_id",
    ),
    "production_unit": ("id", "serial", "stage", "stage_changed_at", "item_id", "order_id"),
    "unit_stage_move": (
        "id", "order_id", "from_stage", "to_stage", "at", "by_system", "by_person_id", "unit_id",
    ),
    "order_status_change": (
        "id", "from_status", "to_status", "at", "by_system", "reason", "by_person_id", "order_id",
    ),
}  # fmt: skip


@dataclass
class FillResult:
    """What the database holds afterwards."""

    dealers: int
    orders: int
    items: int
    units: int
    moves: int
    status_changes: int


async def _reference_rows(dealers: int, products: int) -> tuple[list[int], list[int], dict]:
    """Dealers with one owner each, and a small catalog; returns ids to refer to."""
    warehouse = await Warehouse.create(code="MSK", name="Moscow", region="Moscow")
    base = await PriceList.create(name="Base", is_base=True)
    category = await Category.create(name="Doors")
    await Product.bulk_create(
        [
            Product(sku=f"B-{n:05d}", name=f"Door {n}", category_id=category.id)
            for n in range(products)
        ]
    )
    product_ids = await Product.all().order_by("id").values_list("id", flat=True)
    await ShipmentUnit.bulk_create([ShipmentUnit(product_id=p, code="piece") for p in product_ids])
    await Price.bulk_create(
        [Price(price_list_id=base.id, product_id=p, amount_kopecks=900_000) for p in product_ids]
    )
    numbers = range(1, dealers + 1)
    await Dealer.bulk_create(
        [
            Dealer(legal_name=f"Dealer {n}", inn=f"{7_700_000_000 + n}", warehouse_id=warehouse.id)
            for n in numbers
        ]
    )
    dealer_ids = await Dealer.all().order_by("id").values_list("id", flat=True)
    password_hash = hash_password(PASSWORD)  # once: Argon2 is slow on purpose
    now = datetime.now(UTC)
    await Person.bulk_create(
        [
            Person(
                email=f"dealer{n}@bench.test",
                full_name=f"Owner {n}",
                password_hash=password_hash,
                created_at=now,
            )
            for n in numbers
        ]
    )
    people = dict(await Person.all().values_list("email", "id"))
    person_ids = [people[f"dealer{n}@bench.test"] for n in numbers]
    await DealerMembership.bulk_create(
        [
            DealerMembership(person_id=p, dealer_id=d, role=MembershipRole.OWNER, created_at=now)
            for p, d in zip(person_ids, dealer_ids, strict=True)
        ]
    )
    unit_of = dict(await ShipmentUnit.all().values_list("product_id", "id"))
    return list(dealer_ids), person_ids, unit_of


def _unit_counts(rng: random.Random, statuses: Sequence[OrderStatus], units: int) -> list[int]:
    """Pieces per order: none before confirmation or when cancelled, `units` in all."""
    producing = [i for i, s in enumerate(statuses) if s in PATH[2:]]
    counts = [0] * len(statuses)
    if not producing:
        return counts
    for i in producing:
        counts[i] = 1
    weights = [rng.uniform(0.2, 1.8) for _ in producing]
    for i in rng.choices(producing, weights=weights, k=max(0, units - len(producing))):
        counts[i] += 1
    return counts


def _stages(rng: random.Random, status: OrderStatus, n: int) -> list[UnitStage]:
    if status is S.CONFIRMED:
        return [UnitStage.QUEUED] * n
    if status is S.IN_PRODUCTION:
        stages = [STAGES[rng.randrange(0, 5)] for _ in range(n)]
        stages[0] = STAGES[rng.randrange(1, 5)]  # at least one unit has started
        return stages
    if status is S.READY:
        return [UnitStage.PACKED] * n
    if status is S.SHIPPED:
        return [UnitStage.SHIPPED] * n
    return [rng.choice((UnitStage.AT_DEALER, UnitStage.SOLD)) for _ in range(n)]


class _Ids:
    """Row ids handed out in insertion order, per table."""

    def __init__(self) -> None:
        self.last: dict[str, int] = dict.fromkeys(COLUMNS, 0)

    def next(self, table: str) -> int:
        self.last[table] += 1
        return self.last[table]


def _order_rows(
    rng: random.Random,
    rows: dict[str, list[tuple[Any, ...]]],
    ids: _Ids,
    order: tuple[int, OrderStatus, datetime, int, int, int],
    products: Sequence[tuple[int, int]],
    now: datetime,
) -> None:
    """Append one order with its history, items, units and their moves to `rows`."""
    order_id, status, at, pieces, dealer_id, person_id = order
    path = list(PATH[: PATH.index(status) + 1]) if status in PATH else [*PATH[:2], status]
    moments = [min(now, at + timedelta(hours=6 * k + rng.uniform(0, 5))) for k in range(len(path))]
    for k in range(1, len(path)):
        by = person_id if path[k] in (S.SUBMITTED, S.CANCELLED) else None
        rows["order_status_change"].append(
            (ids.next("order_status_change"), path[k - 1].value, path[k].value, moments[k],
             "" if by else "production", "", by, order_id)
        )  # fmt: skip
    n_items = rng.randint(1, min(5, pieces)) if pieces else rng.randint(1, 5)
    item_ids, total = [], 0
    for position in range(1, n_items + 1):
        quantity = pieces // n_items + (position <= pieces % n_items) or rng.randint(1, 4)
        product_id, unit_id = rng.choice(products)
        price = rng.randrange(5_000, 40_000) * 100
        total += quantity * price
        item_ids.append(ids.next("order_item"))
        rows["order_item"].append(
            (item_ids[-1], position, quantity, price, "", order_id, product_id, unit_id)
        )
    for serial, stage in enumerate(_stages(rng, status, pieces), start=1):
        unit_id = ids.next("production_unit")
        item_id = item_ids[(serial - 1) % n_items]
        rows["production_unit"].append(
            (unit_id, serial, stage.value, moments[-1], item_id, order_id)
        )
        before = STAGES[STAGES.index(stage) - 1].value if stage is not UnitStage.QUEUED else None
        rows["unit_stage_move"].append(
            (ids.next("unit_stage_move"), order_id, before, stage.value, moments[-1], "erp",
             None, unit_id)
        )  # fmt: skip
    submitted = moments[1] if len(moments) > 1 else None
    rows["order"].append(
        (order_id, f"{order_id:06d}", status.value, "", "", total, at, moments[-1], submitted,
         len(path), person_id, dealer_id)
    )  # fmt: skip


def generate(
    rng: random.Random,
    *,
    orders: int,
    units: int,
    dealer_ids: Sequence[int],
    person_ids: Sequence[int],
    products: Sequence[tuple[int, int]],
) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    """Rows for every table, ORDERS_PER_BATCH orders at a time, oldest orders first."""
    now = datetime.now(UTC)
    created = sorted(now - timedelta(days=rng.uniform(0, 365)) for _ in range(orders))
    statuses = []
    for at in created:
        mix = next(m for limit, m in MIX if (now - at).days < limit)
        statuses.append(rng.choices(list(mix), weights=list(mix.values()))[0])
    pieces = _unit_counts(rng, statuses, units)
    ids = _Ids()
    for start in range(0, orders, ORDERS_PER_BATCH):
        rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
        for i in range(start, min(start + ORDERS_PER_BATCH, orders)):
            dealer = i % len(dealer_ids)  # every dealer gets the same share of orders
            who = (dealer_ids[dealer], person_ids[dealer])
            order = (i + 1, statuses[i], created[i], pieces[i], *who)
            _order_rows(rng, rows, ids, order, products, now)
        yield rows


async def _write(conn: BaseDBAsyncClient, table: str, rows: list[tuple[Any, ...]]) -> None:
    columns = COLUMNS[table]
    if conn.capabilities.dialect == "postgres":
        async with conn.acquire_connection() as raw:  # asyncpg: COPY is the fast path
            await raw.copy_records_to_table(table, records=rows, columns=columns)
        return
    marks = ", ".join("?" * len(columns))
    names = ", ".join(f'"{c}"' for c in columns)
    await conn.execute_many(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


async def fill(*, orders: int, units: int, dealers: int = 200, seed: int = 1) -> FillResult:
    """Fill the (migrated, empty) database the ORM is open on."""
    rng = random.Random(seed)
    dealer_ids, person_ids, unit_of = await _reference_rows(dealers, 300)
    conn = connections.get("default")
    batches = generate(
        rng,
        orders=orders,
        units=units,
        dealer_ids=dealer_ids,
        person_ids=person_ids,
        products=sorted(unit_of.items()),
    )
    totals = dict.fromkeys(COLUMNS, 0)
    for batch in batches:
        async with in_transaction() as tx:
            for table in COLUMNS:  # parents before children
                await _write(tx, table, batch[table])
                totals[table] += len(batch[table])
    if conn.capabilities.dialect == "postgres":
        for table in COLUMNS:
            await conn.execute_script(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT max(id) FROM "{table}"))'
            )
        # What autovacuum would soon do anyway; done now, it neither runs during the
        # measurement nor leaves the planner guessing.
        await conn.execute_script("VACUUM ANALYZE")
    return FillResult(
        dealers=len(dealer_ids),
        orders=totals["order"],
        items=totals["order_item"],
        units=totals["production_unit"],
        moves=totals["unit_stage_move"],
        status_changes=totals["order_status_change"],
    )
