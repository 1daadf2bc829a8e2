"""What a notification says, in the reader's language and time zone, wherever it is shown.

One renderer for every channel: the notification centre, the bell's list, the email and
the Telegram message all take their title, body and link from `render_notification`, so a
notification reads the same everywhere. It works outside a request (in a worker): the
language and time zone are the person's, passed in, never the current request's.

A notification keeps the facts its text needs in `params` (JSON, written once by the
pipeline); the sentence is made when shown, so a person who switches language sees their
old notifications in the new one.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import msgspec

from app import i18n
from app.notifications.models import Notification, NotificationKind
from app.page_texts import N_, STAGE_LABELS, STATUS_LABELS, label

EXCERPT_LENGTH = 140
"""Characters of a chat message shown in its notification."""

KIND_LABELS: dict[str, str] = {
    NotificationKind.ORDER_CONFIRMED: N_("Order confirmed"),
    NotificationKind.ORDER_STATUS: N_("Other order status changes"),
    NotificationKind.UNIT_STAGE: N_("Units reached a stage"),
    NotificationKind.ORDER_SHIPPED: N_("Order shipped"),
    NotificationKind.CHAT_MESSAGE: N_("New chat message"),
    NotificationKind.INVOICE_ISSUED: N_("Invoice issued"),
    NotificationKind.DEAL_CHANGED: N_("Order changed by the factory"),
}
"""The name of each kind (settings grid, email subject prefix)."""

CHANGE_LABELS: dict[str, str] = {
    "stage": N_("stage"),
    "items": N_("items"),
    "amount": N_("amount"),
    "comment": N_("comment"),
}
"""What a CRM deal change touched (`crm.deal_changed`'s `changes`)."""


class RenderedNotification(msgspec.Struct, kw_only=True):
    """A notification as one person reads it: translated, with local time and a link."""

    id: int
    kind: NotificationKind
    title: str
    body: str
    url: str
    """Absolute link to the order or chat in the cabinet."""
    created_at: datetime
    time: str
    """`created_at` in the person's time zone and language."""
    read: bool


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """The start of a message on one line, cut at a word with an ellipsis when long."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0] or flat[:length]
    return cut.rstrip(" ,.;:") + "…"


def render_notification(
    notification: Notification, *, language: str, time_zone: str, base_url: str
) -> RenderedNotification:
    """Title, body and link of a notification for a reader of this language and zone."""
    params: dict[str, Any] = json.loads(notification.params or "{}")
    with i18n.speaking(language, time_zone or "Europe/Moscow"):
        title, body = _TEXTS[NotificationKind(notification.kind)](params)
        return RenderedNotification(
            id=notification.id,
            kind=NotificationKind(notification.kind),
            title=title,
            body=body,
            url=base_url.rstrip("/") + link_path(notification),
            created_at=notification.created_at,
            time=i18n.format_local_datetime(notification.created_at),
            read=notification.read_at is not None,
        )


def link_path(notification: Notification) -> str:
    """Where a notification leads: the chat message, else the order, else the centre."""
    if notification.room_id is not None:
        anchor = f"#m{notification.chat_message_id}" if notification.chat_message_id else ""
        return f"/chat/rooms/{notification.room_id}{anchor}"
    if notification.order_id is not None:
        return f"/orders/{notification.order_id}"
    return "/notifications"


def _(message: str, **values: Any) -> str:
    text = i18n.gettext(message)
    return text % values if values else text


def _status(value: str | None) -> str:
    return label(STATUS_LABELS, value or "")


def _order_confirmed(p: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Order № %(number)s is confirmed", number=p["number"]),
        _("The factory confirmed the order; its units are queued for production."),
    )


def _order_status(p: dict[str, Any]) -> tuple[str, str]:
    title = _("Order № %(number)s: %(status)s", number=p["number"], status=_status(p["to"]))
    body = _(
        "The status changed from “%(from)s” to “%(to)s”.",
        **{"from": _status(p.get("from")), "to": _status(p["to"])},
    )
    if p.get("reason"):
        body += " " + _("Reason: %(reason)s", reason=p["reason"])
    return title, body


def _order_shipped(p: dict[str, Any]) -> tuple[str, str]:
    at = i18n.format_local_datetime(datetime.fromisoformat(p["at"])) if p.get("at") else "—"
    return (
        _("Order № %(number)s is shipped", number=p["number"]),
        _("The order left the factory on %(time)s.", time=at),
    )


def _unit_stage(p: dict[str, Any]) -> tuple[str, str]:
    stage = label(STAGE_LABELS, p["stage"])
    count = int(p.get("count", 1))
    body = i18n.ngettext(
        "%(num)d unit moved to “%(stage)s”.", "%(num)d units moved to “%(stage)s”.", count
    ) % {"num": count, "stage": stage}
    return _("Order № %(number)s: %(stage)s", number=p["number"], stage=stage), body


def _chat_message(p: dict[str, Any]) -> tuple[str, str]:
    author = p.get("author") or _("Someone")
    if p.get("internal"):
        title = _("Internal note from %(author)s", author=author)
    else:
        title = _("New message from %(author)s", author=author)
    if p.get("number"):
        title += " · " + _("order № %(number)s", number=p["number"])
    body = p.get("excerpt") or ""
    if p.get("files") and not body:
        body = i18n.ngettext("%(num)d file", "%(num)d files", int(p["files"])) % {
            "num": int(p["files"])
        }
    return title, body


def _deal_changed(p: dict[str, Any]) -> tuple[str, str]:
    changes = [label(CHANGE_LABELS, c) for c in p.get("changes", []) if c in CHANGE_LABELS]
    title = _("Order № %(number)s was changed by the factory", number=p["number"])
    if not changes:
        return title, _("Open the order to see what changed.")
    return title, _("Changed: %(what)s.", what=", ".join(changes))


def _invoice_issued(p: dict[str, Any]) -> tuple[str, str]:
    invoice = p.get("invoice_number") or "—"
    if p.get("number"):
        title = _("Invoice %(invoice)s for order № %(number)s", invoice=invoice, number=p["number"])
    else:
        title = _("Invoice %(invoice)s", invoice=invoice)
    body = _("A new invoice is waiting for payment.")
    if p.get("due_on"):
        due = i18n.format_day(date.fromisoformat(p["due_on"]))
        body += " " + _("Please pay by %(date)s.", date=due)
    return title, body


_TEXTS = {
    NotificationKind.ORDER_CONFIRMED: _order_confirmed,
    NotificationKind.ORDER_STATUS: _order_status,
    NotificationKind.ORDER_SHIPPED: _order_shipped,
    NotificationKind.UNIT_STAGE: _unit_stage,
    NotificationKind.CHAT_MESSAGE: _chat_message,
    NotificationKind.DEAL_CHANGED: _deal_changed,
    NotificationKind.INVOICE_ISSUED: _invoice_issued,
}
