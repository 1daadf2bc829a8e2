"""Stopping background tasks."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

logger = logging.getLogger(__name__)


async def stop_task(task: asyncio.Task[Any]) -> None:
    """Cancel a background task and wait until it has ended.

    A cancellation of the caller still propagates (`suppress(CancelledError)` around
    `await task` would swallow it), and a task that had failed is logged, not raised."""
    task.cancel()
    await asyncio.wait({task})
    if not task.cancelled() and task.exception() is not None:
        logger.warning("%s had failed", task.get_name(), exc_info=task.exception())
