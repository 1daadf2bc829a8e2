"""A throw-away cabinet for the chat benchmark: dealers, their people, managers, rooms.

Each dealer has its general room ("chat with the manager") and `employees` people with
the chat right; managers look after `dealers_per_manager` dealers each; `supervisors`
read every room. Everyone gets a bearer token stored as the accounts service stores it,
so the gateway authenticates every benchmark client as it authenticates a mobile app.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.accounts.models import (
    ApiToken,
    Dealer,
    DealerMembership,
    ManagerAssignment,
    MembershipRole,
    Person,
    StaffRole,
)
from app.accounts.security import digest, hash_password, new_secret
from app.accounts.service import TOKEN_PREFIX
from app.chat.events import dealer_chat_topic, room_topic, user_topic
from app.chat.models import ChatRoom, RoomKind
from app.chat.rooms import room_key
from app.config import Settings
from app.db import close_db, init_db, migrate


@dataclass(frozen=True)
class Cast:
    """How many of whom."""

    dealers: int
    employees: int
    """Connected dealer people per dealer (each writes in and reads its dealer's room)."""
    dealers_per_manager: int
    supervisors: int
    """Read every room; connected with the inbox open (their own `user:` topic only)."""


@dataclass
class SeededPerson:
    """One connected person: token, the topics their page follows, the rooms they write in."""

    person_id: int
    token: str
    role: str
    topics: list[str]
    writes_in: list[int] = field(default_factory=list)


@dataclass
class Seeded:
    """The people to connect and, per room, who is connected to it and who reads it."""

    people: list[SeededPerson]
    room_members: dict[int, list[int]]
    """Room id -> connected people subscribed to its topic (they get `message_posted`)."""
    readers_per_room: int
    """People with an unread counter in a room: members plus supervisors."""


def cast_int(value: object) -> int:
    """An id from `values_list` (typed loosely by Tortoise) as an int."""
    return int(str(value))


def _person(
    email: str, name: str, password_hash: str, now: datetime, role: StaffRole | None = None
) -> Person:
    return Person(
        email=email, full_name=name, password_hash=password_hash, created_at=now, staff_role=role
    )


async def seed(settings: Settings, cast: Cast) -> Seeded:
    """Migrate an empty database and create the cast, their tokens and the dealers' rooms."""
    await migrate(settings)
    await init_db(settings)
    try:
        now = datetime.now(UTC)
        password_hash = hash_password(new_secret())  # nobody logs in: tokens are issued below
        await Dealer.bulk_create(
            [
                Dealer(legal_name=f"Chat bench dealer {n}", inn=f"{7_700_000_000 + n}")
                for n in range(cast.dealers)
            ]
        )
        ids = await Dealer.all().order_by("id").values_list("id", flat=True)
        dealers = [cast_int(d) for d in ids]
        managers = -(-cast.dealers // cast.dealers_per_manager)
        manager, supervisor = StaffRole.MANAGER, StaffRole.SUPERVISOR
        await Person.bulk_create(
            [
                _person(f"e{p}.d{d}@bench-chat.test", f"Employee {p} of {d}", password_hash, now)
                for d in dealers
                for p in range(cast.employees)
            ]
            + [
                _person(f"m{m}@bench-chat.test", f"Manager {m}", password_hash, now, manager)
                for m in range(managers)
            ]
            + [
                _person(f"s{s}@bench-chat.test", f"Supervisor {s}", password_hash, now, supervisor)
                for s in range(cast.supervisors)
            ]
        )
        person_of = dict(await Person.all().values_list("email", "id"))
        employees = {
            d: [person_of[f"e{p}.d{d}@bench-chat.test"] for p in range(cast.employees)]
            for d in dealers
        }
        manager_ids = [person_of[f"m{m}@bench-chat.test"] for m in range(managers)]
        manager_of = {d: manager_ids[n // cast.dealers_per_manager] for n, d in enumerate(dealers)}
        await DealerMembership.bulk_create(
            [
                DealerMembership(
                    person_id=p, dealer_id=d, role=MembershipRole.EMPLOYEE, created_at=now
                )
                for d in dealers
                for p in employees[d]
            ]
        )
        await ManagerAssignment.bulk_create(
            [ManagerAssignment(manager_id=manager_of[d], dealer_id=d) for d in dealers]
        )
        await ChatRoom.bulk_create(
            [
                ChatRoom(
                    key=room_key(RoomKind.DEALER, d),
                    kind=RoomKind.DEALER,
                    dealer_id=d,
                    created_at=now,
                    activity_at=now,
                    public_activity_at=now,
                )
                for d in dealers
            ]
        )
        room_of = dict(await ChatRoom.all().values_list("dealer_id", "id"))
        people: list[SeededPerson] = []
        for d in dealers:
            room = room_of[d]
            # The chat page: its room, the bell (`user:`) and the badge (the dealer's chat).
            topics = [room_topic(room), dealer_chat_topic(d)]
            people += [
                SeededPerson(p, "", "employee", [*topics, user_topic(p)], [room])
                for p in employees[d]
            ]
        for manager in manager_ids:
            rooms = [room_of[d] for d in dealers if manager_of[d] == manager]
            topics = [*(room_topic(r) for r in rooms), user_topic(manager)]
            people.append(SeededPerson(manager, "", "manager", topics, rooms))
        for s in range(cast.supervisors):
            supervisor_id = person_of[f"s{s}@bench-chat.test"]
            people.append(
                SeededPerson(supervisor_id, "", "supervisor", [user_topic(supervisor_id)])
            )
        for person in people:
            person.token = new_secret(TOKEN_PREFIX)
        active = {p: d for d in dealers for p in employees[d]}
        await ApiToken.bulk_create(
            [
                ApiToken(
                    person_id=person.person_id,
                    name="bench-chat",
                    token_hash=digest(person.token),
                    prefix=person.token[: len(TOKEN_PREFIX) + 6],
                    active_dealer_id=active.get(person.person_id),
                    created_at=now,
                )
                for person in people
            ]
        )
        members: dict[int, list[int]] = {room_of[d]: [] for d in dealers}
        for person in people:
            for room in person.writes_in:
                members[room].append(person.person_id)
        return Seeded(people, members, cast.employees + 1 + cast.supervisors)
    finally:
        await close_db()


def seed_database(settings: Settings, cast: Cast) -> Seeded:
    """`seed` in its own event loop (run it in a fresh process: Tortoise state is global)."""
    return asyncio.run(seed(settings, cast))
