"""Group commit for SQLite: the writers waiting for the one connection share a commit.

A process has one SQLite connection and each commit waits for an `fsync`; writers that
arrive while one is committing would each wait for the whole queue ahead of them. Here the
first writer starts a leader that takes everything queued, opens one `BEGIN IMMEDIATE`
transaction, runs each writer's work in turn in a savepoint of its own, commits once and
only then answers each writer: what PostgreSQL's group commit does for its connections.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from tortoise.connection import get_connections

if TYPE_CHECKING:
    from app.sqlite_backend import ImmediateSqliteClient

T = TypeVar("T")

SAVEPOINT = "group_commit_work"
MAX_GROUP = 64
"""At most this many pieces of work share a commit, so that none waits long for the rest."""


@dataclass(eq=False)
class _Work:
    run: Callable[[], Awaitable[Any]]
    context: contextvars.Context
    answer: asyncio.Future[Any]
    value: Any = field(default=None)


class GroupCommit:
    """Runs pieces of work, each as if in a transaction of its own, several to a commit.

    A piece that raises is rolled back to its savepoint and gets its exception; the others
    are unaffected. A writer hears of success only once its work is durable; when the
    commit itself fails, every writer of the group gets that error and nothing of theirs
    is kept. Work runs in its writer's context (context variables as the writer set them)
    with the group's transaction as its connection, its statements on the event loop's
    thread (`app.sqlite_backend.SqliteConnection`): it must be short statements on indexed
    rows, as a chat message's are. A writer cancelled before its turn is skipped.
    """

    def __init__(self, client: ImmediateSqliteClient) -> None:
        self._client = client
        self._queue: deque[_Work] = deque()
        self._leader: asyncio.Task[None] | None = None

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run `work` in the next group's transaction; its value once that has committed."""
        loop = asyncio.get_running_loop()
        self._queue.append(_Work(work, contextvars.copy_context(), loop.create_future()))
        answer = self._queue[-1].answer
        if self._leader is None or self._leader.done():
            self._leader = asyncio.create_task(self._lead(), name="sqlite-group-commit")
        return await answer  # type: ignore[no-any-return]

    async def _lead(self) -> None:
        while self._queue:
            group: list[_Work] = []
            while self._queue and len(group) < MAX_GROUP:
                work = self._queue.popleft()
                if not work.answer.done():
                    group.append(work)
            if group:
                await self._commit(group)

    async def _commit(self, group: list[_Work]) -> None:
        done: list[_Work] = []
        try:
            async with self._client._in_transaction() as connection:
                raw = connection._connection
                raw.inline = True
                try:
                    for work in group:
                        if work.answer.done():  # its writer was cancelled while it waited
                            continue
                        if await self._run_one(connection, work):
                            done.append(work)
                finally:
                    raw.inline = False
        except BaseException as exc:
            for work in group:
                _answer(work, exc=exc)
            if not isinstance(exc, Exception):
                raise
            await self._end_failed_transaction()
            return
        for work in done:
            _answer(work, value=work.value)

    async def _end_failed_transaction(self) -> None:
        # A COMMIT refused by a deferred constraint leaves SQLite's transaction open, and
        # the next BEGIN would try to commit it again: roll it back under the lock.
        async with self._client._lock:
            raw = self._client._connection
            if raw is not None and raw.in_transaction:
                await raw.rollback()

    async def _run_one(self, connection: Any, work: _Work) -> bool:
        raw = connection._connection
        await raw.execute(f"SAVEPOINT {SAVEPOINT}")
        try:
            work.value = await asyncio.create_task(
                _in_connection(connection, work.run), context=work.context
            )
        except Exception as exc:
            _answer(work, exc=exc)
            # After an error that ended the whole transaction these fail: so does the group.
            await raw.execute(f"ROLLBACK TO {SAVEPOINT}")
            await raw.execute(f"RELEASE {SAVEPOINT}")
            return False
        await raw.execute(f"RELEASE {SAVEPOINT}")
        return True


async def _in_connection(connection: Any, run: Callable[[], Awaitable[T]]) -> T:
    token = get_connections().set(connection.connection_name, connection)
    try:
        return await run()
    finally:
        get_connections().reset(token)


def _answer(work: _Work, *, value: Any = None, exc: BaseException | None = None) -> None:
    if work.answer.done():
        return
    if exc is None:
        work.answer.set_result(value)
    elif isinstance(exc, Exception):
        work.answer.set_exception(exc)
    else:  # the leader was cancelled (the process is stopping): so is the writer
        work.answer.cancel()
