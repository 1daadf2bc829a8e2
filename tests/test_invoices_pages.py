"""The invoices on the order page: what the dealer reads, what the factory's forms do, and
that nobody else sees or changes them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from app import i18n
from app.orders import invoices
from app.orders.models import Invoice, InvoiceStatus
from app.orders.schemas import InvoiceCreate
from tests.factories import World, make_world
from tests.mail_fixtures import speaks
from tests.notification_helpers import confirmed_order
from tests.test_pages import log_in, post_form

ISSUED_AT = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)
"""2 March in Vladivostok (UTC+10), still 1 March in Moscow."""


@pytest.fixture
async def world(db: Any) -> World:
    return await make_world()


async def invoiced_order(world: World) -> int:
    order = await confirmed_order(world, "alice")
    data = InvoiceCreate(
        number="СЧ-00418", amount_kopecks=6_172_50, issued_at=ISSUED_AT, due_on=date(2026, 3, 9)
    )
    await invoices.issue_invoice(await world.actor("manager"), order.id, data)
    return order.id


def in_russian(value: Any, how: Any) -> str:
    with i18n.speaking("ru", "Asia/Vladivostok"):
        return str(how(value))


async def test_the_dealer_reads_number_amount_dates_and_status_in_its_own_time_zone(
    world: World, app_client: Any
):
    order_id = await invoiced_order(world)
    await speaks(world.people["alice"], "ru", "Asia/Vladivostok")
    await log_in(app_client, "alice")

    page = await app_client.get(f"/orders/{order_id}")

    assert page.status_code == 200
    block = page.text[page.text.index('id="invoices"') :]
    assert "Счета" in page.text and "№ СЧ-00418" in block
    assert in_russian(6_172_50, i18n.format_money) in block
    assert in_russian(ISSUED_AT, i18n.format_day) in block  # 2 March there
    assert "2 мар. 2026" in block and "1 мар. 2026" not in block
    assert in_russian(date(2026, 3, 9), i18n.format_day) in block
    assert "Ожидает оплаты" in block
    assert "Выставить счёт" not in page.text and "Отметить оплату" not in page.text


async def test_a_person_who_may_not_see_prices_sees_the_invoice_without_its_amount(
    world: World, app_client: Any
):
    order_id = await invoiced_order(world)
    await log_in(app_client, "viewer")
    page = await app_client.get(f"/orders/{order_id}")
    block = page.text[page.text.index('id="invoices"') :]
    assert "№ СЧ-00418" in block and "6 172" not in block and "6\xa0172" not in block


@pytest.mark.parametrize("who", ["bob", "idle_manager@factory.example", "sam"])
async def test_outsiders_get_the_friendly_404_and_change_nothing(
    world: World, app_client: Any, who: str
):
    order_id = await invoiced_order(world)
    [invoice] = await Invoice.all()
    await log_in(app_client, who)
    page = await app_client.get(f"/orders/{order_id}")
    assert page.status_code == 404 and "СЧ-00418" not in page.text
    for path, form in (
        (f"/orders/{order_id}/invoices", {"number": "СЧ-1", "amount": "10"}),
        (f"/orders/{order_id}/invoices/{invoice.id}/paid", {}),
        (f"/orders/{order_id}/invoices/{invoice.id}/cancel", {"reason": "mine"}),
    ):
        answer = await post_form(app_client, path, form)
        assert answer.status_code in (403, 404), (path, answer.status_code)
        assert "СЧ-00418" not in answer.text
    assert [(i.number, i.status) for i in await Invoice.all()] == [
        ("СЧ-00418", InvoiceStatus.ISSUED)
    ]


async def test_the_dealer_cannot_post_the_factorys_forms(world: World, app_client: Any):
    order_id = await invoiced_order(world)
    [invoice] = await Invoice.all()
    await log_in(app_client, "alice")
    issued = await post_form(
        app_client, f"/orders/{order_id}/invoices", {"number": "X", "amount": "1"}
    )
    paid = await post_form(app_client, f"/orders/{order_id}/invoices/{invoice.id}/paid", {})
    assert issued.status_code == paid.status_code == 403
    assert await Invoice.all().count() == 1
    assert (await Invoice.get(id=invoice.id)).status == InvoiceStatus.ISSUED


async def test_the_manager_issues_marks_paid_and_cancels_through_the_order_page(
    world: World, app_client: Any
):
    order = await confirmed_order(world, "alice")
    path = f"/orders/{order.id}"
    await log_in(app_client, "manager@factory.example")
    assert "Выставить счёт" in (await app_client.get(path)).text

    issued = await post_form(
        app_client,
        f"{path}/invoices",
        {"number": " СЧ-1 ", "amount": "12 345,67", "due_on": "2099-01-31"},
    )
    assert "Счёт выставлен" in issued.text
    [first] = await Invoice.all()
    assert (first.number, first.amount_kopecks, first.due_on) == (
        "СЧ-1",
        12_345_67,
        date(2099, 1, 31),
    )

    duplicate = await post_form(app_client, f"{path}/invoices", {"number": "СЧ-1", "amount": "1"})
    assert duplicate.status_code == 409
    assert "У заказа уже есть счёт с таким номером" in duplicate.text
    for amount in ("0", "-5", "1,005", "много"):
        bad = await post_form(app_client, f"{path}/invoices", {"number": "СЧ-2", "amount": amount})
        assert bad.status_code == 422, amount
        assert "Введите сумму в рублях" in bad.text
    assert await Invoice.all().count() == 1

    paid = await post_form(app_client, f"{path}/invoices/{first.id}/paid", {})
    assert "Счёт отмечен как оплаченный" in paid.text
    assert (await Invoice.get(id=first.id)).status == InvoiceStatus.PAID

    await post_form(app_client, f"{path}/invoices", {"number": "СЧ-2", "amount": "100"})
    second = await Invoice.get(number="СЧ-2")
    no_reason = await post_form(app_client, f"{path}/invoices/{second.id}/cancel", {"reason": " "})
    assert no_reason.status_code == 422
    cancelled = await post_form(
        app_client, f"{path}/invoices/{second.id}/cancel", {"reason": "Выставлен повторно"}
    )
    assert "Счёт отменён" in cancelled.text
    block = cancelled.text[cancelled.text.index('id="invoices"') :]
    assert "Оплачен" in block and "Отменён" in block and "Выставлен повторно" in block
    late = await post_form(app_client, f"{path}/invoices/{second.id}/paid", {})
    assert late.status_code == 409
    assert "Этот счёт уже оплачен или отменён" in late.text
