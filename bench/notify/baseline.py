"""The baseline: the same messages pushed straight to the stand-ins, with no pipeline.

In a fresh process, as a worker would be: the cabinet's own channel clients, the mail
sender (`workers.mail.Mailer`, aiosmtplib, one connection per mail as in production) and
the bot (`app.telegram.client.new_bot`, aiogram), each with as many sends in flight as an
arq worker runs jobs (`max_jobs`). The messages are built before the clock starts
(the real notification mail and bot text, from unsaved rows), so what is timed is the
channel alone: no database, no queue, no claim, no rendering and no Telegram pacing.
The difference to the pipeline's figures is what the pipeline costs.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from app.accounts.models import Person
from app.config import get_settings
from app.notifications.mail import build_notification_mail
from app.notifications.models import Notification, NotificationKind
from app.telegram.client import new_bot
from app.telegram.texts import mirrored_notification
from workers.mail import Mailer

BASELINE_CHAT_BASE = 800_000_000
"""Chats the baseline writes to (apart from the seeded people's)."""
_NOW = datetime.now(UTC)


def _notification(n: int) -> tuple[Notification, Person]:
    """An unsaved notification like the pipeline's (units reached a stage) and its person."""
    person = Person(id=n + 1, email=f"b{n}@bench-notify.test", full_name=f"Person {n}")
    params = {"number": f"NB-{n:06d}", "stage": "painting", "count": 1, "at": _NOW.isoformat()}
    notification = Notification(
        id=n + 1,
        person_id=person.id,
        kind=NotificationKind.UNIT_STAGE,
        event_key=f"baseline:{n}",
        order_id=n + 1,
        params=json.dumps(params),
        created_at=_NOW,
    )
    return notification, person


async def _pool(count: int, concurrency: int, send: Callable[[int], Awaitable[None]]) -> None:
    """Send `count` messages with at most `concurrency` in flight."""
    queue = iter(range(count))

    async def sender() -> None:
        for n in queue:
            await send(n)

    await asyncio.gather(*(sender() for _ in range(concurrency)))


async def _run(count: int, concurrency: int) -> dict[str, Any]:
    settings = get_settings()
    mailer = Mailer(settings)
    rows = [_notification(n) for n in range(count)]
    mails = [build_notification_mail(notification, person, settings=settings)
             for notification, person in rows]  # fmt: skip
    texts = [mirrored_notification(notification, person) for notification, person in rows]
    result: dict[str, Any] = {}

    started: dict[str, float] = {}

    async def mail(n: int) -> None:
        started[str(mails[n]["Message-ID"])] = time.time()
        await mailer.send(mails[n])

    began = time.time()
    await _pool(count, concurrency, mail)
    result["email"] = {"began": began, "ended": time.time(), "started": started}

    bot = new_bot()
    telegram_started: dict[str, float] = {}

    async def message(n: int) -> None:
        at = time.time()
        sent = await bot.send_message(BASELINE_CHAT_BASE + n, texts[n])
        telegram_started[f"{sent.chat.id}:{sent.message_id}"] = at

    try:
        began = time.time()
        await _pool(count, concurrency, message)
        result["telegram"] = {"began": began, "ended": time.time(), "started": telegram_started}
    finally:
        await bot.session.close()
    return result


def run_baseline(env: dict[str, str], count: int, concurrency: int) -> dict[str, Any]:
    """Send `count` mails, then `count` bot messages; returns when each send began (by
    Message-ID, and by "chat:message id"), to be matched with the stand-ins' receipts."""
    os.environ.update(env)
    get_settings.cache_clear()
    return asyncio.run(_run(count, concurrency))
