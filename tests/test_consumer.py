"""The durable outbox consumer: every committed event handled once in effect, whatever happens."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import msgspec
import pytest
from tortoise.transactions import in_transaction

from realtime.consumer import ConsumedEvent, ConsumedRow, ConsumerCursor, DurableConsumer
from realtime.outbox import OutboxEvent, append_event
from realtime.relay import transaction


class Ping(msgspec.Struct, tag="test.ping", tag_field="type"):
    n: int


async def ping(n: int, topic: str = "test:1") -> int:
    async with transaction():
        [row] = await append_event(Ping(n=n), [topic])
    return row.id


class Recorder:
    """A handler that remembers what it was given, and fails on demand."""

    def __init__(self, fail: dict[int, int] | None = None) -> None:
        self.seen: list[int] = []
        self.fail = fail or {}  # event id -> how many times to fail first

    async def __call__(self, row: ConsumedRow) -> None:
        if self.fail.get(row.id, 0) > 0:
            self.fail[row.id] -= 1
            raise RuntimeError(f"handler broke on {row.id}")
        self.seen.append(row.id)


def consumer(handler, name: str = "test", **options) -> DurableConsumer:
    return DurableConsumer(name, handler, prefixes=["test:"], settle_seconds=0, **options)


async def test_each_event_is_handled_once_across_passes_and_restarts(db):
    ids = [await ping(n) for n in range(5)]
    await ping(99, topic="other:1")  # not this consumer's prefix
    handler = Recorder()
    assert await consumer(handler).run_once() == 5
    assert handler.seen == ids
    assert await consumer(handler).run_once() == 0  # a restart: the cursor remembers
    more = [await ping(n) for n in range(5, 8)]
    first = consumer(handler)
    await first.run_once()
    await first.run_once()
    assert handler.seen == ids + more
    assert (await ConsumerCursor.get(name="test")).position >= more[-1]


async def test_an_event_committed_late_below_handled_ids_is_still_handled(db):
    # Ids are taken before commit: a slow transaction commits an id lower than ones
    # already handled. Modelled by writing that row after the higher ones were consumed.
    handler = Recorder()
    reader = DurableConsumer("test", handler, prefixes=["test:"], settle_seconds=60)
    high = await ping(1)
    await reader.run_once()
    assert handler.seen == [high]
    late = await OutboxEvent.create(
        id=high - 1 if high > 1 else high + 1000,
        topic="test:late",
        seq=1,
        type="test.ping",
        payload='{"type":"test.ping","n":0}',
        occurred_at=datetime.now(UTC),
    )
    reader._rescanned_at = float("-inf")  # the next full rescan (every second in service)
    await reader.run_once()
    assert handler.seen == [high, late.id]
    await reader.run_once()
    assert handler.seen == [high, late.id]


async def test_a_real_late_commit_on_postgres_is_handled(db):
    if db.dialect != "postgres":
        pytest.skip("SQLite has one writer at a time: no transaction commits under another")
    handler = Recorder()
    reader = DurableConsumer("test", handler, prefixes=["test:"], settle_seconds=60)
    slow_started, let_commit = asyncio.Event(), asyncio.Event()

    async def slow_writer() -> int:
        async with in_transaction():
            [row] = await append_event(Ping(n=0), ["test:slow"])
            slow_started.set()
            await let_commit.wait()
        return row.id

    slow = asyncio.create_task(slow_writer())
    await slow_started.wait()
    fast = await ping(1, topic="test:fast")
    await reader.run_once()
    assert handler.seen == [fast]  # the slow one is not visible yet
    let_commit.set()
    slow_id = await slow
    assert slow_id < fast
    reader._rescanned_at = float("-inf")
    await reader.run_once()
    assert handler.seen == [fast, slow_id]


async def test_two_consumers_at_once_share_the_work_without_repeating_it(db):
    ids = [await ping(n) for n in range(40)]
    handler = Recorder()
    await asyncio.gather(consumer(handler).run_once(), consumer(handler).run_once())
    assert sorted(handler.seen) == ids  # every one, none twice
    assert await ConsumedEvent.filter(consumer="test").count() <= len(ids)


async def test_a_failing_event_is_retried_without_holding_up_the_others(db):
    ids = [await ping(n) for n in range(4)]
    handler = Recorder(fail={ids[1]: 2})
    reader = consumer(handler, rescan_seconds=0)
    await reader.run_once()
    assert handler.seen == [ids[0], ids[2], ids[3]]
    cursor = await ConsumerCursor.get(name="test")
    assert cursor.position < ids[1]  # the cursor waits below the failed event
    await reader.run_once()
    await reader.run_once()
    assert handler.seen == [ids[0], ids[2], ids[3], ids[1]]
    await reader.run_once()
    assert (await ConsumerCursor.get(name="test")).position >= ids[3]


async def test_a_poisonous_event_is_given_up_so_the_cursor_moves_on(db):
    ids = [await ping(n) for n in range(2)]
    handler = Recorder(fail={ids[0]: 100})
    reader = consumer(handler, rescan_seconds=0, max_attempts=3)
    for _ in range(3):
        await reader.run_once()
    await reader.run_once()
    assert handler.seen == [ids[1]]
    assert (await ConsumerCursor.get(name="test")).position >= ids[1]


async def test_a_handlers_changes_roll_back_with_its_failure(db):
    [first] = [await ping(1)]

    async def half_done(row: ConsumedRow) -> None:
        await ConsumerCursor.create(name=f"effect-{row.id}")
        raise RuntimeError("broke after writing")

    await consumer(half_done, max_attempts=100).run_once()
    assert not await ConsumerCursor.exists(name=f"effect-{first}")
    assert not await ConsumedEvent.exists(consumer="test", event_id=first)
