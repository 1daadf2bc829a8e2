"""Test databases: migrated once per run, emptied for each test.

SQLite tests copy a migrated template file. PostgreSQL tests share one migrated database,
one after another, which is emptied before each test: creating a database from a template
costs about 100 ms, TRUNCATE of every table about 30 ms, DELETE of the tables the last
test wrote to (foreign-key triggers off) about 2 ms.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from app.config import Settings
from app.db import migrate

SECRET_KEY = "test-secret-key-never-used-outside-tests"
T = TypeVar("T")


def settings_for(database_url: str, var_dir: Path, redis_url: str = "") -> Settings:
    """Settings of a test: its database, its own var/ directory, a fixed secret."""
    return Settings(
        database_url=database_url, var_dir=var_dir, redis_url=redis_url, secret_key=SECRET_KEY
    )


def run_isolated(make: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine in a thread of its own, so that its event loop and ORM state stay
    there (session fixtures run outside the tests' loop)."""

    async def main() -> T:
        return await make()

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, main()).result()


def forget_cached_sql() -> None:
    """Tortoise caches each model's INSERT and DELETE statements by connection *name* for
    the life of the process; the tests open "default" on SQLite and PostgreSQL in turn."""
    EXECUTOR_CACHE.clear()


async def migrate_afresh(settings: Settings) -> list[str]:
    """`app.db.migrate`, with no SQL left over from the other dialect."""
    forget_cached_sql()
    return await migrate(settings)


def with_database(server_url: str, name: str) -> str:
    """`server_url` pointing at the database `name` on the same server."""
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


async def run_on_server(server_url: str, *statements: str) -> None:
    """Run statements, such as CREATE DATABASE, outside a transaction."""
    connection = await asyncpg.connect(server_url)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


@dataclass(frozen=True)
class PostgresTestDatabase:
    """The migrated PostgreSQL database the tests share, one after another."""

    url: str
    tables: tuple[str, ...]
    """Every table but aerich's record of applied migrations."""
    sequences: tuple[str, ...]
    """The sequences that number those tables' rows."""
    superuser: bool
    """May turn foreign-key triggers off (else emptying falls back to TRUNCATE)."""

    @classmethod
    async def describe(cls, url: str) -> PostgresTestDatabase:
        """Reads the tables and sequences of the freshly migrated database at `url`."""
        connection = await asyncpg.connect(url)
        try:
            tables = await connection.fetch(
                "SELECT tablename FROM pg_tables"
                " WHERE schemaname = current_schema() AND tablename <> 'aerich' ORDER BY 1"
            )
            sequences = await connection.fetch(
                "SELECT s.relname FROM pg_class s"
                " JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')"
                " JOIN pg_class t ON t.oid = d.refobjid"
                " WHERE s.relkind = 'S' AND t.relname <> 'aerich'"
                " AND s.relnamespace = current_schema()::regnamespace ORDER BY 1"
            )
            superuser = await connection.fetchval(
                "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
            )
        finally:
            await connection.close()
        return cls(
            url, tuple(r[0] for r in tables), tuple(r[0] for r in sequences), bool(superuser)
        )

    async def empty(self) -> None:
        """Delete what the last test wrote and restart the sequences it advanced; runs on
        the test's own ORM connection, before the test."""
        connection = Tortoise.get_connection("default")
        written = " UNION ALL ".join(
            f"SELECT '{table}' AS name WHERE EXISTS (SELECT FROM \"{table}\")"
            for table in self.tables
        )
        sequences = ", ".join(f"'{seq}'" for seq in self.sequences) or "NULL"
        advanced = (
            "SELECT sequencename::text FROM pg_sequences WHERE schemaname = current_schema()"
            f" AND last_value IS NOT NULL AND sequencename IN ({sequences})"
        )
        rows = await connection.execute_query_dict(f"{written} UNION ALL {advanced}")
        dirty = {row["name"] for row in rows}
        if not dirty:
            return
        if not self.superuser:
            tables = ", ".join(f'"{table}"' for table in self.tables)
            await connection.execute_script(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            return
        statements = [
            *(f'DELETE FROM "{table}"' for table in self.tables if table in dirty),
            *(f'ALTER SEQUENCE "{seq}" RESTART' for seq in self.sequences if seq in dirty),
        ]
        # SET LOCAL: should a DELETE fail, the pooled connection keeps its triggers on.
        await connection.execute_script(
            f"BEGIN; SET LOCAL session_replication_role = replica; {'; '.join(statements)}; COMMIT;"
        )
