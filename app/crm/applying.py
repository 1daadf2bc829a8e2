"""CRM → cabinet, second half: re-read a deal and apply what changed to its order.

Runs in a worker job, once per recorded webhook. The deal is read over REST (the payload
is never trusted); a failed read is retried with backoff. Then, in one transaction with
the order and its DealLink locked:
- a read older than the last one applied (DATE_MODIFY) is out of order and ignored;
- what differs from the deal as the cabinet last knew it is what changed (so an echo of
  our own push, or a repeated call, changes nothing);
- a stage goes through the order's lifecycle as the factory's staff would (confirm,
  cancel); rows through the orders domain's line rules; a comment becomes a system note
  in the order's thread; a change the rules refuse is recorded and the deal is pushed
  back to what the order says;
- `crm.deal_changed` goes to the order's topics with the order's own events.
The inbound row's outcome is written in the same transaction, so a retried job finds it
finished and never applies a change twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.chat.system import post_order_note
from app.crm.client import CrmClient, CrmRefused, CrmUnavailable, Deal, ProductRow
from app.crm.deals import RowsUnreadable, comments_digest, deal_time, rows_digest, wanted_lines
from app.crm.events import DealChange, DealChanged
from app.crm.models import CrmInbound, DealLink, InboundOutcome, SyncState
from app.crm.outbound import backoff
from app.crm.stages import status_for_stage
from app.errors import Conflict, InvalidInput
from app.orders.events import board_topic, order_topic
from app.orders.external_changes import change_lines_by_system, move_order_by_system
from app.orders.models import Order
from realtime.outbox import append_event
from realtime.relay import transaction

logger = logging.getLogger(__name__)

BY_SYSTEM = "crm"
MAX_READ_ATTEMPTS = 20
"""Failed reads of one deal before the call is given up (about two hours of backoff)."""
MAX_UNEXPECTED_FAILURES = 5
"""Failures in a row that end with an unexpected error (a bug, a database error, an
answer that breaks parsing) before the call is given up: retrying will rarely help, and
the supervisor's page shows the error."""
DUE_BATCH = 100
"""Calls one pass of the loop enqueues at most."""


async def due_inbound(now: datetime, limit: int = DUE_BATCH) -> list[int]:
    """Recorded webhook calls waiting to be applied now, longest due first: a call that
    failed waits its backoff behind calls that came in meanwhile, so failing calls never
    fill the batch for ever."""
    rows = (
        await CrmInbound.filter(outcome=InboundOutcome.RECEIVED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .limit(limit)
        .values_list("id", flat=True)
    )
    return [int(r) for r in rows]  # type: ignore[call-overload]


async def apply_inbound(client: CrmClient, inbound_id: int) -> InboundOutcome | None:
    """Apply one recorded webhook call; None when it is not due (or already done), or
    when it failed and waits for its next attempt.

    Any failure leaves a trace: an outage is retried with backoff, a refusal ends the call
    as an error, and anything else (logged with its traceback) is retried with backoff
    and given up after MAX_UNEXPECTED_FAILURES, so a call that always breaks neither
    spins nor holds up the calls behind it.
    """
    now = datetime.now(UTC)
    inbound = await CrmInbound.get_or_none(
        id=inbound_id, outcome=InboundOutcome.RECEIVED, next_attempt_at__lte=now
    )
    if inbound is None or inbound.deal_id is None:
        return None
    try:
        return await _read_and_apply(client, inbound, inbound.deal_id, now)
    except CrmUnavailable as exc:
        return await _postpone(inbound, now, exc.reason, MAX_READ_ATTEMPTS, exc.after_seconds)
    except CrmRefused as exc:
        return await _finish(inbound, InboundOutcome.ERROR, str(exc))
    except Exception as exc:
        logger.exception("Applying CRM webhook call %d failed", inbound.id)
        reason = f"{type(exc).__name__}: {exc}"
        return await _postpone(inbound, now, reason, MAX_UNEXPECTED_FAILURES)


async def _read_and_apply(
    client: CrmClient, inbound: CrmInbound, deal_id: int, now: datetime
) -> InboundOutcome | None:
    deal = await client.get_deal(deal_id)
    rows = await client.get_product_rows(deal_id)
    async with transaction():
        fresh = await CrmInbound.filter(id=inbound.id).select_for_update().get()
        if fresh.outcome is not InboundOutcome.RECEIVED:
            return None  # another worker finished it a moment ago
        link = await DealLink.filter(deal_id=deal_id).select_for_update().first()
        if link is None:
            return await _finish(fresh, InboundOutcome.UNKNOWN_DEAL, "")
        order = await Order.filter(id=link.order_id).select_for_update().get()
        applied = await _apply_deal(order, link, deal, rows, now)
        outcome = applied.outcome
        if fresh.repeat_of is not None and outcome is InboundOutcome.UNCHANGED:
            outcome = InboundOutcome.DUPLICATE  # a true repeat: nothing new was read
        return await _finish(fresh, outcome, applied.detail, changes=applied.changes)


async def _postpone(
    inbound: CrmInbound,
    now: datetime,
    reason: str,
    give_up_after: int,
    at_least: float | None = None,
) -> InboundOutcome | None:
    """One more failed attempt: try again after a backoff, or give the call up."""
    attempts = inbound.attempts + 1
    if attempts >= give_up_after:
        detail = f"gave up after {attempts} attempts: {reason}"
        return await _finish(inbound, InboundOutcome.ERROR, detail, attempts=attempts)
    await CrmInbound.filter(id=inbound.id, outcome=InboundOutcome.RECEIVED).update(
        attempts=attempts,
        next_attempt_at=now + backoff(attempts, at_least),
        detail=reason[:500],
    )
    return None


async def _finish(
    inbound: CrmInbound,
    outcome: InboundOutcome,
    detail: str,
    *,
    changes: Sequence[str] = (),
    attempts: int | None = None,
) -> InboundOutcome:
    """Write the call's outcome (unless another worker finished it first)."""
    await CrmInbound.filter(id=inbound.id, outcome=InboundOutcome.RECEIVED).update(
        outcome=outcome,
        detail=detail[:500],
        changes=",".join(changes),
        finished_at=datetime.now(UTC),
        next_attempt_at=None,
        attempts=inbound.attempts if attempts is None else attempts,
    )
    return outcome


@dataclass
class _Applied:
    outcome: InboundOutcome
    detail: str = ""
    changes: list[DealChange] = field(default_factory=list)


async def _apply_deal(
    order: Order, link: DealLink, deal: Deal, rows: list[ProductRow], now: datetime
) -> _Applied:
    """Compare the deal with what the cabinet knew and apply the difference (locked rows)."""
    modified = deal_time(deal.date_modify)
    if link.remote_modified_at and modified and modified < link.remote_modified_at:
        detail = f"read {deal.date_modify}, applied {link.remote_modified_at.isoformat()}"
        return _Applied(InboundOutcome.OUT_OF_ORDER, detail)
    changes: list[DealChange] = []
    refusals: list[str] = []
    # Rows before the stage: a stage only moves the order forward, and a later status
    # allows fewer line changes, so rows edited with the move (new quantities saved with
    # PREPARATION) are judged by the status the manager edited them under, and production
    # is planned from them.
    digest = rows_digest(rows)
    if digest != link.rows_digest:
        changes.append("items")
        total_before = order.total_kopecks
        try:
            await change_lines_by_system(order, wanted_lines(rows), by_system=BY_SYSTEM)
        except (RowsUnreadable, Conflict, InvalidInput) as exc:
            refusals.append(f"items: {exc}")
        if order.total_kopecks != total_before:
            changes.append("amount")
    if deal.stage_id != link.stage_id:
        changes.insert(0, "stage")
        refusal = await _apply_stage(order, deal.stage_id)
        if refusal:
            refusals.append(refusal)
    comments = comments_digest(deal.comments)
    if comments != link.comments_digest:
        changes.append("comment")
        if (deal.comments or "").strip():
            await post_order_note(order, deal.comments.strip(), now)  # type: ignore[union-attr]
    await _remember(link, order, deal, digest, comments, modified, refused=bool(refusals))
    if changes:
        await append_event(
            DealChanged(
                order_id=order.id,
                number=order.number,
                dealer_id=order.dealer_id,
                deal_id=deal.id,
                stage_id=deal.stage_id,
                changes=changes,
                at=now,
            ),
            [board_topic(order.dealer_id), order_topic(order.id)],
        )
    if refusals:
        logger.info("CRM change to order %d refused: %s", order.id, "; ".join(refusals))
        return _Applied(InboundOutcome.REFUSED, "; ".join(refusals), changes)
    return _Applied(InboundOutcome.APPLIED if changes else InboundOutcome.UNCHANGED, "", changes)


async def _apply_stage(order: Order, stage_id: str) -> str:
    """Move the order as the deal's new stage asks; the refusal's text, or ""."""
    target = status_for_stage(stage_id, order.status)
    if target is None:
        return f"stage {stage_id}: not a stage the cabinet knows"
    if target == order.status:
        return ""
    try:
        await move_order_by_system(order, target, by_system=BY_SYSTEM)
    except Conflict as exc:
        return f"stage {stage_id}: {exc.message}"
    return ""


async def _remember(
    link: DealLink,
    order: Order,
    deal: Deal,
    digest: str,
    comments: str,
    modified: datetime | None,
    *,
    refused: bool,
) -> None:
    """The deal as read is now what the cabinet knows of it. The order's own changes came
    from the deal, so they need no push; a refused change does: the deal is put back."""
    link.stage_id, link.rows_digest, link.comments_digest = deal.stage_id, digest, comments
    if modified and (link.remote_modified_at is None or modified > link.remote_modified_at):
        link.remote_modified_at = modified
    in_step = link.state is SyncState.SYNCED and link.pushed_version >= link.wanted_version
    if refused:
        link.wanted_version = max(link.wanted_version, order.version)
        link.state, link.attempts, link.next_attempt_at = SyncState.PENDING, 0, datetime.now(UTC)
    elif in_step:
        link.wanted_version = link.pushed_version = order.version
    else:
        link.wanted_version = max(link.wanted_version, order.version)
    await link.save(
        update_fields=[
            "stage_id",
            "rows_digest",
            "comments_digest",
            "remote_modified_at",
            "wanted_version",
            "pushed_version",
            "state",
            "attempts",
            "next_attempt_at",
        ]
    )
