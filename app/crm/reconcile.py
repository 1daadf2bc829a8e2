"""Reconciliation: the database, not the event stream, says which deals are behind.

Deal links are created and raised by the "crm" consumer from order events, but the
consumer gives an event up after failing passes and never sees one that committed later
than its settle window; such an order would never be pushed. So the catch-up cron
compares orders with their links once a minute (the database is the truth,
python-arq/arq#300): an order past draft without a link gets one, and a link whose order
has moved past both its wanted and its pushed version wants the order's version; both are
pending, and the loop pushes them.

Orders also change version for unit moves, which the consumer does not push: such a link
is found here once and pushed once, which sends nothing (the deal already shows the order
as it is) and records the version, so it is not found again.
"""

from __future__ import annotations

import logging
from datetime import datetime

from tortoise.expressions import F, Q

from app.crm.models import DealLink
from app.crm.outbound import want_version
from app.orders.models import Order, OrderStatus
from realtime.relay import transaction

logger = logging.getLogger(__name__)

BATCH = 500
"""Orders looked at per kind and pass; the rest wait for the next minute."""


async def reconcile_deal_links(now: datetime) -> int:
    """Make every order the CRM does not reflect pending; returns how many were found."""
    missing = (
        await Order.filter(deal_link__order_id__isnull=True)
        .exclude(status=OrderStatus.DRAFT)
        .order_by("id")
        .limit(BATCH)
        .values_list("id", "version")
    )
    if missing:
        await DealLink.bulk_create(
            [
                DealLink(order_id=order_id, wanted_version=version, next_attempt_at=now)
                for order_id, version in missing
            ],
            ignore_conflicts=True,  # (the consumer may have created one meanwhile)
        )
    behind = (
        await DealLink.filter(
            Q(order__version__gt=F("wanted_version")), Q(order__version__gt=F("pushed_version"))
        )
        .order_by("order_id")
        .limit(BATCH)
        .values_list("order_id", "order__version")
    )
    raised = 0
    for order_id, version in behind:
        async with transaction():
            raised += await want_version(order_id, version, now)
    if missing or raised:
        logger.warning(
            "CRM reconciliation: %d orders without a deal link, %d deals behind their order",
            len(missing),
            raised,
        )
    return len(missing) + raised
