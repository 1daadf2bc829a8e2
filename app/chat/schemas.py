"""API contracts for chat: requests, read shapes and websocket command data."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from app.chat.models import AuthorSide, RoomKind
from app.params import BigId, Id

MAX_BODY_CHARS = 4000
"""Longest message, counted after trimming surrounding whitespace."""
MAX_ATTACHMENTS = 10
"""Files one message may carry."""

RoomId = Id
MessageId = BigId
AttachmentId = Id
BodyText = Annotated[str, msgspec.Meta(max_length=4 * MAX_BODY_CHARS)]
"""Checked for 1..MAX_BODY_CHARS after trimming by the service; this only bounds the input."""
ClientId = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
"""The sender's own id for one message (a UUID, say), reused on every retry of that send."""
AttachmentIds = Annotated[list[AttachmentId], msgspec.Meta(max_length=MAX_ATTACHMENTS)]


class MessageCreate(msgspec.Struct, forbid_unknown_fields=True):
    """A new message: text, files uploaded before (`attachment_ids`), or both."""

    body: BodyText = ""
    client_id: ClientId | None = None
    internal: bool = False
    """A staff note the dealer never sees (staff only)."""
    attachment_ids: AttachmentIds = msgspec.field(default_factory=list)


class MessageUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """A new text for one's own message (within the edit window)."""

    body: BodyText


class DealerRoomOpen(msgspec.Struct, forbid_unknown_fields=True):
    """Open a dealer's general thread: the active dealer's unless `dealer_id` names one."""

    dealer_id: Id | None = None


class ReadMark(msgspec.Struct, forbid_unknown_fields=True):
    """Read up to `message_id` (the newest message when omitted)."""

    message_id: MessageId | None = None


class TypingNotice(msgspec.Struct, forbid_unknown_fields=True):
    """The caller is typing (an internal note when `internal`)."""

    internal: bool = False


class AttachmentRead(msgspec.Struct):
    """A file sent with a message; download it at /api/v1/chat/attachments/{id}."""

    id: int
    filename: str
    content_type: str
    size: int
    created_at: datetime


class OrderStatusNote(msgspec.Struct, tag="order_status", tag_field="kind"):
    """What a system message about an order's status change reports."""

    order_id: int
    order_number: str
    from_status: str | None
    to_status: str
    reason: str = ""


SystemNote = OrderStatusNote
"""The kinds of system messages (a union as more appear)."""


class MessageRead(msgspec.Struct):
    """A message as its reader may see it (a deleted one has an empty body and no files)."""

    id: int
    room_id: int
    seq: int
    """Place within the room (1-based, gapless, system messages included); internal notes
    are numbered apart (1, 2, 3 among the notes), so the dealer's numbering has no gaps."""
    author_id: int | None
    author_name: str
    author_side: AuthorSide
    body: str
    internal: bool
    client_id: str | None
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    attachments: list[AttachmentRead]
    system: SystemNote | None = None
    read_by_staff: bool = False
    """Some staff member has read it ("read by the manager")."""
    read_by_dealer: bool = False
    """Someone of the dealer has read it."""


class MessagePage(msgspec.Struct):
    """Messages oldest first; pass `next_before` as `before` for the older page."""

    items: list[MessageRead]
    next_before: int | None
    last_read_message_id: int
    """How far the caller has read this room."""
    staff_read_message_id: int
    dealer_read_message_id: int
    position: dict[str, int] = msgspec.field(default_factory=dict)
    """Positions of the room's topics when the page was read: subscribe from them."""


class RoomRead(msgspec.Struct):
    """A room as the caller sees it, with the caller's unread count."""

    id: int
    kind: RoomKind
    dealer_id: int
    dealer_name: str
    order_id: int | None
    order_number: str | None
    created_at: datetime
    activity_at: datetime
    """Newest conversation message the caller may see (the room's creation before any)."""
    last_message: MessageRead | None
    unread: int
    last_read_message_id: int
    waiting_since: datetime | None
    """The oldest dealer message not answered by staff yet."""
    staff_read_message_id: int
    dealer_read_message_id: int
    topics: list[str]
    """The topics to subscribe to for this room (staff get the internal notes' topic too)."""


class RoomPage(msgspec.Struct):
    """Rooms, newest activity first; pass `next_cursor` back as `cursor` for more."""

    items: list[RoomRead]
    next_cursor: str | None
    position: dict[str, int] = msgspec.field(default_factory=dict)
    """Position of the caller's `user:{id}` topic, where unread changes arrive."""


RoomFilter = Literal["all", "unread", "waiting"]


class RoomQuery(msgspec.Struct, forbid_unknown_fields=True):
    """Which rooms to list: `unread` with unread messages, `waiting` for a staff answer."""

    dealer_id: RoomId | None = None
    kind: RoomKind | None = None
    show: RoomFilter = "all"
    cursor: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    limit: Annotated[int, msgspec.Meta(ge=1, le=100)] = 30


class RoomUnread(msgspec.Struct):
    """Unread messages in one room."""

    room_id: int
    unread: int
    last_read_message_id: int


class UnreadSummary(msgspec.Struct):
    """The caller's unread messages: the badge (`total`) and per room."""

    total: int
    rooms: list[RoomUnread]
    position: dict[str, int] = msgspec.field(default_factory=dict)


class SearchHit(msgspec.Struct):
    """A message found, with where it is."""

    message: MessageRead
    room_kind: RoomKind
    dealer_id: int
    dealer_name: str
    order_id: int | None
    order_number: str | None


class SearchPage(msgspec.Struct):
    """Matches newest first; pass `next_before` as `before` for older ones."""

    items: list[SearchHit]
    next_before: int | None


class ReadState(msgspec.Struct):
    """The caller's read mark in one room after marking."""

    room_id: int
    last_read_message_id: int
    unread: int


class SendAck(msgspec.Struct):
    """The answer to a send: the server's id and positions (the same on every retry)."""

    message_id: int
    room_id: int
    seq: int
    """The message's place in the room's history."""
    topic: str
    position: int
    """Position of the message's `chat.message_posted` event on `topic`."""
    created_at: datetime
    client_id: str | None


class SendCommand(msgspec.Struct, forbid_unknown_fields=True):
    """Data of the `chat.send` websocket command."""

    room_id: RoomId
    client_id: ClientId
    body: BodyText = ""
    internal: bool = False
    attachment_ids: AttachmentIds = msgspec.field(default_factory=list)


class TypingCommand(msgspec.Struct, forbid_unknown_fields=True):
    """Data of the `chat.typing` websocket command."""

    room_id: RoomId
    internal: bool = False


class ReadCommand(msgspec.Struct, forbid_unknown_fields=True):
    """Data of the `chat.read` websocket command."""

    room_id: RoomId
    message_id: MessageId | None = None
