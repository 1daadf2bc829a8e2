"""The migrations build exactly the schema the models describe, on both dialects.

Two checks, because they fail for different mistakes:
- aerich finds nothing to add: someone changed a model without `make migrations`;
- the schema the migrations build equals the one Tortoise generates from the models:
  a migration was edited by hand, or aerich wrote SQL that does something else.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from tortoise import Tortoise
from tortoise.utils import get_schema_sql

from app.config import PROJECT_ROOT, Settings

MAKE_MIGRATIONS = PROJECT_ROOT / "scripts" / "make_migrations.py"

Schema = dict[str, dict[str, Any]]


async def test_every_model_change_has_a_migration(
    db: Settings, request: pytest.FixtureRequest
) -> None:
    server = ["--postgres-url", request.getfixturevalue("postgres_server_url")]
    check = await asyncio.create_subprocess_exec(
        sys.executable,
        str(MAKE_MIGRATIONS),
        "--check",
        "--dialect",
        db.dialect,
        *(server if db.dialect == "postgres" else []),
        cwd=PROJECT_ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await check.communicate()
    assert check.returncode == 0, output.decode()


async def test_migrations_build_the_schema_the_models_describe(
    db: Settings, empty_database_url: str
) -> None:
    models_sql = get_schema_sql(Tortoise.get_connection("default"), safe=False)
    if db.dialect == "sqlite":
        reference = Path(empty_database_url.removeprefix("sqlite://"))
        with closing(sqlite3.connect(reference)) as connection:
            connection.executescript(models_sql)
        migrated = sqlite_schema(Path(db.database_url.removeprefix("sqlite://")))
        expected = sqlite_schema(reference)
    else:
        connection = await asyncpg.connect(empty_database_url)
        try:
            await connection.execute(models_sql)
        finally:
            await connection.close()
        migrated = await postgres_schema(db.database_url)
        expected = await postgres_schema(empty_database_url)
    assert expected, "the models describe no tables"
    assert sorted(migrated) == sorted(expected)
    for table in expected:
        assert migrated[table] == expected[table], f"table {table!r} differs"


async def test_a_fresh_database_has_every_table_and_no_rows(db: Settings) -> None:
    rows = {
        name: await model.all().count()
        for name, model in Tortoise.apps["models"].items()
        if name != "Aerich"
    }
    assert rows
    assert not any(rows.values()), rows


def sqlite_schema(path: Path) -> Schema:
    """Tables, columns, keys and indexes, without names aerich and Tortoise may choose
    differently, nor defaults (aerich adds one to fill existing rows) and comments."""
    schema: Schema = {}
    with closing(sqlite3.connect(path)) as connection:
        tables = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for (table,) in tables:
            columns = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
            foreign_keys = connection.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
            indexes = []
            for _, index, unique, _, _ in connection.execute(f'PRAGMA index_list("{table}")'):
                info = connection.execute(f'PRAGMA index_info("{index}")').fetchall()
                indexes.append((bool(unique), tuple(column for _, _, column in info)))
            schema[table] = {
                "columns": {
                    name: (kind.upper(), bool(notnull), pk)
                    for _, name, kind, notnull, _, pk in columns
                },
                "foreign_keys": sorted(
                    (source, target, target_column, on_update, on_delete)
                    for _, _, target, source, target_column, on_update, on_delete, _ in foreign_keys
                ),
                "indexes": sorted(indexes),
            }
    return schema


POSTGRES_COLUMNS = """
SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false) AS serial
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
  AND a.attnum > 0 AND NOT a.attisdropped
"""
POSTGRES_FOREIGN_KEYS_AND_CHECKS = """
SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition
FROM pg_constraint
WHERE connamespace = current_schema()::regnamespace AND contype IN ('f', 'c')
"""
POSTGRES_INDEXES = """
SELECT tablename AS table, regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON') AS definition
FROM pg_indexes WHERE schemaname = current_schema()
"""


async def postgres_schema(url: str) -> Schema:
    """As `sqlite_schema`, for PostgreSQL; primary and unique keys show as their indexes."""
    connection = await asyncpg.connect(url)
    try:
        schema: Schema = {}
        for row in await connection.fetch(POSTGRES_COLUMNS):
            table = schema.setdefault(
                row["table"], {"columns": {}, "constraints": [], "indexes": []}
            )
            table["columns"][row["column"]] = (row["type"], row["not_null"], row["serial"])
        for row in await connection.fetch(POSTGRES_FOREIGN_KEYS_AND_CHECKS):
            schema[row["table"].strip('"')]["constraints"].append(row["definition"])
        for row in await connection.fetch(POSTGRES_INDEXES):
            schema[row["table"]]["indexes"].append(row["definition"])
    finally:
        await connection.close()
    for table in schema.values():
        table["constraints"].sort()
        table["indexes"].sort()
    return schema
