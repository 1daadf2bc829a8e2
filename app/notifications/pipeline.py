"""From events to notifications: the "notifications" consumer of the outbox.

The consumer (realtime/consumer.py) reads every committed event on `order:` and `chat:`
topics once and hands it to `handle_event` inside the transaction that marks it
consumed. Only an event's canonical topic counts (`order:{id}` for order and CRM events,
`chat:{id}` or `chat:{id}:staff` for messages; the dealer's board copy is never read), so
one event makes at most one notification per person. `notify` writes, for every person
of the audience, the notification (unique per person and event: a re-run is a no-op),
the email and Telegram deliveries their preferences ask for (held to the end of their
quiet hours), and a `notification.created` event on `user:{id}` for the live bell, all
in that one transaction and in a fixed number of statements whatever the audience.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from tortoise.functions import Count

from app.chat.events import ChatMessagePosted
from app.chat.models import AuthorSide
from app.config import get_settings
from app.crm.events import DealChanged
from app.notifications.events import NotificationCreated, user_topic
from app.notifications.models import Channel, Delivery, Notification, NotificationKind
from app.notifications.preferences import channels_for, quiet_for, telegram_linked
from app.notifications.recipients import chat_audience, order_audience
from app.notifications.texts import excerpt
from app.orders.events import InvoiceIssued, OrderStatusChanged, UnitsMoved
from app.orders.models import Order, OrderStatus
from realtime.consumer import ConsumedRow, DurableConsumer
from realtime.outbox import append_events

logger = logging.getLogger(__name__)

CONSUMER_NAME = "notifications"
TOPIC_PREFIXES = ("order:", "chat:")


@dataclass(frozen=True)
class Plan:
    """What to tell whom about one event."""

    kind: NotificationKind
    audience: list[int]
    params: dict[str, Any]
    dealer_id: int
    order_id: int | None = None
    room_id: int | None = None
    chat_message_id: int | None = None
    stage: str | None = None
    """For unit moves: only people who follow this stage are told."""


def notifications_consumer(settle_seconds: float | None = None) -> DurableConsumer:
    """The durable consumer that turns events into notifications."""
    if settle_seconds is None:
        settle_seconds = get_settings().consumer_settle_seconds
    return DurableConsumer(
        CONSUMER_NAME, handle_event, prefixes=TOPIC_PREFIXES, settle_seconds=settle_seconds
    )


async def handle_event(row: ConsumedRow) -> None:
    """Turn one outbox row into notifications (inside the consumer's transaction)."""
    plan = await plan_for(row)
    if plan is not None and plan.audience:
        await notify(plan, event_key=f"outbox:{row.id}", at=row.occurred_at)


_STATUS_KINDS = {
    OrderStatus.CONFIRMED: NotificationKind.ORDER_CONFIRMED,
    OrderStatus.SHIPPED: NotificationKind.ORDER_SHIPPED,
}


async def plan_for(row: ConsumedRow) -> Plan | None:
    """Which kind, audience and facts an event makes; None for events nobody is told of."""
    if row.topic.startswith("order:"):
        if row.type == "order.status_changed":
            status = msgspec.json.decode(row.payload, type=OrderStatusChanged)
            return Plan(
                kind=_STATUS_KINDS.get(status.to_status, NotificationKind.ORDER_STATUS),
                audience=await order_audience(status.dealer_id, exclude=status.by_person_id),
                dealer_id=status.dealer_id,
                order_id=status.order_id,
                params={
                    "number": status.number,
                    "from": status.from_status.value,
                    "to": status.to_status.value,
                    "reason": status.reason,
                    "at": status.at.isoformat(),
                },
            )
        if row.type == "order.units_moved":
            moved = msgspec.json.decode(row.payload, type=UnitsMoved)
            return Plan(
                kind=NotificationKind.UNIT_STAGE,
                audience=await order_audience(moved.dealer_id, exclude=moved.by_person_id),
                dealer_id=moved.dealer_id,
                order_id=moved.order_id,
                stage=moved.to_stage.value,
                params={
                    "number": moved.number,
                    "stage": moved.to_stage.value,
                    "count": len(moved.units),
                    "at": moved.at.isoformat(),
                },
            )
        if row.type == "order.invoice_issued":
            invoice = msgspec.json.decode(row.payload, type=InvoiceIssued)
            return Plan(
                kind=NotificationKind.INVOICE_ISSUED,
                audience=await order_audience(invoice.dealer_id, exclude=invoice.by_person_id),
                dealer_id=invoice.dealer_id,
                order_id=invoice.order_id,
                # No amount: the audience includes people who may not see prices, and a
                # notification reads the same for all of them (docs/notifications.md).
                params={
                    "number": invoice.number,
                    "invoice_number": invoice.invoice_number,
                    "due_on": invoice.due_on.isoformat() if invoice.due_on else None,
                },
            )
        if row.type == "crm.deal_changed":
            deal = msgspec.json.decode(row.payload, type=DealChanged)
            return Plan(
                kind=NotificationKind.DEAL_CHANGED,
                audience=await order_audience(deal.dealer_id, exclude=None),
                dealer_id=deal.dealer_id,
                order_id=deal.order_id,
                params={"number": deal.number, "changes": list(deal.changes)},
            )
        return None
    if row.topic.startswith("chat:") and row.type == "chat.message_posted":
        return await _chat_plan(msgspec.json.decode(row.payload, type=ChatMessagePosted))
    return None


async def _chat_plan(posted: ChatMessagePosted) -> Plan | None:
    message = posted.message
    # System messages repeat an order's status change, which is notified on its own.
    if message.author_side == AuthorSide.SYSTEM or message.deleted_at is not None:
        return None
    number = None
    if posted.order_id is not None:
        found = await Order.filter(id=posted.order_id).values_list("number", flat=True)
        number = found[0] if found else None
    return Plan(
        kind=NotificationKind.CHAT_MESSAGE,
        audience=await chat_audience(
            posted.dealer_id, internal=message.internal, exclude=message.author_id
        ),
        dealer_id=posted.dealer_id,
        order_id=posted.order_id,
        room_id=posted.room_id,
        chat_message_id=message.id,
        params={
            "author": message.author_name,
            "excerpt": excerpt(message.body),
            "files": len(message.attachments),
            "internal": message.internal,
            "number": number,
        },
    )


async def notify(plan: Plan, *, event_key: str, at: datetime) -> list[int]:
    """Write the plan's notifications, deliveries and live events; returns the new ids.

    Call inside a transaction. People who already have a notification for `event_key`
    are skipped, so running it twice for one event changes nothing.
    """
    people = plan.audience
    quiet = await quiet_for(people)
    if plan.stage is not None:
        people = [pid for pid in people if plan.stage in quiet[pid].unit_stages]
    already = set(
        await Notification.filter(event_key=event_key, person_id__in=people).values_list(
            "person_id", flat=True
        )
    )
    people = [pid for pid in people if pid not in already]
    if not people:
        return []
    channels = await channels_for(people, plan.kind)
    linked = await telegram_linked(people)
    wanted: dict[int, list[Channel]] = {}
    for pid in people:
        chosen = channels[pid]
        outside = [Channel.EMAIL] if chosen.email else []
        if chosen.telegram and pid in linked:
            outside.append(Channel.TELEGRAM)
        if chosen.cabinet or outside:
            wanted[pid] = outside
    if not wanted:
        return []
    params = json.dumps(plan.params, ensure_ascii=False)
    await Notification.bulk_create(
        [
            Notification(
                person_id=pid,
                kind=plan.kind,
                event_key=event_key,
                dealer_id=plan.dealer_id,
                order_id=plan.order_id,
                room_id=plan.room_id,
                chat_message_id=plan.chat_message_id,
                params=params,
                created_at=at,
                shown=channels[pid].cabinet,
            )
            for pid in wanted
        ]
    )
    ids = dict(
        await Notification.filter(event_key=event_key, person_id__in=list(wanted)).values_list(
            "person_id", "id"
        )
    )
    deliveries = [
        Delivery(
            notification_id=ids[pid],
            channel=channel,
            not_before=quiet[pid].held_until(at) or at,
        )
        for pid, outside in wanted.items()
        for channel in outside
    ]
    if deliveries:
        await Delivery.bulk_create(deliveries)
    shown = [pid for pid in wanted if channels[pid].cabinet]
    if shown:
        unread = await unread_counts(shown)
        await append_events(
            [
                (
                    NotificationCreated(
                        notification_id=ids[pid],
                        kind=plan.kind,
                        order_id=plan.order_id,
                        room_id=plan.room_id,
                        created_at=at,
                        unread=unread.get(pid, 0),
                    ),
                    [user_topic(pid)],
                )
                for pid in shown
            ]
        )
    return [ids[pid] for pid in wanted]


async def unread_counts(person_ids: list[int]) -> dict[int, int]:
    """Unread notifications in the centre of each person (one grouped query)."""
    rows = (
        await Notification.filter(person_id__in=person_ids, shown=True, read_at__isnull=True)
        .annotate(n=Count("id"))
        .group_by("person_id")
        .values_list("person_id", "n")
    )
    return {int(pid): int(n) for pid, n in rows}
