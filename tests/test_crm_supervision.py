"""Who may see the CRM sync, and what a webhook may never do across dealers.

The supervisor's page and API show sync state, failures and recent calls; nobody else
sees them. A webhook can only ever change the order its deal is linked to by the
cabinet, whatever the payload or the deal itself claim, and a flood of forged calls
cannot fill the table the page reads.
"""

from __future__ import annotations

import asyncio
import logging
import re

import pytest

from app.crm.models import CrmInbound, DealLink, InboundOutcome, SyncState
from app.orders.models import Order, OrderStatus
from tests import crm_standin
from tests.chat_helpers import events_on
from tests.crm_standin import CrmStandIn, run_sync
from tests.factories import make_world
from tests.test_crm_webhook import deliver, order_with_deal, outcomes
from tests.test_pages import log_in, post_form

crm = crm_standin.crm
crm_client = crm_standin.crm_client


async def test_a_deal_the_cabinet_did_not_link_never_moves_an_order(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    bobs_order, _ = await order_with_deal(world, crm_client, who="bob")
    # A deal made by hand in the CRM that claims to be bob's order.
    stranger = await crm_client.add_deal(
        {"TITLE": "x", "ORIGINATOR_ID": "dealer-cabinet", "ORIGIN_ID": str(bobs_order.id)}
    )
    calls = len(crm.calls)
    assert await deliver(app_client, crm.manager_sets_stage(stranger, "LOSE")) == 200
    await run_sync(crm_client)
    assert await outcomes() == [InboundOutcome.UNKNOWN_DEAL]
    assert (await Order.get(id=bobs_order.id)).status is OrderStatus.SUBMITTED
    assert crm.methods_called()[calls:] == [], "an unknown deal is not even read"


async def test_a_webhook_changes_only_the_order_its_deal_is_linked_to(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    alices_order, alices_deal = await order_with_deal(world, crm_client)
    bobs_order, _ = await order_with_deal(world, crm_client, who="bob")
    # Someone edits alice's deal in the CRM to claim bob's order: the link decides.
    crm.deals[alices_deal]["ORIGIN_ID"] = str(bobs_order.id)
    assert await deliver(app_client, crm.manager_sets_stage(alices_deal, "LOSE")) == 200
    await run_sync(crm_client)
    assert (await Order.get(id=alices_order.id)).status is OrderStatus.CANCELLED
    assert (await Order.get(id=bobs_order.id)).status is OrderStatus.SUBMITTED
    bobs_topics = [f"order:{bobs_order.id}", f"dealer:{world.dealer_b.id}:orders"]
    for topic in bobs_topics:
        assert "crm.deal_changed" not in [kind for kind, _ in await events_on(topic)]
    inbound = await CrmInbound.get()
    assert inbound.order_id == alices_order.id


async def failing_world(crm: CrmStandIn, crm_client, app_client):
    """A world with one deal in step, one refused by the CRM, one forged call."""
    world = await make_world()
    synced, _ = await order_with_deal(world, crm_client)
    failed, _ = await order_with_deal(world, crm_client, who="bob")
    await DealLink.filter(order_id=failed.id).update(
        state=SyncState.FAILED, last_error="400 : crm.deal.update: Deal is locked"
    )
    form = [
        (k, "forged" if k == "auth[application_token]" else v) for k, v in crm.webhook_form(12345)
    ]
    assert await deliver(app_client, form) == 401
    return world, synced, failed


async def test_supervisor_sees_failures_and_retries_a_deal(
    db, app_client, crm: CrmStandIn, crm_client
):
    _, synced, failed = await failing_world(crm, crm_client, app_client)
    await log_in(app_client, "supervisor@factory.example")
    page = await app_client.get("/manager/crm")
    assert page.status_code == 200
    text = page.text
    assert f'data-order="{failed.number}"' in text and "Deal is locked" in text
    assert f'data-order="{synced.number}"' not in text, "a deal in step needs no attention"
    assert 'data-outcome="forged"' in text and "Неверный токен" in text

    answer = await post_form(app_client, f"/manager/crm/deals/{failed.id}/retry", {})
    assert answer.status_code == 200 and answer.url.path == "/manager/crm"
    assert failed.number in answer.text
    link = await DealLink.get(order_id=failed.id)
    assert link.state is SyncState.PENDING and link.attempts == 0

    overview = (await app_client.get("/api/v1/crm/sync")).json()
    assert overview["configured"] is True
    assert overview["deals_by_state"] == {"pending": 1, "synced": 1, "failed": 0}
    assert [d["order_id"] for d in overview["attention"]] == [failed.id]
    assert overview["inbound_last_day"] == {"forged": 1}
    assert overview["recent_inbound"][0]["outcome"] == "forged"
    session = {"x-csrf-token": re.search(r'name="csrf-token" content="([^"]+)"', text)[1]}
    again = await app_client.post(f"/api/v1/crm/deals/{synced.id}/retry", headers=session)
    assert again.status_code == 409 and again.json()["code"] == "synced"
    missing = await app_client.post("/api/v1/crm/deals/999999/retry", headers=session)
    assert missing.status_code == 404
    await DealLink.filter(order_id=failed.id).update(state=SyncState.FAILED)
    retried = await app_client.post(f"/api/v1/crm/deals/{failed.id}/retry", headers=session)
    assert retried.status_code == 200 and retried.json()["state"] == "pending"


@pytest.mark.parametrize("who", ["alice@test.example", "manager@factory.example"])
async def test_nobody_but_a_supervisor_sees_the_sync(
    db, app_client, crm: CrmStandIn, crm_client, who
):
    _, _, failed = await failing_world(crm, crm_client, app_client)
    await log_in(app_client, who)
    page = await app_client.get("/manager/crm")
    assert page.status_code == 403 and "Deal is locked" not in page.text
    api = await app_client.get("/api/v1/crm/sync")
    assert api.status_code == 403 and api.json()["code"] == "supervisor_only"
    retry = await post_form(app_client, f"/manager/crm/deals/{failed.id}/retry", {})
    assert retry.status_code == 403
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text)[1]
    api_retry = await app_client.post(
        f"/api/v1/crm/deals/{failed.id}/retry", headers={"x-csrf-token": token}
    )
    assert api_retry.status_code == 403 and api_retry.json()["code"] == "supervisor_only"
    assert (await DealLink.get(order_id=failed.id)).state is SyncState.FAILED


async def test_a_visitor_is_sent_to_log_in(db, app_client, crm: CrmStandIn):
    page = await app_client.get("/manager/crm")
    assert page.url.path == "/login"
    assert (await app_client.get("/api/v1/crm/sync")).status_code == 401


async def test_a_flood_of_forged_calls_is_logged_each_time_and_kept_in_a_row_a_minute(
    db, app_client, crm: CrmStandIn, caplog
):
    await make_world()
    forged = [
        (k, "0" * 32 if k == "auth[application_token]" else v) for k, v in crm.webhook_form(12345)
    ]
    statuses: list[int] = []
    with caplog.at_level(logging.WARNING, logger="app.crm.inbound"):
        for _ in range(100):  # 1,000 calls, ten at a time
            statuses += await asyncio.gather(*(deliver(app_client, forged) for _ in range(10)))
    assert statuses == [401] * 1000
    warnings = [r for r in caplog.records if "wrong application token" in r.getMessage()]
    assert len(warnings) == 1000, "every forged call is logged"

    rows = await CrmInbound.filter(outcome=InboundOutcome.FORGED)
    assert 1 <= len(rows) <= 2, "one row a minute (the flood may straddle two)"
    assert sum(r.calls for r in rows) == 1000
    assert await CrmInbound.all().count() == len(rows)

    await log_in(app_client, "supervisor@factory.example")
    overview = (await app_client.get("/api/v1/crm/sync")).json()
    assert overview["inbound_last_day"] == {"forged": 1000}
    assert sum(c["calls"] for c in overview["recent_inbound"]) == 1000
    page = await app_client.get("/manager/crm")
    assert 'data-outcome="forged"' in page.text and ": 1000</span>" in page.text
