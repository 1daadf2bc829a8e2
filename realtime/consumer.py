"""Durable consumers: background work that reads the outbox once per event, by name.

A worker-side consumer (notifications, CRM sync) must see every committed event exactly
once in effect, also after a crash, a restart or a Redis loss, so it reads the outbox
table (the truth) rather than the bus. Outbox ids are handed out before commit, so a
transaction that commits late can land below ids already handled: a consumer therefore
re-reads the last `settle` seconds of events on every pass and skips those it has marked
consumed. Handling an event and marking it consumed share one transaction, so an effect
written to the database happens once; effects outside it (a mail, a bot message) are the
handler's to make idempotent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.models import Model

from realtime.outbox import OutboxEvent
from realtime.relay import transaction

logger = logging.getLogger(__name__)


class ConsumerCursor(Model):
    """Every outbox id at or below `position` is handled (or settled) for this consumer."""

    name = fields.CharField(max_length=64, primary_key=True)
    position = fields.BigIntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "realtime_consumer_cursor"


class ConsumedEvent(Model):
    """One outbox row a consumer has handled above its cursor (pruned as the cursor moves)."""

    id = fields.BigIntField(primary_key=True)
    consumer = fields.CharField(max_length=64)
    event_id = fields.BigIntField()
    consumed_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "realtime_consumed_event"
        unique_together = (("consumer", "event_id"),)


@dataclass(frozen=True)
class ConsumedRow:
    """What a handler is given: one outbox row."""

    id: int
    topic: str
    seq: int
    type: str
    payload: str
    occurred_at: datetime


Handler = Callable[[ConsumedRow], Awaitable[None]]


class _AlreadyHandled(Exception):
    """Rolls back a handling that turned out to be a repeat."""


class DurableConsumer:
    """Reads outbox rows whose topic starts with one of `prefixes`, in id order.

    `run_once()` handles everything pending and returns how many rows it handled; call it
    when woken and from a periodic job. A handler that raises leaves its row pending (it
    is retried on the next pass) without holding up the rows after it; after
    `max_attempts` failed passes in this process it is given up (logged, marked consumed)
    so that one poisonous event cannot hold the cursor, and so the settle window, for ever.

    Passes are cheap when nothing happened: a pass reads only the rows after the newest
    one this process has seen; every `rescan_seconds` it reads again from the cursor over
    the whole settle window, to find what committed late below that mark.
    """

    def __init__(
        self,
        name: str,
        handler: Handler,
        *,
        prefixes: Sequence[str],
        settle_seconds: float = 60.0,
        batch: int = 500,
        rescan_seconds: float = 1.0,
        max_attempts: int = 10,
    ) -> None:
        self.name = name
        self.handler = handler
        self.prefixes = tuple(prefixes)
        self.settle = timedelta(seconds=settle_seconds)
        self.batch = batch
        self.rescan_seconds = rescan_seconds
        self.max_attempts = max_attempts
        self._seen = 0
        """The newest id this process has read (a hint: the database stays the truth)."""
        self._rescanned_at = float("-inf")
        self._failures: dict[int, int] = {}

    async def run_once(self) -> int:
        """Handle every pending row; returns the number handled in this pass."""
        cursor, _ = await ConsumerCursor.get_or_create(name=self.name)
        full = time.monotonic() - self._rescanned_at >= self.rescan_seconds
        if full:
            self._rescanned_at = time.monotonic()
        after = cursor.position if full else max(cursor.position, self._seen)
        handled = 0
        failed_at: int | None = None
        while True:
            rows, last, newest = await self._pending(after)
            self._seen = max(self._seen, newest)
            for row in rows:
                if await self._handle(row):
                    handled += 1  # (or taken by another process: handled all the same)
                elif failed_at is None:
                    failed_at = row.id
            if last is None:
                break
            after = last
        if full:
            await self._advance(cursor, failed_at)
        return handled

    async def _pending(self, after: int) -> tuple[list[ConsumedRow], int | None, int]:
        """Unhandled rows after `after`, the id to page on from (None: no more), and the
        newest id read."""
        wanted = Q(*(Q(topic__startswith=p) for p in self.prefixes), join_type=Q.OR)
        rows = (
            await OutboxEvent.filter(wanted, id__gt=after)
            .order_by("id")
            .limit(self.batch)
            .values("id", "topic", "seq", "type", "payload", "occurred_at")
        )
        if not rows:
            return [], None, after
        done = set(
            await ConsumedEvent.filter(
                consumer=self.name, event_id__in=[r["id"] for r in rows]
            ).values_list("event_id", flat=True)
        )
        newest = rows[-1]["id"]
        last = newest if len(rows) == self.batch else None
        return [ConsumedRow(**r) for r in rows if r["id"] not in done], last, newest

    async def _handle(self, row: ConsumedRow) -> bool:
        try:
            # The relay's transaction: events the handler appends are published right
            # after the commit instead of at the relay's next sweep.
            async with transaction():
                await ConsumedEvent.create(consumer=self.name, event_id=row.id)
                # Another process may have handled the row, moved the cursor past it and
                # forgotten its mark since this pass read it: then the mark just made is
                # no proof of novelty, the cursor is.
                if await ConsumerCursor.filter(name=self.name, position__gte=row.id).exists():
                    raise _AlreadyHandled
                await self.handler(row)
        except _AlreadyHandled:
            return True
        except IntegrityError:
            if await ConsumedEvent.exists(consumer=self.name, event_id=row.id):
                return True  # another process handled it a moment ago
            return await self._failed(row)
        except Exception:
            return await self._failed(row)
        self._failures.pop(row.id, None)
        return True

    async def _failed(self, row: ConsumedRow) -> bool:
        """Log a failure; after `max_attempts` give the row up (True: no longer pending)."""
        attempts = self._failures.get(row.id, 0) + 1
        self._failures[row.id] = attempts
        if attempts < self.max_attempts:
            logger.exception("consumer %s failed on outbox event %d", self.name, row.id)
            return False
        logger.exception(
            "consumer %s gives up outbox event %d after %d attempts", self.name, row.id, attempts
        )
        del self._failures[row.id]
        try:
            await ConsumedEvent.create(consumer=self.name, event_id=row.id)
        except IntegrityError:
            pass  # handled meanwhile by another process after all
        return True

    async def _advance(self, cursor: ConsumerCursor, failed_at: int | None) -> None:
        """Move the cursor to the newest id older than the settle window (and below any
        row that failed), then forget the consumed marks it passed."""
        horizon = datetime.now(UTC) - self.settle
        query = OutboxEvent.filter(id__gt=cursor.position, occurred_at__lt=horizon)
        if failed_at is not None:
            query = query.filter(id__lt=failed_at)
        newest = await query.order_by("-id").first().values_list("id", flat=True)
        if newest is None:
            return
        position = int(newest)  # type: ignore[call-overload]
        async with transaction():
            moved = await ConsumerCursor.filter(name=self.name, position__lt=position).update(
                position=position
            )
            if moved:
                await ConsumedEvent.filter(consumer=self.name, event_id__lte=position).delete()
