"""A delivery's state machine: each email or Telegram message is sent at most once.

    pending ──claim──▶ sending ──▶ sent
       ▲                  │ ├────▶ skipped    (nothing to send to, or switched off)
       └──── retry ───────┘ ├────▶ failed     (refused for good, or out of attempts)
                            └────▶ uncertain  (the worker died or the sender broke
                                               after handing the message over)

Every step is one UPDATE guarded by the state it leaves (and, from `sending`, by the
attempt that claimed it), so two workers, a retried arq job or a late reconcile can
never both act on one delivery. The promise is "never twice": the sender marks the
moment it hands the message over (`hand_over`: just before the mail's DATA or the bot's
sendMessage); a `sending` whose lease ran out before that moment is retried (nothing can
have left: the worker died while pacing, rendering or connecting), after it the delivery
becomes `uncertain` and is not sent again, because the message may well have left. The
cost is that such a message may be lost; the window is one network call, the person
still has it in the cabinet, and `uncertain` rows are counted for the operators.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import msgspec

from app.accounts.models import Person
from app.chat.models import ChatMessage
from app.notifications.models import Channel, Delivery, DeliveryState, Notification
from app.notifications.preferences import channels_for
from app.notifications.recipients import audience_of

LEASE = timedelta(seconds=90)
"""How long a claimed delivery may stay `sending` (the delivery job's timeout is 60 s)."""
MAX_ATTEMPTS = 8
BACKOFF_SECONDS = (5, 15, 60, 180, 600, 1800, 3600)
"""Wait before attempt n+1 after a failed attempt n (the last value repeats)."""


def _now() -> datetime:
    return datetime.now(UTC)


def backoff(attempts: int) -> float:
    """Seconds to wait after `attempts` failed attempts."""
    return float(BACKOFF_SECONDS[min(max(attempts, 1), len(BACKOFF_SECONDS)) - 1])


@dataclass(frozen=True)
class Claimed:
    """A delivery this worker now holds, with what the sender needs."""

    delivery_id: int
    attempt: int
    channel: Channel
    notification: Notification
    person: Person


async def claim(delivery_id: int, now: datetime | None = None) -> Claimed | None:
    """Take a due pending delivery (pending → sending, one more attempt), or None when it
    is not (any more) pending and due: someone else has it, or it is finished."""
    now = now or _now()
    row = await Delivery.filter(id=delivery_id).values_list("attempts", flat=True)
    if not row:
        return None
    attempts = int(row[0])  # type: ignore[call-overload]
    taken = await Delivery.filter(
        id=delivery_id, state=DeliveryState.PENDING, attempts=attempts, not_before__lte=now
    ).update(
        state=DeliveryState.SENDING,
        attempts=attempts + 1,
        lease_until=now + LEASE,
        handed_over_at=None,
    )
    if not taken:
        return None
    delivery = await Delivery.get(id=delivery_id).select_related(
        "notification", "notification__person"
    )
    notification = delivery.notification
    return Claimed(
        delivery_id=delivery_id,
        attempt=attempts + 1,
        channel=Channel(delivery.channel),
        notification=notification,
        person=notification.person,
    )


async def hand_over(claimed: Claimed) -> bool:
    """The sender is about to take the step that cannot be taken back; from now on a
    dead worker leaves this delivery uncertain rather than retried."""
    marked = await Delivery.filter(
        id=claimed.delivery_id, state=DeliveryState.SENDING, attempts=claimed.attempt
    ).update(handed_over_at=_now())
    return bool(marked)


async def still_wanted(claimed: Claimed) -> bool:
    """Whether the person may still be told, and still wants it on this channel.

    A delivery can wait for hours (quiet hours, retries): meanwhile the person may have
    left the dealer, a manager may have been unassigned, the dealer deactivated, the
    message deleted, or the person changed their mind. Tenancy is checked again now,
    not only when the notification was made."""
    person = claimed.person
    notification = claimed.notification
    if not person.is_active:
        return False
    if notification.dealer_id is not None:
        internal = bool(msgspec.json.decode(notification.params or "{}").get("internal"))
        audience = await audience_of(
            notification.dealer_id, kind=notification.kind, internal=internal, exclude=None
        )
        if person.id not in audience:
            return False
    if (
        notification.chat_message_id is not None
        and await ChatMessage.filter(
            id=notification.chat_message_id, deleted_at__isnull=False
        ).exists()
    ):
        return False  # its author deleted the message meanwhile
    chosen = (await channels_for([person.id], notification.kind))[person.id]
    return chosen.email if claimed.channel is Channel.EMAIL else chosen.telegram


async def _finish(claimed: Claimed, state: DeliveryState, **values: object) -> bool:
    """Leave `sending` for `state`, if this attempt still holds the delivery."""
    done = await Delivery.filter(
        id=claimed.delivery_id,
        state__in=[DeliveryState.SENDING, DeliveryState.UNCERTAIN],
        attempts=claimed.attempt,
    ).update(state=state, lease_until=None, **values)
    return bool(done)


async def mark_sent(claimed: Claimed, external_id: str) -> bool:
    """It went out (also when the lease had run out meanwhile: then we know better)."""
    return await _finish(claimed, DeliveryState.SENT, sent_at=_now(), external_id=external_id[:200])


async def mark_retry(claimed: Claimed, after_seconds: float, reason: str) -> DeliveryState:
    """Try again later (not before the channel asked, nor sooner than the backoff); out of
    attempts it fails."""
    if claimed.attempt >= MAX_ATTEMPTS:
        await _finish(claimed, DeliveryState.FAILED, last_error=f"gave up: {reason}"[:2000])
        return DeliveryState.FAILED
    wait = max(after_seconds, backoff(claimed.attempt))
    await Delivery.filter(
        id=claimed.delivery_id,
        state__in=[DeliveryState.SENDING, DeliveryState.UNCERTAIN],
        attempts=claimed.attempt,
    ).update(
        state=DeliveryState.PENDING,
        lease_until=None,
        not_before=_now() + timedelta(seconds=wait),
        last_error=reason[:2000],
    )
    return DeliveryState.PENDING


async def mark_skipped(claimed: Claimed, reason: str) -> bool:
    """Nothing to send to: not an error."""
    return await _finish(claimed, DeliveryState.SKIPPED, last_error=reason[:2000])


async def mark_failed(claimed: Claimed, reason: str) -> bool:
    """Refused for good."""
    return await _finish(claimed, DeliveryState.FAILED, last_error=reason[:2000])


async def mark_uncertain(claimed: Claimed, reason: str) -> bool:
    """The sender broke in a way that may have sent it: never try again."""
    return await _finish(claimed, DeliveryState.UNCERTAIN, last_error=reason[:2000])


async def expire_leases(now: datetime | None = None) -> int:
    """A `sending` past its lease (its worker died) is retried when its message was never
    handed over, and becomes `uncertain` when it was; returns how many were expired."""
    now = now or _now()
    expired = Delivery.filter(state=DeliveryState.SENDING, lease_until__lt=now)
    retried = await expired.filter(handed_over_at__isnull=True).update(
        state=DeliveryState.PENDING,
        lease_until=None,
        not_before=min(now, _now()),
        last_error="the worker stopped before handing the message over",
    )
    uncertain = await expired.filter(handed_over_at__isnull=False).update(
        state=DeliveryState.UNCERTAIN, last_error="the worker stopped while sending"
    )
    return retried + uncertain


async def due(limit: int = 500, now: datetime | None = None) -> list[tuple[int, int]]:
    """(id, attempts) of pending deliveries whose time has come, oldest first."""
    rows = (
        await Delivery.filter(state=DeliveryState.PENDING, not_before__lte=now or _now())
        .order_by("not_before", "id")
        .limit(limit)
        .values_list("id", "attempts")
    )
    return [(int(i), int(a)) for i, a in rows]
