"""Live pages in Chromium: what a manager does in one browser shows in the dealer's, unreloaded.

The dealer keeps the order board and the order page open; a manager, in another browser,
confirms the order and moves units through the console. Set `SCREENSHOT_DIR` to keep a
screenshot of the live board.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from playwright.async_api import BrowserContext, Locator, Page, expect

from app.orders.service import submit_order
from tests.factories import make_world, place_draft
from tests.live_helpers import token_for

pytestmark = pytest.mark.browser

LIVE_WITHIN_MS = 3000
"""A change must reach the open pages within this (the promise is a fraction of a second)."""


async def open_live(context: BrowserContext, path: str) -> Page:
    """A tab on a live page, marked so that any reload or navigation would show."""
    page = await context.new_page()
    await page.goto(path)
    await expect(indicator(page)).to_have_text("Онлайн", timeout=LIVE_WITHIN_MS)
    await page.evaluate("window.openedOnce = true")
    return page


def indicator(page: Page) -> Locator:
    return page.locator("#live-status")


async def still_the_same_page(page: Page) -> bool:
    return await page.evaluate("window.openedOnce === true")


async def app_headers(base_url: str, email: str) -> dict[str, str]:
    """Headers of a mobile app logged in as the person."""
    return {"Authorization": f"Bearer {await token_for(base_url, email)}"}


async def move_units(manager: Page, serials: list[int], stage: str) -> None:
    for serial in serials:
        await manager.get_by_label(f"Изделие {serial}", exact=True).check()
    await manager.get_by_label("Перевести выбранные изделия на этап").select_option(stage)
    await manager.get_by_role("button", name="Перевести", exact=True).click()
    await expect(manager.get_by_role("status")).to_contain_text("Изделия переведены")


async def test_dealer_sees_the_manager_confirm_and_move_units_to_painting_live(db, browser_of):
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-200:pallet", 1)])
    await submit_order(await world.actor("alice"), draft.id)
    order_path = f"/orders/{draft.id}"

    dealer = await browser_of("alice@test.example")
    board = await open_live(dealer, "/orders")
    order_page = await open_live(dealer, order_path)
    row = board.locator(f'tr[data-order-id="{draft.id}"]')
    await expect(row).to_contain_text("Отправлен")
    units = order_page.locator("table.units tbody tr")
    await expect(units).to_have_count(0)

    manager_browser = await browser_of("manager@factory.example")
    manager = await manager_browser.new_page()
    await manager.goto(order_path)
    await manager.get_by_role("button", name="Подтвердить заказ").click()
    await expect(manager.get_by_role("status")).to_contain_text("Заказ подтверждён")

    # Confirmed: the board's badge changes and the order page gets its ten queued units.
    await expect(row).to_contain_text("Подтверждён", timeout=LIVE_WITHIN_MS)
    await expect(row).to_contain_text("В очереди: 10", timeout=LIVE_WITHIN_MS)
    await expect(units).to_have_count(10, timeout=LIVE_WITHIN_MS)
    heading = order_page.locator(".heading")
    await expect(heading).to_contain_text("Подтверждён")

    await move_units(manager, [1, 2, 3], "painting")

    await expect(row).to_contain_text("В производстве", timeout=LIVE_WITHIN_MS)
    await expect(row).to_contain_text("Покраска: 3", timeout=LIVE_WITHIN_MS)
    await expect(row).to_contain_text("В очереди: 7")
    for serial in (1, 2, 3):
        unit = units.nth(serial - 1)
        await expect(unit.locator(".unit-stage")).to_have_text("Покраска", timeout=LIVE_WITHIN_MS)
        await expect(unit.locator(".unit-history summary")).to_have_text("2 шага")
    await expect(units.nth(3).locator(".unit-stage")).to_have_text("В очереди")
    await expect(heading).to_contain_text("В производстве")
    await expect(order_page.locator(".timeline li")).to_have_count(3)  # submitted, confirmed, …
    for page in (board, order_page):
        assert await still_the_same_page(page), "the page was reloaded"
        await expect(indicator(page)).to_have_text("Онлайн")

    if shots := os.environ.get("SCREENSHOT_DIR"):
        await board.screenshot(path=str(Path(shots) / "live-board.png"), full_page=True)
        await order_page.screenshot(path=str(Path(shots) / "live-order.png"), full_page=True)


async def test_dealer_pages_catch_up_after_the_network_drops(db, browser_of):
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-200:pallet", 1)])
    await submit_order(await world.actor("alice"), draft.id)
    order_path = f"/orders/{draft.id}"
    manager_browser = await browser_of("manager@factory.example")
    manager = await manager_browser.new_page()
    await manager.goto(order_path)
    await manager.get_by_role("button", name="Подтвердить заказ").click()
    await expect(manager.get_by_role("status")).to_contain_text("Заказ подтверждён")

    dealer = await browser_of("alice@test.example")
    board = await open_live(dealer, "/orders")
    order_page = await open_live(dealer, order_path)
    row = board.locator(f'tr[data-order-id="{draft.id}"]')
    fourth = order_page.locator("table.units tbody tr").nth(3).locator(".unit-stage")

    await dealer.set_offline(True)
    for page in (board, order_page):
        await expect(indicator(page)).to_have_text("Нет связи", timeout=LIVE_WITHIN_MS)
    await move_units(manager, [4, 5], "painting")
    await manager.wait_for_timeout(500)  # long enough for the change to have been published
    await expect(row).to_contain_text("Подтверждён")  # nothing reached the dealer meanwhile
    await expect(fourth).to_have_text("В очереди")

    await dealer.set_offline(False)
    for page in (board, order_page):
        await expect(indicator(page)).to_have_text("Онлайн", timeout=LIVE_WITHIN_MS)
    await expect(row).to_contain_text("Покраска: 2", timeout=LIVE_WITHIN_MS)
    await expect(row).to_contain_text("В производстве")
    await expect(fourth).to_have_text("Покраска", timeout=LIVE_WITHIN_MS)

    # A connection dropped under the page's feet (a proxy's idle timeout, a server restart)
    # reconnects by itself, and resumes from where it was.
    await order_page.evaluate("window.cabinetLive.socket.close()")
    await move_units(manager, [6], "painting")
    sixth = order_page.locator("table.units tbody tr").nth(5).locator(".unit-stage")
    await expect(sixth).to_have_text("Покраска", timeout=LIVE_WITHIN_MS)
    await expect(indicator(order_page)).to_have_text("Онлайн")
    await expect(row).to_contain_text("Покраска: 3", timeout=LIVE_WITHIN_MS)

    # A position the stream cannot resume from (here: another epoch, as after the history
    # was lost) is answered with `reset`, and the page fetches its state afresh.
    await dealer.set_offline(True)
    await order_page.evaluate(
        """() => {
            const live = window.cabinetLive, onReset = live.handlers.onReset;
            window.resets = 0;
            live.handlers.onReset = (topic) => { window.resets += 1; onReset(topic); };
            for (const topic of live.topics.values()) topic.epoch = "elsewhere";
        }"""
    )
    await move_units(manager, [7], "painting")
    await dealer.set_offline(False)
    seventh = order_page.locator("table.units tbody tr").nth(6).locator(".unit-stage")
    await expect(seventh).to_have_text("Покраска", timeout=LIVE_WITHIN_MS)
    await expect(indicator(order_page)).to_have_text("Онлайн")
    assert await order_page.evaluate("window.resets") == 1
    for page in (board, order_page):
        assert await still_the_same_page(page), "the page was reloaded"


async def test_orders_made_and_deleted_through_the_api_come_and_go_on_open_pages(
    db, live_server, browser_of
):
    world = await make_world()
    await place_draft(world, "alice", [("D-100:piece", 1)])
    alice = await browser_of("alice@test.example")
    board, dashboard = await open_live(alice, "/orders"), await open_live(alice, "/")
    holding = await open_live(await browser_of("holly@test.example"), "/orders")
    # A supervisor's board reads every dealer without positions: it follows the dealers it
    # shows from the moment it subscribes, and fetches itself once to cover the gap.
    supervisor = await open_live(await browser_of("supervisor@factory.example"), "/manager/orders")

    async with httpx.AsyncClient(base_url=live_server) as api:
        alice_app = await app_headers(live_server, "alice@test.example")
        sam_app = await app_headers(live_server, "sam@test.example")
        line = {"items": [{"shipment_unit_id": world.unit("H-1:box"), "quantity": 2}]}
        created = await api.post("/api/v1/orders", json=line, headers=alice_app)
        assert created.status_code == 201, created.text
        new = created.json()
        by_sam = await api.post("/api/v1/orders", json=line, headers=sam_app)
        assert by_sam.status_code == 201, by_sam.text

        new_row = f'tr[data-order-id="{new["id"]}"]'
        sam_row = f'tr[data-order-id="{by_sam.json()["id"]}"]'
        for page in (board, dashboard, supervisor):
            await expect(page.locator(new_row)).to_contain_text(
                f"№ {new['number']}", timeout=LIVE_WITHIN_MS
            )
        await expect(holding.locator(sam_row)).to_contain_text(
            "Gamma North", timeout=LIVE_WITHIN_MS
        )
        await expect(board.locator(sam_row)).to_have_count(0)
        await expect(dashboard.locator(".tiles")).to_contain_text("2 Черновик")

        order_page = await open_live(alice, f"/orders/{new['id']}")
        deleted = await api.delete(f"/api/v1/orders/{new['id']}", headers=alice_app)
        assert deleted.status_code == 204, deleted.text
        for page in (board, dashboard, supervisor):
            await expect(page.locator(new_row)).to_have_count(0, timeout=LIVE_WITHIN_MS)
        await expect(order_page.locator("main")).to_contain_text(
            "Этого заказа больше нет: он удалён.", timeout=LIVE_WITHIN_MS
        )
    for page in (board, dashboard, holding, supervisor, order_page):
        assert await still_the_same_page(page), "the page was reloaded"
