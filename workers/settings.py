"""arq worker settings: `arq workers.settings.WorkerSettings` (the Procfile's worker)."""

from __future__ import annotations

from typing import Any, ClassVar

from arq import cron
from arq.connections import RedisSettings

from app.config import get_settings
from app.db import close_db, init_db
from workers.jobs import purge_expired_logins


async def startup(ctx: dict[str, Any]) -> None:
    """Open the ORM once per worker process."""
    await init_db()


async def shutdown(ctx: dict[str, Any]) -> None:
    """Close database connections."""
    await close_db()


def redis_settings() -> RedisSettings:
    """Where the job queue lives (the embedded Valkey sets REDIS_URL for the worker)."""
    return RedisSettings.from_dsn(get_settings().redis_url or "redis://127.0.0.1:6379")


class WorkerSettings:
    """The cabinet's worker: jobs and cron schedule."""

    functions: ClassVar[list[Any]] = [purge_expired_logins]
    cron_jobs: ClassVar[list[Any]] = [
        cron(purge_expired_logins, minute={0, 15, 30, 45}, run_at_startup=True)
    ]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = redis_settings()
    health_check_interval = 30
