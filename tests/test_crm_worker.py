"""The CRM sync end to end: the app under uvicorn, the real arq worker, the stand-in CRM.

The CRM is down while the dealer submits and the factory moves the order along; the
dealer is never held up, and once the CRM is back the deal catches up in order. Then a
manager cancels the deal in the CRM: its webhook reaches the web process, the worker
applies it, and the dealer, subscribed to the order, sees it live.
"""

from __future__ import annotations

import time

import httpx

from app.crm.models import CrmInbound, DealLink, InboundOutcome, SyncState
from app.orders import production
from app.orders.events import order_topic
from app.orders.models import Order, OrderStatus, UnitStage
from realtime.protocol import Event
from tests import crm_standin, live_fixtures
from tests.crm_standin import CrmStandIn, post_form
from tests.factories import make_world, place_draft
from tests.live_fixtures import RecordingClient, issue_token, wait_until

crm = crm_standin.crm
web_processes = live_fixtures.web_processes
worker_processes = live_fixtures.worker_processes

LIFECYCLE = ["NEW", "PREPARATION", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE"]


async def link_of(order_id: int) -> DealLink | None:
    return await DealLink.get_or_none(order_id=order_id)


async def test_outage_catch_up_in_order_then_a_crm_change_reaches_the_dealer_live(
    db, crm: CrmStandIn, web_processes, worker_processes, monkeypatch
):
    monkeypatch.setenv("CONSUMER_SETTLE_SECONDS", "5")
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-100:piece", 2)])
    [web] = web_processes.start(1)
    worker_processes.start()
    _, alice = await issue_token(web.url, "alice@test.example")
    _, manager = await issue_token(web.url, "manager@factory.example")

    await crm.go_down("503")
    async with httpx.AsyncClient(base_url=web.url) as http:
        started = time.monotonic()
        submitted = await http.post(
            f"/api/v1/orders/{draft.id}/submit", headers={"Authorization": f"Bearer {alice}"}
        )
        assert submitted.status_code == 200 and time.monotonic() - started < 2
        await wait_until(lambda: crm.refused_calls > 0, 15, "the worker tried the CRM")
        confirmed = await http.post(
            f"/api/v1/orders/{draft.id}/confirm", headers={"Authorization": f"Bearer {manager}"}
        )
        assert confirmed.status_code == 200
    await production.move_units(None, draft.id, UnitStage.CUTTING, by_system="erp")

    async def failing() -> bool:
        link = await link_of(draft.id)
        return link is not None and link.attempts >= 2 and "503" in link.last_error

    await wait_until(failing, 20, "pushes are retried with backoff")
    assert crm.deals == {}
    await crm.come_up()

    async def caught_up() -> bool:
        link = await link_of(draft.id)
        order = await Order.get(id=draft.id)
        return (
            link is not None
            and link.state is SyncState.SYNCED
            and (link.pushed_version == order.version)
        )

    await wait_until(caught_up, 30, "the deal catches up once the CRM is back")
    deal = crm.deal_of_order(draft.id)
    assert deal["STAGE_ID"] == "EXECUTING"
    assert crm.methods_called().count("crm.deal.add") == 1
    stages = [
        p["fields"]["STAGE_ID"] for m, p in crm.calls if m in ("crm.deal.add", "crm.deal.update")
    ]
    assert stages == sorted(stages, key=LIFECYCLE.index), "never an older stage over a newer one"

    async with RecordingClient(web.ws_url, token=alice) as live:
        subscribed = await live.subscribe(order_topic(draft.id))
        form = crm.manager_sets_stage(int(deal["ID"]), "LOSE")
        assert await post_form(f"{web.url}/crm/webhook", form) == 200
        seen: list[Event] = []

        async def dealer_sees_it() -> bool:
            while not any(e.event == "crm.deal_changed" for e in seen):
                frame = await live.next_frame(10)
                assert isinstance(frame, Event)
                seen.append(frame)
            return True

        await wait_until(dealer_sees_it, 20, "crm.deal_changed reaches the dealer live")
    kinds = [e.event for e in seen]
    assert kinds.index("order.status_changed") < kinds.index("crm.deal_changed")
    status = next(e for e in seen if e.event == "order.status_changed")
    assert status.data["to_status"] == "cancelled" and status.data["by_system"] == "crm"
    changed = next(e for e in seen if e.event == "crm.deal_changed")
    assert changed.data["changes"] == ["stage"] and changed.data["deal_id"] == int(deal["ID"])
    assert all(e.seq > subscribed.position for e in seen)
    assert (await Order.get(id=draft.id)).status is OrderStatus.CANCELLED
    assert await CrmInbound.filter(outcome=InboundOutcome.APPLIED).count() == 1
