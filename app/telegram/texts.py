"""What the bot says, as Telegram HTML, in the language of whoever it speaks to.

Call these inside `app.i18n.speaking(language, time_zone)`: the bot runs outside any page
request. Every value from the database is escaped; Telegram's HTML mode knows only a few
tags (`b`, `i`, `a`, `code`, ...) and refuses a message with a stray `<`.
"""

from __future__ import annotations

from html import escape

from app import i18n
from app.accounts.models import Person
from app.config import get_settings
from app.errors import DomainError
from app.i18n import format_local_datetime, ngettext
from app.i18n import gettext as _
from app.notifications.models import Notification, NotificationKind
from app.notifications.texts import RenderedNotification, render_notification
from app.orders.schemas import OrderDetail, OrderSummary
from app.page_texts import STAGE_LABELS, STATUS_LABELS, error_message, label
from app.telegram.conversation import ReplyOutcome
from app.telegram.linking import LinkOutcome

PROFILE_PATH = "/profile/telegram"


def _link(path: str, text: str) -> str:
    url = get_settings().public_origin.rstrip("/") + path
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def help_text() -> str:
    """`/help`: what the bot can do."""
    return "\n".join(
        [
            "<b>" + escape(_("The dealer cabinet bot")) + "</b>",
            escape(_("I send you the notifications you chose in the cabinet.")),
            "",
            "/orders — " + escape(_("your recent orders")),
            "/order " + escape(_("<number>")) + " — " + escape(_("an order's status and units")),
            "/stop — " + escape(_("unlink this chat from the cabinet")),
            "",
            escape(_("Reply to a chat message notification to answer in that chat.")),
        ]
    )


def not_linked_text() -> str:
    """Anything from a chat that is not linked."""
    return (
        escape(_("This chat is not linked to the dealer cabinet."))
        + " "
        + _link(PROFILE_PATH, _("Link it from your profile."))
    )


def link_outcome_text(outcome: LinkOutcome, full_name: str = "") -> str:
    """The answer to `/start <token>`."""
    if outcome is LinkOutcome.LINKED:
        return (
            escape(
                _("Done, %(name)s: this chat is linked to the dealer cabinet.")
                % {"name": full_name}
            )
            + "\n"
            + escape(
                _(
                    "Notifications you chose for Telegram will arrive here. "
                    "/help lists the commands."
                )
            )
        )
    reasons = {
        LinkOutcome.UNKNOWN: _("This link is not valid."),
        LinkOutcome.USED: _("This link was already used."),
        LinkOutcome.EXPIRED: _("This link has expired."),
        LinkOutcome.CHAT_TAKEN: _(
            "This chat is already linked to another cabinet account; send /stop first."
        ),
    }
    return (
        escape(reasons[outcome]) + " " + _link(PROFILE_PATH, _("Get a new link in your profile."))
    )


def unlinked_text(was_linked: bool) -> str:
    """The answer to `/stop`."""
    if not was_linked:
        return escape(_("This chat was not linked; nothing changed."))
    return escape(
        _("This chat is unlinked from the dealer cabinet. No more notifications will come here.")
    )


def orders_text(orders: list[OrderSummary]) -> str:
    """`/orders`: the person's newest orders with their status."""
    if not orders:
        return escape(_("You have no orders yet."))
    lines = ["<b>" + escape(_("Your recent orders")) + "</b>"]
    for o in orders:
        status = escape(label(STATUS_LABELS, o.status))
        when = escape(format_local_datetime(o.created_at))
        lines.append(
            f"№ <code>{escape(o.number)}</code> — {status} · {escape(o.dealer_name)} · {when}"
        )
    lines += ["", escape(_("Send /order and a number to see one order."))]
    return "\n".join(lines)


def order_text(order: OrderDetail | None, typed: str) -> str:
    """`/order N`: status and units by stage; unknown and foreign orders read the same."""
    if not typed.strip():
        return escape(_("Send the order's number, for example: /order 000042"))
    if order is None:
        return escape(_("Order № %(number)s not found.") % {"number": typed.strip()[:20]})
    lines = [
        "<b>" + escape(_("Order № %(number)s") % {"number": order.number}) + "</b>",
        escape(order.dealer_name),
        escape(_("Status: %(status)s") % {"status": label(STATUS_LABELS, order.status)}),
    ]
    if order.stages:
        total = sum(s.count for s in order.stages)
        lines.append(
            escape(
                ngettext("%(num)d unit by stage:", "%(num)d units by stage:", total)
                % {"num": total}
            )
        )
        lines += [f"• {escape(label(STAGE_LABELS, s.stage))}: {s.count}" for s in order.stages]
    lines.append(_link(f"/orders/{order.id}", _("Open in the cabinet")))
    return "\n".join(lines)


def reply_text(outcome: ReplyOutcome, error: DomainError | None = None) -> str:
    """The bot's confirmation (or polite refusal) after a reply meant for a chat."""
    if outcome is ReplyOutcome.POSTED:
        return escape(_("Sent to the chat."))
    if outcome is ReplyOutcome.NO_RIGHT:
        return escape(_("Sorry, you may not write in this chat any more."))
    if outcome is ReplyOutcome.REFUSED and error is not None:
        return escape(error_message(error))
    return escape(_("Reply to a chat message notification to answer in that chat."))


def text_only_text() -> str:
    """A reply with a photo or a file instead of text."""
    return escape(_("Only text can be sent to the chat from Telegram."))


def notification_message(item: RenderedNotification) -> str:
    """A mirrored notification: its title, body and a link back to the cabinet."""
    parts = ["<b>" + escape(item.title) + "</b>"]
    if item.body:
        parts.append(escape(item.body))
    parts.append(f'<a href="{escape(item.url)}">{escape(_("Open in the cabinet"))}</a>')
    if item.kind is NotificationKind.CHAT_MESSAGE:
        parts.append("<i>" + escape(_("Reply to this message to answer in the chat.")) + "</i>")
    return "\n".join(parts)


def mirrored_notification(notification: Notification, person: Person) -> str:
    """A notification as the bot sends it to its person, in their language and zone."""
    item = render_notification(
        notification,
        language=person.language,
        time_zone=person.time_zone,
        base_url=get_settings().public_origin,
    )
    with i18n.speaking(person.language, person.time_zone):
        return notification_message(item)
