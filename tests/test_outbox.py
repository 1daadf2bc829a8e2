"""The outbox hands out gapless positions per topic, in commit order, and never deadlocks.

These tests try to break `realtime.outbox.append_events`: batches with repeated topics,
rollbacks whole and partial, and writers in several processes hammering overlapping sets
of topics (new ones among them) in every order while a reader watches for a hole.
"""

from __future__ import annotations

import asyncio
import sys
from collections import defaultdict

import msgspec
import pytest
from tortoise.transactions import in_transaction

from app.config import PROJECT_ROOT
from realtime.outbox import OutboxEvent, TopicSequence, append_event, append_events
from tests.outbox_writers import Outcome, Written
from tests.querycount import count_queries

WRITERS = 3
TRANSACTIONS_EACH = 40


class Note(msgspec.Struct, tag="test.note", tag_field="type"):
    """A test event."""

    n: int


async def positions(topic: str) -> list[int]:
    return list(await OutboxEvent.filter(topic=topic).order_by("id").values_list("seq", flat=True))


async def test_a_batch_takes_consecutive_positions_per_topic_in_the_order_given(db):
    async with in_transaction():
        await append_event(Note(0), ["b"])
        rows = await append_events(
            [
                (Note(1), ["b", "a", "b"]),  # a repeated topic counts once
                (Note(2), ["a"]),
                (Note(3), ["c", "b"]),
            ]
        )
    assert [(r.topic, r.seq, msgspec.json.decode(r.payload, type=Note).n) for r in rows] == [
        ("b", 2, 1),
        ("a", 1, 1),
        ("a", 2, 2),
        ("c", 1, 3),
        ("b", 3, 3),
    ]
    stored = {(r.topic, r.seq): r for r in await OutboxEvent.all()}
    for row in rows:
        assert stored[row.topic, row.seq].id == row.id
        assert stored[row.topic, row.seq].payload == row.payload
        assert stored[row.topic, row.seq].type == "test.note"
    for topic, count in (("a", 2), ("b", 3), ("c", 1)):
        assert await positions(topic) == list(range(1, count + 1)), "id order is position order"
    assert await append_events([]) == []


async def test_an_event_without_topics_is_refused_and_nothing_is_written(db):
    with pytest.raises(ValueError):
        async with in_transaction():
            await append_events([(Note(1), ["a"]), (Note(2), [])])
    assert await OutboxEvent.all().count() == 0


async def test_a_rolled_back_batch_leaves_no_hole(db):
    class Failed(Exception):
        pass

    async with in_transaction():
        await append_events([(Note(1), ["a", "b"])])
    with pytest.raises(Failed):
        async with in_transaction():
            await append_events([(Note(2), ["a", "b", "new"])])
            raise Failed
    async with in_transaction():
        with pytest.raises(Failed):
            async with in_transaction():  # a savepoint, rolled back alone
                await append_events([(Note(3), ["a", "other"])])
                raise Failed
        await append_events([(Note(4), ["b", "a"])])
    assert await positions("a") == [1, 2]
    assert await positions("b") == [1, 2]
    assert await positions("new") == [] and await positions("other") == []
    assert not await TopicSequence.filter(topic__in=["new", "other"]).exists()


async def test_a_batch_costs_two_statements_however_many_topics(db, monkeypatch):
    readers = [f"user:{n}" for n in range(13)]
    async with in_transaction():
        await append_events([(Note(0), readers)])  # the sequences exist from here on
        with count_queries(monkeypatch) as statements:
            await append_events([(Note(n), [topic]) for n, topic in enumerate(readers, 1)])
    assert len(statements) == 2
    for topic in readers:
        assert await positions(topic) == [1, 2]


async def test_writers_in_several_processes_never_deadlock_skip_or_repeat_a_position(db):
    """Three processes, four transactions at once in each, on 12 shared topics."""
    writers = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.outbox_writers",
            db.database_url,
            str(db.var_dir),
            f"w{n}",
            str(TRANSACTIONS_EACH),
            cwd=PROJECT_ROOT,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for n in range(WRITERS)
    ]
    finished = asyncio.gather(*(w.communicate() for w in writers))
    snapshots = 0
    while not finished.done():
        # One statement, one snapshot: a position seen without every one before it on
        # its topic would mean a later position committed first.
        seen = await OutboxEvent.filter(topic__startswith="race:").values_list("topic", "seq")
        by_topic: defaultdict[str, list[int]] = defaultdict(list)
        for topic, seq in seen:
            by_topic[str(topic)].append(int(seq))  # type: ignore[call-overload]
        for topic, seqs in by_topic.items():
            assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"hole on {topic}"
        snapshots += 1
        await asyncio.wait([finished], timeout=0.01)
    outputs = await finished
    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err.decode()

    outcomes = [
        msgspec.json.decode(line, type=Outcome) for out, _ in outputs for line in out.split()
    ]
    assert len(outcomes) == WRITERS * TRANSACTIONS_EACH
    assert any(not o.committed for o in outcomes), "some transactions roll back"
    expected = {
        (o.transaction, part, topic)
        for o in outcomes
        if o.committed
        for part, topics in enumerate(o.events)
        for topic in topics
    }
    rows = await OutboxEvent.filter(topic__startswith="race:").order_by("id")
    stored = []
    for row in rows:
        event = msgspec.json.decode(row.payload, type=Written)
        stored.append((event.transaction, event.part, row.topic))
    assert sorted(stored) == sorted(expected), "every committed event once, no rolled-back one"
    by_topic = defaultdict(list)
    for row in rows:
        by_topic[row.topic].append(row.seq)
    for topic, seqs in by_topic.items():
        assert seqs == list(range(1, len(seqs) + 1)), f"{topic}: gapless, in id order"
        assert (await TopicSequence.get(topic=topic)).last_seq == len(seqs)
    assert snapshots > 1
