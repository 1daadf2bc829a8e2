"""Worker part: the notification pipeline (outbox consumer, delivery job); issue 5."""

from __future__ import annotations

from typing import Any

JOBS: list[Any] = []
"""arq job functions this part adds to the worker."""

CRON_JOBS: list[Any] = []
"""arq cron jobs this part adds to the worker."""


async def startup(ctx: dict[str, Any]) -> None:
    """Put this part's shared clients into `ctx` (called once per worker process)."""


async def shutdown(ctx: dict[str, Any]) -> None:
    """Close what `startup` opened."""
