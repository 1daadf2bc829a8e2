"""The aiogram `Bot` of this installation, pointed at the configured Bot API server."""

from __future__ import annotations

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from app.config import get_settings
from app.telegram.schemas import WEBHOOK_PATH


def new_bot() -> Bot:
    """A bot speaking HTML without link previews; the caller closes `bot.session`.

    The session opens its connection pool on the first call only, so a bot that merely
    answers through the webhook's response never opens one.
    """
    settings = get_settings()
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
    return Bot(
        settings.telegram_bot_token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


async def register_webhook() -> str:
    """Tell Telegram where to post the bot's updates, with the secret it must send back.

    Run once per installation and whenever PUBLIC_ORIGIN changes (`python -m app.manage
    telegram-webhook`); returns the registered URL.
    """
    settings = get_settings()
    if not settings.telegram_bot_token or not settings.telegram_webhook_secret:
        raise RuntimeError("set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET first")
    url = settings.public_origin.rstrip("/") + WEBHOOK_PATH
    bot = new_bot()
    try:
        await bot.set_webhook(
            url, secret_token=settings.telegram_webhook_secret, allowed_updates=["message"]
        )
    finally:
        await bot.session.close()
    return url
