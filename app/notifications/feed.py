"""The notification centre: a person's own notifications, newest first, and read marks.

Everything here is scoped to the asking person: there is no way to name another
person's notification (one that is not yours is answered like one that does not exist).
Marking read appends `notification.read` on `user:{id}` in the same transaction, so every
open tab's bell follows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.accounts.actor import Actor
from app.config import get_settings
from app.errors import NotFound
from app.notifications.events import NotificationRead, user_topic
from app.notifications.models import Notification
from app.notifications.pipeline import unread_counts
from app.notifications.schemas import (
    MarkedRead,
    NotificationItem,
    NotificationPage,
    UnreadCount,
)
from app.notifications.texts import RenderedNotification, render_notification
from app.orders.queries import topic_positions
from realtime.outbox import append_event
from realtime.relay import transaction

PAGE_SIZE = 20
PAGE_SIZE_MAX = 100


async def unread_count(actor: Actor) -> UnreadCount:
    """The bell's number, with the position of `user:{id}` read before it."""
    position = await topic_positions([user_topic(actor.person_id)])
    unread = (await unread_counts([actor.person_id])).get(actor.person_id, 0)
    return UnreadCount(unread=unread, position=position)


async def list_notifications(
    actor: Actor,
    *,
    before: int | None = None,
    unread_only: bool = False,
    limit: int = PAGE_SIZE,
    language: str | None = None,
) -> tuple[NotificationPage, list[RenderedNotification]]:
    """A page of the actor's notifications (keyset on id), rendered for them.

    Returns the API page and the same items rendered for templates. `language` overrides
    the actor's (a page shown in the language picked on it).
    """
    position = await topic_positions([user_topic(actor.person_id)])
    query = Notification.filter(person_id=actor.person_id, shown=True)
    if before is not None:
        query = query.filter(id__lt=before)
    if unread_only:
        query = query.filter(read_at__isnull=True)
    limit = max(1, min(limit, PAGE_SIZE_MAX))
    rows = await query.order_by("-id").limit(limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    unread = (await unread_counts([actor.person_id])).get(actor.person_id, 0)
    settings = get_settings()
    rendered = [
        render_notification(
            n,
            language=language or actor.language,
            time_zone=actor.time_zone,
            base_url=settings.public_origin,
        )
        for n in rows
    ]
    items = [
        NotificationItem(
            id=n.id,
            kind=r.kind,
            title=r.title,
            body=r.body,
            url=r.url,
            created_at=n.created_at,
            read_at=n.read_at,
            order_id=n.order_id,
            room_id=n.room_id,
        )
        for n, r in zip(rows, rendered, strict=True)
    ]
    page = NotificationPage(
        items=items,
        next_before=rows[-1].id if more else None,
        unread=unread,
        position=position,
    )
    return page, rendered


async def mark_read(actor: Actor, notification_id: int) -> MarkedRead:
    """Mark one of the actor's notifications read (again: a no-op)."""
    async with transaction():
        owned = Notification.filter(id=notification_id, person_id=actor.person_id, shown=True)
        if not await owned.exists():
            raise NotFound("Notification not found", field="notification_id")
        marked = await owned.filter(read_at__isnull=True).update(read_at=datetime.now(UTC))
        return await _announce(actor, [notification_id] if marked else [], marked, all_=False)


async def mark_all_read(actor: Actor, up_to: int | None = None) -> MarkedRead:
    """Mark every unread notification of the actor read (up to id `up_to`, when given:
    what the person saw, so one that arrived meanwhile stays unread)."""
    async with transaction():
        query = Notification.filter(person_id=actor.person_id, shown=True, read_at__isnull=True)
        if up_to is not None:
            query = query.filter(id__lte=up_to)
        marked = await query.update(read_at=datetime.now(UTC))
        return await _announce(actor, [], marked, all_=True)


async def _announce(actor: Actor, ids: list[int], marked: int, *, all_: bool) -> MarkedRead:
    unread = (await unread_counts([actor.person_id])).get(actor.person_id, 0)
    if marked:
        await append_event(
            NotificationRead(notification_ids=ids, all=all_, unread=unread),
            [user_topic(actor.person_id)],
        )
    return MarkedRead(marked=marked, unread=unread)
