"""API contracts of the Telegram section: link status and the deep link offered."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec


class TelegramStatus(msgspec.Struct, kw_only=True):
    """Whether the caller's Telegram chat is linked, and whether a bot is configured at all."""

    configured: bool
    """False when the installation has no bot (TELEGRAM_BOT_TOKEN unset)."""
    bot_username: str
    linked: bool
    username: str = ""
    """The linked Telegram account's @username, when it has one."""
    linked_at: datetime | None = None


class TelegramLinkOffer(msgspec.Struct, kw_only=True):
    """A one-time deep link: opening it in Telegram and pressing Start links the chat."""

    url: str
    """`https://t.me/<bot>?start=<token>`; the token works once, until `expires_at`."""
    expires_at: datetime


WEBHOOK_PATH = "/telegram/webhook"
"""Where Telegram posts the bot's updates."""


class TelegramUpdate(msgspec.Struct):
    """The one field of an Update the webhook itself reads; aiogram parses the rest."""

    update_id: Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]
