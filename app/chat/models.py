"""Storage for chat: rooms, messages, attachments and per-person read state."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:  # annotations only: models of other packages
    from app.accounts.models import Dealer, Person
    from app.orders.models import Order


class RoomKind(StrEnum):
    """A dealer's general thread with its managers, or the thread of one order."""

    DEALER = "dealer"
    ORDER = "order"


class AuthorSide(StrEnum):
    """Who wrote a message: someone of the dealer, factory staff, or the system."""

    DEALER = "dealer"
    STAFF = "staff"
    SYSTEM = "system"


class ChatRoom(Model):
    """One thread; `key` ("dealer:{id}" or "order:{id}") makes get-or-create race-free.

    The room row is also the lock that orders a room's writes: every change to its
    messages or read marks updates or locks this row first, so positions (`last_seq`)
    are gapless and unread counters stay exact under concurrency.
    """

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=40, unique=True)
    kind = fields.CharEnumField(RoomKind, max_length=8)
    dealer: fields.ForeignKeyRelation[Dealer] = fields.ForeignKeyField(
        "models.Dealer", related_name="chat_rooms", on_delete=fields.CASCADE
    )
    order: fields.ForeignKeyNullableRelation[Order] = fields.ForeignKeyField(
        "models.Order", related_name="chat_rooms", null=True, on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField()
    last_seq = fields.IntField(default=0)
    """Place of the room's newest message everyone reads (system messages included)."""
    last_note_seq = fields.IntField(default=0)
    """Place of the newest internal note: notes are numbered apart, so that the dealer's
    numbering has no gaps that would tell where (and how many) notes were written."""
    activity_at = fields.DatetimeField()
    """Newest conversation message of any kind (internal notes too): the staff inbox order."""
    public_activity_at = fields.DatetimeField()
    """Newest conversation message the dealer sees: the dealer's room list order."""
    last_message_id = fields.BigIntField(null=True)
    last_public_message_id = fields.BigIntField(null=True)
    waiting_since = fields.DatetimeField(null=True)
    """The oldest dealer message after the last staff answer (None: nothing is waiting)."""
    staff_read_message_id = fields.BigIntField(default=0)
    """Newest message the dealer sees that some staff member has read ("read by the manager")."""
    dealer_read_message_id = fields.BigIntField(default=0)
    """Newest message that someone of the dealer has read."""

    dealer_id: int
    order_id: int | None

    class Meta:
        table = "chat_room"
        indexes = (("dealer_id", "activity_at"), ("dealer_id", "public_activity_at"))


class ChatMessage(Model):
    """A message; deleted ones keep their row (and position) with the body hidden."""

    id = fields.BigIntField(primary_key=True)
    room: fields.ForeignKeyRelation[ChatRoom] = fields.ForeignKeyField(
        "models.ChatRoom", related_name="messages", on_delete=fields.CASCADE
    )
    seq = fields.IntField()
    """1-based position within the room."""
    author: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    author_side = fields.CharEnumField(AuthorSide, max_length=8)
    body = fields.TextField()
    search_text = fields.TextField()
    """`body.casefold()`: SQLite's LOWER/UPPER fold ASCII only, and Cyrillic must match."""
    internal = fields.BooleanField(default=False)
    """A staff note: never shown to, nor delivered to, the dealer's people."""
    client_id = fields.CharField(max_length=64, null=True)
    """The sender's id for this message: a retried send with it returns the same message."""
    system: Any = fields.JSONField(null=True)
    """What a system message reports (for example an order's status change)."""
    created_at = fields.DatetimeField()
    edited_at = fields.DatetimeField(null=True)
    deleted_at = fields.DatetimeField(null=True)
    position = fields.BigIntField(default=0)
    """Position of its `chat.message_posted` event on its topic (a retried send's answer)."""

    room_id: int
    author_id: int | None

    class Meta:
        table = "chat_message"
        unique_together = (("room", "internal", "seq"), ("room", "author", "client_id"))
        indexes = (("room_id", "id"),)


class ChatAttachment(Model):
    """An uploaded file: first the uploader's alone, then part of the message that sent it."""

    id = fields.IntField(primary_key=True)
    room: fields.ForeignKeyRelation[ChatRoom] = fields.ForeignKeyField(
        "models.ChatRoom", related_name="attachments", on_delete=fields.CASCADE
    )
    message: fields.ForeignKeyNullableRelation[ChatMessage] = fields.ForeignKeyField(
        "models.ChatMessage", related_name="attachments", null=True, on_delete=fields.CASCADE
    )
    uploader: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    storage_key = fields.CharField(max_length=64, unique=True)
    filename = fields.CharField(max_length=200)
    content_type = fields.CharField(max_length=100)
    """Detected from the content, never taken from the client."""
    size = fields.IntField()
    created_at = fields.DatetimeField(db_index=True)

    room_id: int
    message_id: int | None
    uploader_id: int | None

    class Meta:
        table = "chat_attachment"
        indexes = (("message_id", "id"),)


class ChatReadState(Model):
    """How far one person has read one room, and how many messages wait for them there.

    `unread` is maintained under the room's lock (see ChatRoom) and always equals the
    number of other people's undeleted, non-system messages after `last_read_message_id`
    that the person may see.
    """

    id = fields.IntField(primary_key=True)
    room: fields.ForeignKeyRelation[ChatRoom] = fields.ForeignKeyField(
        "models.ChatRoom", related_name="read_states", on_delete=fields.CASCADE
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="chat_read_states", on_delete=fields.CASCADE
    )
    last_read_message_id = fields.BigIntField(default=0)
    unread = fields.IntField(default=0)

    room_id: int
    person_id: int

    class Meta:
        table = "chat_read_state"
        unique_together = (("room", "person"),)
        indexes = (("person_id", "unread"),)
