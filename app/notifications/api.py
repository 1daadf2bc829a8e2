"""JSON API of the notification centre: the caller's own notifications and settings.

Everything is under `/api/v1/me/notifications` and concerns the caller alone; no route
names another person. Texts come rendered in the caller's language (docs/notifications.md).
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get, post, put
from litestar.di import Provide
from litestar.params import FromQuery, JSONBody, QueryParameter

from app.accounts.auth import CurrentActor, provide_actor
from app.notifications import feed, preferences, supervision
from app.notifications.schemas import (
    DeliveryOverview,
    MarkedRead,
    NotificationPage,
    Preferences,
    PreferencesUpdate,
    UnreadCount,
)
from app.params import PathBigId, QueryBigId


class NotificationsController(Controller):
    """The caller's notification centre (docs/notifications.md)."""

    path = "/api/v1/me/notifications"
    tags = ["notifications"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/")
    async def list_notifications(
        self,
        actor: CurrentActor,
        before: QueryBigId = None,
        unread: FromQuery[bool] = False,
        limit: Annotated[int, QueryParameter(ge=1, le=feed.PAGE_SIZE_MAX)] = feed.PAGE_SIZE,
    ) -> NotificationPage:
        """Newest first; `before` (an id) pages further back, `unread` keeps unread ones."""
        page, _ = await feed.list_notifications(
            actor, before=before, unread_only=unread, limit=limit
        )
        return page

    @get("/unread-count")
    async def unread_count(self, actor: CurrentActor) -> UnreadCount:
        """The bell's number and the position of `user:{id}` to follow it live from."""
        return await feed.unread_count(actor)

    @post("/{notification_id:int}/read", status_code=200)
    async def mark_read(self, actor: CurrentActor, notification_id: PathBigId) -> MarkedRead:
        """Mark one notification read (repeating it changes nothing)."""
        return await feed.mark_read(actor, notification_id)

    @post("/read-all", status_code=200)
    async def mark_all_read(self, actor: CurrentActor, up_to: QueryBigId = None) -> MarkedRead:
        """Mark every unread notification read (only those up to id `up_to`, when given)."""
        return await feed.mark_all_read(actor, up_to)

    @get("/preferences")
    async def get_preferences(self, actor: CurrentActor) -> Preferences:
        """Channels per kind, quiet hours and followed stages (defaults until changed)."""
        return await preferences.read_preferences(actor)

    @put("/preferences")
    async def put_preferences(
        self, actor: CurrentActor, data: JSONBody[PreferencesUpdate]
    ) -> Preferences:
        """Replace the settings (kinds left out keep their channels)."""
        return await preferences.update_preferences(actor, data)


class DeliveriesController(Controller):
    """Supervisors: notification deliveries by state, and those that need a look."""

    path = "/api/v1/notifications/deliveries"
    tags = ["notifications"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/")
    async def overview(self, actor: CurrentActor) -> DeliveryOverview:
        """The last 7 days by channel and state; the latest failed and uncertain ones."""
        return await supervision.delivery_overview(actor)


NOTIFICATIONS_API: list[Any] = [NotificationsController, DeliveriesController]
