"""The CRM sync when a webhook call or a push breaks for a reason nobody planned for.

A call or push that raises is retried with backoff, its error kept and logged, and given
up after a few tries for a supervisor to see; it never spins and never holds up the others.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

from app.crm import applying, outbound
from app.crm.models import CrmInbound, DealLink, InboundOutcome, SyncState
from app.orders import service
from app.orders.models import Order, OrderStatus
from tests import crm_standin
from tests.crm_standin import CrmStandIn, run_sync
from tests.factories import make_world, place_draft
from tests.test_crm_webhook import deliver, order_with_deal
from tests.test_pages import log_in

crm = crm_standin.crm
crm_client = crm_standin.crm_client


def tracebacks(caplog, logger: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == logger and r.exc_info]


async def test_calls_that_break_applying_back_off_hold_up_no_newer_call_and_end_as_errors(
    db, app_client, crm: CrmStandIn, crm_client, caplog
):
    world = await make_world()
    _, poisoned_deal = await order_with_deal(world, crm_client)
    other, other_deal = await order_with_deal(world, crm_client, who="bob")
    crm.manager_sets_rows(poisoned_deal, crm.rows[poisoned_deal])
    crm.rows[poisoned_deal][0]["PRICE"] = "NaN"  # a price the cabinet cannot read
    now = int(time.time())
    for age in range(applying.DUE_BATCH + 1):  # more broken calls than one pass takes
        assert await deliver(app_client, crm.webhook_form(poisoned_deal, ts=now - age)) == 200
    assert await deliver(app_client, crm.manager_sets_stage(other_deal, "LOSE")) == 200

    with caplog.at_level(logging.ERROR, logger="app.crm.applying"):
        await run_sync(crm_client)  # tries a batch of broken calls: each backs off
        await run_sync(crm_client)  # the rest, and the newer call
    assert (await Order.get(id=other.id)).status is OrderStatus.CANCELLED
    broken = await CrmInbound.filter(deal_id=poisoned_deal).order_by("id")
    assert len(broken) == applying.DUE_BATCH + 1
    assert all(c.outcome is InboundOutcome.RECEIVED and c.attempts == 1 for c in broken)
    assert all(c.next_attempt_at > datetime.now(UTC) for c in broken), "none is due again"
    assert all("NaN" in c.detail for c in broken), broken[0].detail
    assert len(tracebacks(caplog, "app.crm.applying")) == len(broken)

    calls = len(crm.calls)
    await run_sync(crm_client)
    assert crm.calls[calls:] == [], "a call that broke is not read again before its time"

    last = broken[-1]
    for _ in range(applying.MAX_UNEXPECTED_FAILURES - 1):
        await CrmInbound.filter(id=last.id).update(next_attempt_at=datetime.now(UTC))
        await run_sync(crm_client)
    given_up = await CrmInbound.get(id=last.id)
    assert given_up.outcome is InboundOutcome.ERROR and given_up.next_attempt_at is None
    assert given_up.attempts == applying.MAX_UNEXPECTED_FAILURES and "NaN" in given_up.detail
    await CrmInbound.filter(id=last.id).update(next_attempt_at=datetime.now(UTC))
    calls = len(crm.calls)
    await run_sync(crm_client)
    assert crm.calls[calls:] == [], "a call given up is never read again"

    await log_in(app_client, "supervisor@factory.example")
    overview = (await app_client.get("/api/v1/crm/sync")).json()
    assert overview["inbound_last_day"]["error"] == 1
    [shown] = [c for c in overview["recent_inbound"] if c["id"] == last.id]
    assert shown["outcome"] == "error" and "NaN" in shown["detail"]


async def submitted_order(world, who="alice"):
    draft = await place_draft(world, who, [("D-100:piece", 2)])
    return await service.submit_order(await world.actor(who), draft.id)


async def test_a_push_that_breaks_backs_off_holds_up_no_other_deal_and_ends_failed(
    db, app_client, crm: CrmStandIn, crm_client, caplog
):
    world = await make_world()
    crm.next_deal_id = 2**63  # the CRM answers a deal id the database cannot hold
    broken = await submitted_order(world)
    other = await submitted_order(world, who="bob")
    with caplog.at_level(logging.ERROR, logger="app.crm.outbound"):
        await run_sync(crm_client)
    assert crm.deal_of_order(other.id) is not None, "the next order is pushed all the same"
    assert (await DealLink.get(order_id=other.id)).state is SyncState.SYNCED
    link = await DealLink.get(order_id=broken.id)
    assert link.state is SyncState.PENDING and link.attempts == 1
    assert link.next_attempt_at > datetime.now(UTC) and link.lease_until is None
    assert link.last_error, "the error is kept for a supervisor"
    assert len(tracebacks(caplog, "app.crm.outbound")) == 1

    calls = len(crm.calls)
    await run_sync(crm_client)
    assert crm.calls[calls:] == [], "a push that broke is not tried again before its time"

    for _ in range(outbound.MAX_UNEXPECTED_FAILURES - 1):
        await DealLink.filter(order_id=broken.id).update(next_attempt_at=datetime.now(UTC))
        await run_sync(crm_client)
    link = await DealLink.get(order_id=broken.id)
    assert link.state is SyncState.FAILED and link.next_attempt_at is None
    assert link.attempts == outbound.MAX_UNEXPECTED_FAILURES and link.last_error
    assert len(crm.deals) == 2, "retries found the deal again instead of adding more"

    await log_in(app_client, "supervisor@factory.example")
    page = await app_client.get("/manager/crm")
    assert f'data-order="{broken.number}"' in page.text
    assert f'data-order="{other.number}"' not in page.text
