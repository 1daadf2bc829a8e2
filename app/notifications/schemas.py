"""API contracts of the notification centre and its settings (never ORM objects)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from app.notifications.models import Channel, DeliveryState, NotificationKind
from app.orders.models import UnitStage

ClockTime = Annotated[str, msgspec.Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", examples=["22:00"])]
"""A time of day, `HH:MM`, in the person's time zone."""


class NotificationItem(msgspec.Struct, kw_only=True):
    """One notification as its person reads it (text in the reader's language)."""

    id: int
    kind: NotificationKind
    title: str
    body: str
    url: str
    """Absolute link to the order or the chat message."""
    created_at: datetime
    read_at: datetime | None
    order_id: int | None
    room_id: int | None


class NotificationPage(msgspec.Struct, kw_only=True):
    """Newest first; pass `next_before` as `before` for older ones."""

    items: list[NotificationItem]
    next_before: int | None
    unread: int
    position: dict[str, int]
    """Position of `user:{id}` read before the rows: subscribe from it to miss nothing."""


class UnreadCount(msgspec.Struct, kw_only=True):
    """The bell's number."""

    unread: int
    position: dict[str, int]


class MarkedRead(msgspec.Struct, kw_only=True):
    """How many were marked read now, and how many remain unread."""

    marked: int
    unread: int


class KindChannels(msgspec.Struct, kw_only=True):
    """The channels one kind of notification goes to."""

    kind: NotificationKind
    cabinet: bool
    email: bool
    telegram: bool
    """Only delivered while a Telegram chat is linked (`/profile/telegram`)."""


class QuietHours(msgspec.Struct, kw_only=True):
    """No email or Telegram message from `start` to `end` (may span midnight); the
    cabinet still shows notifications at once. Messages held back go out at `end`."""

    start: ClockTime
    end: ClockTime


class Preferences(msgspec.Struct, kw_only=True):
    """What a person wants to be told, where and when."""

    kinds: list[KindChannels]
    quiet_hours: QuietHours | None
    unit_stages: list[UnitStage]
    """Unit moves to these stages are notified (kind `unit_stage`)."""
    telegram_linked: bool = False
    """Read only: whether a Telegram chat is linked."""
    time_zone: str = ""
    """Read only: the zone quiet hours are read in (the person's profile)."""


class PreferencesUpdate(msgspec.Struct, kw_only=True):
    """New settings (what `GET` answered may be sent back as it is: read-only fields are
    ignored); kinds left out of `kinds` keep their current channels."""

    kinds: Annotated[list[KindChannels], msgspec.Meta(max_length=len(NotificationKind))]
    quiet_hours: QuietHours | None
    unit_stages: Annotated[list[UnitStage], msgspec.Meta(max_length=len(UnitStage))]


class DeliveryStateCount(msgspec.Struct, kw_only=True):
    """How many deliveries on one channel are in one state."""

    channel: Channel
    state: DeliveryState
    count: int


class DeliveryProblem(msgspec.Struct, kw_only=True):
    """A delivery that failed or may not have arrived, with the reason kept."""

    delivery_id: int
    channel: Channel
    state: DeliveryState
    attempts: int
    last_error: str
    kind: NotificationKind
    created_at: datetime
    order_id: int | None
    person_name: str
    person_email: str


class DeliveryOverview(msgspec.Struct, kw_only=True):
    """Supervisors only: deliveries since `since` by channel and state, latest problems."""

    since: datetime
    counts: list[DeliveryStateCount]
    problems: list[DeliveryProblem]
