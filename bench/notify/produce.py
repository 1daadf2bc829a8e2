"""The events: real unit moves through the production service, as the ERP reports them.

Event k moves the unit of order k % orders to the k // orders-th stage of `MOVES`, so
consecutive events belong to different orders and dealers (and so to different Telegram
chats). Each is one `move_units` call, one transaction that appends `order.units_moved`
to the outbox: exactly what the notification pipeline consumes in production.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from app.orders.production import move_units
from bench.notify.seed import MOVES

BY_SYSTEM = "erp"


@dataclass(frozen=True)
class Produced:
    """How the producer went."""

    events: int
    seconds: float
    """From the first call to the last commit."""
    offered_rate: float
    """Events per second asked for (0: as fast as one sequential producer goes)."""
    behind_seconds: float
    """How far behind its schedule the producer was at the end (0 when it kept up)."""

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


async def produce(orders: list[int], events: int, rate: float) -> Produced:
    """Make `events` unit moves, one after another, at `rate` per second (0: at once)."""
    started = time.monotonic()
    behind = 0.0
    for k in range(events):
        if rate:
            due = started + k / rate
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            else:
                behind = -wait
        order_id = orders[k % len(orders)]
        await move_units(None, order_id, MOVES[k // len(orders)], by_system=BY_SYSTEM)
    return Produced(events, time.monotonic() - started, rate, behind)
