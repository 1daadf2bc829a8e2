"""Running hand-written statements on hot paths (every chat message, every handshake).

Building a query through the ORM costs more CPU than the database spends answering it
(about 0.3 ms a statement here), and some answers need two or three ORM queries where
one statement will do: a chat room's readers in one UNION, the unread counters changed
and read back in one UPDATE ... RETURNING, a token's person and dealer scope. Statements
are written with `?` placeholders and numbered for PostgreSQL; both databases run them
as written otherwise.
"""

from __future__ import annotations

import re
from typing import Any

from tortoise.connection import get_connection

_PLACEHOLDER = re.compile(r"\?")


def _numbered(sql: str) -> str:
    counter = iter(range(1, 1 << 16))
    return _PLACEHOLDER.sub(lambda _: f"${next(counter)}", sql)


async def fetch(sql: str, values: list[Any]) -> list[dict[str, Any]]:
    """Rows of one statement, on the current transaction's connection if there is one."""
    db = get_connection("default")
    if db.capabilities.dialect == "postgres":
        sql = _numbered(sql)
    return list(await db.execute_query_dict(sql, values))


def in_list(values: list[Any]) -> str:
    """`(?, ?, ...)` for an IN over `values` (never empty)."""
    return "(" + ", ".join("?" * len(values)) + ")"
