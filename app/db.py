"""Database wiring: the Tortoise configuration, start-up and migrations."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from aerich import Command
from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.connection import get_connection
from tortoise.context import TortoiseContext
from tortoise.transactions import in_transaction

from app.config import PROJECT_ROOT, Settings, get_settings
from app.sqlite_backend import ImmediateSqliteClient
from realtime.relay import enclosed, transaction

T = TypeVar("T")

MODEL_MODULES = [
    "app.accounts.models",
    "app.catalog.models",
    "app.orders.models",
    "app.chat.models",
    "app.notifications.models",
    "app.crm.models",
    "realtime.outbox",
    "realtime.consumer",
    "aerich.models",
]


def tortoise_config(settings: Settings | None = None) -> dict[str, Any]:
    """The Tortoise config dict for the given (or the process's) settings."""
    settings = settings or get_settings()
    if settings.dialect == "sqlite":
        Path(settings.database_url.removeprefix("sqlite://")).parent.mkdir(
            parents=True, exist_ok=True
        )
    return {
        "connections": {"default": _connection(settings.database_url)},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def _connection(url: str) -> str | dict[str, Any]:
    if not url.startswith("sqlite"):
        return url
    connection = expand_db_url(url)
    connection["engine"] = "app.sqlite_backend"
    # Several processes share the file: wait for the write lock rather than fail.
    connection["credentials"].setdefault("busy_timeout", 15000)
    return connection


def migrations_location(settings: Settings | None = None) -> Path:
    """Aerich writes dialect-specific SQL, so each dialect has its own migration series."""
    settings = settings or get_settings()
    return PROJECT_ROOT / "migrations" / settings.dialect


def __getattr__(name: str) -> Any:
    # aerich's CLI reads `app.db.TORTOISE_ORM`; computed lazily so that importing
    # this module never touches the environment.
    if name == "TORTOISE_ORM":
        return tortoise_config()
    raise AttributeError(name)


async def init_db(settings: Settings | None = None) -> None:
    """Open the ORM for this process (connections are made lazily on first query)."""
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


@asynccontextmanager
async def snapshot() -> AsyncIterator[None]:
    """Reads that all see the database at one moment.

    For topic positions read with the rows they describe, when clients add events to
    those rows: read apart, an event committed between the two reads would be in the rows
    and after the position, and counted twice. A SQLite transaction reads one snapshot
    (WAL), begun deferred so that it takes no write lock; PostgreSQL's does at REPEATABLE
    READ only."""
    client = get_connection("default")
    if isinstance(client, ImmediateSqliteClient):
        async with client.read_transaction():
            yield
        return
    async with in_transaction() as connection:
        await connection.execute_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


async def write(work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` (an async function of no arguments) in a transaction; its value once
    committed, with this process's relay woken.

    For the writes a busy cabinet makes many of a second (chat messages). On SQLite a
    process has one connection and every commit waits for an `fsync`: the writers waiting
    for the connection share one transaction and one commit, each in a savepoint of its
    own (`app.group_commit.GroupCommit`), with their statements on the event loop's
    thread. On PostgreSQL each has its own transaction on a pooled connection, and the
    server groups the commits itself.

    So `work` must be short statements on indexed rows (on SQLite the event loop does
    nothing else while they run) and must not wait for another task's database work. It
    runs in a copy of the caller's context: context variables it sets stay there."""
    client = get_connection("default")
    if not isinstance(client, ImmediateSqliteClient):  # PostgreSQL, or already in one
        return await write_alone(work)

    async def enclosed_work() -> T:
        with enclosed():
            return await work()

    return await client.group_commit.run(enclosed_work)


async def write_alone(work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` in a transaction of its own (what `write` does on PostgreSQL)."""
    async with transaction():
        return await work()


async def close_db() -> None:
    """Close every connection this process holds."""
    await Tortoise.close_connections()


async def migrate(settings: Settings | None = None) -> list[str]:
    """Apply every pending migration; returns the versions applied."""
    settings = settings or get_settings()
    command = Command(
        tortoise_config=tortoise_config(settings),
        app="models",
        location=str(migrations_location(settings)),
    )
    # A context of its own, so that migrating neither reuses nor closes the connections
    # of an ORM this process has already opened (aerich skips init when one is current).
    async with TortoiseContext(), command as cmd:
        return await cmd.upgrade(run_in_transaction=True)
