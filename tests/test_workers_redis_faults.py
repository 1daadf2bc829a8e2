"""arq's edges with Redis (issue 5): the database is the truth, Redis only a doorbell.

- A Redis interruption can stop an arq worker (python-arq/arq#435, #498): with Redis
  killed and started again under a running worker, whatever was committed meanwhile is
  still delivered, once, by that worker or by the one its supervisor starts again.
- arq is not robust to Redis data loss (#300): jobs enqueued and then lost with Redis's
  data are found again in the database and delivered, once.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from arq import create_pool
from arq.connections import RedisSettings

from app.config import Settings
from app.embedded_worker import WORKER_COMMAND, SupervisedWorker
from app.notifications.models import Channel, Delivery, DeliveryState
from tests import live_fixtures
from tests.factories import make_world
from tests.live_fixtures import wait_until
from tests.mail_fixtures import MailRecorder, smtp_server
from tests.notification_helpers import confirmed_order, run_pipeline
from workers.notify import Dispatcher

restartable_redis = live_fixtures.restartable_redis
worker_processes = live_fixtures.worker_processes
__all__ = ["smtp_server"]


def _worker_env(settings: Settings, redis_url: str, smtp: MailRecorder) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": redis_url,
        "VAR_DIR": str(settings.var_dir),
        "SECRET_KEY": settings.secret_key,
        **smtp.env,
    }


async def _nothing_due() -> bool:
    """No delivery pending or in flight: nothing a later pass could still send (again)."""
    return not await Delivery.filter(
        state__in=[DeliveryState.PENDING, DeliveryState.SENDING]
    ).exists()


def _mails_to(smtp: MailRecorder, address: str) -> list[str]:
    return [str(m.message["Message-ID"]) for m in smtp.received if address in m.rcpt_tos]


async def test_orders_confirmed_while_redis_was_down_are_mailed_once_after_it_returns(
    db, restartable_redis, smtp_server, tmp_path: Path
):
    world = await make_world()
    alice = world.people["alice"]
    with (tmp_path / "worker.log").open("wb") as log:
        worker = SupervisedWorker(
            WORKER_COMMAND,
            env=_worker_env(db, restartable_redis.url, smtp_server),
            first_delay=0.2,
            max_delay=1.0,
            output=log,
        )
        worker.start()
        try:
            await confirmed_order(world, "alice")
            await wait_until(
                lambda: len(_mails_to(smtp_server, alice.email)) == 1, 60, "first mail"
            )

            restartable_redis.kill()  # every connection of the worker breaks at once
            await confirmed_order(world, "alice")  # committed while Redis is away
            await asyncio.sleep(1.5)
            restartable_redis.start()

            await wait_until(
                lambda: len(_mails_to(smtp_server, alice.email)) == 2, 90, "second mail"
            )
            await wait_until(_nothing_due, 30, "every delivery finished")
        finally:
            worker.stop()
    mails = _mails_to(smtp_server, alice.email)
    assert len(mails) == len(set(mails)) == 2
    states = await Delivery.filter(
        notification__person_id=alice.id, channel=Channel.EMAIL
    ).values_list("state", flat=True)
    assert list(states) == [DeliveryState.SENT, DeliveryState.SENT]


async def test_jobs_lost_with_redis_data_are_found_again_in_the_database(
    db, smtp_server, worker_processes, monkeypatch
):
    world = await make_world()
    alice = world.people["alice"]
    await confirmed_order(world, "alice")
    await run_pipeline()  # notifications and their deliveries are in the database
    redis = await create_pool(RedisSettings.from_dsn(db.redis_url))
    try:
        assert await Dispatcher(redis).dispatch(everything=True) >= 1  # jobs in Redis...
        assert await redis.zcard("arq:queue") >= 1
        await redis.flushall()  # ...and gone with Redis's data, before any worker ran
    finally:
        await redis.aclose()

    for name, value in smtp_server.env.items():
        monkeypatch.setenv(name, value)
    worker_processes.start()
    await wait_until(lambda: len(_mails_to(smtp_server, alice.email)) == 1, 60, "the lost mail")
    await wait_until(_nothing_due, 30, "every delivery finished")
    assert len(_mails_to(smtp_server, alice.email)) == 1
