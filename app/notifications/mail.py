"""A notification as an email: the reader's language and time zone, the cabinet's templates.

The words come from `render_notification` and the notification centre's own partial
(`notifications/_item.html`), so a notification reads the same in the cabinet and in the
mailbox. This module only builds the message; `workers/mail.py` sends it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from jinja2 import Environment

from app import i18n
from app.accounts.models import Person
from app.config import Settings
from app.notifications.models import Channel, Notification
from app.notifications.texts import render_notification
from app.templating import template_environment

SETTINGS_PATH = "/notifications/settings"
"""Where a reader changes what they receive: the email's footer and List-Unsubscribe."""


@cache
def _templates() -> Environment:
    """The cabinet's Jinja environment, built once per process (templates compile once)."""
    return template_environment()


def notification_message_id(notification_id: int, settings: Settings) -> str:
    """`<notification-{id}.email@{domain}>`: the same for every attempt at one notification.

    A resend (were one ever to happen) is then recognisable as the same message by mail
    clients and by us; the domain is the sender's, as RFC 5322 suggests.
    """
    return f"<notification-{notification_id}.{Channel.EMAIL}@{_mail_domain(settings)}>"


def build_notification_mail(
    notification: Notification, person: Person, *, settings: Settings
) -> EmailMessage:
    """The complete message (headers, a text part and an HTML part) for one person."""
    origin = settings.public_origin.rstrip("/")
    item = render_notification(
        notification, language=person.language, time_zone=person.time_zone, base_url=origin
    )
    language = i18n.pick_language(person.language)
    context = {
        "item": item,
        "language": language,
        "zone": _zone_label(person.time_zone, notification.created_at),
        "link_to": _link_target(notification),
        "cabinet_url": origin + "/",
        "settings_url": origin + SETTINGS_PATH,
    }
    with i18n.speaking(language, person.time_zone):
        text = _templates().get_template("email/notification.txt").render(context)
        html = _templates().get_template("email/notification.html").render(context)

    message = EmailMessage()
    message["Subject"] = _one_line(item.title)
    message["From"] = settings.mail_from
    message["To"] = Address(display_name=_one_line(person.full_name), addr_spec=person.email)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = notification_message_id(notification.id, settings)
    # RFC 3834: an automatic message; no vacation replies, no auto-forwarding loops.
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    # RFC 2369: mail clients show an "unsubscribe" button that leads to the settings page.
    message["List-Unsubscribe"] = f"<{origin}{SETTINGS_PATH}>"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    message["Content-Language"] = language  # after the parts: set_content clears Content-*
    return message


def _one_line(text: str) -> str:
    """Header text on one line: a line break in a name must not end the header."""
    return " ".join(text.split())


def _link_target(notification: Notification) -> str:
    """What the button opens; mirrors `texts.link_path` (a chat message, else the order)."""
    if notification.room_id is not None:
        return "chat"
    if notification.order_id is not None:
        return "order"
    return "centre"


def _zone_label(time_zone: str, at: datetime) -> str:
    """`Asia/Yekaterinburg, UTC+05:00`: the zone's name and its offset at that moment."""
    offset = at.astimezone(ZoneInfo(time_zone)).strftime("%z")
    return f"{time_zone}, UTC{offset[:3]}:{offset[3:]}"


def _mail_domain(settings: Settings) -> str:
    """The domain of MAIL_FROM, else the cabinet's host name."""
    _name, address = parseaddr(settings.mail_from)
    domain = address.rpartition("@")[2]
    return domain or urlsplit(settings.public_origin).hostname or "localhost"
