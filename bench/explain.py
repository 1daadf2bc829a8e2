"""Why a request is slow: the plans of the SQL statements it sends.

`captured()` records every statement the ORM sends while one request is served (from the
`tortoise.db_client` debug log); `explain()` runs each SELECT again under EXPLAIN and
reports its time and whether it reads a big table without an index.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from tortoise import connections

_LOGGER = logging.getLogger("tortoise.db_client")
# A full scan of a table with many rows; SQLite's "SCAN t USING INDEX" and PostgreSQL's
# "Seq Scan on a small table" are fine.
_SQLITE_SCAN = re.compile(r'\bSCAN "?(\w+)\b"?(?! USING (?:COVERING )?INDEX)')
_PG_SCAN = re.compile(r'Seq Scan on "?(\w+)')
BIG_TABLES = {"order", "order_item", "production_unit", "unit_stage_move", "order_status_change"}


@dataclass(frozen=True)
class Statement:
    """One SQL statement with its parameters, as the ORM sent it."""

    sql: str
    values: list[Any]


@dataclass(frozen=True)
class Plan:
    """A statement's plan, how long it took when run alone, and the big tables it scans."""

    statement: Statement
    millis: float
    full_scans: list[str]
    text: str


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[Statement] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) == 2 and isinstance(args[0], str):
            self.statements.append(Statement(args[0], list(args[1] or [])))


@contextmanager
def captured() -> Iterator[list[Statement]]:
    """Collect the statements sent within the block."""
    collector = _Collector()
    level, propagate = _LOGGER.level, _LOGGER.propagate
    _LOGGER.addHandler(collector)
    _LOGGER.setLevel(logging.DEBUG)
    _LOGGER.propagate = False  # collected, not printed
    try:
        yield collector.statements
    finally:
        _LOGGER.removeHandler(collector)
        _LOGGER.setLevel(level)
        _LOGGER.propagate = propagate


async def explain(statements: list[Statement]) -> list[Plan]:
    """EXPLAIN (ANALYZE on PostgreSQL, QUERY PLAN on SQLite) every SELECT."""
    conn = connections.get("default")
    postgres = conn.capabilities.dialect == "postgres"
    plans = []
    for statement in statements:
        if not statement.sql.lstrip().upper().startswith("SELECT"):
            continue
        started = time.perf_counter()
        await conn.execute_query(statement.sql, statement.values)
        millis = (time.perf_counter() - started) * 1000
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
        _, rows = await conn.execute_query(prefix + statement.sql, statement.values)
        lines = [str(r[0] if postgres else r["detail"]) for r in rows]
        text = "\n".join(lines)
        pattern = _PG_SCAN if postgres else _SQLITE_SCAN
        scans = sorted({t for t in pattern.findall(text) if t in BIG_TABLES})
        plans.append(Plan(statement, millis, scans, text))
    return plans


def report(endpoint: str, plans: list[Plan]) -> str:
    """The statements of one request, slowest first; full plans of those that scan."""
    lines = [f"--- {endpoint}: {len(plans)} SELECTs, {sum(p.millis for p in plans):.1f} ms alone"]
    for plan in sorted(plans, key=lambda p: -p.millis):
        flag = f"  FULL SCAN of {', '.join(plan.full_scans)}" if plan.full_scans else ""
        lines.append(f"{plan.millis:7.2f} ms  {plan.statement.sql[:110]}{flag}")
        if plan.full_scans:
            lines += ["            " + line for line in plan.text.splitlines()]
    return "\n".join(lines)
