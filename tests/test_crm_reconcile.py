"""The database is the truth (arq#300): an order event the CRM sync missed costs a minute,
not a deal.

The "crm" consumer gives an event up after failing passes and never sees one committed
later than its settle window; the catch-up cron then compares orders with their deals and
pushes whatever is behind. Here the cron runs once, as arq runs it, and a real arq worker
(burst mode, real Redis) runs the jobs it enqueues.
"""

from __future__ import annotations

from arq import create_pool
from arq.connections import RedisSettings
from arq.worker import Worker

from app.crm import outbound
from app.crm.models import DealLink, SyncState
from app.orders import production, service
from app.orders.models import Order
from realtime.consumer import ConsumedRow, DurableConsumer
from tests import crm_standin
from tests.crm_standin import CrmStandIn, run_sync
from tests.factories import make_world, place_draft
from workers import crm as crm_worker

crm = crm_standin.crm
crm_client = crm_standin.crm_client


async def events_lost_to_the_sync() -> None:
    """The "crm" consumer takes every order event so far without acting on it, as when it
    gave an event up or never saw it."""

    async def lost(row: ConsumedRow) -> None:
        return None

    await DurableConsumer(outbound.CONSUMER, lost, prefixes=outbound.TOPIC_PREFIXES).run_once()


async def one_catch_up(crm_client, redis_url: str) -> dict[str, int]:
    """The catch-up cron once, then an arq worker until the jobs it enqueued are done."""
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    ctx = {"redis": pool, "crm_client": crm_client, "crm_consumer": crm_worker._consumer()}
    result = await crm_worker.crm_catch_up(ctx)
    worker = Worker(
        crm_worker.JOBS, redis_pool=pool, burst=True, ctx=ctx, handle_signals=False, poll_delay=0.05
    )
    try:
        await worker.main()  # (burst: returns once the queue is empty and its jobs done)
    finally:
        await pool.aclose()
    assert worker.jobs_failed == 0
    return result


async def test_orders_whose_events_the_sync_missed_reach_the_crm_after_one_catch_up(
    db, crm: CrmStandIn, crm_client, redis_url
):
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-100:piece", 1)])
    pushed = await service.submit_order(
        await world.actor("alice"), (await place_draft(world, "alice", [("D-100:piece", 2)])).id
    )
    await run_sync(crm_client)
    deal_id = int((await DealLink.get(order_id=pushed.id)).deal_id)

    never_seen = await service.submit_order(
        await world.actor("bob"), (await place_draft(world, "bob", [("H-1:box", 1)])).id
    )
    await production.confirm_order(await world.actor("manager"), pushed.id)
    await events_lost_to_the_sync()
    await run_sync(crm_client)
    assert crm.deal_of_order(never_seen.id) is None and crm.deals[deal_id]["STAGE_ID"] == "NEW"

    result = await one_catch_up(crm_client, redis_url)
    assert result["reconciled"] == 2
    assert crm.deal_of_order(never_seen.id)["STAGE_ID"] == "NEW"
    assert crm.deals[deal_id]["STAGE_ID"] == "PREPARATION"
    assert crm.deal_of_order(draft.id) is None, "a draft is never a deal"
    for order_id in (pushed.id, never_seen.id):
        link = await DealLink.get(order_id=order_id)
        order = await Order.get(id=order_id)
        assert link.state is SyncState.SYNCED and link.pushed_version == order.version

    calls = len(crm.calls)
    assert (await one_catch_up(crm_client, redis_url))["reconciled"] == 0
    assert len(crm.calls) == calls, "in step: nothing more to push"
