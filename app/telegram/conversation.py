"""What the bot does for a linked person: their orders, one order, a reply into a chat.

The bot has no session, so it acts for every dealer the person acts for in the cabinet,
each time with that membership's rights (`actors_of`): it sees exactly what the person
could see by switching dealers in the cabinet, and nothing more. Reads go through the
orders and chat domains' own tenancy queries and services.
"""

from __future__ import annotations

import json
from enum import StrEnum

from app.accounts.actor import Actor, Permission
from app.accounts.models import DealerMembership, Person
from app.accounts.service import build_actor
from app.chat.access import scoped_rooms
from app.chat.posting import post_message
from app.chat.schemas import MessageCreate
from app.errors import DomainError, Forbidden, NotFound
from app.notifications.models import Channel, Notification, NotificationKind, TelegramLink
from app.orders.queries import get_order, list_orders, scoped_orders
from app.orders.schemas import OrderDetail, OrderQuery, OrderSummary

RECENT_ORDERS = 10
"""How many orders `/orders` lists."""
NUMBER_WIDTH = 6
"""Order numbers are the id padded to six digits; `/order 42` finds `000042`."""


async def actors_of(person: Person) -> list[Actor]:
    """The person as the cabinet knows them, once per dealer they act for (staff: once)."""
    if person.staff_role is None:
        dealer_ids = await DealerMembership.filter(
            person_id=person.id, dealer__is_active=True
        ).values_list("dealer_id", flat=True)
        if dealer_ids:
            return [await build_actor(person, int(d)) for d in sorted(dealer_ids)]
    return [await build_actor(person, None)]


async def recent_orders(person: Person) -> list[OrderSummary]:
    """The person's newest orders over all the dealers they act for."""
    found: dict[int, OrderSummary] = {}
    for actor in await actors_of(person):
        page = await list_orders(actor, OrderQuery(limit=RECENT_ORDERS))
        for order in page.items:
            found.setdefault(order.id, order)
    newest = sorted(found.values(), key=lambda o: (o.created_at, o.id), reverse=True)
    return newest[:RECENT_ORDERS]


def _number_candidates(typed: str) -> list[str]:
    number = typed.strip().lstrip("№#").strip()
    if not number or len(number) > 20:
        return []
    if number.isdigit() and len(number) < NUMBER_WIDTH:
        return [number, number.zfill(NUMBER_WIDTH)]
    return [number]


async def find_order(person: Person, typed_number: str) -> OrderDetail | None:
    """One of the person's orders by its number; another dealer's is as absent as none."""
    candidates = _number_candidates(typed_number)
    if not candidates:
        return None
    for actor in await actors_of(person):
        order = await scoped_orders(actor).filter(number__in=candidates).first()
        if order is not None:
            return await get_order(actor, order.id)
    return None


class ReplyOutcome(StrEnum):
    """What became of a reply to a bot message."""

    POSTED = "posted"
    NOT_A_CHAT_NOTIFICATION = "not_a_chat_notification"
    NO_RIGHT = "no_right"
    REFUSED = "refused"
    """The chat refused the text (too long, empty): `error` says why."""


async def reply_into_chat(
    person: Person, bot_message_id: int, text: str, *, update_id: int
) -> tuple[ReplyOutcome, DomainError | None]:
    """Post a reply to a mirrored chat-message notification into its thread, as the person.

    The notification is found through its Telegram delivery (the bot message's id, sent
    since the chat was linked) among the person's own notifications. Rights are those of
    now, checked again by the chat's posting service; the update's id is the message's
    `client_id`, so a re-delivered update never posts twice.
    """
    link = await TelegramLink.get_or_none(person_id=person.id)
    if link is None:
        return ReplyOutcome.NOT_A_CHAT_NOTIFICATION, None
    # Message ids count per chat: only what was sent since this chat was linked is in it.
    notification = (
        await Notification.filter(
            person_id=person.id,
            kind=NotificationKind.CHAT_MESSAGE,
            room_id__isnull=False,
            deliveries__channel=Channel.TELEGRAM,
            deliveries__external_id=str(bot_message_id),
            deliveries__sent_at__gte=link.linked_at,
        )
        .order_by("-id")
        .first()
    )
    if notification is None or notification.room_id is None:
        return ReplyOutcome.NOT_A_CHAT_NOTIFICATION, None
    room_id = notification.room_id
    # A reply to an internal note stays an internal note (staff only, as in the cabinet).
    internal = bool(json.loads(notification.params or "{}").get("internal"))
    for actor in await actors_of(person):
        if actor.has(Permission.CHAT) and await scoped_rooms(actor).filter(id=room_id).exists():
            break
    else:
        return ReplyOutcome.NO_RIGHT, None
    try:
        await post_message(
            actor,
            room_id,
            MessageCreate(body=text, client_id=f"telegram-{update_id}", internal=internal),
        )
    except (NotFound, Forbidden):
        return ReplyOutcome.NO_RIGHT, None
    except DomainError as exc:
        return ReplyOutcome.REFUSED, exc
    return ReplyOutcome.POSTED, None
