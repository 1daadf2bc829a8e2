"""In Chromium: the bell and the open notification centre change by themselves."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.factories import make_world
from tests.notification_helpers import confirmed_order, run_pipeline

pytestmark = pytest.mark.browser

LIVE_WITHIN_MS = 5000
"""The web process's relay publishes what this test process commits within its sweep."""


async def test_the_bell_and_the_centre_show_a_new_notification_and_read_all_unreloaded(
    db, browser_of
):
    world = await make_world()
    viewer = await browser_of("viewer@test.example")
    page = await viewer.new_page()
    await page.goto("/notifications")
    await expect(page.get_by_text("Уведомлений пока нет.")).to_be_visible()
    bell = page.locator("#notification-bell")
    await expect(bell).to_be_hidden()
    await page.evaluate("window.openedOnce = true")

    await confirmed_order(world, "alice")
    await run_pipeline()
    await expect(bell).to_have_text("2", timeout=LIVE_WITHIN_MS)
    await expect(page.locator("[data-notification-id]")).to_have_count(2, timeout=LIVE_WITHIN_MS)
    await expect(page.get_by_text("подтверждён").first).to_be_visible()

    # Another page that is not live itself still has a live bell.
    other = await viewer.new_page()
    await other.goto("/catalog")
    await expect(other.locator("#notification-bell")).to_have_text("2")
    await page.get_by_role("button", name="Отметить все прочитанными").click()
    await expect(other.locator("#notification-bell")).to_be_hidden(timeout=LIVE_WITHIN_MS)
    assert await page.locator("#notification-bell").is_hidden()
