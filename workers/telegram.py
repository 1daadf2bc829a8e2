"""Worker part: the Telegram bot sends notifications (aiogram), paced, errors classified.

`send_notification_telegram` is called by the notification pipeline's delivery job; what
it raises tells that job what to do (`workers/channels.py`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiohttp import ClientConnectorError
from arq import cron
from redis.asyncio import Redis

from app.accounts.models import Person
from app.config import get_settings
from app.notifications.models import Notification
from app.telegram import linking
from app.telegram.bot import prune_seen_updates
from app.telegram.client import new_bot
from app.telegram.pacing import SlotTooFar, TelegramPacer
from app.telegram.texts import mirrored_notification
from workers.channels import ChannelRefused, ChannelRetry, ChannelUnavailable, hand_over

logger = logging.getLogger(__name__)

NETWORK_RETRY_SECONDS = 30
"""Telegram unreachable or failing (5xx): try again after this long."""
CONFIG_RETRY_SECONDS = 600
"""The token is refused (revoked?): an operator must act; retry rarely meanwhile."""


@dataclass
class TelegramSender:
    """The worker process's bot and pacer, made once in `startup`."""

    bot: Bot
    pacer: TelegramPacer
    own_redis: Redis | None = None


async def send_notification_telegram(
    ctx: dict[str, Any], notification: Notification, person: Person
) -> str:
    """Mirror a notification to the person's linked chat; returns the bot message's id."""
    sender: TelegramSender | None = ctx.get("telegram")
    if sender is None:
        raise ChannelUnavailable("no Telegram bot is configured")
    chat_id = await linking.chat_of(person.id)
    if chat_id is None:
        raise ChannelUnavailable("the person has not linked Telegram")
    text = mirrored_notification(notification, person)
    try:
        await asyncio.sleep(await sender.pacer.reserve(chat_id))
    except SlotTooFar as exc:
        raise ChannelRetry(exc.wait_seconds, str(exc)) from exc
    await hand_over(ctx)  # a worker dying from here on leaves the delivery uncertain
    try:
        message = await sender.bot.send_message(chat_id, text)
    except TelegramRetryAfter as exc:
        await sender.pacer.hold_all(exc.retry_after)
        raise ChannelRetry(exc.retry_after, exc.message) from exc
    except TelegramForbiddenError as exc:
        # Blocked by the user (or the account is gone): the link is dead from their side.
        await linking.unlink_chat(chat_id, reason="blocked")
        raise ChannelRefused(exc.message) from exc
    except TelegramBadRequest as exc:
        if "chat not found" in exc.message.lower():
            await linking.unlink_chat(chat_id, reason="chat_not_found")
        raise ChannelRefused(exc.message) from exc
    except TelegramUnauthorizedError as exc:
        logger.error("the Bot API refused the bot token: %s", exc.message)
        raise ChannelRetry(CONFIG_RETRY_SECONDS, exc.message) from exc
    except TelegramServerError as exc:
        raise ChannelRetry(NETWORK_RETRY_SECONDS, exc.message) from exc
    except TelegramNetworkError as exc:
        if isinstance(exc.__cause__, ClientConnectorError):
            # Not even connected: nothing left, so trying again cannot send it twice.
            raise ChannelRetry(NETWORK_RETRY_SECONDS, exc.message) from exc
        # A timeout or a dropped answer: the message may have been sent. The delivery job
        # marks such a delivery uncertain and never sends it again.
        raise
    except TelegramAPIError as exc:
        raise ChannelRetry(NETWORK_RETRY_SECONDS, exc.message) from exc
    return str(message.message_id)


async def prune_telegram_state(ctx: dict[str, Any]) -> None:
    """Forget handled update ids and dead link tokens."""
    updates = await prune_seen_updates()
    tokens = await linking.prune_link_tokens()
    logger.info("telegram: pruned %d seen updates and %d link tokens", updates, tokens)


JOBS: list[Any] = [prune_telegram_state]
"""arq job functions this part adds to the worker."""

CRON_JOBS: list[Any] = [cron(prune_telegram_state, hour={3}, minute={40})]
"""arq cron jobs this part adds to the worker."""


async def startup(ctx: dict[str, Any]) -> None:
    """Make the bot and the pacer once per worker process (none when no bot is configured)."""
    settings = get_settings()
    if not settings.telegram_bot_token:
        ctx["telegram"] = None
        return
    redis = ctx.get("redis")
    own = None
    if redis is None:
        own = redis = Redis.from_url(settings.redis_url or "redis://127.0.0.1:6379")
    ctx["telegram"] = TelegramSender(bot=new_bot(), pacer=TelegramPacer(redis), own_redis=own)


async def shutdown(ctx: dict[str, Any]) -> None:
    """Close the bot's HTTP session (and a Redis client `startup` opened itself)."""
    sender: TelegramSender | None = ctx.pop("telegram", None)
    if sender is None:
        return
    await sender.bot.session.close()
    if sender.own_redis is not None:
        await sender.own_redis.aclose()
