"""Worker part: CRM sync. Pushes orders as deals and applies the deals' changes.

The database is the truth (arq is at-least-once and forgets its queue if Redis loses its
data, python-arq/arq#300): a loop in each worker process runs the durable outbox
consumer "crm" (which marks deals pending) and enqueues a job for each deal push and
webhook call that is due; a cron does the same once a minute in case the loop died, after
comparing orders with their deal links for events the consumer missed. The
jobs take their own lease in the database, so a job enqueued twice, or run again after
a crashed worker's lock expired (#343), does its work once.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

import aiohttp
from arq import cron, func

from app.config import get_settings
from app.crm import applying, outbound, reconcile
from app.crm.client import CrmClient
from realtime.consumer import DurableConsumer
from realtime.tasks import stop_task

logger = logging.getLogger(__name__)

POLL_SECONDS = 1.0
"""How often the loop looks for new order events and due work."""
JOB_TIMEOUT = 90
"""Below the push lease (app/crm/outbound.py LEASE), so a timed-out push is never
overtaken by a second one while its calls may still land."""


def _consumer() -> DurableConsumer:
    return DurableConsumer(
        outbound.CONSUMER,
        outbound.note_order_event,
        prefixes=outbound.TOPIC_PREFIXES,
        settle_seconds=get_settings().consumer_settle_seconds,
    )


async def push_deal(ctx: dict[str, Any], order_id: int) -> str:
    """Job: push one order to its deal (if it is still due)."""
    return await outbound.push_deal(ctx["crm_client"], order_id)


async def apply_crm_webhook(ctx: dict[str, Any], inbound_id: int) -> str:
    """Job: re-read the deal of one recorded webhook call and apply it to its order."""
    outcome = await applying.apply_inbound(ctx["crm_client"], inbound_id)
    return outcome.value if outcome else "not due"


async def sync_tick(ctx: dict[str, Any]) -> dict[str, int]:
    """Consume new order events, then enqueue every due push and webhook call."""
    consumed = await ctx["crm_consumer"].run_once()
    now = datetime.now(UTC)
    redis = ctx["redis"]
    pushes = await outbound.due_pushes(now)
    for order_id in pushes:
        await redis.enqueue_job("push_deal", order_id, _job_id=f"crm:push:{order_id}")
    calls = await applying.due_inbound(now)
    for inbound_id in calls:
        await redis.enqueue_job(
            "apply_crm_webhook", inbound_id, _job_id=f"crm:inbound:{inbound_id}"
        )
    return {"consumed": consumed, "pushes": len(pushes), "webhooks": len(calls)}


async def crm_catch_up(ctx: dict[str, Any]) -> dict[str, int]:
    """Cron: reconcile deal links with their orders (events the consumer missed), then
    the loop's work, once a minute, in case the loop is not running."""
    if "crm_client" not in ctx:
        return {}
    reconciled = await reconcile.reconcile_deal_links(datetime.now(UTC))
    return {"reconciled": reconciled, **await sync_tick(ctx)}


async def _loop(ctx: dict[str, Any]) -> None:
    while True:
        try:
            await sync_tick(ctx)
        except Exception:  # the database or Redis is away: the next tick retries
            logger.warning("CRM sync tick failed; retrying", exc_info=True)
        await asyncio.sleep(POLL_SECONDS)


JOBS: list[Any] = [
    # keep_result=0: the job id is free again as soon as the job ends, so the next change
    # of the same order can be enqueued under it.
    func(push_deal, keep_result=0, timeout=JOB_TIMEOUT, max_tries=3),
    func(apply_crm_webhook, keep_result=0, timeout=JOB_TIMEOUT, max_tries=3),
]
"""arq job functions this part adds to the worker."""

CRON_JOBS: list[Any] = [cron(crm_catch_up, second=30, run_at_startup=False)]
"""arq cron jobs this part adds to the worker."""


async def startup(ctx: dict[str, Any]) -> None:
    """Open the CRM client and start the sync loop (only when a CRM is configured)."""
    base_url = get_settings().crm_base_url
    if not base_url:
        logger.info("CRM_BASE_URL is empty: the CRM sync is off")
        return
    ctx["crm_session"] = aiohttp.ClientSession()
    ctx["crm_client"] = CrmClient(ctx["crm_session"], base_url)
    ctx["crm_consumer"] = _consumer()
    ctx["crm_loop"] = asyncio.create_task(_loop(ctx), name="crm-sync")


async def shutdown(ctx: dict[str, Any]) -> None:
    """Stop the loop and close the client."""
    loop: asyncio.Task[None] | None = ctx.pop("crm_loop", None)
    if loop is not None:
        await stop_task(loop)
    session: aiohttp.ClientSession | None = ctx.pop("crm_session", None)
    if session is not None:
        await session.close()
