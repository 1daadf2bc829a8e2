"""Linking Telegram: a one-time deep link from the profile, `/start`, unlinking from both
sides, the profile page in both languages, and a webhook that only Telegram may call."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from app.accounts.models import Person
from app.accounts.security import digest
from app.accounts.service import build_actor
from app.config import PROJECT_ROOT
from app.notifications.models import TelegramLink, TelegramLinkToken, TelegramUpdateSeen
from app.telegram import linking
from app.telegram.client import register_webhook
from tests.chat_helpers import bearer
from tests.factories import make_world
from tests.telegram_standin import (
    BOT_USERNAME,
    WEBHOOK_SECRET,
    TelegramStandIn,
    TelegramUser,
    configured_cabinet,
)
from tests.test_pages import log_in, post_form

ALICE_PHONE = TelegramUser(id=5550001, first_name="Alice", username="alice_tg")
BOB_PHONE = TelegramUser(id=5550002, first_name="Bob", username="bob_tg", language_code="en")
DEEP_LINK = re.compile(rf"https://t\.me/{BOT_USERNAME}\?start=([A-Za-z0-9_-]+)")


@pytest.fixture
async def telegram(db) -> AsyncIterator[TelegramStandIn]:
    """The stand-in Bot API, with the cabinet configured for it and its webhook set."""
    async with TelegramStandIn() as standin:
        with configured_cabinet(standin):
            await register_webhook()
            yield standin


async def deep_link_token(client, email: str) -> str:
    """Ask the API for a deep link, as the profile's button does; returns its token."""
    answer = await client.post("/api/v1/me/telegram/link", headers=await bearer(email))
    assert answer.status_code == 201, answer.text
    return DEEP_LINK.fullmatch(answer.json()["url"]).group(1)


async def actor_of(email: str):
    return await build_actor(await Person.get(email=email), None)


async def status_of(client, email: str) -> dict:
    answer = await client.get("/api/v1/me/telegram", headers=await bearer(email))
    assert answer.status_code == 200
    return answer.json()


async def test_the_webhook_is_registered_with_its_secret(db, telegram):
    assert telegram.webhook["url"] == "http://localhost:8000/telegram/webhook"
    assert telegram.webhook["secret_token"] == WEBHOOK_SECRET
    assert telegram.webhook["allowed_updates"] == ["message"]


async def test_alice_links_her_chat_from_the_profile_page_with_a_one_time_link(
    db, app_client, telegram
):
    await make_world()
    await log_in(app_client, "alice")
    page = await app_client.get("/profile/telegram")
    assert page.status_code == 200
    assert 'data-telegram-state="not-linked"' in page.text and "Telegram не привязан" in page.text

    offered = await post_form(app_client, "/profile/telegram/link", {})
    assert offered.status_code == 200 and "Открыть бота в Telegram" in offered.text
    token = DEEP_LINK.search(offered.text).group(1)
    assert await TelegramLinkToken.filter(token_hash=digest(token)).exists()
    assert not await TelegramLinkToken.filter(token_hash=token).exists()  # only the hash is kept

    reply = await telegram.user_sends(ALICE_PHONE, f"/start {token}", via=app_client)
    assert reply.status == 200 and reply.body["method"] == "sendMessage"
    [welcome] = telegram.messages_to(ALICE_PHONE.id)
    assert "Alice" in welcome.text and "чат привязан к кабинету дилера" in welcome.text
    assert welcome.via == "webhook"

    linked = await app_client.get("/profile/telegram")
    assert 'data-telegram-state="linked"' in linked.text and "@alice_tg" in linked.text
    status = await status_of(app_client, "alice@test.example")
    assert status["linked"] is True and status["username"] == "alice_tg"

    # The link works once: a second /start with it, from another chat, links nothing.
    await telegram.user_sends(BOB_PHONE, f"/start {token}", via=app_client)
    [refusal] = telegram.messages_to(BOB_PHONE.id)
    assert "This link was already used." in refusal.text
    assert await TelegramLink.filter(chat_id=BOB_PHONE.id).count() == 0
    link = await TelegramLink.get(chat_id=ALICE_PHONE.id).select_related("person")
    assert link.person.email == "alice@test.example"


async def test_unknown_expired_and_replaced_links_link_nothing(db, app_client, telegram):
    await make_world()
    await telegram.user_sends(BOB_PHONE, "/start not-a-token-at-all", via=app_client)
    assert "This link is not valid." in telegram.messages_to(BOB_PHONE.id)[-1].text

    expired = await deep_link_token(app_client, "bob@test.example")
    await TelegramLinkToken.filter(token_hash=digest(expired)).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )
    await telegram.user_sends(BOB_PHONE, f"/start {expired}", via=app_client)
    assert "This link has expired." in telegram.messages_to(BOB_PHONE.id)[-1].text

    replaced = await deep_link_token(app_client, "bob@test.example")
    newest = await deep_link_token(app_client, "bob@test.example")
    await telegram.user_sends(BOB_PHONE, f"/start {replaced}", via=app_client)
    assert "This link is not valid." in telegram.messages_to(BOB_PHONE.id)[-1].text
    assert not (await status_of(app_client, "bob@test.example"))["linked"]

    await telegram.user_sends(BOB_PHONE, f"/start {newest}", via=app_client)
    assert (await status_of(app_client, "bob@test.example"))["linked"]


async def test_a_chat_linked_to_alice_cannot_be_taken_with_bobs_link(db, app_client, telegram):
    await make_world()
    alice_token = await deep_link_token(app_client, "alice@test.example")
    await telegram.user_sends(ALICE_PHONE, f"/start {alice_token}", via=app_client)
    bob_token = await deep_link_token(app_client, "bob@test.example")

    await telegram.user_sends(ALICE_PHONE, f"/start {bob_token}", via=app_client)
    assert "уже привязан к другой учётной записи" in telegram.messages_to(ALICE_PHONE.id)[-1].text
    assert not (await status_of(app_client, "bob@test.example"))["linked"]
    link = await TelegramLink.get(chat_id=ALICE_PHONE.id).select_related("person")
    assert link.person.email == "alice@test.example"
    # Bob's link was not spent by the refusal: it still works from his own chat.
    await telegram.user_sends(BOB_PHONE, f"/start {bob_token}", via=app_client)
    assert (await status_of(app_client, "bob@test.example"))["linked"]


async def test_unlinking_from_the_profile_and_from_the_bot(db, app_client, telegram):
    await make_world()
    token = await deep_link_token(app_client, "alice@test.example")
    await telegram.user_sends(ALICE_PHONE, f"/start {token}", via=app_client)

    await log_in(app_client, "alice")
    unlinked = await post_form(app_client, "/profile/telegram/unlink", {})
    assert unlinked.status_code == 200 and "Telegram отвязан" in unlinked.text
    assert not (await status_of(app_client, "alice@test.example"))["linked"]
    await telegram.user_sends(ALICE_PHONE, "/orders", via=app_client)
    assert "не привязан к кабинету дилера" in telegram.messages_to(ALICE_PHONE.id)[-1].text

    token = await deep_link_token(app_client, "alice@test.example")
    await telegram.user_sends(ALICE_PHONE, f"/start {token}", via=app_client)
    await telegram.user_sends(ALICE_PHONE, "/stop", via=app_client)
    assert "отвязан от кабинета дилера" in telegram.messages_to(ALICE_PHONE.id)[-1].text
    assert not (await status_of(app_client, "alice@test.example"))["linked"]
    await telegram.user_sends(ALICE_PHONE, "/stop", via=app_client)
    assert "не был привязан" in telegram.messages_to(ALICE_PHONE.id)[-1].text

    token = await deep_link_token(app_client, "alice@test.example")
    await telegram.user_sends(ALICE_PHONE, f"/start {token}", via=app_client)
    gone = await app_client.delete(
        "/api/v1/me/telegram/link", headers=await bearer("alice@test.example")
    )
    assert gone.status_code == 204
    assert await TelegramLink.all().count() == 0


async def test_a_forged_webhook_is_refused_and_changes_nothing(db, app_client, telegram):
    await make_world()
    token = await deep_link_token(app_client, "alice@test.example")
    update = telegram.message_update(ALICE_PHONE, f"/start {token}")
    for secret in ("", "wrong-secret", WEBHOOK_SECRET[:-1]):
        forged = await telegram.deliver(update, via=app_client, secret=secret)
        assert forged.status == 403 and forged.body["code"] == "bad_webhook_secret"
    assert telegram.sent == [] and await TelegramLink.all().count() == 0
    assert await TelegramUpdateSeen.all().count() == 0

    genuine = await telegram.deliver(update, via=app_client)
    assert genuine.status == 200 and await TelegramLink.all().count() == 1


async def test_without_a_configured_secret_the_webhook_refuses_everyone(db, app_client):
    async with TelegramStandIn() as standin:
        with configured_cabinet(standin):
            await register_webhook()
        standin.webhook["secret_token"] = ""
        refused = await standin.user_sends(ALICE_PHONE, "/help", via=app_client)
    assert refused.status == 403 and standin.sent == []


async def test_telegram_redelivering_an_update_gets_it_handled_once(db, app_client, telegram):
    await make_world()
    token = await deep_link_token(app_client, "alice@test.example")
    update = telegram.message_update(ALICE_PHONE, f"/start {token}")
    first = await telegram.deliver(update, via=app_client)
    again = await telegram.deliver(update, via=app_client)
    assert first.body["method"] == "sendMessage" and again.status == 200 and again.body == {}
    [welcome] = telegram.messages_to(ALICE_PHONE.id)
    assert "чат привязан" in welcome.text  # not followed by "this link was already used"


async def test_the_profile_page_speaks_english_on_request(db, app_client, telegram):
    await make_world()
    await log_in(app_client, "alice")
    page = await app_client.get("/profile/telegram?lang=en")
    assert "Telegram is not linked" in page.text and f"@{BOT_USERNAME}" in page.text
    offered = await post_form(app_client, "/profile/telegram/link", {})
    assert "Open the bot in Telegram" in offered.text and DEEP_LINK.search(offered.text)


async def test_without_a_bot_the_page_says_so_and_offers_no_link(db, app_client):
    await make_world()
    await log_in(app_client, "alice")
    page = await app_client.get("/profile/telegram")
    assert "Telegram-бот не настроен" in page.text and "/profile/telegram/link" not in page.text
    refused = await app_client.post(
        "/api/v1/me/telegram/link", headers=await bearer("alice@test.example")
    )
    assert refused.status_code == 409 and refused.json()["code"] == "telegram_not_configured"
    status = await status_of(app_client, "alice@test.example")
    assert status == {
        "configured": False,
        "bot_username": "",
        "linked": False,
        "username": "",
        "linked_at": None,
    }


async def test_the_manage_command_registers_the_webhook_at_the_public_origin():
    async with TelegramStandIn() as standin:
        with configured_cabinet(standin, public_origin="https://cabinet.example"):
            command = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "app.manage",
                "telegram-webhook",
                stdout=asyncio.subprocess.PIPE,
                cwd=PROJECT_ROOT,
                env=os.environ.copy(),
            )
            output, _ = await command.communicate()
        assert command.returncode == 0
        assert b"https://cabinet.example/telegram/webhook" in output
        assert standin.webhook == {
            "url": "https://cabinet.example/telegram/webhook",
            "secret_token": WEBHOOK_SECRET,
            "allowed_updates": ["message"],
        }
    without_bot = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app.manage",
        "telegram-webhook",
        stderr=asyncio.subprocess.PIPE,
        cwd=PROJECT_ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")},
    )
    _, error = await without_bot.communicate()
    assert without_bot.returncode == 2 and b"TELEGRAM_BOT_TOKEN" in error


async def test_an_update_that_fails_is_handled_when_telegram_delivers_it_again(
    db, app_client, telegram
):
    await make_world()
    token = await deep_link_token(app_client, "alice@test.example")
    update = telegram.message_update(ALICE_PHONE, f"/start {token}")
    broken = {"update_id": update["update_id"], "message": {"text": "no chat, no date"}}
    failed = await telegram.deliver(broken, via=app_client)
    assert failed.status == 500 and await TelegramUpdateSeen.all().count() == 0

    again = await telegram.deliver(update, via=app_client)  # the same update_id
    assert again.body["method"] == "sendMessage" and await TelegramLink.all().count() == 1

    for not_an_update in ({"message": {}}, {"update_id": "7"}, {"update_id": -1}):
        refused = await telegram.deliver(not_an_update, via=app_client)
        assert refused.status == 400 and refused.body["code"] == "bad_update"


async def test_a_web_process_under_uvicorn_answers_telegram_over_http(db, telegram, live_server):
    await make_world()
    telegram.webhook["url"] = f"{live_server}/telegram/webhook"  # where this process listens
    offer = await linking.offer_link(await actor_of("alice@test.example"))
    reply = await telegram.user_sends(ALICE_PHONE, f"/start {offer.url.rsplit('=', 1)[1]}")
    assert reply.status == 200 and await TelegramLink.filter(chat_id=ALICE_PHONE.id).exists()
    assert "чат привязан" in telegram.messages_to(ALICE_PHONE.id)[-1].text
    forged = await telegram.deliver(telegram.message_update(ALICE_PHONE, "/stop"), secret="x")
    assert forged.status == 403 and await TelegramLink.filter(chat_id=ALICE_PHONE.id).exists()
