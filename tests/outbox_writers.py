"""A process that appends outbox events from several transactions at once, for the tests.

    python -m tests.outbox_writers DATABASE_URL VAR_DIR WRITER TRANSACTIONS

Each transaction appends one to three events to a random, shuffled set of shared topics
(some of which nobody has written to yet), reads a row while it holds their locks, and
commits, or (one in five) fails after appending and rolls back. Four transactions run
at once in the process. It prints one JSON line per transaction: its name, whether it
committed, and the topics of each event it appended.
"""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path

import msgspec
from tortoise.transactions import in_transaction

from app.db import close_db, init_db
from realtime.outbox import OutboxEvent, append_events
from tests.databases import settings_for

TOPICS = [f"race:{n}" for n in range(12)]
AT_ONCE = 4


class Written(msgspec.Struct, tag="test.written", tag_field="type"):
    """One event of one transaction."""

    transaction: str
    part: int


class Outcome(msgspec.Struct):
    """What one transaction did: its events' topics, and whether it committed."""

    transaction: str
    committed: bool
    events: list[list[str]]


class Abandoned(Exception):
    """Raised inside a transaction to roll it back after it appended."""


async def one_transaction(name: str, rng: random.Random) -> Outcome:
    topics = rng.sample(TOPICS, rng.randint(1, 8))
    parts = [topics[i::3] for i in range(rng.randint(1, 3))]
    events = [part for part in parts if part]
    committed = rng.random() >= 0.2
    try:
        async with in_transaction():
            await append_events([(Written(name, i), part) for i, part in enumerate(events)])
            await OutboxEvent.filter(topic=events[0][0]).order_by("-seq").first()
            if not committed:
                raise Abandoned
    except Abandoned:
        pass
    return Outcome(name, committed, events)


async def main(database_url: str, var_dir: str, writer: str, transactions: int) -> None:
    await init_db(settings_for(database_url, Path(var_dir)))
    rng = random.Random(writer)
    names = iter(f"{writer}.{n}" for n in range(transactions))

    async def worker() -> None:
        for name in names:
            outcome = await one_transaction(name, rng)
            sys.stdout.write(msgspec.json.encode(outcome).decode() + "\n")

    try:
        await asyncio.gather(*(worker() for _ in range(AT_ONCE)))
    finally:
        await close_db()


if __name__ == "__main__":
    url, var, writer_name, count = sys.argv[1:5]
    asyncio.run(main(url, var, writer_name, int(count)))
