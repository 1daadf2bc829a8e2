"""Chat events and the topics they go to.

- `chat:{room_id}`: everything in a room that its dealer's people may see.
- `chat:{room_id}:staff`: internal notes (posted, edited, deleted, typed): staff only, so
  no gateway decision on a shared topic could ever hand one to a dealer.
- `dealer:{dealer_id}:chat`: what the dealer's own people count their unread messages
  from, over all its rooms: one `chat.activity` per message that counts, and a person's
  count when they read or a message is deleted (`chat.unread_changed` with `person_id`).
  One event per message instead of one per reader: a dealer's ten people were ten events.
- `user:{person_id}`: a staff reader's unread count in a room changed (badge and inbox).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

from app.chat.models import AuthorSide
from app.chat.schemas import MessageRead

UnreadReason = Literal["posted", "read", "deleted"]
"""Why a person's unread count changed."""


def room_topic(room_id: int) -> str:
    """What everyone who may read the room is told."""
    return f"chat:{room_id}"


def staff_topic(room_id: int) -> str:
    """Internal notes of the room, for factory staff only."""
    return f"chat:{room_id}:staff"


def dealer_chat_topic(dealer_id: int) -> str:
    """What the dealer's own people count their unread messages from."""
    return f"dealer:{dealer_id}:chat"


def user_topic(person_id: int) -> str:
    """One person's own notifications."""
    return f"user:{person_id}"


def message_topic(room_id: int, internal: bool) -> str:
    """The topic a message's events go to."""
    return staff_topic(room_id) if internal else room_topic(room_id)


class _ChatEvent(msgspec.Struct, tag_field="type", kw_only=True):
    room_id: int


class ChatMessagePosted(_ChatEvent, tag="chat.message_posted", kw_only=True):
    """A message was posted (a system message too: `message.author_side` is "system")."""

    dealer_id: int
    order_id: int | None
    message: MessageRead


class ChatMessageEdited(_ChatEvent, tag="chat.message_edited", kw_only=True):
    """Its author changed a message's text."""

    message_id: int
    body: str
    edited_at: datetime
    internal: bool


class ChatMessageDeleted(_ChatEvent, tag="chat.message_deleted", kw_only=True):
    """Its author deleted a message: show it as deleted, drop its text and files."""

    message_id: int
    deleted_at: datetime
    internal: bool


class ChatRead(_ChatEvent, tag="chat.read", kw_only=True):
    """A side read further: messages up to these ids are read by staff / by the dealer."""

    person_id: int
    side: AuthorSide
    staff_read_message_id: int
    dealer_read_message_id: int


class ChatTyping(_ChatEvent, tag="chat.typing", kw_only=True):
    """Someone is typing; show it until `until` (an old one replayed on resume is past)."""

    person_id: int
    person_name: str
    side: AuthorSide
    internal: bool
    until: datetime


class ChatActivity(_ChatEvent, tag="chat.activity", kw_only=True):
    """A message that counts as unread was posted in one of the dealer's rooms (on
    `dealer:{id}:chat`): it is one more unread message for every reader there but its
    author, whose count in the room is now 0 (posting marks the room read for them)."""

    message_id: int
    author_id: int | None
    activity_at: datetime
    waiting_since: datetime | None


class ChatUnreadChanged(_ChatEvent, tag="chat.unread_changed", kw_only=True):
    """`person_id`'s unread count in a room is now `unread`: on `user:{id}` for staff, on
    `dealer:{id}:chat` for the dealer's people (where only that person applies it)."""

    person_id: int
    unread: int
    last_read_message_id: int
    activity_at: datetime
    waiting_since: datetime | None
    message_id: int | None
    """The message that caused the change, if one did."""
    reason: UnreadReason


ChatEvent = (
    ChatMessagePosted
    | ChatMessageEdited
    | ChatMessageDeleted
    | ChatRead
    | ChatTyping
    | ChatActivity
    | ChatUnreadChanged
)
