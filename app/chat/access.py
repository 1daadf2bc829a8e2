"""Who may read which room, who belongs to a room, and the chat topics' tenancy rule.

A room belongs to one dealer. Its readers are the people acting for that dealer (or for
its holding parent) with the chat permission, the managers assigned to the dealer and the
supervisors. Internal notes are for staff alone. A room the caller may not read is
answered exactly like one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from app.accounts.actor import Actor, Permission
from app.accounts.models import StaffRole
from app.chat.models import AuthorSide, ChatMessage, ChatRoom
from app.errors import NotFound
from app.statements import fetch


def side_of(actor: Actor) -> AuthorSide:
    """Which side of the conversation the actor writes for."""
    return AuthorSide.STAFF if actor.is_staff else AuthorSide.DEALER


def scoped_rooms(actor: Actor) -> Any:
    """Rooms of the dealers the actor may see (the tenancy boundary of every chat read)."""
    if actor.dealer_ids is None:
        return ChatRoom.all()
    return ChatRoom.filter(dealer_id__in=list(actor.dealer_ids))


def visible_messages(actor: Actor) -> Any:
    """Messages of the actor's rooms that the actor may see (no internal notes for dealers)."""
    query = ChatMessage.all()
    if actor.dealer_ids is not None:
        query = query.filter(room__dealer_id__in=list(actor.dealer_ids))
    if not actor.is_staff:
        query = query.filter(internal=False)
    return query


async def load_visible_room(
    actor: Actor, room_id: int, *, related: bool = False, lock: bool = False
) -> ChatRoom:
    """The room if the actor may chat in it; otherwise the same 404 as a missing one.

    With `lock`, the room's row is locked until the transaction ends, as
    `app.chat.rooms.lock_room` does: one statement checks and locks.
    """
    actor.require(Permission.CHAT)
    query = scoped_rooms(actor).filter(id=room_id)
    if related:
        query = query.select_related("dealer", "order")
    if lock:
        query = query.select_for_update()
    room = await query.first()
    if room is None:
        raise NotFound("Chat not found", field="room_id")
    return cast("ChatRoom", room)


async def load_visible_message(actor: Actor, message_id: int) -> ChatMessage:
    """A message the actor may see, or the 404 of a missing one."""
    actor.require(Permission.CHAT)
    message = await visible_messages(actor).filter(id=message_id).first()
    if message is None:
        raise NotFound("Message not found")
    return cast("ChatMessage", message)


async def may_read_chat_topic(actor: Actor, room_id: int, sub: str | None) -> bool:
    """`chat:{id}` for the room's readers, `chat:{id}:staff` for its staff only."""
    if sub not in (None, "staff") or (sub == "staff" and not actor.is_staff):
        return False
    if not actor.has(Permission.CHAT):
        return False
    return bool(await scoped_rooms(actor).filter(id=room_id).exists())


@dataclass(frozen=True)
class RoomMembers:
    """Everyone who reads a room now (recipients of its unread counters)."""

    dealer_people: frozenset[int]
    staff: frozenset[int]

    def recipients(self, *, internal: bool, author_id: int | None) -> list[int]:
        """Who a new message counts as unread for, in ascending order (the lock order)."""
        people = self.staff if internal else self.staff | self.dealer_people
        return sorted(people - {author_id} if author_id is not None else people)


_MEMBERS = """
SELECT m.person_id AS person_id, 0 AS staff
FROM dealer_membership m
JOIN dealer d ON d.id = m.dealer_id
JOIN person p ON p.id = m.person_id
WHERE (m.dealer_id = ? OR m.dealer_id = (SELECT parent_id FROM dealer WHERE id = ?))
  AND EXISTS (SELECT 1 FROM dealer r WHERE r.id = ? AND r.is_active = ?)
  AND d.is_active = ? AND m.can_chat = ? AND p.is_active = ? AND p.staff_role IS NULL
UNION
SELECT p.id, 1
FROM person p
WHERE p.is_active = ? AND (
  p.staff_role = ?
  OR (p.staff_role = ? AND EXISTS (
    SELECT 1 FROM manager_assignment a WHERE a.manager_id = p.id AND a.dealer_id = ?))
)
"""


async def room_members(room: ChatRoom) -> RoomMembers:
    """The room's readers: its dealer's (and holding parent's) chatting people, its staff.

    One statement: a message reads this every time, so it costs one round trip."""
    dealer = room.dealer_id
    rows = await fetch(
        _MEMBERS,
        [
            *(dealer, dealer, dealer),
            *[True] * 5,
            StaffRole.SUPERVISOR.value,
            StaffRole.MANAGER.value,
            dealer,
        ],
    )
    return RoomMembers(
        frozenset(int(r["person_id"]) for r in rows if not r["staff"]),
        frozenset(int(r["person_id"]) for r in rows if r["staff"]),
    )
