"""Count the SQL statements a block of code sends (to catch N+1 queries)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from tortoise import connections

_METHODS = (
    "execute_query",
    "execute_query_dict",
    "execute_insert",
    "execute_many",
    "execute_script",
)


@contextmanager
def count_queries(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Yield a list that collects every statement the default connection executes."""
    seen: list[str] = []
    client_class = type(connections.get("default"))
    for name in _METHODS:
        original = getattr(client_class, name, None)
        if original is None:
            continue

        def make_wrapper(fn: Any) -> Any:
            async def wrapper(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
                seen.append(str(query))
                return await fn(self, query, *args, **kwargs)

            return wrapper

        monkeypatch.setattr(client_class, name, make_wrapper(original))
    try:
        yield seen
    finally:
        monkeypatch.undo()
