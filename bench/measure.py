"""Timing requests through the real web app: routing, auth, services, SQL, JSON.

The app is driven in the benchmark's own event loop through httpx's ASGI transport (the
way `tests/conftest.py` drives it): Litestar's stock AsyncTestClient serves each request
in a thread of its own with another event loop, which would add a thread hop to every
figure and make Tortoise reconnect on every switch between the two loops.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import cycle
from typing import Any

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient
from litestar.testing.client.base import BaseTestClient
from tortoise.functions import Count

from app.accounts.models import DealerMembership, Person
from app.orders.models import Order, OrderStatus, ProductionUnit
from bench.fill import BENCH_EMAIL, PASSWORD


class InLoopClient(AsyncTestClient):
    """AsyncTestClient whose requests run in the caller's event loop (see module doc)."""

    def __init__(self, app: Litestar) -> None:
        base_url = "http://bench.local"
        BaseTestClient.__init__(self, app=app, base_url=base_url)
        httpx.AsyncClient.__init__(
            self,
            base_url=base_url,
            headers={"user-agent": "bench"},
            transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 50000)),
        )

    async def __aenter__(self) -> InLoopClient:
        self._lifespan = self.app.lifespan()
        await self._lifespan.__aenter__()
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        try:
            await self._lifespan.__aexit__(*exc_info)
        finally:
            await httpx.AsyncClient.aclose(self)


@dataclass(frozen=True)
class Endpoint:
    """One measured request; `next_url` may rotate among several targets."""

    name: str
    next_url: Callable[[], str]


@dataclass(frozen=True)
class Timing:
    """Latency percentiles of one endpoint, in milliseconds."""

    name: str
    p50: float
    p95: float
    p99: float
    max: float
    runs: int


def summarise(name: str, samples: list[float]) -> Timing:
    """Percentiles of a list of seconds, in milliseconds."""
    ms = sorted(s * 1000 for s in samples)
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return Timing(name, cuts[49], cuts[94], cuts[98], ms[-1], len(ms))


async def bearer_token(client: httpx.AsyncClient) -> dict[str, str]:
    """Log the benchmark dealer in once, the way a mobile app does."""
    response = await client.post(
        "/api/v1/auth/tokens",
        json={"email": BENCH_EMAIL, "password": PASSWORD, "device_name": "bench"},
    )
    response.raise_for_status()
    return {"authorization": f"Bearer {response.json()['token']}"}


async def endpoints() -> tuple[list[Endpoint], dict[str, Any]]:
    """The measured requests for the benchmark dealer, and facts about what they read."""
    person = await Person.get(email=BENCH_EMAIL)
    dealer_id = (await DealerMembership.get(person_id=person.id)).dealer_id
    orders = Order.filter(dealer_id=dealer_id)
    dealer_orders = await orders.count()
    now = datetime.now(UTC)
    # A typical question: "in production or ready, this half-year, 20,000-400,000 roubles".
    filters = {
        "status": ["in_production", "ready"],
        "created_from": (now - timedelta(days=183)).isoformat(),
        "created_to": now.isoformat(),
        "amount_min": 2_000_000,
        "amount_max": 40_000_000,
    }
    matching = await orders.filter(
        status__in=[OrderStatus.IN_PRODUCTION, OrderStatus.READY],
        created_at__gte=now - timedelta(days=183),
        total_kopecks__gte=filters["amount_min"],
        total_kopecks__lte=filters["amount_max"],
    ).count()
    sized = (
        await ProductionUnit.filter(order__dealer_id=dealer_id)
        .annotate(n=Count("id"))
        .group_by("order_id")
        .order_by("order_id")
        .values_list("order_id", "n")
    )
    median = statistics.median_low(n for _, n in sized)
    typical = [order_id for order_id, n in sized if n == median][:20]
    details = cycle(f"/api/v1/orders/{order_id}" for order_id in typical)
    query = str(httpx.QueryParams(filters))
    found = [
        Endpoint("GET /me (baseline)", lambda: "/api/v1/me"),
        Endpoint("GET /orders (first page)", lambda: "/api/v1/orders"),
        Endpoint("GET /orders (filtered)", lambda: f"/api/v1/orders?{query}"),
        Endpoint("GET /orders/{id}", lambda: next(details)),
    ]
    facts = {"dealer_orders": dealer_orders, "filter_matches": matching, "detail_units": median}
    return found, facts


async def run(
    client: httpx.AsyncClient,
    measured: list[Endpoint],
    headers: dict[str, str],
    *,
    repeat: int,
    warmup: int,
) -> list[Timing]:
    """Warm up, then time each endpoint `repeat` times, interleaved so noise hits all alike."""
    samples: dict[str, list[float]] = {e.name: [] for e in measured}
    for round_ in range(warmup + repeat):
        for endpoint in measured:
            url = endpoint.next_url()
            started = time.perf_counter()
            response = await client.get(url, headers=headers)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{url}: {response.status_code} {response.text[:300]}")
            if round_ >= warmup:
                samples[endpoint.name].append(elapsed)
    return [summarise(name, values) for name, values in samples.items()]
