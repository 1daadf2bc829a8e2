"""CRM → cabinet: a manager changes the deal, the CRM's webhook reaches the cabinet, the
change is verified, re-read over REST and applied to the order through its rules.

Webhooks go through the app (in this process); the worker's pass runs here (`run_sync`).
"""

from __future__ import annotations

import logging
import time

import pytest

from app.chat.models import AuthorSide, ChatMessage, ChatRoom
from app.crm.models import CrmInbound, DealLink, InboundOutcome, SyncState
from app.orders import production, service
from app.orders.models import Order, OrderItem, OrderStatus, OrderStatusChange, ProductionUnit
from tests import crm_standin
from tests.chat_helpers import events_on
from tests.crm_standin import CrmStandIn, run_sync
from tests.factories import make_world, place_draft

crm = crm_standin.crm
crm_client = crm_standin.crm_client


async def order_with_deal(world, crm_client, who="alice", lines=None):
    """A submitted order of `who`, pushed: (order, deal id)."""
    draft = await place_draft(world, who, lines or [("D-100:piece", 2), ("H-1:box", 3)])
    order = await service.submit_order(await world.actor(who), draft.id)
    await run_sync(crm_client)
    return await Order.get(id=order.id), int((await DealLink.get(order_id=order.id)).deal_id)


async def deliver(app_client, form) -> int:
    """The CRM posts its outbound webhook (form-encoded) to the cabinet."""
    answer = await app_client.post("/crm/webhook", data=dict(form))
    return answer.status_code


async def outcomes() -> list[InboundOutcome]:
    return list(await CrmInbound.all().order_by("id").values_list("outcome", flat=True))


async def test_manager_confirms_the_deal_and_the_order_is_confirmed_with_its_units(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    order, deal_id = await order_with_deal(world, crm_client)
    assert await deliver(app_client, crm.manager_sets_stage(deal_id, "PREPARATION")) == 200
    assert await Order.get(id=order.id).values_list("status", flat=True) == "submitted", (
        "the request only records the call: the order changes in the worker"
    )
    calls = len(crm.calls)
    await run_sync(crm_client)

    confirmed = await Order.get(id=order.id)
    assert confirmed.status is OrderStatus.CONFIRMED
    change = await OrderStatusChange.filter(order_id=order.id).order_by("-id").first()
    assert change.by_system == "crm" and change.by_person_id is None
    assert await ProductionUnit.filter(order_id=order.id).count() == 2 + 3 * 100
    assert crm.methods_called()[calls:] == ["crm.deal.get", "crm.deal.productrows.get"]
    events = await events_on(f"order:{order.id}")
    changed = [data for kind, data in events if kind == "crm.deal_changed"]
    assert changed == [
        {
            "type": "crm.deal_changed",
            "order_id": order.id,
            "number": order.number,
            "dealer_id": world.dealer_a.id,
            "deal_id": deal_id,
            "stage_id": "PREPARATION",
            "changes": ["stage"],
            "at": changed[0]["at"],
        }
    ]
    assert [
        d
        for k, d in await events_on(f"dealer:{world.dealer_a.id}:orders")
        if k == "crm.deal_changed"
    ] == changed
    assert await outcomes() == [InboundOutcome.APPLIED]
    link = await DealLink.get(order_id=order.id)
    assert link.state is SyncState.SYNCED and link.pushed_version == confirmed.version
    await run_sync(crm_client)
    assert "crm.deal.update" not in crm.methods_called()[calls:], "no echo back to the CRM"


async def test_a_duplicate_delivery_is_recorded_and_applied_once(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    order, deal_id = await order_with_deal(world, crm_client)
    form = crm.manager_sets_stage(deal_id, "LOSE")
    assert await deliver(app_client, form) == 200
    assert await deliver(app_client, form) == 200
    await run_sync(crm_client)
    assert await deliver(app_client, form) == 200
    await run_sync(crm_client)
    assert await outcomes() == [
        InboundOutcome.APPLIED,
        InboundOutcome.DUPLICATE,
        InboundOutcome.DUPLICATE,
    ]
    assert (await Order.get(id=order.id)).status is OrderStatus.CANCELLED
    kinds = [k for k, _ in await events_on(f"order:{order.id}")]
    assert kinds.count("crm.deal_changed") == 1 and kinds.count("order.status_changed") == 2


async def test_calls_out_of_order_apply_the_newest_deal_once(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    _order, deal_id = await order_with_deal(world, crm_client)
    now = int(time.time())
    first = crm.manager_sets_comment(deal_id, "Price agreed with the director")
    second = crm.manager_sets_stage(deal_id, "PREPARATION")
    first = [(k, str(now - 5) if k == "ts" else v) for k, v in first]
    assert await deliver(app_client, second) == 200
    await run_sync(crm_client)
    assert await deliver(app_client, first) == 200  # older, arriving last
    await run_sync(crm_client)
    assert await outcomes() == [InboundOutcome.APPLIED, InboundOutcome.UNCHANGED]
    notes = await ChatMessage.filter(author_side=AuthorSide.SYSTEM, system=None).values_list(
        "body", flat=True
    )
    assert notes == ["Price agreed with the director"], "the comment is noted once"


async def test_a_read_older_than_the_one_applied_is_ignored(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    order, deal_id = await order_with_deal(world, crm_client)
    earlier = crm.manager_sets_stage(deal_id, "PREPARATION")
    earlier = [(k, str(int(time.time()) - 5) if k == "ts" else v) for k, v in earlier]
    later = crm.manager_sets_stage(deal_id, "LOSE")
    assert await deliver(app_client, later) == 200
    await run_sync(crm_client)
    crm.serve_previous_read_once(deal_id)  # a lagging replica answers the next read
    assert await deliver(app_client, earlier) == 200
    await run_sync(crm_client)
    assert await outcomes() == [InboundOutcome.APPLIED, InboundOutcome.OUT_OF_ORDER]
    assert (await Order.get(id=order.id)).status is OrderStatus.CANCELLED
    assert (await DealLink.get(order_id=order.id)).state is SyncState.SYNCED


async def test_echoes_of_the_cabinets_own_pushes_change_nothing(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    order, _deal_id = await order_with_deal(world, crm_client)
    await production.confirm_order(await world.actor("manager"), order.id)
    await run_sync(crm_client)
    assert len(crm.echoes) == 2  # the rows of the new deal, then its new stage
    for form in crm.echoes:
        assert await deliver(app_client, form) in (200,)
    before = len(await events_on(f"order:{order.id}"))
    await run_sync(crm_client)
    assert set(await outcomes()) <= {InboundOutcome.UNCHANGED, InboundOutcome.DUPLICATE}
    assert len(await events_on(f"order:{order.id}")) == before


async def test_a_forged_call_is_refused_logged_and_recorded_without_reading_the_deal(
    db, app_client, crm: CrmStandIn, crm_client, caplog
):
    world = await make_world()
    order, deal_id = await order_with_deal(world, crm_client)
    calls = len(crm.calls)
    form = crm.manager_sets_stage(deal_id, "LOSE")
    forged = [(k, "0" * 32 if k == "auth[application_token]" else v) for k, v in form]
    with caplog.at_level(logging.WARNING, logger="app.crm.inbound"):
        answer = await app_client.post("/crm/webhook", data=dict(forged))
    assert answer.status_code == 401 and answer.json()["code"] == "forged_webhook"
    assert "wrong application token" in caplog.text and "0" * 32 not in caplog.text
    no_token = [(k, v) for k, v in form if k != "auth[application_token]"]
    assert await deliver(app_client, no_token) == 401
    await run_sync(crm_client)
    forged_rows = await CrmInbound.all()
    assert {c.outcome for c in forged_rows} == {InboundOutcome.FORGED}
    assert sum(c.calls for c in forged_rows) == 2, "counted in a row a minute"
    assert (await Order.get(id=order.id)).status is OrderStatus.SUBMITTED
    assert crm.methods_called()[calls:] == []


@pytest.mark.parametrize("age", [-3600, 3600])
async def test_a_stale_or_future_ts_is_refused(db, app_client, crm: CrmStandIn, crm_client, age):
    world = await make_world()
    order, deal_id = await order_with_deal(world, crm_client)
    form = crm.manager_sets_stage(deal_id, "LOSE")
    stale = [(k, str(int(time.time()) - age) if k == "ts" else v) for k, v in form]
    answer = await app_client.post("/crm/webhook", data=dict(stale))
    assert answer.status_code == 400 and answer.json()["code"] == "stale_webhook"
    await run_sync(crm_client)
    assert await outcomes() == [InboundOutcome.STALE]
    assert (await Order.get(id=order.id)).status is OrderStatus.SUBMITTED


async def test_a_stage_the_order_may_not_take_is_recorded_and_the_deal_put_back(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    order, deal_id = await order_with_deal(world, crm_client)
    assert await deliver(app_client, crm.manager_sets_stage(deal_id, "EXECUTING")) == 200
    await run_sync(crm_client)  # applies (refuses), then pushes the order's stage back
    assert (await Order.get(id=order.id)).status is OrderStatus.SUBMITTED
    inbound = await CrmInbound.get()
    assert inbound.outcome is InboundOutcome.REFUSED and "EXECUTING" in inbound.detail
    await run_sync(crm_client)
    assert crm.deals[deal_id]["STAGE_ID"] == "NEW"
    assert (await DealLink.get(order_id=order.id)).state is SyncState.SYNCED


async def test_rows_change_quantities_and_prices_before_confirmation_only(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    order, deal_id = await order_with_deal(
        world, crm_client, lines=[("D-100:piece", 2), ("H-1:box", 3), ("D-200:piece", 1)]
    )
    rows = crm.rows[deal_id]
    new_rows = [
        {**rows[0], "QUANTITY": 4},  # more doors
        {**rows[1], "PRICE": 14000.00},  # a discount on handles
    ]  # and the third line removed
    assert await deliver(app_client, crm.manager_sets_rows(deal_id, new_rows)) == 200
    await run_sync(crm_client)
    items = await OrderItem.filter(order_id=order.id).order_by("position")
    assert [(i.position, i.quantity, i.unit_price_kopecks) for i in items] == [
        (1, 4, 1_234_500),
        (2, 3, 1_400_000),
    ]
    changed = await Order.get(id=order.id)
    assert changed.total_kopecks == 4 * 1_234_500 + 3 * 1_400_000
    kinds = [k for k, d in await events_on(f"order:{order.id}")]
    assert kinds[-2:] == ["order.updated", "crm.deal_changed"]
    last = (await events_on(f"order:{order.id}"))[-1][1]
    assert last["changes"] == ["items", "amount"]

    await production.confirm_order(await world.actor("manager"), order.id)
    await run_sync(crm_client)
    rows = crm.rows[deal_id]
    assert (
        await deliver(
            app_client, crm.manager_sets_rows(deal_id, [{**rows[0], "QUANTITY": 9}, rows[1]])
        )
        == 200
    )
    await run_sync(crm_client)
    assert (await CrmInbound.all().order_by("-id").first()).outcome is InboundOutcome.REFUSED
    assert await ProductionUnit.filter(order_id=order.id).count() == 4 + 300
    await run_sync(crm_client)
    assert [r["QUANTITY"] for r in crm.rows[deal_id]] == [4.0, 3.0], "the deal is put back"


async def test_a_deal_comment_becomes_a_note_in_the_orders_thread(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    order, deal_id = await order_with_deal(world, crm_client)
    form = crm.manager_sets_comment(deal_id, "Delivery moved to Friday")
    assert await deliver(app_client, form) == 200
    await run_sync(crm_client)
    room = await ChatRoom.get(order_id=order.id)
    note = await ChatMessage.filter(room_id=room.id).order_by("-id").first()
    assert note.author_side is AuthorSide.SYSTEM and note.body == "Delivery moved to Friday"


async def test_a_second_change_in_the_same_second_is_not_taken_for_a_duplicate(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    order, deal_id = await order_with_deal(world, crm_client)
    form = crm.manager_sets_stage(deal_id, "PREPARATION")
    assert await deliver(app_client, form) == 200
    await run_sync(crm_client)
    crm.manager_sets_comment(deal_id, "Painted by Monday")
    assert await deliver(app_client, form) == 200  # the CRM's ts has one-second resolution
    await run_sync(crm_client)
    assert await outcomes() == [InboundOutcome.APPLIED, InboundOutcome.APPLIED]
    last = (await events_on(f"order:{order.id}"))[-1][1]
    assert last["type"] == "crm.deal_changed" and last["changes"] == ["comment"]


async def test_quantities_changed_with_the_move_to_preparation_are_confirmed_with_the_order(
    db, app_client, crm: CrmStandIn, crm_client
):
    world = await make_world()
    order, deal_id = await order_with_deal(world, crm_client)
    rows = crm.rows[deal_id]
    crm.manager_sets_rows(deal_id, [{**rows[0], "QUANTITY": 5}, rows[1]])
    form = crm.manager_sets_stage(deal_id, "PREPARATION")  # one save in the CRM: one call
    assert await deliver(app_client, form) == 200
    await run_sync(crm_client)

    confirmed = await Order.get(id=order.id)
    assert confirmed.status is OrderStatus.CONFIRMED
    items = await OrderItem.filter(order_id=order.id).order_by("position")
    assert [i.quantity for i in items] == [5, 3]
    assert confirmed.total_kopecks == 5 * 1_234_500 + 3 * 1_505_000
    assert await ProductionUnit.filter(order_id=order.id).count() == 5 + 3 * 100, (
        "production is planned from the new quantities"
    )
    inbound = await CrmInbound.get()
    assert inbound.outcome is InboundOutcome.APPLIED and inbound.detail == ""
    last = (await events_on(f"order:{order.id}"))[-1][1]
    assert last["type"] == "crm.deal_changed"
    assert last["changes"] == ["stage", "items", "amount"]
    calls = len(crm.calls)
    await run_sync(crm_client)
    assert "crm.deal.productrows.set" not in crm.methods_called()[calls:], "nothing put back"
    assert [r["QUANTITY"] for r in crm.rows[deal_id]] == [5.0, 3.0]
    assert (await DealLink.get(order_id=order.id)).state is SyncState.SYNCED
