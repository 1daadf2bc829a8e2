"""Unread counters: one row per person and room, changed only under the room's lock.

The rule every counter obeys: `unread` is the number of messages in the room, after the
person's read mark, that are not deleted, not system messages, not the person's own, and
that the person may see (internal notes count for staff only). Sending, deleting and
marking read all lock the room row first (see `ChatRoom`), so the counters can be
maintained by increments and decrements without ever drifting from that rule.
"""

from __future__ import annotations

from typing import Any

from tortoise.expressions import F, Q
from tortoise.functions import Count

from app.chat.access import RoomMembers
from app.chat.models import AuthorSide, ChatMessage, ChatReadState
from app.statements import fetch, in_list


def counted_messages(person_id: int, *, staff: bool) -> Any:
    """Messages that count as unread for a person (before the read-mark filter)."""
    query = ChatMessage.filter(deleted_at=None).exclude(author_side=AuthorSide.SYSTEM)
    query = query.filter(Q(author_id__isnull=True) | ~Q(author_id=person_id))
    return query if staff else query.filter(internal=False)


async def count_unread(room_id: int, person_id: int, *, staff: bool, after: int) -> int:
    """The rule, computed from the messages themselves."""
    query = counted_messages(person_id, staff=staff).filter(room_id=room_id, id__gt=after)
    return int(await query.count())


async def count_unread_in_rooms(
    room_ids: list[int], person_id: int, *, staff: bool
) -> dict[int, int]:
    """The rule for rooms where the person has no read mark at all, in one query."""
    if not room_ids:
        return {}
    rows = (
        await counted_messages(person_id, staff=staff)
        .filter(room_id__in=room_ids)
        .annotate(n=Count("id"))
        .group_by("room_id")
        .values_list("room_id", "n")
    )
    return {int(room_id): int(n) for room_id, n in rows}


_COUNT_MESSAGE = """
UPDATE chat_read_state SET
  unread = CASE WHEN person_id = ? THEN 0 ELSE unread + 1 END,
  last_read_message_id = CASE WHEN person_id = ? THEN ? ELSE last_read_message_id END
WHERE room_id = ? AND person_id IN {people}
RETURNING person_id, unread, last_read_message_id
"""


async def add_message(
    message: ChatMessage, members: RoomMembers, *, room_was_empty: bool
) -> dict[int, tuple[int, int]]:
    """Count a new message for its recipients and mark the room read for its author.

    Returns person id -> (unread, last read message id) for everyone whose row changed,
    recipients and author alike. Call under the room's lock, after inserting the message;
    `room_was_empty` when it is the room's first conversation message (saves counting).
    Everyone with a row is changed and read back by one statement; rows are created for
    the others (a reader's first message in this room).
    """
    room_id = message.room_id
    recipients = members.recipients(internal=message.internal, author_id=message.author_id)
    author = message.author_id
    people = [*recipients, *([author] if author is not None else [])]
    if not people:
        return {}
    rows = await fetch(
        _COUNT_MESSAGE.format(people=in_list(people)),
        [author, author, message.id, room_id, *people],
    )
    changed = {
        int(r["person_id"]): (int(r["unread"]), int(r["last_read_message_id"])) for r in rows
    }
    fresh = []
    for person_id in (p for p in recipients if p not in changed):
        unread = (
            1
            if room_was_empty
            else await count_unread(room_id, person_id, staff=person_id in members.staff, after=0)
        )
        fresh.append(ChatReadState(room_id=room_id, person_id=person_id, unread=unread))
        changed[person_id] = (unread, 0)
    if author is not None and author not in changed:
        fresh.append(
            ChatReadState(
                room_id=room_id, person_id=author, last_read_message_id=message.id, unread=0
            )
        )
        changed[author] = (0, message.id)
    if fresh:
        await ChatReadState.bulk_create(fresh)
    return changed


async def remove_message(message: ChatMessage) -> dict[int, tuple[int, int]]:
    """Uncount a deleted message for those who had not read it yet (under the room's lock)."""
    if message.author_side is AuthorSide.SYSTEM:
        return {}
    query = ChatReadState.filter(
        room_id=message.room_id, last_read_message_id__lt=message.id, unread__gt=0
    )
    if message.author_id is not None:
        query = query.exclude(person_id=message.author_id)
    if message.internal:
        query = query.filter(person__staff_role__isnull=False)
    rows = await query.values_list("id", "person_id", "unread", "last_read_message_id")
    if not rows:
        return {}
    await ChatReadState.filter(id__in=[r[0] for r in rows]).update(unread=F("unread") - 1)
    return {int(person): (int(unread) - 1, int(mark)) for _, person, unread, mark in rows}
