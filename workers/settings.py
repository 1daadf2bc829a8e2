"""arq worker settings, run by `python -m workers` (the Procfile's worker)."""

from __future__ import annotations

from typing import Any, ClassVar

from arq import cron
from arq.connections import RedisSettings

from app.config import get_settings
from app.db import close_db, init_db
from realtime.bus import ChannelsRedisBus
from realtime.relay import Relay
from workers import crm, mail, notify, telegram
from workers.jobs import prune_event_history, purge_expired_logins

PARTS = (notify, mail, telegram, crm)


async def startup(ctx: dict[str, Any]) -> None:
    """Open the ORM and the outbox relay once per worker process.

    The relay publishes what jobs commit and sweeps up events that any crashed process
    committed but never published.
    """
    await init_db()
    bus = ChannelsRedisBus(get_settings().redis_url)
    ctx["relay"] = Relay(bus)
    await ctx["relay"].start()
    for part in PARTS:
        await part.startup(ctx)


async def shutdown(ctx: dict[str, Any]) -> None:
    """Stop the relay and close database connections."""
    for part in reversed(PARTS):
        await part.shutdown(ctx)
    relay: Relay | None = ctx.get("relay")
    if relay is not None:
        await relay.stop()
        await relay.bus.close()
    await close_db()


def redis_settings() -> RedisSettings:
    """Where the job queue lives (the embedded Valkey sets REDIS_URL for the worker)."""
    return RedisSettings.from_dsn(get_settings().redis_url or "redis://127.0.0.1:6379")


class WorkerSettings:
    """The cabinet's worker: jobs and cron schedule."""

    functions: ClassVar[list[Any]] = [
        purge_expired_logins,
        prune_event_history,
        *(job for part in PARTS for job in part.JOBS),
    ]
    cron_jobs: ClassVar[list[Any]] = [
        cron(purge_expired_logins, minute={0, 15, 30, 45}, run_at_startup=True),
        cron(prune_event_history, minute={5, 35}),
        *(job for part in PARTS for job in part.CRON_JOBS),
    ]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = redis_settings()
    health_check_interval = 30
    # arq starts at most `max_jobs` at once and looks at the queue again only every
    # `poll_delay` seconds once they are taken, so one worker runs at most max_jobs /
    # poll_delay jobs a second: 20 with arq's defaults (10, 0.5 s), which held the
    # notification benchmark to 9.7 events/s on a worker using a quarter of a core.
    max_jobs = 50
    poll_delay = 0.1
