"""The supervisor's view of the CRM sync: counts, deals that need attention, recent calls.

Each read issues a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from tortoise.functions import Count, Sum

from app.accounts.actor import Actor
from app.config import get_settings
from app.crm import outbound
from app.crm.models import CrmInbound, DealLink, InboundOutcome, SyncState
from app.crm.schemas import DealSyncRead, InboundRead, SyncOverview
from app.errors import Conflict, NotFound
from app.orders.models import Order

ATTENTION_LIMIT = 100
RECENT_INBOUND = 50
_DEAL_FIELDS = (
    "order_id",
    "order__number",
    "order__dealer_id",
    "order__dealer__legal_name",
    "deal_id",
    "state",
    "stage_id",
    "attempts",
    "last_error",
    "next_attempt_at",
    "wanted_version",
    "pushed_version",
    "synced_at",
)


_RENAMED = {
    "order__number": "order_number",
    "order__dealer_id": "dealer_id",
    "order__dealer__legal_name": "dealer_name",
}


def _deal_read(row: dict[str, Any]) -> DealSyncRead:
    return msgspec.convert({_RENAMED.get(k, k): v for k, v in row.items()}, DealSyncRead)


async def sync_overview(actor: Actor) -> SyncOverview:
    """Deals by state, failing and pending deals, and the latest webhook calls (5 queries)."""
    actor.require_supervisor()
    by_state = dict.fromkeys(SyncState, 0)
    for row in await DealLink.annotate(n=Count("order_id")).group_by("state").values("state", "n"):
        by_state[SyncState(row["state"])] = int(row["n"])
    since = datetime.now(UTC) - timedelta(days=1)
    by_outcome: dict[InboundOutcome, int] = {}
    rows = (
        await CrmInbound.filter(received_at__gte=since)
        .annotate(n=Sum("calls"))
        .group_by("outcome")
        .values("outcome", "n")
    )
    for row in rows:
        by_outcome[InboundOutcome(row["outcome"])] = int(row["n"])
    failed = (
        await DealLink.filter(state=SyncState.FAILED)
        .order_by("-order_id")
        .limit(ATTENTION_LIMIT)
        .values(*_DEAL_FIELDS)
    )
    pending = (
        await DealLink.filter(state=SyncState.PENDING)
        .order_by("next_attempt_at", "order_id")
        .limit(max(ATTENTION_LIMIT - len(failed), 0))
        .values(*_DEAL_FIELDS)
    )
    return SyncOverview(
        configured=bool(get_settings().crm_base_url),
        deals_by_state=by_state,
        inbound_last_day=by_outcome,
        attention=[_deal_read(r) for r in [*failed, *pending]],
        recent_inbound=await _recent_inbound(),
    )


async def _recent_inbound() -> list[InboundRead]:
    calls = await CrmInbound.all().order_by("-id").limit(RECENT_INBOUND)
    order_ids = {c.order_id for c in calls if c.order_id is not None}
    numbers = dict(
        await Order.filter(id__in=order_ids).values_list("id", "number") if order_ids else []
    )
    return [
        InboundRead(
            id=c.id,
            event=c.event,
            deal_id=c.deal_id,
            order_id=c.order_id,
            order_number=numbers.get(c.order_id) if c.order_id else None,
            outcome=c.outcome,
            detail=c.detail,
            changes=[x for x in c.changes.split(",") if x],
            calls=c.calls,
            attempts=c.attempts,
            received_at=c.received_at,
            finished_at=c.finished_at,
        )
        for c in calls
    ]


async def retry_deal_now(actor: Actor, order_id: int) -> DealSyncRead:
    """Push the order's deal at the next opportunity (a failed one gets a new chance)."""
    actor.require_supervisor()
    link = await DealLink.get_or_none(order_id=order_id)
    if link is None:
        raise NotFound("This order has no deal to push")
    if not await outbound.retry_now(order_id):
        raise Conflict("The deal is in step with the order; nothing to retry", code="synced")
    [row] = await DealLink.filter(order_id=order_id).values(*_DEAL_FIELDS)
    return _deal_read(row)
