"""Group commit: the writers waiting for SQLite's one connection share a commit.

A process has one SQLite connection and each commit waits for an `fsync`; writers that
arrive while one is committing would each wait for the whole queue ahead of them. Here the
first writer starts a leader that takes everything queued, opens one transaction, runs
each writer's work in turn in a savepoint of its own, commits once and only then answers
each writer: what PostgreSQL's group commit does for its connections.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tortoise.backends.base.client import TransactionalDBClient
from tortoise.connection import get_connections

logger = logging.getLogger(__name__)

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

    `open_transaction()` gives the transaction a group shares; `on_commit()` is called once
    after each commit, before the writers are answered. A piece that raises is rolled back
    to its savepoint and gets its exception; the others are unaffected. A writer hears of
    success only once its work is durable; when the commit itself fails, every writer of
    the group gets that error and nothing of theirs is kept. A writer cancelled before or
    while its work runs has nothing of it kept (cancelled during the COMMIT itself, its
    work is committed, as a plain transaction's would be). Work runs in a copy of its
    writer's context, with the group's transaction as its connection; it must not wait
    for anything that needs this database connection from another task.
    """

    def __init__(
        self,
        open_transaction: Callable[[], AbstractAsyncContextManager[TransactionalDBClient]],
        *,
        on_commit: Callable[[], None],
    ) -> None:
        self._open_transaction = open_transaction
        self._on_commit = on_commit
        self._queue: deque[_Work] = deque()
        self._leader: asyncio.Task[None] | None = None

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run `work` in the next group's transaction; its value once that has committed."""
        answer: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.append(_Work(work, contextvars.copy_context(), answer))
        if self._leader is None or self._leader.done():
            self._leader = asyncio.create_task(self._lead(), name="group-commit")
        return await answer

    async def close(self) -> None:
        """Wait until the writers already queued have been answered."""
        if self._leader is not None and not self._leader.done():
            await asyncio.wait({self._leader})

    async def _lead(self) -> None:
        try:
            while self._queue:
                group: list[_Work] = []
                while self._queue and len(group) < MAX_GROUP:
                    work = self._queue.popleft()
                    if not work.answer.done():  # its writer was cancelled while it waited
                        group.append(work)
                if group:
                    await self._commit(group)
        finally:
            # Only when the leader itself is cancelled (the process is stopping).
            while self._queue:
                self._queue.popleft().answer.cancel()

    async def _commit(self, group: list[_Work]) -> None:
        done: list[_Work] = []
        try:
            async with self._open_transaction() as connection:
                for work in group:
                    if not work.answer.done() and await self._run_one(connection, work):
                        done.append(work)
        except BaseException as exc:
            for work in group:
                _answer(work, exc=exc)
            if not isinstance(exc, Exception):
                raise
            logger.warning("a group commit failed; its %d writers were told", len(group))
            return
        self._on_commit()
        for work in done:
            _answer(work, value=work.value)

    async def _run_one(self, connection: TransactionalDBClient, work: _Work) -> bool:
        """Run one writer's work in a savepoint; True when it is to be committed."""
        await connection.execute_query(f"SAVEPOINT {SAVEPOINT}")
        try:
            work.value = await asyncio.create_task(
                _in_connection(connection, work.run), context=work.context
            )
        except (Exception, asyncio.CancelledError) as exc:
            if isinstance(exc, asyncio.CancelledError) and _leader_cancelled():
                raise
            _answer(work, exc=exc)
        if work.answer.done():  # it failed, or its writer was cancelled while it ran
            # After an error that ended the whole transaction these fail: so does the group.
            await connection.execute_query(f"ROLLBACK TO {SAVEPOINT}")
            await connection.execute_query(f"RELEASE {SAVEPOINT}")
            return False
        await connection.execute_query(f"RELEASE {SAVEPOINT}")
        return True


def _leader_cancelled() -> bool:
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


async def _in_connection(connection: TransactionalDBClient, run: Callable[[], Awaitable[T]]) -> T:
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
    else:  # a cancellation: the writer's, or the leader's at shutdown
        work.answer.cancel()
