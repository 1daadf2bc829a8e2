"""Cabinet → CRM: a submitted order becomes a deal, and the order's changes follow it.

The sync runs in this process (`run_sync`: what one pass of the worker's loop does)
against the stand-in CRM; tests/test_crm_worker.py runs the same through a real worker.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.crm import outbound
from app.crm.client import CrmClient, CrmRefused, CrmUnavailable
from app.crm.models import DealLink, SyncState
from app.orders import production, service
from app.orders.models import Order, UnitStage
from tests import crm_standin
from tests.crm_standin import CrmStandIn, run_sync
from tests.factories import make_world, place_draft

crm = crm_standin.crm
crm_client = crm_standin.crm_client


async def submitted_order(world, who="alice", lines=None, comment=""):
    draft = await place_draft(
        world, who, lines or [("D-100:piece", 2), ("H-1:box", 3)], comment=comment
    )
    return await service.submit_order(await world.actor(who), draft.id)


async def test_submitted_order_becomes_a_deal_with_its_company_contact_and_rows(
    db, crm: CrmStandIn, crm_client: CrmClient
):
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-100:piece", 1)])
    order = await submitted_order(world, comment="Deliver to the back door")
    await run_sync(crm_client)

    deal = crm.deal_of_order(order.id)
    assert deal is not None and crm.deal_of_order(draft.id) is None, "drafts have no deal"
    assert order.number in deal["TITLE"] and "OOO Alpha Doors" in deal["TITLE"]
    assert deal["STAGE_ID"] == "NEW" and deal["CURRENCY_ID"] == "RUB"
    # 2 × 12,345.00 + 3 boxes × 100 handles × 150.50 = 24,690.00 + 45,150.00
    assert order.total_kopecks == 6_984_000
    assert deal["OPPORTUNITY"] == "69840.00"
    assert deal["COMMENTS"] == "Deliver to the back door"
    assert deal["ORIGINATOR_ID"] == "dealer-cabinet" and deal["ORIGIN_ID"] == str(order.id)
    company = crm.companies[int(deal["COMPANY_ID"])]
    assert company["TITLE"] == "OOO Alpha Doors"
    assert company["ORIGIN_ID"] == f"dealer:{world.dealer_a.id}"
    contact = crm.contacts[int(deal["CONTACT_ID"])]
    assert contact["EMAIL"][0]["VALUE"] == "alice@test.example"
    rows = crm.rows[int(deal["ID"])]
    assert [(r["PRODUCT_NAME"], r["PRICE"], r["QUANTITY"], r["SORT"]) for r in rows] == [
        ("D-100 Door Classic 80", 12345.0, 2.0, 10),
        ("H-1 Handle Chrome", 15050.0, 3.0, 20),
    ]
    link = await DealLink.get(order_id=order.id)
    assert link.state is SyncState.SYNCED and link.deal_id == int(deal["ID"])
    assert link.pushed_version == link.wanted_version == order.version


async def test_the_deal_follows_the_order_through_its_lifecycle(
    db, crm: CrmStandIn, crm_client: CrmClient
):
    world = await make_world()
    order = await submitted_order(world)
    await run_sync(crm_client)
    deal_id = int(crm.deal_of_order(order.id)["ID"])

    await production.confirm_order(await world.actor("manager"), order.id)
    await run_sync(crm_client)
    assert crm.deals[deal_id]["STAGE_ID"] == "PREPARATION"

    await production.move_units(None, order.id, UnitStage.CUTTING, by_system="erp")
    await run_sync(crm_client)
    assert crm.deals[deal_id]["STAGE_ID"] == "EXECUTING"
    await production.move_units(None, order.id, UnitStage.SHIPPED, by_system="erp")
    await run_sync(crm_client)
    assert crm.deals[deal_id]["STAGE_ID"] == "WON"

    calls = len(crm.calls)
    await run_sync(crm_client)
    assert len(crm.calls) == calls, "nothing changed: nothing is pushed"
    updates = [p["fields"] for m, p in crm.calls if m == "crm.deal.update"]
    assert updates == [{"STAGE_ID": s} for s in ("PREPARATION", "EXECUTING", "WON")]
    assert crm.methods_called().count("crm.deal.productrows.set") == 1, "rows did not change"


async def test_a_second_order_reuses_the_dealers_company_and_contact(
    db, crm: CrmStandIn, crm_client: CrmClient
):
    world = await make_world()
    first = await submitted_order(world)
    second = await submitted_order(world, lines=[("D-200:piece", 1)])
    cancelled = await submitted_order(world, lines=[("D-200:piece", 4)])
    await service.cancel_order(await world.actor("alice"), cancelled.id, "Wrong colour")
    await run_sync(crm_client)
    deals = [crm.deal_of_order(o.id) for o in (first, second, cancelled)]
    assert len({d["COMPANY_ID"] for d in deals}) == 1 and len(crm.companies) == 1
    assert len(crm.contacts) == 1
    assert deals[2]["STAGE_ID"] == "LOSE"


async def test_a_push_cut_short_after_creating_the_deal_makes_no_second_deal(
    db, crm: CrmStandIn, crm_client: CrmClient
):
    world = await make_world()
    order = await submitted_order(world)
    await run_sync(crm_client)
    # As if the worker died after crm.deal.add, before it wrote the deal's id down.
    await DealLink.filter(order_id=order.id).update(
        deal_id=None, state=SyncState.PENDING, stage_id="", rows_digest=""
    )
    await run_sync(crm_client)
    assert len(crm.deals) == 1
    link = await DealLink.get(order_id=order.id)
    assert link.deal_id == int(crm.deal_of_order(order.id)["ID"])
    assert link.state is SyncState.SYNCED


async def test_an_outage_postpones_pushes_with_backoff_and_they_catch_up_in_order(
    db, crm: CrmStandIn, crm_client: CrmClient
):
    world = await make_world()
    await crm.go_down("refuse")
    order = await submitted_order(world)  # the dealer is not held up by the outage
    await run_sync(crm_client)
    link = await DealLink.get(order_id=order.id)
    assert link.state is SyncState.PENDING and link.attempts == 1
    assert link.next_attempt_at > datetime.now(UTC) and "Connect" in link.last_error

    await production.confirm_order(await world.actor("manager"), order.id)
    await crm.come_up()
    await crm.go_down("503")
    await outbound.retry_now(order.id)
    await run_sync(crm_client)
    link = await DealLink.get(order_id=order.id)
    assert link.attempts == 1 and "503" in link.last_error, "a fresh start after retry now"
    await run_sync(crm_client)  # not due yet: nothing is tried
    assert (await DealLink.get(order_id=order.id)).attempts == 1

    await crm.come_up()
    await DealLink.filter(order_id=order.id).update(next_attempt_at=datetime.now(UTC))
    await run_sync(crm_client)
    deal = crm.deal_of_order(order.id)
    assert deal["STAGE_ID"] == "PREPARATION", "the deal shows the order as it is now"
    assert crm.methods_called() == [
        *("crm.deal.list", "crm.company.list", "crm.company.add"),
        *("crm.contact.list", "crm.contact.add", "crm.deal.add", "crm.deal.productrows.set"),
    ], "one deal, created at the order's current stage, then its rows"
    link = await DealLink.get(order_id=order.id)
    order_now = await Order.get(id=order.id)
    assert link.state is SyncState.SYNCED and link.pushed_version == order_now.version
    assert link.attempts == 0 and link.last_error == ""


async def test_call_limit_waits_and_a_refusal_fails_the_deal_for_a_supervisor(
    db, crm: CrmStandIn, crm_client: CrmClient
):
    world = await make_world()
    order = await submitted_order(world)
    crm.limit_calls()
    await run_sync(crm_client)
    link = await DealLink.get(order_id=order.id)
    assert link.state is SyncState.PENDING and "QUERY_LIMIT_EXCEEDED" in link.last_error
    assert link.next_attempt_at >= datetime.now(UTC) + timedelta(seconds=1)
    crm.limit_calls(False)

    async with crm_client.session as session:
        wrong_key = CrmClient(session, crm.base_url.replace("s3cr3tk3y", "wrong"))
        await outbound.retry_now(order.id)
        assert await outbound.push_deal(wrong_key, order.id) == "failed"
    link = await DealLink.get(order_id=order.id)
    assert link.state is SyncState.FAILED and "INVALID_CREDENTIALS" in link.last_error
    assert crm.deal_of_order(order.id) is None


async def test_the_client_maps_answers_to_away_or_refused(crm: CrmStandIn, crm_client: CrmClient):
    deal_id = await crm_client.add_deal({"TITLE": "x"})
    assert (await crm_client.get_deal(deal_id)).title == "x"
    try:
        await crm_client.get_deal(999_999)
    except CrmRefused as exc:
        assert exc.status == 400 and "Not found" in exc.description
    else:
        raise AssertionError("a missing deal is refused")
    crm.limit_calls()
    try:
        await crm_client.get_deal(deal_id)
    except CrmUnavailable as exc:
        assert exc.after_seconds and exc.after_seconds > 0
    else:
        raise AssertionError("QUERY_LIMIT_EXCEEDED means later")
