"""Invoices in Chromium: the ERP issues one with a staff token, a manager marks it paid on
the order page, and the dealer's open order page shows both, unreloaded."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import expect

from tests.factories import make_world
from tests.notification_helpers import confirmed_order
from tests.test_browser_live import LIVE_WITHIN_MS, app_headers, open_live, still_the_same_page

pytestmark = pytest.mark.browser


async def test_dealer_sees_an_invoice_arrive_and_get_paid_live(db, live_server, browser_of):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    order_path = f"/orders/{order.id}"
    dealer = await browser_of("alice@test.example")
    order_page = await open_live(dealer, order_path)
    invoices = order_page.locator("#invoices tbody tr")
    await expect(invoices).to_have_count(0)

    erp = await app_headers(live_server, "manager@factory.example")
    async with httpx.AsyncClient(base_url=live_server, headers=erp) as client:
        issued = await client.post(
            f"/api/v1/orders/{order.id}/invoices",
            json={"number": "СЧ-00418", "amount_kopecks": 6_172_50, "due_on": "2099-01-31"},
        )
    assert issued.status_code == 201, issued.text

    await expect(invoices).to_have_count(1, timeout=LIVE_WITHIN_MS)
    row = invoices.first
    await expect(row).to_contain_text("№ СЧ-00418")
    await expect(row).to_contain_text("6 172,50 ₽")
    await expect(row).to_contain_text("31 янв. 2099")
    await expect(row).to_contain_text("Ожидает оплаты")
    await expect(order_page.get_by_role("button", name="Отметить оплату")).to_have_count(0)

    manager = await (await browser_of("manager@factory.example")).new_page()
    manager.on("dialog", lambda dialog: dialog.accept())
    await manager.goto(order_path)
    await manager.get_by_role("button", name="Отметить оплату").click()
    await expect(manager.get_by_role("status")).to_contain_text("Счёт отмечен как оплаченный")

    await expect(row).to_contain_text("Оплачен", timeout=LIVE_WITHIN_MS)
    assert await still_the_same_page(order_page), "the page was reloaded"
