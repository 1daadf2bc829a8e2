"""End to end in Chromium: a dealer orders from the catalog, the factory starts producing it.

Set `SCREENSHOT_DIR` to keep a phone-sized screenshot of the order page for a look.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.factories import PASSWORD, make_world

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


async def logged_in(browser: Browser, base_url: str, email: str, viewport: dict) -> Page:
    """A fresh browser context in which the person has logged in through the form."""
    context: BrowserContext = await browser.new_context(
        base_url=base_url, viewport=viewport, locale="ru-RU"
    )
    page = await context.new_page()
    await page.goto("/login")
    await page.get_by_label("Электронная почта").fill(email)
    await page.get_by_label("Пароль").fill(PASSWORD)
    await page.get_by_role("button", name="Вход").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")
    return page


async def test_dealer_orders_factory_confirms_and_dealer_sees_the_unit_move(
    db, live_server, browser
):
    await make_world()

    dealer = await logged_in(browser, live_server, "alice@test.example", PHONE)
    await dealer.get_by_role("link", name="Каталог", exact=True).click()
    await dealer.get_by_label("Артикул или название").fill("D-200")
    await dealer.get_by_role("button", name="Найти").click()
    row = dealer.locator("tr", has=dealer.locator("code", has_text="D-200"))
    await row.get_by_label("Единица").select_option(label="Паллета (10 штук)")
    await row.get_by_label("Количество").fill("1")
    await row.get_by_role("button", name="В заказ").click()
    await expect(dealer.get_by_role("status")).to_contain_text("Черновик сохранён")
    order_path = re.sub(r"\?.*", "", dealer.url.removeprefix(live_server))
    number = (await dealer.get_by_role("heading", level=1).inner_text()).split("№")[1].strip()

    await dealer.get_by_role("button", name="Отправить на завод").click()
    await expect(dealer.get_by_role("status")).to_contain_text("Заказ отправлен на завод")
    await dealer.get_by_role("link", name="Заказы", exact=True).click()
    listed = dealer.locator("tr", has=dealer.get_by_role("link", name=f"№ {number}"))
    await expect(listed).to_contain_text("Отправлен")

    manager = await logged_in(browser, live_server, "manager@factory.example", DESKTOP)
    await manager.goto(order_path)
    await manager.get_by_role("button", name="Подтвердить заказ").click()
    await expect(manager.get_by_role("status")).to_contain_text("Заказ подтверждён")
    await manager.get_by_label("Изделие 1", exact=True).check()
    await manager.get_by_label("Перевести выбранные изделия на этап").select_option("painting")
    await manager.get_by_role("button", name="Перевести", exact=True).click()
    await expect(manager.get_by_role("status")).to_contain_text("Изделия переведены")

    await dealer.goto(order_path)
    first_unit = dealer.locator("table.units tbody tr").first
    await expect(first_unit.locator(".unit-stage")).to_have_text("Покраска")
    await first_unit.locator("details.history summary").click()
    await expect(first_unit.locator("details.history")).to_contain_text("В очереди → Покраска")
    await expect(first_unit.locator("details.history")).to_contain_text("Manager")
    await expect(dealer.locator("table.units tbody tr").nth(1).locator(".unit-stage")).to_have_text(
        "В очереди"
    )
    if shots := os.environ.get("SCREENSHOT_DIR"):
        await dealer.screenshot(path=str(Path(shots) / "order-phone.png"), full_page=True)
