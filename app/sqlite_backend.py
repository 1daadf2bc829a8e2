"""Tortoise's SQLite backend, with transactions that take the write lock up front.

SQLite's default `BEGIN` is deferred: a transaction that reads first and writes later
fails at once with "database is locked" when another process wrote in between (the
busy timeout cannot help a snapshot that went stale). `BEGIN IMMEDIATE` waits for the
lock instead (up to `busy_timeout`), which is what several processes sharing the
embedded database file (web, worker, scripts) need. Reads that only want one snapshot
(`app.db.snapshot`) begin deferred and take no write lock (`read_transaction`).
"""

from __future__ import annotations

import sqlite3

from tortoise.backends.base.client import TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.exceptions import TransactionManagementError


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    """A transaction that starts with `BEGIN IMMEDIATE`."""

    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc


class ImmediateSqliteClient(SqliteClient):
    """SQLite client whose transactions lock for writing when they start."""

    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(ImmediateTransactionWrapper(self), self._lock)

    def read_transaction(self) -> TransactionContext:
        """A transaction for reads: every statement sees the snapshot of the first (WAL)."""
        return SqliteTransactionContext(SqliteTransactionWrapper(self), self._lock)


client_class = ImmediateSqliteClient
