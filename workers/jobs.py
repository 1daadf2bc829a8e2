"""arq jobs: thin functions over domain services."""

from __future__ import annotations

import logging
from typing import Any

from app.accounts.service import purge_expired

logger = logging.getLogger(__name__)


async def purge_expired_logins(ctx: dict[str, Any]) -> dict[str, int]:
    """Housekeeping: expired sessions and stale login failures (idempotent)."""
    sessions, failures = await purge_expired()
    if sessions or failures:
        logger.info("purged %d expired sessions and %d login failures", sessions, failures)
    return {"sessions": sessions, "failures": failures}
