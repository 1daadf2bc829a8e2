"""CRM → cabinet, first half: receive the CRM's outbound webhook, check it, write it down.

The webhook carries no signature, only `auth[application_token]`, so it is checked in
constant time (a forged call is logged, and counted in one row a minute so that a stranger
cannot fill the table); a call with a `ts` outside CRM_WEBHOOK_MAX_AGE_SECONDS is refused
as a replay; a repeated delivery (same event, deal and ts) is recorded as a duplicate
while the first is waiting, and makes one more (idempotent) read once the first was
applied, because the CRM's one-second `ts` cannot tell a repeat from a second change made
in the same second. The payload is never trusted beyond the deal's id: a worker re-reads
the deal over REST and applies it (app/crm/applying.py), so the request answers at once
and a CRM read that fails is retried instead of lost. Only a deal linked to an order (by
our own DealLink, never by anything the payload or the deal claims) can change an order.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from app.config import get_settings
from app.crm.models import CrmInbound, DealLink, InboundOutcome
from app.errors import AuthenticationRequired, DomainError, InvalidInput

logger = logging.getLogger(__name__)

DEAL_EVENTS = frozenset({"ONCRMDEALUPDATE"})
"""Events that make the cabinet re-read a deal (deals are added by the cabinet itself)."""


class StaleWebhook(DomainError):
    """The webhook's `ts` is too old (or too far ahead): a replay or a stuck queue."""

    status = 400
    code = "stale_webhook"


def _int(value: str | None) -> int | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if 0 < number < 2**62 else None


async def _record(
    outcome: InboundOutcome,
    event: str,
    deal_id: int | None,
    now: datetime,
    *,
    detail: str = "",
    order_id: int | None = None,
) -> CrmInbound:
    return await CrmInbound.create(
        event=event,
        deal_id=deal_id,
        order_id=order_id,
        outcome=outcome,
        detail=detail[:500],
        received_at=now,
        finished_at=now,
    )


async def _record_forged(event: str, deal_id: int | None, now: datetime, remote: str) -> None:
    """Count a forged call in its minute's row (created by the minute's first one): anyone
    can send them, so they are kept bounded; each is logged all the same."""
    key = f"forged:{now:%Y-%m-%dT%H:%M}"
    last: dict[str, Any] = {
        "event": event,
        "deal_id": deal_id,
        "detail": remote[:500],
        "finished_at": now,
    }
    if await CrmInbound.filter(delivery_key=key).update(calls=F("calls") + 1, **last):
        return
    try:
        async with in_transaction():  # (a savepoint when called inside one)
            await CrmInbound.create(
                delivery_key=key, outcome=InboundOutcome.FORGED, received_at=now, **last
            )
    except IntegrityError:  # the minute's row was created a moment ago
        await CrmInbound.filter(delivery_key=key).update(calls=F("calls") + 1, **last)


async def receive_webhook(form: Mapping[str, str], *, remote: str) -> InboundOutcome:
    """Check and record one webhook call; raises for a forged, stale or malformed one.

    Returns RECEIVED for a genuine new call about a linked deal (a worker applies it),
    or the outcome it was recorded with (duplicate, unknown deal, ignored event).
    """
    settings = get_settings()
    now = datetime.now(UTC)
    event = str(form.get("event", ""))[:64].upper()
    deal_id = _int(form.get("data[FIELDS][ID]"))
    token = str(form.get("auth[application_token]", ""))
    expected = settings.crm_application_token
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        logger.warning(
            "CRM webhook with a wrong application token from %s (event %r, deal %s)",
            remote,
            event,
            deal_id,
        )
        await _record_forged(event, deal_id, now, remote)
        raise AuthenticationRequired("Unknown application token", code="forged_webhook")
    ts = _int(form.get("ts"))
    if not event or ts is None or (event in DEAL_EVENTS and deal_id is None):
        await _record(InboundOutcome.ERROR, event, deal_id, now, detail="malformed call")
        raise InvalidInput("A webhook needs event, ts and data[FIELDS][ID]", code="malformed")
    sent_at = datetime.fromtimestamp(ts, UTC)
    max_age = timedelta(seconds=settings.crm_webhook_max_age_seconds)
    if abs(now - sent_at) > max_age:
        detail = f"ts={sent_at.isoformat()} {remote}"
        await _record(InboundOutcome.STALE, event, deal_id, now, detail=detail)
        raise StaleWebhook("The webhook's ts is outside the accepted window")
    if event not in DEAL_EVENTS:
        await _record(InboundOutcome.IGNORED, event, deal_id, now)
        return InboundOutcome.IGNORED
    order_id = await DealLink.filter(deal_id=deal_id).first().values_list("order_id", flat=True)
    if order_id is None:
        await _record(InboundOutcome.UNKNOWN_DEAL, event, deal_id, now)
        return InboundOutcome.UNKNOWN_DEAL
    key = f"{event}:{deal_id}:{ts}"
    fields: dict[str, Any] = {"event": event, "deal_id": deal_id, "order_id": order_id}
    try:
        async with in_transaction():  # (a savepoint when called inside one)
            await CrmInbound.create(
                delivery_key=key,
                outcome=InboundOutcome.RECEIVED,
                received_at=now,
                next_attempt_at=now,
                **fields,
            )
        return InboundOutcome.RECEIVED
    except IntegrityError:
        original = await CrmInbound.get(delivery_key=key)
    if original.outcome is InboundOutcome.RECEIVED:
        # The deal is read when the original is applied: that read sees this call's change.
        await _record(InboundOutcome.DUPLICATE, event, deal_id, now, order_id=original.order_id)
        return InboundOutcome.DUPLICATE
    await CrmInbound.create(
        repeat_of=original.id,
        outcome=InboundOutcome.RECEIVED,
        received_at=now,
        next_attempt_at=now,
        **fields,
    )
    return InboundOutcome.RECEIVED
