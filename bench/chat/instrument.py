"""Where the server's time goes per message: SQL time by step, transactions, commands.

Installed from the outside into the real application (nothing in `app/` changes):

- every statement Tortoise sends (`execute_*`, `begin`, `commit`, savepoints) on the
  SQLite and asyncpg clients is timed, minus the time it waited for Tortoise's
  connection lock (SQLite: one connection per process) or for a pool connection
  (asyncpg), which is queueing, not database work and is summed apart as `wait`;
- each statement is charged to the command being served (`chat.send`, `bench.note`, or
  `background`: relay, hub) and to a step of it, named by wrapping the steps of
  `app.chat.posting` (`access`, `room lock`, `unread counters`, `unread events`, ...;
  `other` is whatever no step names);
- `app.chat.posting.transaction` is timed from asking (lock or pool wait + BEGIN) to
  entered, and from entered to committed: what the transaction holds.

A statement's time is what the awaiting coroutine saw: the driver's round trip plus the
event loop's delay in resuming it, which grows when the process is short of CPU.
"""

from __future__ import annotations

import time
from array import array
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from tortoise.backends.base import client as base_client

COMMAND: ContextVar[str] = ContextVar("bench_command", default="background")
_STEP: ContextVar[str | None] = ContextVar("bench_step", default=None)
_IN_SQL: ContextVar[bool] = ContextVar("bench_in_sql", default=False)
_WAITED: ContextVar[list[float] | None] = ContextVar("bench_waited", default=None)

STATEMENTS = (
    "execute_insert",
    "execute_many",
    "execute_query",
    "execute_query_dict",
    "execute_script",
)
TRANSACTION_CONTROL = (
    "begin",
    "commit",
    "rollback",
    "savepoint",
    "release_savepoint",
    "savepoint_rollback",
)
BEGIN_COMMIT = "begin/commit"


class Stats:
    """Sums since the last reset, keyed by (command, step)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.sql_ms: defaultdict[str, float] = defaultdict(float)
        self.statements: Counter[str] = Counter()
        self.wait_ms: defaultdict[str, float] = defaultdict(float)
        self.commands: Counter[str] = Counter()
        self.command_ms: dict[str, array[float]] = {}
        self.tx_wait_ms: dict[str, array[float]] = {}
        self.tx_held_ms: dict[str, array[float]] = {}
        self.loop_lag_ms = array("f")
        self.group_sizes = array("I")
        self.started = time.monotonic()

    def snapshot(self) -> dict[str, Any]:
        return {
            "seconds": time.monotonic() - self.started,
            "sql_ms": dict(self.sql_ms),
            "statements": dict(self.statements),
            "wait_ms": dict(self.wait_ms),
            "commands": dict(self.commands),
            "command_ms": {k: v.tolist() for k, v in self.command_ms.items()},
            "tx_wait_ms": {k: v.tolist() for k, v in self.tx_wait_ms.items()},
            "tx_held_ms": {k: v.tolist() for k, v in self.tx_held_ms.items()},
            "loop_lag_ms": self.loop_lag_ms.tolist(),
            "group_sizes": self.group_sizes.tolist(),
        }


STATS = Stats()


def key(step: str | None = None) -> str:
    """`command|step` for the current task."""
    return f"{COMMAND.get()}|{step or _STEP.get() or 'other'}"


def _timed_sql(method: Callable[..., Awaitable[Any]], step: str | None) -> Callable[..., Any]:
    async def timed(*args: Any, **kwargs: Any) -> Any:
        if _IN_SQL.get():  # a statement method calling another: count the outer one only
            return await method(*args, **kwargs)
        outer, waited = _IN_SQL.set(True), _WAITED.set([0.0])
        started = time.perf_counter()
        try:
            return await method(*args, **kwargs)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            wait = (_WAITED.get() or [0.0])[0] * 1000
            _IN_SQL.reset(outer)
            _WAITED.reset(waited)
            name = key(step)
            STATS.sql_ms[name] += elapsed - wait
            STATS.wait_ms[name] += wait
            STATS.statements[name] += 1

    return timed


def _timed_acquire(enter: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
    async def acquire(self: Any) -> Any:
        started = time.perf_counter()
        try:
            return await enter(self)
        finally:
            if (waited := _WAITED.get()) is not None:
                waited[0] += time.perf_counter() - started

    return acquire


def instrument_sql(client_classes: list[type]) -> None:
    """Time the statement methods each class defines itself, and the connection waits."""
    for cls in client_classes:
        for name in (*STATEMENTS, *TRANSACTION_CONTROL):
            if name in vars(cls):
                step = BEGIN_COMMIT if name in TRANSACTION_CONTROL else None
                setattr(cls, name, _timed_sql(vars(cls)[name], step))
    for wrapper in (base_client.ConnectionWrapper, base_client.PoolConnectionWrapper):
        wrapper.__aenter__ = _timed_acquire(wrapper.__aenter__)  # type: ignore[method-assign]


def step(name: str, function: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """`function` with its statements charged to step `name` (the innermost step wins)."""

    async def stepped(*args: Any, **kwargs: Any) -> Any:
        token = _STEP.set(name)
        try:
            return await function(*args, **kwargs)
        finally:
            _STEP.reset(token)

    return stepped


def command(name: str, handler: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """A websocket command handler, timed, with its statements charged to `name`."""

    async def timed(*args: Any, **kwargs: Any) -> Any:
        token = COMMAND.set(name)
        started = time.perf_counter()
        try:
            return await handler(*args, **kwargs)
        finally:
            STATS.command_ms.setdefault(name, array("f")).append(
                (time.perf_counter() - started) * 1000
            )
            STATS.commands[name] += 1
            COMMAND.reset(token)

    return timed


def timed_write(write: Callable[[Callable[[], Any]], Awaitable[Any]]) -> Callable[..., Any]:
    """`app.db.write`, recording its wait (until the work starts) and hold time (the work,
    then the rest of its group and the commit, until the writer is answered)."""

    async def timed(work: Callable[[], Awaitable[Any]]) -> Any:
        asked, entered = time.perf_counter(), []

        async def timed_work() -> Any:
            entered.append(time.perf_counter())
            return await work()

        try:
            return await write(timed_work)
        finally:
            if entered:
                name, done = COMMAND.get(), time.perf_counter()
                STATS.tx_wait_ms.setdefault(name, array("f")).append((entered[0] - asked) * 1000)
                STATS.tx_held_ms.setdefault(name, array("f")).append((done - entered[0]) * 1000)

    return timed


def count_groups(commit: Callable[..., Awaitable[None]]) -> Callable[..., Any]:
    """`GroupCommit._commit`, recording how many writers each commit served."""

    async def counted(self: Any, group: list[Any]) -> None:
        STATS.group_sizes.append(len(group))
        await commit(self, group)

    return counted


def timed_transaction(
    transaction: Callable[[], Any],
) -> Callable[[], Any]:
    """`realtime.relay.transaction`, recording its wait (lock/pool + BEGIN) and hold time."""

    @asynccontextmanager
    async def timed() -> AsyncIterator[Any]:
        asked = time.perf_counter()
        async with transaction() as connection:
            entered = time.perf_counter()
            yield connection
        done = time.perf_counter()
        name = COMMAND.get()
        STATS.tx_wait_ms.setdefault(name, array("f")).append((entered - asked) * 1000)
        STATS.tx_held_ms.setdefault(name, array("f")).append((done - entered) * 1000)

    return timed
