"""Invoices over HTTP: who may read and write them, and how bad input is answered.

The ERP calls the cabinet with a factory person's bearer token (here the manager's); the
dealer's people read the invoices of their orders; nobody else learns they exist.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.accounts.models import AuditEntry
from app.orders.models import Invoice
from realtime.outbox import OutboxEvent
from tests.factories import World, make_world, place_draft
from tests.notification_helpers import confirmed_order
from tests.test_tenancy import MISSING, bearer, cookie_session

INVOICE = {"number": "СЧ-00418", "amount_kopecks": 6_172_50, "due_on": "2026-12-31"}


def invoices_of(order_id: int) -> str:
    return f"/api/v1/orders/{order_id}/invoices"


async def headers_of(client: Any, world: World, who: str) -> dict[str, str]:
    return await bearer(client, world.people[who].email)


async def stored() -> tuple[list[tuple[Any, ...]], int, int]:
    """Everything an invoice request may write."""
    rows = await Invoice.all().order_by("id").values_list("id", "status", "number")
    return list(rows), await OutboxEvent.all().count(), await AuditEntry.all().count()


@pytest.fixture
async def world(db: Any) -> World:
    return await make_world()


async def test_the_erp_issues_with_a_staff_token_and_the_dealers_people_read_it(
    world: World, app_client: Any
):
    order = await confirmed_order(world, "alice")
    erp = await headers_of(app_client, world, "manager")

    issued = await app_client.post(invoices_of(order.id), json=INVOICE, headers=erp)

    assert issued.status_code == 201, issued.text
    body = issued.json()
    assert body["number"] == "СЧ-00418" and body["status"] == "issued"
    assert body["amount_kopecks"] == 6_172_50 and body["due_on"] == "2026-12-31"
    assert body["issued_by_person_id"] == world.people["manager"].id
    for who in ("alice", "manager", "supervisor"):
        listed = await app_client.get(
            invoices_of(order.id), headers=await headers_of(app_client, world, who)
        )
        assert listed.status_code == 200, (who, listed.text)
        [row] = listed.json()["items"]
        assert row["id"] == body["id"] and row["amount_kopecks"] == 6_172_50
        assert listed.json()["position"][f"order:{order.id}"] >= 1
    # Someone who may not see prices sees the invoice without its amount.
    hidden = await app_client.get(
        invoices_of(order.id), headers=await headers_of(app_client, world, "viewer")
    )
    [row] = hidden.json()["items"]
    assert row["number"] == "СЧ-00418" and row["amount_kopecks"] is None
    detail = await app_client.get(
        f"/api/v1/orders/{order.id}", headers=await headers_of(app_client, world, "alice")
    )
    assert [i["number"] for i in detail.json()["invoices"]] == ["СЧ-00418"]
    assert "issue_invoice" not in detail.json()["allowed_actions"]
    staff_view = await app_client.get(f"/api/v1/orders/{order.id}", headers=erp)
    assert {"issue_invoice", "manage_invoices"} <= set(staff_view.json()["allowed_actions"])


async def test_a_holdings_people_read_a_subsidiarys_invoices_and_its_sibling_does_not(
    world: World, app_client: Any
):
    order = await confirmed_order(world, "sam")
    erp = await headers_of(app_client, world, "manager")
    assert (await app_client.post(invoices_of(order.id), json=INVOICE, headers=erp)).is_success
    holly = await app_client.get(
        invoices_of(order.id), headers=await headers_of(app_client, world, "holly")
    )
    assert [i["number"] for i in holly.json()["items"]] == ["СЧ-00418"]


@pytest.mark.parametrize("who", ["bob", "idle_manager", "sam", "holly"])
async def test_outsiders_cannot_tell_an_orders_invoices_from_a_missing_order(
    world: World, app_client: Any, who: str
):
    order = await confirmed_order(world, "alice")
    erp = await headers_of(app_client, world, "manager")
    invoice = (await app_client.post(invoices_of(order.id), json=INVOICE, headers=erp)).json()
    headers = await headers_of(app_client, world, who)
    before = await stored()

    listed = await app_client.get(invoices_of(order.id), headers=headers)
    ghost = await app_client.get(invoices_of(MISSING), headers=headers)
    assert listed.status_code == 404
    assert listed.json() == ghost.json()
    assert "СЧ-00418" not in listed.text
    detail = await app_client.get(f"/api/v1/orders/{order.id}", headers=headers)
    assert detail.status_code == 404 and "СЧ-00418" not in detail.text

    # Writing: dealer people are refused as such (403, like confirming), an unassigned
    # manager finds no such order (404).
    expected = (404, "not_found") if who == "idle_manager" else (403, "staff_only")
    for path, body in (
        (invoices_of(order.id), {**INVOICE, "number": "СЧ-2"}),
        (f"{invoices_of(order.id)}/{invoice['id']}/paid", None),
        (f"{invoices_of(order.id)}/{invoice['id']}/cancel", {"reason": "mine now"}),
    ):
        answer = await app_client.post(path, json=body, headers=headers)
        assert (answer.status_code, answer.json()["code"]) == expected, (path, answer.text)
    assert await stored() == before


@pytest.mark.parametrize("who", ["alice", "viewer"])
async def test_the_dealers_own_people_may_not_issue_pay_or_cancel(
    world: World, app_client: Any, who: str
):
    order = await confirmed_order(world, "alice")
    erp = await headers_of(app_client, world, "manager")
    invoice = (await app_client.post(invoices_of(order.id), json=INVOICE, headers=erp)).json()
    cookie, csrf = await cookie_session(world.people[who])
    token = await headers_of(app_client, world, who)
    before = await stored()
    for headers in (token, {**cookie, "X-CSRF-Token": csrf}):
        for path, body in (
            (invoices_of(order.id), {**INVOICE, "number": "СЧ-2"}),
            (f"{invoices_of(order.id)}/{invoice['id']}/paid", None),
            (f"{invoices_of(order.id)}/{invoice['id']}/cancel", {"reason": "paid in cash"}),
        ):
            answer = await app_client.post(path, json=body, headers=headers)
            assert answer.status_code == 403, answer.text
            assert answer.json() == {
                "status": 403,
                "code": "staff_only",
                "message": "Only the factory issues and settles invoices",
            }
    assert await stored() == before


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"amount_kopecks": 0}, "amount_kopecks", "invalid"),
        ({"amount_kopecks": -100}, "amount_kopecks", "invalid"),
        ({"amount_kopecks": 2**63}, "amount_kopecks", "invalid"),
        ({"amount_kopecks": 12.5}, "amount_kopecks", "invalid"),
        ({"number": ""}, "number", "invalid"),
        ({"number": "   "}, "number", "invalid"),
        ({"number": "С" * 41}, "number", "invalid"),
        ({"number": "СЧ\x00-1"}, "number", "invalid"),
        ({"number": "СЧ\n1"}, "number", "invalid"),
        ({"due_on": "31.12.2026"}, "due_on", "invalid"),
        ({"due_on": "2020-01-01"}, "due_on", "due_before_issue"),
        ({"issued_at": "2999-01-01T00:00:00Z"}, "issued_at", "issued_in_future"),
        ({"paid": True}, "paid", "invalid"),
    ],
)
async def test_bad_input_is_a_structured_422_naming_the_field_and_stores_nothing(
    world: World, app_client: Any, change: dict[str, Any], field: str, code: str
):
    order = await confirmed_order(world, "alice")
    erp = await headers_of(app_client, world, "manager")
    before = await stored()
    answer = await app_client.post(invoices_of(order.id), json={**INVOICE, **change}, headers=erp)
    assert answer.status_code == 422, answer.text
    error = answer.json()
    assert set(error) == {"status", "code", "message", "field"}
    assert (error["status"], error["code"], error["field"]) == (422, code, field)
    assert await stored() == before


async def test_state_conflicts_are_409s_with_their_own_codes(world: World, app_client: Any):
    order = await confirmed_order(world, "alice")
    draft = await place_draft(world, "alice", [("D-100:piece", 1)])
    erp = await headers_of(app_client, world, "manager")
    invoice = (await app_client.post(invoices_of(order.id), json=INVOICE, headers=erp)).json()
    before = await stored()

    again = await app_client.post(invoices_of(order.id), json=INVOICE, headers=erp)
    assert again.status_code == 409
    assert (again.json()["code"], again.json()["field"]) == ("duplicate_invoice", "number")
    on_draft = await app_client.post(invoices_of(draft.id), json=INVOICE, headers=erp)
    assert (on_draft.status_code, on_draft.json()["code"]) == (409, "not_invoiceable")
    assert await stored() == before

    paid = await app_client.post(f"{invoices_of(order.id)}/{invoice['id']}/paid", headers=erp)
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    for path, body in (("paid", None), ("cancel", {"reason": "wrong amount"})):
        late = await app_client.post(
            f"{invoices_of(order.id)}/{invoice['id']}/{path}", json=body, headers=erp
        )
        assert (late.status_code, late.json()["code"]) == (409, "invoice_closed")
    elsewhere = await app_client.post(f"{invoices_of(draft.id)}/{invoice['id']}/paid", headers=erp)
    assert elsewhere.status_code == 404


async def test_cancelling_needs_a_reason_the_dealer_then_reads(world: World, app_client: Any):
    order = await confirmed_order(world, "alice")
    erp = await headers_of(app_client, world, "manager")
    invoice = (await app_client.post(invoices_of(order.id), json=INVOICE, headers=erp)).json()
    path = f"{invoices_of(order.id)}/{invoice['id']}/cancel"
    bare = await app_client.post(path, json={"reason": ""}, headers=erp)
    assert (bare.status_code, bare.json()["field"]) == (422, "reason")
    done = await app_client.post(path, json={"reason": "Re-issued as СЧ-00419"}, headers=erp)
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    listed = await app_client.get(
        invoices_of(order.id), headers=await headers_of(app_client, world, "alice")
    )
    [row] = listed.json()["items"]
    assert row["status"] == "cancelled" and row["cancel_reason"] == "Re-issued as СЧ-00419"
