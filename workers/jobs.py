"""arq jobs: thin functions over domain services."""

from __future__ import annotations

import logging
from typing import Any

from app.accounts.service import purge_expired
from realtime.history import prune

logger = logging.getLogger(__name__)


async def purge_expired_logins(ctx: dict[str, Any]) -> dict[str, int]:
    """Housekeeping: expired sessions and stale login failures (idempotent)."""
    sessions, failures = await purge_expired()
    if sessions or failures:
        logger.info("purged %d expired sessions and %d login failures", sessions, failures)
    return {"sessions": sessions, "failures": failures}


async def prune_event_history(ctx: dict[str, Any]) -> dict[str, int]:
    """Forget event history older than 24 hours (keeping each topic's last 1,000)."""
    removed = await prune()
    return {"removed": removed}
