"""SQLite's group commit: writers waiting for the one connection share a commit, safely.

`app.db.write` on SQLite runs each writer's work in a savepoint of one shared transaction
(`app.group_commit.GroupCommit`), its statements on the event loop's thread. These tests
hold the connection so that writers queue, then watch from a second, plain sqlite3
connection what was committed, and count the COMMITs made.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, closing
from contextvars import ContextVar
from pathlib import Path

import pytest
from tortoise.connection import get_connection

from app.db import close_db, init_db, write
from app.group_commit import MAX_GROUP
from app.sqlite_backend import ImmediateSqliteClient, ImmediateTransactionWrapper
from app.statements import fetch
from realtime import relay
from realtime.relay import transaction
from tests.databases import settings_for

WRITERS = 20
_caller: ContextVar[str] = ContextVar("caller", default="nobody")


class Refused(Exception):
    """A writer's own error, raised after it wrote."""


@pytest.fixture
async def sqlite_file(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[Path]:
    """A migrated SQLite file with the ORM open on it, and a scratch table `probe`."""
    path = tmp_path / "cabinet.sqlite3"
    shutil.copyfile(sqlite_template, path)
    await init_db(settings_for(f"sqlite://{path}", tmp_path))
    await client().execute_script(
        "CREATE TABLE probe (id INTEGER PRIMARY KEY, writer TEXT NOT NULL UNIQUE,"
        " parent INTEGER REFERENCES probe (id) DEFERRABLE INITIALLY DEFERRED)"
    )
    try:
        yield path
    finally:
        await close_db()


def statements_inline() -> bool:
    connection = client()._connection
    assert connection is not None
    return bool(connection.inline)


def client() -> ImmediateSqliteClient:
    db = get_connection("default")
    assert isinstance(db, ImmediateSqliteClient)
    return db


@pytest.fixture
def observer(sqlite_file: Path) -> Iterator[sqlite3.Connection]:
    """Another connection to the same file, as another process would have."""
    with closing(sqlite3.connect(sqlite_file)) as connection:
        yield connection


def committed_writers(observer: sqlite3.Connection) -> set[str]:
    return {row[0] for row in observer.execute("SELECT writer FROM probe")}


@pytest.fixture
def commits(sqlite_file: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per COMMIT this process makes from here on."""
    made: list[int] = []
    commit = ImmediateTransactionWrapper.commit

    async def counted(self: ImmediateTransactionWrapper) -> None:
        await commit(self)
        made.append(1)

    monkeypatch.setattr(ImmediateTransactionWrapper, "commit", counted)
    return made


async def insert(writer: str, parent: int | None = None) -> str:
    await fetch("INSERT INTO probe (writer, parent) VALUES (?, ?)", [writer, parent])
    return writer


@asynccontextmanager
async def connection_held() -> AsyncIterator[None]:
    """Keep the process's connection busy, so that writers started meanwhile queue."""
    async with client()._lock:
        yield
        for _ in range(5):  # let every writer started inside reach the queue
            await asyncio.sleep(0)


async def test_writers_that_wait_together_share_one_commit(observer, commits):
    async with connection_held():
        writers = [asyncio.create_task(write(lambda n=n: insert(f"w{n}"))) for n in range(WRITERS)]
    answers = await asyncio.gather(*writers)

    assert answers == [f"w{n}" for n in range(WRITERS)]
    assert committed_writers(observer) == set(answers)
    assert len(commits) == 1


async def test_a_writer_hears_of_success_only_once_its_work_is_committed(observer):
    seen_when_answered = []
    for n in range(3):
        await write(lambda n=n: insert(f"w{n}"))
        seen_when_answered.append(committed_writers(observer))
    assert seen_when_answered == [{"w0"}, {"w0", "w1"}, {"w0", "w1", "w2"}]


async def test_a_writer_that_fails_is_rolled_back_alone(observer):
    async def refuse() -> str:
        await insert("refused")
        raise Refused("no")

    async with connection_held():
        first = asyncio.create_task(write(lambda: insert("first")))
        refused = asyncio.create_task(write(refuse))
        last = asyncio.create_task(write(lambda: insert("last")))
    assert await first == "first"
    with pytest.raises(Refused):
        await refused
    assert await last == "last"
    assert committed_writers(observer) == {"first", "last"}


async def test_a_commit_that_fails_fails_every_writer_of_its_group_and_keeps_nothing(observer):
    async with connection_held():
        fine = asyncio.create_task(write(lambda: insert("fine")))
        # A deferred foreign key is checked at COMMIT: the whole group's commit fails.
        dangling = asyncio.create_task(write(lambda: insert("dangling", parent=999_999)))
    for writer in (fine, dangling):
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            await writer
    assert committed_writers(observer) == set()

    assert not statements_inline()
    assert await write(lambda: insert("afterwards")) == "afterwards"
    assert committed_writers(observer) == {"afterwards"}


async def test_a_refused_commit_is_rolled_back_before_anyone_else_uses_the_connection(observer):
    async with connection_held():
        writers = [
            asyncio.create_task(write(lambda: insert("fine"))),
            asyncio.create_task(write(lambda: insert("dangling", parent=999_999))),
        ]
        for _ in range(3):  # the leader queues for the connection before the bystanders
            await asyncio.sleep(0)
        reader = asyncio.create_task(fetch("SELECT writer FROM probe", []))
        bystander = asyncio.create_task(insert("bystander"))  # a write of its own, no group
    await asyncio.gather(*writers, return_exceptions=True)
    assert await reader == []
    assert await bystander == "bystander"
    assert committed_writers(observer) == {"bystander"}
    assert not statements_inline()


async def test_a_group_splits_past_its_largest_size(observer, commits):
    async with connection_held():
        writers = [
            asyncio.create_task(write(lambda n=n: insert(f"w{n}"))) for n in range(MAX_GROUP + 6)
        ]
    await asyncio.gather(*writers)
    assert len(committed_writers(observer)) == MAX_GROUP + 6
    assert len(commits) == 2


async def test_the_relay_is_woken_once_per_commit_after_it(observer, monkeypatch):
    woken: list[set[str]] = []
    monkeypatch.setattr(
        relay, "_commit_listeners", [lambda: woken.append(committed_writers(observer))]
    )
    async with connection_held():
        writers = [asyncio.create_task(write(lambda n=n: insert(f"w{n}"))) for n in range(3)]
    await asyncio.gather(*writers)
    assert woken == [{"w0", "w1", "w2"}]


async def test_a_writer_cancelled_while_its_work_runs_has_nothing_kept(observer):
    started, go_on = asyncio.Event(), asyncio.Event()

    async def slow() -> str:
        await insert("slow")
        started.set()
        await go_on.wait()
        return "slow"

    async with connection_held():
        slow_writer = asyncio.create_task(write(slow))
        other = asyncio.create_task(write(lambda: insert("other")))
    await started.wait()
    slow_writer.cancel()
    await asyncio.sleep(0)
    go_on.set()
    assert await other == "other"
    with pytest.raises(asyncio.CancelledError):
        await slow_writer
    assert committed_writers(observer) == {"other"}


async def test_work_that_raises_a_cancellation_of_its_own_leaves_the_others_and_the_leader(
    observer,
):
    async def gives_up() -> str:
        await insert("gives up")
        raise asyncio.CancelledError

    async with connection_held():
        first = asyncio.create_task(write(lambda: insert("first")))
        giving_up = asyncio.create_task(write(gives_up))
        last = asyncio.create_task(write(lambda: insert("last")))
    assert await first == "first"
    with pytest.raises(asyncio.CancelledError):
        await giving_up
    assert await last == "last"
    assert await write(lambda: insert("later")) == "later"
    assert committed_writers(observer) == {"first", "last", "later"}


async def test_a_writer_cancelled_before_its_turn_never_runs(observer):
    ran = []

    async def noted(writer: str) -> str:
        ran.append(writer)
        return await insert(writer)

    async with connection_held():
        kept = asyncio.create_task(write(lambda: noted("kept")))
        gone = asyncio.create_task(write(lambda: noted("gone")))
        await asyncio.sleep(0)
        gone.cancel()
    assert await kept == "kept"
    with pytest.raises(asyncio.CancelledError):
        await gone
    assert ran == ["kept"]
    assert committed_writers(observer) == {"kept"}


async def test_work_runs_in_its_writers_context_with_statements_on_the_loops_thread(sqlite_file):
    sqlite = client()._connection
    assert sqlite is not None
    sqlite._conn.create_function("thread_ident", 0, threading.get_ident)

    async def where() -> tuple[str, int]:
        [row] = await fetch("SELECT thread_ident() AS ident", [])
        return _caller.get(), row["ident"]

    async def as_caller(name: str) -> tuple[str, int]:
        _caller.set(name)
        return await write(where)

    answers = await asyncio.gather(as_caller("anna"), as_caller("boris"))
    loop_thread = threading.get_ident()
    assert answers == [("anna", loop_thread), ("boris", loop_thread)]
    # Outside a group, statements go to aiosqlite's thread as before.
    [row] = await fetch("SELECT thread_ident() AS ident", [])
    assert row["ident"] != loop_thread


async def test_a_write_inside_a_transaction_joins_that_transaction(observer):
    with pytest.raises(Refused):
        async with transaction():
            await write(lambda: insert("inner"))
            raise Refused("the outer transaction rolls back")
    assert committed_writers(observer) == set()
