"""The demo factory: a catalog, twenty dealers with their people, staff and order history.

`load_demo()` fills an empty (migrated) database once; a second call finds the demo
supervisor and changes nothing. The whole load is one transaction, so a failure leaves
no half-built factory behind. Given the seed the content is always the same; only the
dates follow the day it was loaded (the order history ends "now").
"""

from __future__ import annotations

import random
import time

import msgspec

from app.accounts import audit
from app.accounts.models import Person
from app.demo_catalog import load_catalog
from app.demo_orders import load_orders
from app.demo_people import DEMO_PASSWORD, SUPERVISOR_EMAIL, load_people
from app.orders.models import OrderStatus, ProductionUnit
from realtime.relay import transaction

ORDERS_AT_FULL_SCALE = 500

DEMO_LOGINS = f"""\
Demo cabinet: {{url}}
  dealer (owner):      dealer1@demo.test, dealer2@demo.test ... dealer20@demo.test
  dealer employees:    dealer1.employee1@demo.test (orders), dealer1.employee2@demo.test (viewer)
  holding:             dealer14@demo.test acts for its subsidiaries dealer15 and dealer16
  managers:            manager1@demo.test ... manager4@demo.test
  supervisor:          supervisor@demo.test
  password (all):      {DEMO_PASSWORD}
WARNING: these are public demo accounts with a published password. Never load the demo
into a cabinet reachable by others, or change every demo password before you do.
"""
"""Logins to print after loading: `DEMO_LOGINS.format(url=settings.public_origin)`."""


class DemoSummary(msgspec.Struct, kw_only=True):
    """What `load_demo` created."""

    seconds: float
    warehouses: int
    price_lists: int
    categories: int
    products: int
    dealers: int
    people: int
    orders: int
    orders_by_status: dict[str, int]
    production_units: int


async def demo_loaded() -> bool:
    """True once the demo factory exists (its supervisor is the marker)."""
    return await Person.exists(email=SUPERVISOR_EMAIL)


async def load_demo(*, scale: float = 1.0, seed: int = 42) -> DemoSummary | None:
    """Load the demo factory unless it is there already (then None, and nothing changes).

    `scale` multiplies the catalog and the number of orders (1.0: ~2,000 products and
    500 orders); dealers, people and staff are always the same twenty-odd companies.
    """
    if await demo_loaded():
        return None
    started = time.perf_counter()
    rng = random.Random(seed)
    orders = max(len(OrderStatus), round(ORDERS_AT_FULL_SCALE * scale))
    async with transaction():
        catalog = await load_catalog(rng, scale)
        cast = await load_people(rng, catalog)
        by_status = await load_orders(rng, catalog, cast, orders)
        summary = DemoSummary(
            seconds=0.0,
            warehouses=len(catalog.warehouses),
            price_lists=1 + len(catalog.price_lists),
            categories=len(catalog.sections),
            products=catalog.product_count,
            dealers=len(cast.dealer_ids),
            people=cast.people,
            orders=orders,
            orders_by_status={s.value: by_status[s] for s in OrderStatus},
            production_units=await ProductionUnit.all().count(),
        )
        await audit.record(None, "demo.load", "demo", after=summary)
    return msgspec.structs.replace(summary, seconds=round(time.perf_counter() - started, 2))
