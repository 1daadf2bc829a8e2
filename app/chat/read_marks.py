"""Read marks: how far a person, and each side of a room, has read; and the unread news.

A person's mark (`ChatReadState`) drives their unread counter; a side's mark on the room
(`staff_read_message_id`, `dealer_read_message_id`) shows the other side what was read.
Marks only move forward, under the room's lock (see `app.chat.rooms.lock_room`). Every change
of a person's counter is announced with the events `unread_events` builds, appended with
the change's other events in one batch: a staff reader's on their own topic; a dealer
person's on the dealer's chat topic, where a new message is one `chat.activity` for all of
them (built by `activity_event`) and only reads and deletions are told person by person.
"""

from __future__ import annotations

import msgspec

from app.accounts.actor import Actor
from app.chat.access import load_visible_room, side_of
from app.chat.events import (
    ChatActivity,
    ChatRead,
    ChatUnreadChanged,
    UnreadReason,
    dealer_chat_topic,
    room_topic,
    user_topic,
)
from app.chat.models import AuthorSide, ChatMessage, ChatReadState, ChatRoom
from app.chat.schemas import ReadMark, ReadState
from app.chat.unread import count_unread
from app.db import write
from app.errors import NotFound
from realtime.outbox import append_events


async def mark_read(actor: Actor, room_id: int, data: ReadMark) -> ReadState:
    """The caller has read the room up to `data.message_id` (everything when None).

    A read mark only moves forward; the unread counter is recounted under the room's lock.
    """
    message_id = data.message_id
    side = side_of(actor)

    async def mark_in_room() -> ReadState:
        room = await load_visible_room(actor, room_id, lock=True)
        # The room is visible, so these are `visible_messages` without their room join.
        newest = ChatMessage.filter(room_id=room.id)
        if not actor.is_staff:
            newest = newest.filter(internal=False)
        if message_id is not None:
            newest = newest.filter(id=message_id)
        found = await newest.order_by("-id").limit(1).values_list("id", flat=True)
        if message_id is not None and not found:
            raise NotFound("Message not found", field="message_id")
        state = await ChatReadState.get_or_none(room_id=room.id, person_id=actor.person_id)
        before = (state.last_read_message_id, state.unread) if state else (0, -1)
        mark = max(before[0], int(found[0]) if found else 0)  # type: ignore[call-overload]
        unread = await count_unread(room.id, actor.person_id, staff=actor.is_staff, after=mark)
        if state is None:
            await ChatReadState.create(
                room_id=room.id, person_id=actor.person_id, last_read_message_id=mark, unread=unread
            )
        elif (mark, unread) != before:
            await ChatReadState.filter(id=state.id).update(last_read_message_id=mark, unread=unread)
        events: list[tuple[msgspec.Struct, list[str]]] = []
        if _advance_read_marks(room, side, min(mark, room.last_public_message_id or 0)):
            await room.save(update_fields=["staff_read_message_id", "dealer_read_message_id"])
            events.append(read_event(room, actor.person_id, side))
        if (mark, unread) != before:
            staff = frozenset([actor.person_id]) if actor.is_staff else frozenset()
            events += unread_events(room, staff, {actor.person_id: (unread, mark)}, None, "read")
        if events:
            await append_events(events)
        return ReadState(room_id=room.id, last_read_message_id=mark, unread=unread)

    return await write(mark_in_room)


def _side_mark(room: ChatRoom, side: AuthorSide) -> int:
    return room.staff_read_message_id if side is AuthorSide.STAFF else room.dealer_read_message_id


def _advance_read_marks(room: ChatRoom, side: AuthorSide, public_id: int) -> bool:
    """Move the side's "read up to" mark of the room forward to `public_id`, if further."""
    if side is AuthorSide.STAFF and public_id > room.staff_read_message_id:
        room.staff_read_message_id = public_id
        return True
    if side is AuthorSide.DEALER and public_id > room.dealer_read_message_id:
        room.dealer_read_message_id = public_id
        return True
    return False


def read_event(room: ChatRoom, person_id: int, side: AuthorSide) -> tuple[ChatRead, list[str]]:
    """`chat.read` on the room's topic: how far each side has read now."""
    return ChatRead(
        room_id=room.id,
        person_id=person_id,
        side=side,
        staff_read_message_id=room.staff_read_message_id,
        dealer_read_message_id=room.dealer_read_message_id,
    ), [room_topic(room.id)]


def unread_events(
    room: ChatRoom,
    staff: frozenset[int],
    counts: dict[int, tuple[int, int]],
    message_id: int | None,
    reason: UnreadReason,
) -> list[tuple[ChatUnreadChanged, list[str]]]:
    """A `chat.unread_changed` for each person whose counter changed, in ascending id
    order, for `append_events` with the change's other events: a staff reader's on their
    own topic, a dealer person's on the dealer's chat topic; none for the dealer's people
    when a message was posted (its `chat.activity` tells them all)."""
    return [
        (
            ChatUnreadChanged(
                room_id=room.id,
                person_id=person_id,
                unread=counts[person_id][0],
                last_read_message_id=counts[person_id][1],
                activity_at=room.activity_at if person_id in staff else room.public_activity_at,
                waiting_since=room.waiting_since,
                message_id=message_id,
                reason=reason,
            ),
            [user_topic(person_id) if person_id in staff else dealer_chat_topic(room.dealer_id)],
        )
        for person_id in sorted(counts)
        if person_id in staff or reason != "posted"
    ]


def activity_event(room: ChatRoom, message: ChatMessage) -> tuple[ChatActivity, list[str]]:
    """`chat.activity` on the dealer's chat topic: a message that counts for its people."""
    return ChatActivity(
        room_id=room.id,
        message_id=message.id,
        author_id=message.author_id,
        activity_at=room.public_activity_at,
        waiting_since=room.waiting_since,
    ), [dealer_chat_topic(room.dealer_id)]
