"""Worker part: the notification pipeline (outbox consumer, dispatcher, delivery job).

A background loop runs in every worker process: a pass of the "notifications" consumer
(events → notifications, deliveries and live `user:` events), then a dispatch of the
deliveries that are due, at least every `LOOP_SECONDS`, so a notification reaches the
bell within a fraction of a second. Each delivery is one arq job, `deliver_notification`,
enqueued with the id `deliver:{delivery}:{attempts}`: arq drops a second enqueue of a
waiting or finished job, and a retry (one more attempt) gets a new id.

arq is at-least-once, loses its queue with Redis and fails a job without retry on a plain
exception, so the truth is the database: the job claims the delivery with a guarded
UPDATE (a repeated job finds nothing to claim), turns every outcome into a state, and a
cron reconcile each minute expires leases and re-enqueues whatever is due.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from arq import cron, func
from arq.connections import ArqRedis

from app.notifications import deliveries
from app.notifications.models import Channel, DeliveryState
from app.notifications.pipeline import notifications_consumer
from realtime.consumer import DurableConsumer
from realtime.tasks import stop_task
from workers import mail, telegram
from workers.channels import HAND_OVER, ChannelRefused, ChannelRetry, ChannelUnavailable

logger = logging.getLogger(__name__)


class LeaseLost(Exception):
    """A delivery job's lease ran out before its sender handed the message over."""


LOOP_SECONDS = 0.3
"""Longest pause between two passes of the consumer and the dispatcher."""
REENQUEUE_AFTER = 30.0
"""The loop enqueues one delivery attempt once per this many seconds (the cron always)."""
JOB_TIMEOUT = 60
"""A delivery job's time limit: shorter than the lease (`deliveries.LEASE`)."""

SENDERS = {Channel.EMAIL: (mail, "send_notification_mail")}
"""The channel senders, looked up when called (each is another part's fixed interface)."""
SENDERS[Channel.TELEGRAM] = (telegram, "send_notification_telegram")


async def deliver_notification(ctx: dict[str, Any], delivery_id: int) -> str:
    """Send one delivery, at most once; returns the state it ends in."""
    claimed = await deliveries.claim(delivery_id)
    if claimed is None:
        return "not_claimed"  # finished, or another job holds it: nothing to do
    if not await deliveries.still_wanted(claimed):
        await deliveries.mark_skipped(claimed, "switched off, no longer in the audience or gone")
        return DeliveryState.SKIPPED.value
    module, name = SENDERS[claimed.channel]
    sender = getattr(module, name, None)
    handed_over = False

    async def mark_handed_over() -> None:
        nonlocal handed_over
        if not await deliveries.hand_over(claimed):
            # Our lease ran out (a stalled process) and the delivery may be another
            # worker's now: sending here could make it twice.
            raise LeaseLost(f"delivery {delivery_id}: lease lost before handing over")
        handed_over = True

    try:
        if sender is None:
            raise ChannelRetry(300, f"no sender for {claimed.channel.value} in this worker")
        job_ctx = {**ctx, HAND_OVER: mark_handed_over}
        external_id = await sender(job_ctx, claimed.notification, claimed.person)
    except LeaseLost:
        logger.warning(
            "delivery %d: lease lost before sending; left to its new holder", delivery_id
        )
        return "lease_lost"
    except ChannelRetry as retry:
        return (await deliveries.mark_retry(claimed, retry.after_seconds, retry.reason)).value
    except ChannelUnavailable as exc:
        await deliveries.mark_skipped(claimed, str(exc) or "unavailable")
        return DeliveryState.SKIPPED.value
    except ChannelRefused as exc:
        await deliveries.mark_failed(claimed, str(exc) or "refused")
        return DeliveryState.FAILED.value
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        logger.exception("delivery %d (%s) broke", delivery_id, claimed.channel.value)
        if not handed_over:  # it broke before anything could leave: safe to try again
            return (await deliveries.mark_retry(claimed, 0, reason)).value
        # It may have gone out before the error. Never twice, so never again.
        await deliveries.mark_uncertain(claimed, reason)
        return DeliveryState.UNCERTAIN.value
    await deliveries.mark_sent(claimed, str(external_id))
    return DeliveryState.SENT.value


class Dispatcher:
    """Enqueues due deliveries, each attempt once (again after `REENQUEUE_AFTER`)."""

    def __init__(self, redis: ArqRedis) -> None:
        self.redis = redis
        self.recent: dict[str, float] = {}

    async def dispatch(self, *, everything: bool = False) -> int:
        """Enqueue due deliveries; returns how many were new to arq."""
        now = time.monotonic()
        self.recent = {k: t for k, t in self.recent.items() if now - t < REENQUEUE_AFTER}
        enqueued = 0
        for delivery_id, attempts in await deliveries.due(limit=5000 if everything else 500):
            job_id = f"deliver:{delivery_id}:{attempts}"
            if not everything and job_id in self.recent:
                continue
            self.recent[job_id] = now
            job = await self.redis.enqueue_job("deliver_notification", delivery_id, _job_id=job_id)
            enqueued += job is not None
        return enqueued


async def run_pipeline_once(consumer: DurableConsumer, dispatcher: Dispatcher) -> None:
    """One pass: events into notifications, then due deliveries into jobs."""
    await consumer.run_once()
    await dispatcher.dispatch()


async def _loop(consumer: DurableConsumer, dispatcher: Dispatcher) -> None:
    while True:
        try:
            await run_pipeline_once(consumer, dispatcher)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("notification pipeline pass failed")  # e.g. the database away
        await asyncio.sleep(LOOP_SECONDS)


async def reconcile_notifications(ctx: dict[str, Any]) -> dict[str, int]:
    """Cron: leases of dead workers end (retried or uncertain), and everything due is enqueued again
    (arq may have lost its queue with Redis)."""
    expired = await deliveries.expire_leases()
    enqueued = await ctx["notify_dispatcher"].dispatch(everything=True)
    if expired:
        logger.warning(
            "%d deliveries were left sending by a dead worker: retried if never handed over, "
            "else uncertain",
            expired,
        )
    return {"expired": expired, "enqueued": enqueued}


JOBS: list[Any] = [func(deliver_notification, timeout=JOB_TIMEOUT, keep_result=0)]
"""No result kept: the database holds each delivery's outcome, and a kept result would
block the job id `deliver:{id}:{attempt}` for an hour if that job found nothing to do."""
"""arq job functions this part adds to the worker."""

CRON_JOBS: list[Any] = [cron(reconcile_notifications, second=30, run_at_startup=True)]
"""arq cron jobs this part adds to the worker."""


async def startup(ctx: dict[str, Any]) -> None:
    """Start the consumer-and-dispatch loop of this worker process."""
    consumer = notifications_consumer()
    dispatcher = Dispatcher(ctx["redis"])
    ctx["notify_consumer"] = consumer
    ctx["notify_dispatcher"] = dispatcher
    ctx["notify_loop"] = asyncio.create_task(_loop(consumer, dispatcher))


async def shutdown(ctx: dict[str, Any]) -> None:
    """Stop the loop (a pass in progress is cancelled: its transaction rolls back)."""
    loop: asyncio.Task[None] | None = ctx.pop("notify_loop", None)
    if loop is not None:
        await stop_task(loop)
