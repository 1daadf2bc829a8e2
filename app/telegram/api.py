"""The bot's webhook and the caller's Telegram link (status, deep link, unlink)."""

from __future__ import annotations

import hmac
import importlib
from typing import Any

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.di import Provide

from app.accounts.auth import CurrentActor, provide_actor
from app.config import Settings, get_settings
from app.errors import DomainError, Forbidden, NotFound
from app.telegram import linking
from app.telegram.schemas import WEBHOOK_PATH, TelegramLinkOffer, TelegramStatus, TelegramUpdate

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class TelegramLinkController(Controller):
    """The caller's own Telegram link (docs/telegram.md)."""

    path = "/api/v1/me/telegram"
    tags = ["telegram"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/")
    async def status(self, actor: CurrentActor) -> TelegramStatus:
        """Whether a bot is configured and whether the caller's chat is linked."""
        return await linking.telegram_status(actor)

    @post("/link", status_code=201)
    async def offer_link(self, actor: CurrentActor) -> TelegramLinkOffer:
        """A one-time deep link to open in Telegram (valid 15 minutes, once)."""
        return await linking.offer_link(actor)

    @delete("/link", status_code=204)
    async def unlink(self, actor: CurrentActor) -> None:
        """Unlink the caller's chat (nothing happens when none is linked)."""
        await linking.unlink_person(actor)


class TelegramWebhookController(Controller):
    """Where Telegram posts the bot's updates (`python -m app.manage telegram-webhook`)."""

    path = WEBHOOK_PATH
    include_in_schema = False

    @post("/", status_code=200, exclude_from_csrf=True)
    async def receive(self, request: Request[Any, Any, Any]) -> dict[str, Any]:
        """Check Telegram's secret header, then handle the update once."""
        settings = get_settings()
        expected = settings.telegram_webhook_secret.encode()
        sent = request.headers.get(SECRET_HEADER, "").encode()
        if not expected or not hmac.compare_digest(sent, expected):
            raise Forbidden("Wrong or missing webhook secret", code="bad_webhook_secret")
        if not settings.telegram_bot_token:
            raise NotFound("No Telegram bot is configured")
        raw = await request.body()
        try:
            msgspec.json.decode(raw, type=TelegramUpdate)
            update = msgspec.json.decode(raw, type=dict[str, Any])
        except msgspec.DecodeError as exc:  # ValidationError is a DecodeError
            raise DomainError("Not a Telegram update", code="bad_update") from exc
        from app.telegram import bot  # loaded at start-up already (`load_bot`)

        return await bot.handle_update(update)


TELEGRAM_API = [TelegramLinkController, TelegramWebhookController]


def load_bot(settings: Settings) -> None:
    """Loads the bot (aiogram) in a web process of an installation that has one.

    aiogram costs ~2 s of CPU to import (its pydantic models): paid at start-up, not by
    the first update; and never by installations (and test servers) without a bot.
    """
    if settings.telegram_bot_token:
        importlib.import_module("app.telegram.bot")
