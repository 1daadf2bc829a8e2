"""The outbox relay: publishes committed events, and re-publishes what a crash left behind.

Every process that writes events runs one. It is woken right after a commit that
appended events (`transaction()` below) and otherwise sweeps every `interval` seconds, so
an event committed by a process that died before publishing goes out on the next sweep.
Publication is at-least-once; consumers drop duplicates by position.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from tortoise.transactions import in_transaction

from realtime.bus import Bus
from realtime.history import StreamEvent, stored_time
from realtime.outbox import OutboxEvent
from realtime.tasks import stop_task

logger = logging.getLogger(__name__)

_depth: ContextVar[int] = ContextVar("realtime_transaction_depth", default=0)
_commit_listeners: list[Callable[[], None]] = []


@asynccontextmanager
async def transaction() -> AsyncIterator[Any]:
    """A database transaction that wakes this process's relay once it has committed."""
    depth = _depth.get()
    token = _depth.set(depth + 1)
    try:
        async with in_transaction() as connection:
            yield connection
    finally:
        _depth.reset(token)
    if depth == 0:
        committed()


def committed() -> None:
    """Wake this process's relay: a transaction that appended events has committed.

    `transaction()` calls it; code that commits work in a transaction of its own (a
    group commit) calls it after its commit."""
    for listener in _commit_listeners:
        listener()


@contextmanager
def enclosed() -> Iterator[None]:
    """Run inside a transaction that someone else commits: `transaction()` here nests
    and leaves waking the relay to that committer."""
    token = _depth.set(_depth.get() + 1)
    try:
        yield
    finally:
        _depth.reset(token)


class Relay:
    """Moves committed events from the outbox onto the bus, oldest first."""

    def __init__(self, bus: Bus, *, interval: float = 1.0, batch: int = 500) -> None:
        self.bus = bus
        self.interval = interval
        self.batch = batch
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def nudge(self) -> None:
        """Publish soon: something was just committed."""
        self._wake.set()

    async def start(self) -> None:
        """Run in the background and listen for commits in this process."""
        _commit_listeners.append(self.nudge)
        self._task = asyncio.create_task(self._run(), name="realtime-relay")

    async def stop(self) -> None:
        """Stop listening and sweeping."""
        with suppress(ValueError):
            _commit_listeners.remove(self.nudge)
        if self._task is not None:
            await stop_task(self._task)

    async def _run(self) -> None:
        while True:
            # asyncio.timeout, not wait_for: Python 3.11's wait_for swallows a cancellation
            # that arrives as the event is set (a commit's nudge racing stop()), and the
            # relay then never stops.
            with suppress(TimeoutError):
                async with asyncio.timeout(self.interval):
                    await self._wake.wait()
            self._wake.clear()
            try:
                while await self.publish_pending() == self.batch:
                    pass
            except Exception:  # Redis or the database is away: the next sweep retries.
                logger.warning("relay could not publish; will retry", exc_info=True)

    async def publish_pending(self) -> int:
        """Publish one batch of unpublished events; returns how many went out."""
        rows = await _unpublished(self.batch)
        await self.bus.publish_many(
            [
                StreamEvent(
                    r["topic"], r["seq"], r["type"], r["payload"], stored_time(r["occurred_at"])
                )
                for r in rows
            ]
        )
        if rows:
            await OutboxEvent.filter(id__in=[r["id"] for r in rows]).update(
                published_at=datetime.now(UTC)
            )
        return len(rows)


async def _unpublished(limit: int) -> list[dict[str, Any]]:
    """The oldest unpublished rows as plain dicts.

    Plain SQL: the relay reads every event the cabinet makes, and building ORM objects
    (with Tortoise's regex-based date parsing on SQLite) was a fifth of a busy web
    process's CPU in the chat benchmark."""
    db = OutboxEvent._meta.db
    return list(
        await db.execute_query_dict(
            "SELECT id, topic, seq, type, payload, occurred_at FROM realtime_outbox"
            f" WHERE published_at IS NULL ORDER BY id LIMIT {int(limit)}"
        )
    )
