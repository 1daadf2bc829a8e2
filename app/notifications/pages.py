"""Pages of the notification centre (`/notifications`) and its settings.

Thin: they call `feed` and `preferences` and render. The list follows `user:{id}` live
through notifications.js, which also keeps the header's bell (base.html) up to date.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import FormMultiDict
from litestar.params import FromQuery

from app.notifications import feed, preferences, supervision
from app.notifications.events import user_topic
from app.notifications.models import Channel, NotificationKind
from app.notifications.schemas import PreferencesUpdate
from app.notifications.texts import KIND_LABELS
from app.page_texts import label
from app.params import PathBigId, QueryBigId
from app.web import PageActor, parse_input, redirect, render, url


def _preferences_input(form: FormMultiDict) -> PreferencesUpdate:
    """The settings form as the API's update (unticked boxes are simply absent)."""
    ticked = set(form.getall("channel", []))
    quiet = None
    if form.get("quiet") and form.get("quiet_start") and form.get("quiet_end"):
        quiet = {"start": form.get("quiet_start"), "end": form.get("quiet_end")}
    return parse_input(
        PreferencesUpdate,
        {
            "kinds": [
                {c.value: f"{kind.value}:{c.value}" in ticked for c in Channel} | {"kind": kind}
                for kind in NotificationKind
            ],
            "quiet_hours": quiet,
            "unit_stages": form.getall("stage", []),
        },
    )


class NotificationPages(Controller):
    """The centre and the settings of the logged-in person."""

    @get("/notifications")
    async def centre(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        before: QueryBigId = None,
        unread: FromQuery[bool] = False,
    ) -> Response[Any]:
        """The person's notifications, newest first, with read marks."""
        page, items = await feed.list_notifications(
            actor,
            before=before,
            unread_only=unread,
            language=request.state.get("language"),
        )
        topic = user_topic(actor.person_id)
        return await render(
            request,
            "notifications/centre.html",
            page=page,
            items=items,
            unread_only=unread,
            newest_id=items[0].id if items else None,
            topic=topic,
            older_url=url("/notifications", before=page.next_before, unread=unread or None)
            if page.next_before
            else None,
        )

    @post("/notifications/{notification_id:int}/read")
    async def read_one(
        self, request: Request[Any, Any, Any], actor: PageActor, notification_id: PathBigId
    ) -> Response[Any]:
        """Mark one read and come back to the list."""
        await feed.mark_read(actor, notification_id)
        return redirect(_back(await request.form()))

    @post("/notifications/read-all")
    async def read_all(self, request: Request[Any, Any, Any], actor: PageActor) -> Response[Any]:
        """Mark every notification shown (up to the newest on the page) read."""
        form = await request.form()
        up_to = str(form.get("up_to", "")).strip()
        await feed.mark_all_read(actor, int(up_to) if up_to.isdigit() else None)
        return redirect(_back(form))

    @get("/notifications/settings")
    async def settings(
        self, request: Request[Any, Any, Any], actor: PageActor, saved: FromQuery[bool] = False
    ) -> Response[Any]:
        """Channels per kind, quiet hours and the stages to hear about."""
        prefs = await preferences.read_preferences(actor)
        return await render(
            request,
            "notifications/settings.html",
            prefs=prefs,
            kind_label=lambda k: label(KIND_LABELS, k),
            channels=list(Channel),
            chosen={
                (k.kind.value, c.value): getattr(k, c.value) for k in prefs.kinds for c in Channel
            },
            saved=saved,
        )

    @post("/notifications/settings")
    async def save_settings(
        self, request: Request[Any, Any, Any], actor: PageActor
    ) -> Response[Any]:
        """Save the settings form."""
        data = _preferences_input(await request.form())
        await preferences.update_preferences(actor, data)
        return redirect(url("/notifications/settings", saved=1))


class DeliveryPages(Controller):
    """/manager/notifications: supervisors only (everyone else gets the app's 403 page)."""

    include_in_schema = False

    @get("/manager/notifications")
    async def deliveries(self, request: Request[Any, Any, Any], actor: PageActor) -> Response[Any]:
        """Deliveries by channel and state, and the latest failed or uncertain ones."""
        overview = await supervision.delivery_overview(actor)
        return await render(
            request,
            "notifications/deliveries.html",
            overview=overview,
            kind_label=lambda k: label(KIND_LABELS, k),
        )


def _back(form: FormMultiDict) -> str:
    """Where a read mark's form came from (only ever the centre)."""
    back = str(form.get("next", ""))
    return back if back.startswith("/notifications") and "//" not in back else "/notifications"


NOTIFICATION_PAGES: list[Any] = [NotificationPages, DeliveryPages]
