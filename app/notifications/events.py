"""Notification events on `user:{person_id}`: the bell and the centre follow them live.

They carry no text (the page renders it in the reader's language) and no money: only
what changed and the person's unread count after the change, so a bell that missed
nothing can show the number without asking.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from app.chat.events import user_topic
from app.notifications.models import NotificationKind

__all__ = ["NotificationCreated", "NotificationEvent", "NotificationRead", "user_topic"]


class NotificationCreated(
    msgspec.Struct, tag="notification.created", tag_field="type", kw_only=True
):
    """A notification for this person appeared in the centre."""

    notification_id: int
    kind: NotificationKind
    order_id: int | None
    room_id: int | None
    created_at: datetime
    unread: int
    """The person's unread notifications, this one included."""


class NotificationRead(msgspec.Struct, tag="notification.read", tag_field="type", kw_only=True):
    """The person read one notification (`notification_ids`) or all of them (`all`)."""

    notification_ids: list[int]
    all: bool
    unread: int
    """Unread notifications left."""


NotificationEvent = NotificationCreated | NotificationRead
