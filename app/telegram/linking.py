"""Linking a person's Telegram chat to the cabinet, and unlinking it from either side.

The profile hands out a one-time deep link (`https://t.me/<bot>?start=<token>`); the bot's
`/start <token>` proves that whoever holds the cabinet session also holds the Telegram
chat. Only the token's SHA-256 is stored, it works once, for `LINK_TOKEN_LIFETIME`.
A person has at most one chat and a chat belongs to at most one person.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from app.accounts import audit
from app.accounts.actor import Actor
from app.accounts.models import Person
from app.accounts.security import digest
from app.config import get_settings
from app.errors import Conflict
from app.notifications.models import TelegramLink, TelegramLinkToken
from app.telegram.schemas import TelegramLinkOffer, TelegramStatus
from realtime.relay import transaction

LINK_TOKEN_LIFETIME = timedelta(minutes=15)
"""Long enough to open Telegram on a phone, short enough that a leaked link is soon dead."""


class LinkOutcome(StrEnum):
    """What `/start <token>` did."""

    LINKED = "linked"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    CHAT_TAKEN = "chat_taken"
    """The chat is linked to another person; it must be unlinked (`/stop`) first."""


def _now() -> datetime:
    return datetime.now(UTC)


def telegram_configured() -> bool:
    """True when this installation has a bot to link to."""
    settings = get_settings()
    return bool(settings.telegram_bot_token and settings.telegram_bot_username)


async def telegram_status(actor: Actor) -> TelegramStatus:
    """The caller's link, as the profile page and `GET /api/v1/me/telegram` show it."""
    link = await TelegramLink.get_or_none(person_id=actor.person_id)
    return TelegramStatus(
        configured=telegram_configured(),
        bot_username=get_settings().telegram_bot_username,
        linked=link is not None,
        username=link.username if link else "",
        linked_at=link.linked_at if link else None,
    )


async def offer_link(actor: Actor) -> TelegramLinkOffer:
    """A fresh one-time deep link for the caller; earlier unused links stop working."""
    if not telegram_configured():
        raise Conflict("No Telegram bot is configured", code="telegram_not_configured")
    token = secrets.token_urlsafe(24)  # 32 characters of [A-Za-z0-9_-]: a valid start payload
    expires_at = _now() + LINK_TOKEN_LIFETIME
    async with transaction():
        await TelegramLinkToken.filter(person_id=actor.person_id, used_at=None).delete()
        await TelegramLinkToken.create(
            token_hash=digest(token), person_id=actor.person_id, expires_at=expires_at
        )
    bot = get_settings().telegram_bot_username.lstrip("@")
    return TelegramLinkOffer(url=f"https://t.me/{bot}?start={token}", expires_at=expires_at)


async def link_chat(token: str, chat_id: int, username: str) -> tuple[LinkOutcome, Person | None]:
    """Redeem a deep-link token for a chat: the person it was issued to, linked to the chat."""
    now = _now()
    async with transaction():
        row = await TelegramLinkToken.get_or_none(token_hash=digest(token))
        if row is None:
            return LinkOutcome.UNKNOWN, None
        if row.used_at is not None:
            return LinkOutcome.USED, None
        if row.expires_at <= now:
            return LinkOutcome.EXPIRED, None
        person = await Person.get_or_none(id=row.person_id, is_active=True)
        if person is None:
            return LinkOutcome.UNKNOWN, None
        if await TelegramLink.filter(chat_id=chat_id).exclude(person_id=person.id).exists():
            return LinkOutcome.CHAT_TAKEN, None
        # The claim is one conditional update, so two redemptions at once link once.
        if not await TelegramLinkToken.filter(id=row.id, used_at=None).update(used_at=now):
            return LinkOutcome.USED, None
        await TelegramLink.filter(person_id=person.id).delete()
        await TelegramLink.create(
            person_id=person.id, chat_id=chat_id, username=username[:64], linked_at=now
        )
        await audit.record(
            None, "telegram.link", "person", person.id, after={"chat_id": chat_id, "by": "bot"}
        )
    return LinkOutcome.LINKED, person


async def unlink_person(actor: Actor) -> bool:
    """The caller unlinks their chat from the profile; False when nothing was linked."""
    async with transaction():
        link = await TelegramLink.get_or_none(person_id=actor.person_id)
        if link is None:
            return False
        await TelegramLink.filter(person_id=actor.person_id).delete()
        await audit.record(
            actor, "telegram.unlink", "person", actor.person_id, before={"chat_id": link.chat_id}
        )
    return True


async def unlink_chat(chat_id: int, *, reason: str) -> int | None:
    """Unlink a chat from the Telegram side (`/stop`, or the bot was blocked).

    Returns the person it belonged to, or None when it was not linked.
    """
    async with transaction():
        link = await TelegramLink.get_or_none(chat_id=chat_id)
        if link is None:
            return None
        await TelegramLink.filter(chat_id=chat_id).delete()
        await audit.record(
            None,
            "telegram.unlink",
            "person",
            link.person_id,
            before={"chat_id": chat_id},
            after={"by": reason},
        )
    return link.person_id


async def linked_person(chat_id: int) -> Person | None:
    """The active person a chat is linked to, if any."""
    link = await TelegramLink.get_or_none(chat_id=chat_id).select_related("person")
    if link is None or not link.person.is_active:
        return None
    return link.person


async def chat_of(person_id: int) -> int | None:
    """The chat a person's notifications go to, if they linked one."""
    link = await TelegramLink.get_or_none(person_id=person_id)
    return link.chat_id if link else None


async def prune_link_tokens(now: datetime | None = None) -> int:
    """Forget tokens that can no longer be used (a day after expiry, so `used` stays clear)."""
    cutoff = (now or _now()) - timedelta(days=1)
    return await TelegramLinkToken.filter(expires_at__lt=cutoff).delete()
