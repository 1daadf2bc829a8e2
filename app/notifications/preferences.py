"""What each person wants to be told, on which channels, and when not to be disturbed.

The defaults live here and only here: a person who never opened the settings has no
rows, and a kind missing from their rows takes the default. They are chosen so that
nobody is flooded yet nothing important is missed:

| kind | cabinet | email | Telegram (once linked) |
|---|---|---|---|
| order confirmed | on | on | on |
| other status changes | on | off | on |
| units reached a stage | on | off | on |
| order shipped | on | on | on |
| new chat message | on | off | on |
| invoice issued | on | on | on |
| changed by the factory (CRM) | on | on | on |

Linking Telegram is itself the request to hear there, so every kind is on for Telegram;
email stays for the milestones, since a busy chat would fill an inbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tortoise.exceptions import IntegrityError

from app.accounts.actor import Actor
from app.accounts.models import Person
from app.notifications.models import (
    NotificationKind,
    NotificationPreference,
    NotificationSettings,
    TelegramLink,
)
from app.notifications.schemas import KindChannels, Preferences, PreferencesUpdate, QuietHours
from app.orders.models import UnitStage
from realtime.relay import transaction


@dataclass(frozen=True)
class Channels:
    """Where one kind goes for one person."""

    cabinet: bool
    email: bool
    telegram: bool


_K = NotificationKind
DEFAULT_CHANNELS: dict[NotificationKind, Channels] = {
    _K.ORDER_CONFIRMED: Channels(cabinet=True, email=True, telegram=True),
    _K.ORDER_STATUS: Channels(cabinet=True, email=False, telegram=True),
    _K.UNIT_STAGE: Channels(cabinet=True, email=False, telegram=True),
    _K.ORDER_SHIPPED: Channels(cabinet=True, email=True, telegram=True),
    _K.CHAT_MESSAGE: Channels(cabinet=True, email=False, telegram=True),
    _K.INVOICE_ISSUED: Channels(cabinet=True, email=True, telegram=True),
    _K.DEAL_CHANGED: Channels(cabinet=True, email=True, telegram=True),
}
DEFAULT_UNIT_STAGES = (UnitStage.PAINTING, UnitStage.PACKED, UnitStage.SHIPPED)
"""Stages whose unit moves are notified until the person chooses (the model's default)."""


@dataclass(frozen=True)
class Quiet:
    """A person's quiet hours and followed stages, as the pipeline needs them."""

    time_zone: str
    start_minute: int | None
    end_minute: int | None
    unit_stages: frozenset[str]

    def held_until(self, now: datetime) -> datetime | None:
        """When quiet hours end, if `now` falls within them (else None)."""
        return quiet_until(now, self.time_zone, self.start_minute, self.end_minute)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/Moscow")


def quiet_until(
    now: datetime, time_zone: str, start_minute: int | None, end_minute: int | None
) -> datetime | None:
    """The end of the quiet period `now` falls in (UTC), or None outside quiet hours.

    Minutes are after local midnight; an end before the start spans midnight (22:00-07:00).
    The end is a wall-clock time in the person's zone, so a DST change does not move it.
    """
    if start_minute is None or end_minute is None or start_minute == end_minute:
        return None
    zone = _zone(time_zone)
    local = now.astimezone(zone)
    minute = local.hour * 60 + local.minute
    if start_minute < end_minute:
        inside = start_minute <= minute < end_minute
        day = local.date()
    else:
        inside = minute >= start_minute or minute < end_minute
        day = local.date() + timedelta(days=1) if minute >= start_minute else local.date()
    if not inside:
        return None
    end = datetime.combine(day, time(end_minute // 60, end_minute % 60), tzinfo=zone)
    return end.astimezone(now.tzinfo)


async def channels_for(person_ids: list[int], kind: NotificationKind) -> dict[int, Channels]:
    """Each person's channels for a kind (one query, defaults where no row)."""
    chosen = {
        person_id: Channels(cabinet=cabinet, email=email, telegram=telegram)
        for person_id, cabinet, email, telegram in await NotificationPreference.filter(
            person_id__in=person_ids, kind=kind
        ).values_list("person_id", "cabinet", "email", "telegram")
    }
    return {pid: chosen.get(pid, DEFAULT_CHANNELS[kind]) for pid in person_ids}


async def quiet_for(person_ids: list[int]) -> dict[int, Quiet]:
    """Each person's quiet hours and followed stages (two queries)."""
    zones = dict(await Person.filter(id__in=person_ids).values_list("id", "time_zone"))
    rows = {
        person_id: (start, end, stages)
        for person_id, start, end, stages in await NotificationSettings.filter(
            person_id__in=person_ids
        ).values_list("person_id", "quiet_from_minute", "quiet_to_minute", "unit_stages")
    }
    default = (None, None, ",".join(DEFAULT_UNIT_STAGES))
    found = {}
    for pid in person_ids:
        start, end, stages = rows.get(pid, default)
        found[pid] = Quiet(
            time_zone=str(zones.get(pid) or "Europe/Moscow"),
            start_minute=start,
            end_minute=end,
            unit_stages=frozenset(s for s in str(stages).split(",") if s),
        )
    return found


async def telegram_linked(person_ids: list[int]) -> set[int]:
    """Who of these people has a Telegram chat linked."""
    rows = await TelegramLink.filter(person_id__in=person_ids).values_list("person_id", flat=True)
    return {int(pid) for pid in rows}  # type: ignore[call-overload]


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _minute(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


async def read_preferences(actor: Actor) -> Preferences:
    """The actor's settings as the settings page and the API show them."""
    pid = actor.person_id
    quiet = (await quiet_for([pid]))[pid]
    chosen = {
        NotificationKind(kind): Channels(cabinet=cabinet, email=email, telegram=telegram)
        for kind, cabinet, email, telegram in await NotificationPreference.filter(
            person_id=pid
        ).values_list("kind", "cabinet", "email", "telegram")
    }
    kinds = []
    for kind in NotificationKind:
        channels = chosen.get(kind, DEFAULT_CHANNELS[kind])
        kinds.append(
            KindChannels(
                kind=kind,
                cabinet=channels.cabinet,
                email=channels.email,
                telegram=channels.telegram,
            )
        )
    hours = None
    if quiet.start_minute is not None and quiet.end_minute is not None:
        hours = QuietHours(start=_clock(quiet.start_minute), end=_clock(quiet.end_minute))
    return Preferences(
        kinds=kinds,
        quiet_hours=hours,
        unit_stages=[s for s in UnitStage if s.value in quiet.unit_stages],
        telegram_linked=bool(await telegram_linked([pid])),
        time_zone=quiet.time_zone,
    )


async def update_preferences(actor: Actor, data: PreferencesUpdate) -> Preferences:
    """Replace the actor's settings: channels per kind given, quiet hours, stages."""
    try:
        await _write_preferences(actor.person_id, data)
    except IntegrityError:  # a concurrent first save created the rows: now they update
        await _write_preferences(actor.person_id, data)
    return await read_preferences(actor)


async def _write_preferences(pid: int, data: PreferencesUpdate) -> None:
    hours = data.quiet_hours
    start = _minute(hours.start) if hours else None
    end = _minute(hours.end) if hours else None
    stages = ",".join(s.value for s in UnitStage if s in set(data.unit_stages))
    async with transaction():
        for choice in {c.kind: c for c in data.kinds}.values():
            updated = await NotificationPreference.filter(person_id=pid, kind=choice.kind).update(
                cabinet=choice.cabinet, email=choice.email, telegram=choice.telegram
            )
            if not updated:
                await NotificationPreference.create(
                    person_id=pid,
                    kind=choice.kind,
                    cabinet=choice.cabinet,
                    email=choice.email,
                    telegram=choice.telegram,
                )
        updated = await NotificationSettings.filter(person_id=pid).update(
            quiet_from_minute=start, quiet_to_minute=end, unit_stages=stages
        )
        if not updated:
            await NotificationSettings.create(
                person_id=pid, quiet_from_minute=start, quiet_to_minute=end, unit_stages=stages
            )
