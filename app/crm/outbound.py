"""Cabinet → CRM: note which orders the CRM must learn of, and push them as deals.

The durable consumer "crm" reads order events from the outbox (the truth, not the bus)
and marks the order's DealLink pending (created on submission). A push then takes the
link's lease (one pusher per order at a time), reads the order as it is *now* and sends
only what differs from the deal as the cabinet last knew it; so pushes for one order are
in order by construction (never an older state over a newer one), and a field a manager
changed in the CRM meanwhile is not overwritten by a push that did not touch it.
An outage postpones the push with backoff; a refusal marks the link failed with its error.
Nothing here runs in a web request: a dealer never waits for the CRM.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import msgspec
from tortoise.expressions import Q

from app.crm.client import ORIGINATOR, CrmClient, CrmRefused, CrmUnavailable
from app.crm.deals import comments_digest, product_rows, roubles, rows_digest
from app.crm.models import DealLink, SyncState
from app.crm.snapshot import OrderSnapshot, load_snapshot
from app.crm.stages import stage_for
from app.orders.models import OrderStatus
from realtime.consumer import ConsumedRow
from realtime.relay import transaction

logger = logging.getLogger(__name__)

CONSUMER = "crm"
"""The durable consumer's name (its cursor in the outbox)."""
TOPIC_PREFIXES = ("order:",)
LEASE = timedelta(seconds=120)
"""Longer than a push's calls may take (six calls of at most 10 s each)."""
BACKOFF_FIRST = 2.0
BACKOFF_MAX = 600.0
MAX_UNEXPECTED_FAILURES = 5
"""Failed pushes in a row, the last one with an unexpected error (a bug, a database
error, an answer that breaks parsing), before the deal is marked failed for a supervisor.
An outage alone never fails a deal: it is retried until the CRM is back."""


def backoff(attempts: int, at_least: float | None = None) -> timedelta:
    """How long to wait after the `attempts`-th failure in a row (doubling, capped)."""
    seconds = min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)
    return timedelta(seconds=max(seconds, at_least or 0.0))


class _OrderEventHead(msgspec.Struct):
    order_id: int
    version: int
    to_status: OrderStatus | None = None


_PUSHED_EVENTS = frozenset({"order.status_changed", "order.updated"})


async def note_order_event(row: ConsumedRow) -> None:
    """Consumer handler: an order changed; mark its deal pending (runs in the mark's
    transaction). Submission creates the link; drafts have none and are never pushed."""
    if row.type not in _PUSHED_EVENTS:
        return
    head = msgspec.json.decode(row.payload, type=_OrderEventHead)
    now = datetime.now(UTC)
    if row.type == "order.status_changed" and head.to_status is OrderStatus.SUBMITTED:
        _, created = await DealLink.get_or_create(
            order_id=head.order_id,
            defaults={"wanted_version": head.version, "next_attempt_at": now},
        )
        if created:
            return
    await want_version(head.order_id, head.version, now)


async def want_version(order_id: int, version: int, now: datetime) -> bool:
    """The CRM should show the order at `version`: raise its link's wanted version and
    make it pending (call in a transaction). False when there is no link or the link
    already wants that version or a later one."""
    link = await DealLink.filter(order_id=order_id).select_for_update().first()
    if link is None or version <= max(link.wanted_version, link.pushed_version):
        return False
    link.wanted_version = version
    if link.state is not SyncState.PENDING:
        link.state, link.attempts, link.next_attempt_at = SyncState.PENDING, 0, now
    elif link.next_attempt_at is None:
        link.next_attempt_at = now  # (a link in backoff keeps its wait: the CRM is away)
    await link.save(update_fields=["wanted_version", "state", "attempts", "next_attempt_at"])
    return True


async def due_pushes(now: datetime, limit: int = 100) -> list[int]:
    """Orders whose deal should be pushed now (pending, due, not held by a push)."""
    rows = (
        await DealLink.filter(state=SyncState.PENDING)
        .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at=None))
        .filter(Q(lease_until=None) | Q(lease_until__lt=now))
        .order_by("next_attempt_at")
        .limit(limit)
        .values_list("order_id", flat=True)
    )
    return [int(r) for r in rows]  # type: ignore[call-overload]


async def _claim(order_id: int, now: datetime) -> DealLink | None:
    claimed = (
        await DealLink.filter(order_id=order_id, state=SyncState.PENDING)
        .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at=None))
        .filter(Q(lease_until=None) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE)
    )
    return await DealLink.get(order_id=order_id) if claimed else None


async def push_deal(client: CrmClient, order_id: int) -> str:
    """Push one order to its deal if it is due; returns what happened (for the job log).

    Every failure leaves the link unleased with its error: an outage postpones the push
    with backoff, a refusal fails the deal, anything else (logged with its traceback) is
    retried with backoff and fails the deal after MAX_UNEXPECTED_FAILURES, so a push that
    always breaks neither spins nor is retried for ever without a word.
    """
    now = datetime.now(UTC)
    link = await _claim(order_id, now)
    if link is None:
        return "not due"
    try:
        snapshot = await load_snapshot(order_id)
        if link.deal_id is None:
            await _create_deal(client, link, snapshot)
        await _update_deal(client, link, snapshot)
        await _record_pushed(link, snapshot)
    except CrmUnavailable as exc:
        logger.info("CRM away; order %d pushed later: %s", order_id, exc.reason)
        return await _postpone(link, now, exc.reason, exc.after_seconds)
    except CrmRefused as exc:
        logger.warning("CRM refused order %d: %s", order_id, exc)
        return await _fail(link, str(exc))
    except Exception as exc:
        logger.exception("Pushing order %d to the CRM failed", order_id)
        reason = f"{type(exc).__name__}: {exc}"
        if link.attempts + 1 >= MAX_UNEXPECTED_FAILURES:
            return await _fail(link, reason, attempts=link.attempts + 1)
        return await _postpone(link, now, reason)
    return "pushed"


async def _postpone(
    link: DealLink, now: datetime, reason: str, at_least: float | None = None
) -> str:
    attempts = link.attempts + 1
    await DealLink.filter(order_id=link.order_id).update(
        attempts=attempts,
        next_attempt_at=now + backoff(attempts, at_least),
        last_error=reason[:2000],
        lease_until=None,
    )
    return "postponed"


async def _fail(link: DealLink, reason: str, *, attempts: int | None = None) -> str:
    await DealLink.filter(order_id=link.order_id).update(
        state=SyncState.FAILED,
        attempts=link.attempts if attempts is None else attempts,
        last_error=reason[:2000],
        lease_until=None,
        next_attempt_at=None,
    )
    return "failed"


async def _create_deal(client: CrmClient, link: DealLink, snapshot: OrderSnapshot) -> None:
    """Create the deal (or find the one a crashed push created) and note it at once."""
    order = snapshot.order
    found = await client.find_deals(str(order.id))
    if found:
        link.deal_id = found[0].id
        await DealLink.filter(order_id=order.id).update(deal_id=link.deal_id)
        return
    company_id = await client.find_or_add(
        "company",
        f"dealer:{snapshot.dealer.id}",
        {"TITLE": snapshot.dealer.legal_name, "COMPANY_TYPE": "CUSTOMER"},
    )
    contact_id = await client.find_or_add(
        "contact",
        f"person:{snapshot.person.id}",
        {
            "NAME": snapshot.person.full_name,
            "EMAIL": [{"VALUE": snapshot.person.email, "VALUE_TYPE": "WORK"}],
            "COMPANY_ID": company_id,
        },
    )
    stage = stage_for(order.status)
    link.deal_id = await client.add_deal(
        {
            "TITLE": f"№ {order.number} · {snapshot.dealer.legal_name}",
            "STAGE_ID": stage,
            "OPPORTUNITY": roubles(order.total_kopecks),
            "CURRENCY_ID": "RUB",
            "COMPANY_ID": company_id,
            "CONTACT_IDS": [contact_id],
            "COMMENTS": order.comment,
            "ORIGINATOR_ID": ORIGINATOR,
            "ORIGIN_ID": str(order.id),
        }
    )
    link.stage_id, link.comments_digest = stage, comments_digest(order.comment)
    await DealLink.filter(order_id=order.id).update(
        deal_id=link.deal_id, stage_id=link.stage_id, comments_digest=link.comments_digest
    )


async def _update_deal(client: CrmClient, link: DealLink, snapshot: OrderSnapshot) -> None:
    """Send what differs from the deal as last known: the stage, then the rows."""
    assert link.deal_id is not None
    order = snapshot.order
    stage = stage_for(order.status)
    rows = product_rows(snapshot.lines)
    digest = rows_digest(rows)
    if stage != link.stage_id:
        await client.update_deal(link.deal_id, {"STAGE_ID": stage})
        link.stage_id = stage
        await DealLink.filter(order_id=order.id).update(stage_id=stage)
    if digest != link.rows_digest:  # (the CRM recounts the deal's amount from its rows)
        await client.set_product_rows(link.deal_id, rows)
        link.rows_digest = digest


async def _record_pushed(link: DealLink, snapshot: OrderSnapshot) -> None:
    """The deal now shows the order at the snapshot's version; pending again if the order
    changed meanwhile."""
    now = datetime.now(UTC)
    async with transaction():
        current = await DealLink.filter(order_id=link.order_id).select_for_update().get()
        pushed = max(current.pushed_version, snapshot.order.version)
        behind = current.wanted_version > pushed
        await DealLink.filter(order_id=link.order_id).update(
            pushed_version=pushed,
            state=SyncState.PENDING if behind else SyncState.SYNCED,
            next_attempt_at=now if behind else None,
            attempts=0,
            last_error="",
            lease_until=None,
            stage_id=link.stage_id,
            rows_digest=link.rows_digest,
            synced_at=now,
        )


async def retry_now(order_id: int) -> bool:
    """Make a pending or failed push due at once (the supervisor's "retry now")."""
    updated = await DealLink.filter(
        order_id=order_id, state__in=[SyncState.PENDING, SyncState.FAILED]
    ).update(state=SyncState.PENDING, attempts=0, next_attempt_at=datetime.now(UTC))
    return bool(updated)
