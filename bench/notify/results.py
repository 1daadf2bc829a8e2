"""From rows and receipts to figures: per channel, how many, how fast, how late, how often.

Every event should end as one notification of its one person, shown in the bell, mailed
once and sent to Telegram once. The joins:

- **event** → notification: `Notification.event_key` is `outbox:{event id}`; the event's
  time is its outbox row's `occurred_at` (stamped in the producing transaction).
- **cabinet**: the notification's `notification.created` event on `user:{id}`, delivered
  when the worker's relay published it to the bus (`published_at`), from where the
  gateway forwards it to the open sockets within milliseconds.
- **email**: the SMTP server's receipt; the Message-ID names the notification.
- **Telegram**: the Bot API stand-in's receipt; the bot message's id, stored as the
  delivery's `external_id`, and the person's chat name the notification. A second send of
  one notification would be a second message with the same text in the same chat (every
  notification's text is unique in its chat: order number and stage), and a message
  whose id no delivery recorded.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.notifications.models import Delivery, Notification
from realtime.outbox import OutboxEvent

_NOTIFICATION_OF_MAIL = re.compile(r"<notification-(\d+)\.email@")
CHANNELS = ("cabinet", "email", "telegram")


@dataclass(frozen=True)
class Spread:
    """Percentiles of delays, in milliseconds."""

    p50: float
    p95: float
    p99: float
    max: float
    samples: int

    @staticmethod
    def of(values: list[float]) -> Spread | None:
        if not values:
            return None
        ordered = sorted(values)
        n = len(ordered)

        def at(share: int) -> float:
            return ordered[min(n - 1, n * share // 100)]

        return Spread(at(50), at(95), at(99), ordered[-1], n)


@dataclass
class ChannelFigures:
    """One channel over the whole run."""

    channel: str
    expected: int
    delivered: int
    """Events that reached the channel (at least once)."""
    rate: float
    """Delivered per second, from the first event's commit to the last delivery."""
    delay: Spread | None
    """Event commit → delivery (the first, if doubled), ms."""
    duplicates: int
    """Deliveries beyond the first of one notification."""
    stray: int = 0
    """Receipts that no notification accounts for."""
    states: dict[str, int] = field(default_factory=dict)
    """Outside channels: deliveries by final state (sent, failed, uncertain, skipped, …)."""
    attempts_over_one: int = 0
    """Outside channels: deliveries that took more than one attempt."""

    @property
    def missing(self) -> int:
        return self.expected - self.delivered

    @property
    def unsent(self) -> int:
        """Deliveries that ended otherwise than `sent` (or never ended)."""
        return sum(n for state, n in self.states.items() if state != "sent")


@dataclass
class BaselineFigures:
    """One channel's client alone: messages per second and send → receipt delay."""

    channel: str
    messages: int
    received: int
    rate: float
    delay: Spread | None


@dataclass
class Records:
    """What the database says about the run (read once, after it drained)."""

    events: dict[int, float]
    """Outbox id of each `order.units_moved` -> occurred_at (epoch seconds)."""
    notification_event: dict[int, int]
    """Notification id -> its event's outbox id."""
    notification_person: dict[int, int]
    published: list[tuple[int, float | None]]
    """(notification id, published_at) of every `notification.created`."""
    deliveries: list[tuple[int, str, str, str, int]]
    """(notification id, channel, state, external_id, attempts)."""


def _epoch(value: datetime | None) -> float | None:
    return value.timestamp() if value is not None else None


async def read_records(after_event_id: int) -> Records:
    """The run's events, notifications, live events and deliveries (five queries)."""
    events = await OutboxEvent.filter(id__gt=after_event_id, type="order.units_moved").values_list(
        "id", "occurred_at"
    )
    notifications = await Notification.all().values_list("id", "person_id", "event_key")
    created = await OutboxEvent.filter(
        id__gt=after_event_id, type="notification.created"
    ).values_list("payload", "published_at")
    deliveries = await Delivery.all().values_list(
        "notification_id", "channel", "state", "external_id", "attempts"
    )
    return Records(
        events={int(i): at.timestamp() for i, at in events},
        notification_event={
            int(n): int(str(key).removeprefix("outbox:")) for n, _, key in notifications
        },
        notification_person={int(n): int(p) for n, p, _ in notifications},
        published=[
            (int(json.loads(payload)["notification_id"]), _epoch(at)) for payload, at in created
        ],
        deliveries=[(int(n), str(c), str(s), str(x), int(a)) for n, c, s, x, a in deliveries],
    )


def _figures(
    channel: str,
    records: Records,
    receipts: dict[int, list[float]],
    stray: int = 0,
    duplicates: int | None = None,
) -> tuple[ChannelFigures, dict[int, float]]:
    """Figures from each notification's receipt times; also each event's delivery time."""
    first_event = min(records.events.values(), default=0.0)
    at_event: dict[int, float] = {}
    delays: list[float] = []
    for notification, times in receipts.items():
        event = records.notification_event.get(notification)
        if event is None or event not in records.events:
            stray += len(times)
            continue
        at = min(times)
        at_event[event] = at
        delays.append((at - records.events[event]) * 1000)
    last = max(at_event.values(), default=first_event)
    states: Counter[str] = Counter()
    retried = 0
    for _, kind, state, _, attempts in records.deliveries:
        if kind == channel:
            states[state] += 1
            retried += attempts > 1
    figures = ChannelFigures(
        channel=channel,
        expected=len(records.events),
        delivered=len(at_event),
        rate=len(at_event) / (last - first_event) if last > first_event else 0.0,
        delay=Spread.of(delays),
        duplicates=(
            sum(len(t) - 1 for t in receipts.values()) if duplicates is None else duplicates
        ),
        stray=stray,
        states=dict(states),
        attempts_over_one=retried,
    )
    return figures, at_event


def channel_figures(
    records: Records, receipts: dict[str, list[Any]], chat_of: dict[int, int]
) -> tuple[list[ChannelFigures], ChannelFigures]:
    """Each channel's figures, and the events complete on all three ("all")."""
    cabinet: dict[int, list[float]] = {}
    unpublished = 0
    for notification, at in records.published:
        if at is None:
            unpublished += 1
        else:
            cabinet.setdefault(notification, []).append(at)

    mail: dict[int, list[float]] = {}
    unnamed = 0
    for message_id, at in receipts["email"]:
        found = _NOTIFICATION_OF_MAIL.match(message_id)
        if found is None:
            unnamed += 1
        else:
            mail.setdefault(int(found.group(1)), []).append(at)

    by_message: dict[str, int] = {}
    for notification, kind, _, external_id, _ in records.deliveries:
        person = records.notification_person.get(notification)
        if kind == "telegram" and external_id and person in chat_of:
            by_message[f"{chat_of[person]}:{external_id}"] = notification
    telegram: dict[int, list[float]] = {}
    texts: Counter[tuple[int, str]] = Counter()
    unmatched = 0
    for chat, message_id, text, at in receipts["telegram"]:
        texts[(chat, text)] += 1
        matched = by_message.get(f"{chat}:{message_id}")
        if matched is None:
            unmatched += 1
        else:
            telegram.setdefault(matched, []).append(at)

    figures = [
        _figures("cabinet", records, cabinet),
        _figures("email", records, mail, stray=unnamed),
        _figures(
            "telegram",
            records,
            telegram,
            stray=unmatched,
            duplicates=sum(n - 1 for n in texts.values()),
        ),
    ]
    channels = [f for f, _ in figures]
    channels[0].states = {"unpublished": unpublished} if unpublished else {}
    done: dict[int, float] = {}
    for event in records.events:
        times = [at_event.get(event) for _, at_event in figures]
        if all(t is not None for t in times):
            done[event] = max(t for t in times if t is not None)
    first = min(records.events.values(), default=0.0)
    last = max(done.values(), default=first)
    complete = ChannelFigures(
        channel="all three",
        expected=len(records.events),
        delivered=len(done),
        rate=len(done) / (last - first) if last > first else 0.0,
        delay=Spread.of([(at - records.events[e]) * 1000 for e, at in done.items()]),
        duplicates=sum(c.duplicates for c in channels),
        stray=sum(c.stray for c in channels),
    )
    return channels, complete


def baseline_figures(sent: dict[str, Any], receipts: dict[str, list[Any]]) -> list[BaselineFigures]:
    """Per channel: receipts matched with the baseline's sends (by Message-ID, by chat and
    message id)."""
    received = {
        "email": {message_id: at for message_id, at in receipts["email"]},
        "telegram": {f"{chat}:{mid}": at for chat, mid, _, at in receipts["telegram"]},
    }
    figures = []
    for channel in ("email", "telegram"):
        run = sent[channel]
        started: dict[str, float] = run["started"]
        delays = [(received[channel][k] - t) * 1000 for k, t in started.items()
                  if k in received[channel]]  # fmt: skip
        last = max(received[channel].values(), default=run["began"])
        figures.append(
            BaselineFigures(
                channel=channel,
                messages=len(started),
                received=len(delays),
                rate=len(delays) / (last - run["began"]) if last > run["began"] else 0.0,
                delay=Spread.of(delays),
            )
        )
    return figures
