"""Chat in Chromium: a dealer and a manager, each in a browser of their own, talk live.

The dealer keeps "Chat with manager" open, the manager the dealer's room and the inbox. Nothing is
reloaded; the dealer's connection drops in the middle and a message sent meanwhile arrives
once. Set `SCREENSHOT_DIR` to keep screenshots of both sides.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext, Page, expect

from app.chat import rooms
from tests.factories import make_world

pytestmark = pytest.mark.browser

LIVE_WITHIN_MS = 3000


async def open_chat(context: BrowserContext, path: str) -> Page:
    """A tab on a chat page, live, marked so that a reload would show."""
    page = await context.new_page()
    await page.goto(path)
    await expect(page.locator("#live-status")).to_have_text("Онлайн", timeout=LIVE_WITHIN_MS)
    await page.evaluate("window.openedOnce = true")
    return page


async def write(page: Page, text: str, *, internal: bool = False) -> None:
    await page.get_by_placeholder("Напишите сообщение…").fill(text)
    if internal:
        await page.get_by_label("Внутренняя заметка").check()
    await page.get_by_role("button", name="Отправить", exact=True).click()


def messages(page: Page):
    return page.locator("li.chat-message:not(.pending)")


async def test_dealer_and_manager_chat_live_through_a_dropped_connection(db, browser_of):
    world = await make_world()
    room = await rooms.open_dealer_room(await world.actor("alice"))
    dealer = await open_chat(await browser_of("alice@test.example"), "/chat")
    manager_browser = await browser_of("manager@factory.example")
    manager = await open_chat(manager_browser, f"/chat/rooms/{room.id}")
    inbox = await open_chat(manager_browser, "/manager/chat")
    await expect(inbox.locator(".chat-inbox")).to_have_count(0)  # no conversation yet

    # The dealer types: the manager sees it, then the message itself.
    await dealer.get_by_placeholder("Напишите сообщение…").fill("Добрый день!")
    await expect(manager.locator("[data-chat-typing]")).to_have_text(
        "Alice печатает…", timeout=LIVE_WITHIN_MS
    )
    await dealer.get_by_role("button", name="Отправить", exact=True).click()
    await expect(messages(manager)).to_have_count(1, timeout=LIVE_WITHIN_MS)
    await expect(messages(manager).last).to_contain_text("Добрый день!")
    await expect(messages(manager).last).to_contain_text("Alice")
    await expect(manager.locator("[data-chat-typing]")).to_be_hidden()
    # The inbox in the manager's other tab shows the dealer's room, unreloaded.
    await expect(inbox.locator(".chat-inbox")).to_contain_text(
        "Добрый день!", timeout=LIVE_WITHIN_MS
    )
    # The manager's open room marks it read: the dealer sees "read by the manager".
    await expect(messages(dealer).last).to_contain_text(
        "Прочитано менеджером", timeout=LIVE_WITHIN_MS
    )

    await write(manager, "Здравствуйте, слушаю вас.")
    await expect(messages(dealer)).to_have_count(2, timeout=LIVE_WITHIN_MS)
    await expect(messages(dealer).last).to_contain_text("Здравствуйте, слушаю вас.")
    await expect(messages(dealer).last).to_contain_text("Manager")

    # An internal note reaches the manager's screen and never the dealer's.
    await write(manager, "Проверить оплату дилера", internal=True)
    await expect(messages(manager)).to_have_count(3, timeout=LIVE_WITHIN_MS)
    await expect(messages(manager).last).to_contain_text("Внутренняя заметка")

    # The dealer's network drops; what is sent meanwhile waits and arrives once.
    await dealer.context.set_offline(True)
    await expect(dealer.locator("#live-status")).to_have_text("Нет связи", timeout=LIVE_WITHIN_MS)
    await write(dealer, "Сколько ждать покраску?")
    await expect(dealer.locator("li.chat-message.pending")).to_contain_text("Отправляется…")
    await write(manager, "Пока вас не было: заказ готов.")
    await dealer.context.set_offline(False)
    await expect(dealer.locator("#live-status")).to_have_text("Онлайн", timeout=LIVE_WITHIN_MS)
    await expect(messages(dealer)).to_have_count(4, timeout=LIVE_WITHIN_MS)
    await expect(dealer.locator("li.chat-message.pending")).to_have_count(0)
    await expect(messages(manager)).to_have_count(5, timeout=LIVE_WITHIN_MS)
    texts = await messages(manager).locator(".chat-body").all_inner_texts()
    # Whether the dealer's message left before or after the manager's depends on when the
    # browser noticed its socket was gone; what matters is one order, the same for both.
    assert texts[:3] == ["Добрый день!", "Здравствуйте, слушаю вас.", "Проверить оплату дилера"]
    assert sorted(texts[3:]) == ["Пока вас не было: заказ готов.", "Сколько ждать покраску?"]
    dealer_texts = await messages(dealer).locator(".chat-body").all_inner_texts()
    assert dealer_texts == [t for t in texts if t != "Проверить оплату дилера"]

    # The dealer corrects the last message; the manager sees the new text, marked "edited".
    # First the manager's read of it lands (a refresh of the dealer's list): typing into a
    # message that a refresh replaces mid-`fill` would save the old text.
    last = messages(dealer).last
    await expect(last).to_contain_text("Прочитано менеджером", timeout=LIVE_WITHIN_MS)
    await last.get_by_text("Изменить").click()
    await last.get_by_label("Новый текст").fill("Сколько ждать упаковку?")
    await last.get_by_role("button", name="Сохранить").click()
    await expect(messages(manager).last).to_contain_text(
        "Сколько ждать упаковку?", timeout=LIVE_WITHIN_MS
    )
    await expect(messages(manager).last).to_contain_text("изменено")

    for page in (dealer, manager, inbox):
        assert await page.evaluate("window.openedOnce === true"), "the page was reloaded"
    if shots := os.environ.get("SCREENSHOT_DIR"):
        await dealer.screenshot(path=str(Path(shots) / "chat-dealer.png"), full_page=True)
        await manager.screenshot(path=str(Path(shots) / "chat-manager.png"), full_page=True)


async def test_the_header_badges_count_live_for_each_reader(db, browser_of):
    """The dealer's people count from one event per message; each their own reads."""
    world = await make_world()
    room = await rooms.open_dealer_room(await world.actor("alice"))
    alice = await open_chat(await browser_of("alice@test.example"), "/orders")
    viewer = await open_chat(await browser_of("viewer@test.example"), "/orders")
    manager_browser = await browser_of("manager@factory.example")
    manager_board = await open_chat(manager_browser, "/orders")
    manager = await open_chat(manager_browser, f"/chat/rooms/{room.id}")

    await write(manager, "Счёт выставлен.")
    await write(manager, "Отгрузка в пятницу.")
    await write(manager, "Дилер просил скидку", internal=True)  # never counted for the dealer
    for page in (alice, viewer):
        await expect(page.locator("#chat-badge")).to_have_text("2", timeout=LIVE_WITHIN_MS)

    # Alice reads in another tab: her badge clears, her colleague's does not.
    reading = await alice.context.new_page()
    await reading.goto("/chat")
    await expect(messages(reading)).to_have_count(2)
    await expect(alice.locator("#chat-badge")).to_be_hidden(timeout=LIVE_WITHIN_MS)
    await write(reading, "Спасибо!")
    await expect(messages(manager)).to_have_count(4, timeout=LIVE_WITHIN_MS)
    await expect(viewer.locator("#chat-badge")).to_have_text("3", timeout=LIVE_WITHIN_MS)
    # The manager reads the room that is open; the board's badge (staff: their own topic)
    # never counted the dealer's answer for long.
    await expect(manager_board.locator("#chat-badge")).to_be_hidden(timeout=LIVE_WITHIN_MS)
    await expect(alice.locator("#chat-badge")).to_be_hidden()
    for page in (alice, viewer, manager_board):
        assert await page.evaluate("window.openedOnce === true"), "the page was reloaded"
