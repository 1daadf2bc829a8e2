"""Changing chat: posting (idempotently), editing, deleting, reading, typing, uploading.

Every change of a room locks its row first, then writes the message, the room's summary
columns, the unread counters, the audit entry where one is due, and the events, all in
one transaction. The lock order is always: room row, the room's topics, then people's
`user:{id}` topics in ascending id, so concurrent writers never deadlock.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import msgspec

from app.accounts import audit
from app.accounts.actor import Actor
from app.accounts.models import Person
from app.chat.access import (
    RoomMembers,
    load_visible_message,
    load_visible_room,
    room_members,
    side_of,
    visible_messages,
)
from app.chat.events import (
    ChatMessageDeleted,
    ChatMessageEdited,
    ChatMessagePosted,
    ChatRead,
    ChatTyping,
    ChatUnreadChanged,
    UnreadReason,
    message_topic,
    room_topic,
    user_topic,
)
from app.chat.filetypes import check_file
from app.chat.models import AuthorSide, ChatAttachment, ChatMessage, ChatReadState, ChatRoom
from app.chat.queries import attachment_read, get_message, message_read, message_reads
from app.chat.rooms import lock_room
from app.chat.schemas import (
    MAX_BODY_CHARS,
    AttachmentRead,
    MessageCreate,
    MessageRead,
    MessageUpdate,
    ReadMark,
    ReadState,
    SendAck,
)
from app.chat.storage import attachment_storage
from app.chat.unread import add_message, count_unread, remove_message
from app.config import get_settings
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from realtime.outbox import OutboxEvent, append_event
from realtime.relay import transaction

TYPING_SECONDS = 6
"""How long a typing indicator shows after one notice."""
TYPING_REPEAT_SECONDS = 2.0
"""A person's notices in one room closer together than this are not published again."""


def _now() -> datetime:
    return datetime.now(UTC)


def clean_body(body: str, *, allow_empty: bool = False) -> str:
    """The message text trimmed, or InvalidInput when empty or too long."""
    text = body.strip()
    if not text and not allow_empty:
        raise InvalidInput("Write a message", code="empty", field="body")
    if len(text) > MAX_BODY_CHARS:
        raise InvalidInput(
            f"A message may hold at most {MAX_BODY_CHARS} characters", code="too_long", field="body"
        )
    return text


# --- posting ----------------------------------------------------------------------------


async def post_message(actor: Actor, room_id: int, data: MessageCreate) -> MessageRead:
    """Post to a room; a repeat with the same `client_id` returns the first message unchanged."""
    read, _ = await _post(actor, room_id, data)
    return read


async def send_message(actor: Actor, room_id: int, data: MessageCreate) -> SendAck:
    """Post, answering with the acknowledgement a websocket `chat.send` gets."""
    read, position = await _post(actor, room_id, data)
    return SendAck(
        message_id=read.id,
        room_id=read.room_id,
        seq=read.seq,
        topic=message_topic(read.room_id, read.internal),
        position=position,
        created_at=read.created_at,
        client_id=read.client_id,
    )


async def _post(actor: Actor, room_id: int, data: MessageCreate) -> tuple[MessageRead, int]:
    body = clean_body(data.body, allow_empty=bool(data.attachment_ids))
    if data.internal and not actor.is_staff:
        raise Forbidden("Only factory staff leave internal notes", code="staff_only")
    room = await load_visible_room(actor, room_id, related=True)
    if earlier := await _sent_before(room.id, actor.person_id, data.client_id):
        return earlier
    members = await room_members(room, room.dealer.parent_id)
    async with transaction():
        room = await lock_room(room.id)
        # Under the lock, a concurrent retry of the same send has either committed or not begun.
        if earlier := await _sent_before(room.id, actor.person_id, data.client_id):
            return earlier
        files = await _claim_attachments(actor, room.id, data.attachment_ids)
        return await _insert(actor, room, members, body, data, files)


async def _sent_before(
    room_id: int, author_id: int, client_id: str | None
) -> tuple[MessageRead, int] | None:
    if client_id is None:
        return None
    message = await ChatMessage.get_or_none(
        room_id=room_id, author_id=author_id, client_id=client_id
    ).select_related("author", "room")
    if message is None:
        return None
    [read] = await message_reads([message], {room_id: message.room})
    return read, message.position


async def _claim_attachments(actor: Actor, room_id: int, ids: list[int]) -> list[ChatAttachment]:
    if not ids:
        return []
    wanted = list(dict.fromkeys(ids))
    rows = await ChatAttachment.filter(
        id__in=wanted, room_id=room_id, uploader_id=actor.person_id, message_id=None
    ).order_by("id")
    if len(rows) != len(wanted):
        raise InvalidInput(
            "Attach files you uploaded to this chat and have not sent yet",
            code="invalid_attachment",
            field="attachment_ids",
        )
    return list(rows)


async def _insert(
    actor: Actor,
    room: ChatRoom,
    members: RoomMembers,
    body: str,
    data: MessageCreate,
    files: list[ChatAttachment],
) -> tuple[MessageRead, int]:
    now, side = _now(), side_of(actor)
    was_empty = room.last_message_id is None
    # Writing reads the thread: the side's mark moves too, but readers are told only when
    # it passes messages written since (their own side's marks mean nothing to anyone).
    unseen_before = (room.last_public_message_id or 0) > _side_mark(room, side)
    message = await ChatMessage.create(
        room_id=room.id,
        seq=room.last_seq + 1,
        author_id=actor.person_id,
        author_side=side,
        body=body,
        search_text=body.casefold(),
        internal=data.internal,
        client_id=data.client_id,
        created_at=now,
    )
    if files:
        await ChatAttachment.filter(id__in=[f.id for f in files]).update(message_id=message.id)
    room.last_seq, room.activity_at, room.last_message_id = message.seq, now, message.id
    if not data.internal:
        room.public_activity_at, room.last_public_message_id = now, message.id
        if side is AuthorSide.STAFF:
            room.waiting_since = None
        elif room.waiting_since is None:
            room.waiting_since = now
    read_advanced = _advance_read_marks(room, side, room.last_public_message_id or 0)
    await room.save(
        update_fields=[
            "last_seq",
            "activity_at",
            "last_message_id",
            "public_activity_at",
            "last_public_message_id",
            "waiting_since",
            "staff_read_message_id",
            "dealer_read_message_id",
        ]
    )
    counts = await add_message(message, members, room_was_empty=was_empty)
    read = message_read(
        message, [attachment_read(f) for f in files], room, author_name=actor.full_name
    )
    [row] = await append_event(
        ChatMessagePosted(
            room_id=room.id, dealer_id=room.dealer_id, order_id=room.order_id, message=read
        ),
        [message_topic(room.id, data.internal)],
    )
    await ChatMessage.filter(id=message.id).update(position=row.seq)
    if read_advanced and unseen_before:
        await append_event(_read_event(room, actor.person_id, side), [room_topic(room.id)])
    await announce_unread(room, members.staff, counts, message.id, "posted")
    return read, row.seq


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


def _read_event(room: ChatRoom, person_id: int, side: AuthorSide) -> ChatRead:
    return ChatRead(
        room_id=room.id,
        person_id=person_id,
        side=side,
        staff_read_message_id=room.staff_read_message_id,
        dealer_read_message_id=room.dealer_read_message_id,
    )


async def announce_unread(
    room: ChatRoom,
    staff: frozenset[int],
    counts: dict[int, tuple[int, int]],
    message_id: int | None,
    reason: UnreadReason,
) -> None:
    """Tell each person whose counter changed, on their own topic, in ascending id order."""
    for person_id in sorted(counts):
        unread, last_read = counts[person_id]
        is_staff = person_id in staff
        await append_event(
            ChatUnreadChanged(
                room_id=room.id,
                unread=unread,
                last_read_message_id=last_read,
                activity_at=room.activity_at if is_staff else room.public_activity_at,
                waiting_since=room.waiting_since,
                message_id=message_id,
                reason=reason,
            ),
            [user_topic(person_id)],
        )


# --- editing and deleting ---------------------------------------------------------------


def edit_window() -> timedelta:
    """How long after sending its author may change a message."""
    return timedelta(seconds=get_settings().chat_edit_window_seconds)


async def _own_message(actor: Actor, message_id: int) -> ChatMessage:
    message = await load_visible_message(actor, message_id)
    if message.author_id != actor.person_id:
        raise Forbidden("Only its author may change a message", code="not_author")
    if message.deleted_at is not None:
        raise Conflict("The message was deleted", code="message_deleted")
    window = edit_window()
    if _now() - message.created_at > window:
        raise Conflict(
            f"Messages can be changed for {int(window.total_seconds()) // 60} minutes after "
            "sending",
            code="edit_window_closed",
        )
    return message


async def edit_message(actor: Actor, message_id: int, data: MessageUpdate) -> MessageRead:
    """The author changes the text, within the edit window."""
    body = clean_body(data.body)
    message = await _own_message(actor, message_id)
    async with transaction():
        room = await lock_room(message.room_id)
        now = _now()
        changed = await ChatMessage.filter(id=message.id, deleted_at=None).update(
            body=body, search_text=body.casefold(), edited_at=now
        )
        if not changed:
            raise Conflict("The message was deleted", code="message_deleted")
        await append_event(
            ChatMessageEdited(
                room_id=room.id,
                message_id=message.id,
                body=body,
                edited_at=now,
                internal=message.internal,
            ),
            [message_topic(room.id, message.internal)],
        )
        await audit.record(
            actor,
            "chat.message_edit",
            "chat_message",
            message.id,
            dealer_id=room.dealer_id,
            before={"body": message.body},
            after={"body": body},
        )
    return await get_message(actor, message.id)


async def delete_message(actor: Actor, message_id: int) -> None:
    """The author deletes a message, within the edit window: its text and files are hidden."""
    message = await _own_message(actor, message_id)
    async with transaction():
        room = await lock_room(message.room_id)
        now = _now()
        if not await ChatMessage.filter(id=message.id, deleted_at=None).update(deleted_at=now):
            raise Conflict("The message was deleted", code="message_deleted")
        if not message.internal:
            room.waiting_since = await _waiting_since(room.id)
            await room.save(update_fields=["waiting_since"])
        counts = await remove_message(message)
        await append_event(
            ChatMessageDeleted(
                room_id=room.id, message_id=message.id, deleted_at=now, internal=message.internal
            ),
            [message_topic(room.id, message.internal)],
        )
        await announce_unread(room, await _staff_among(list(counts)), counts, message.id, "deleted")
        await audit.record(
            actor,
            "chat.message_delete",
            "chat_message",
            message.id,
            dealer_id=room.dealer_id,
            before={"body": message.body},
        )


async def _staff_among(person_ids: list[int]) -> frozenset[int]:
    if not person_ids:
        return frozenset()
    ids = await Person.filter(id__in=person_ids, staff_role__isnull=False).values_list(
        "id", flat=True
    )
    return frozenset(int(i) for i in ids)  # type: ignore[call-overload]


async def _waiting_since(room_id: int) -> datetime | None:
    """The oldest undeleted dealer message after the last undeleted staff answer."""
    answer = (
        await ChatMessage.filter(
            room_id=room_id, author_side=AuthorSide.STAFF, internal=False, deleted_at=None
        )
        .order_by("-id")
        .first()
    )
    waiting = ChatMessage.filter(room_id=room_id, author_side=AuthorSide.DEALER, deleted_at=None)
    if answer is not None:
        waiting = waiting.filter(id__gt=answer.id)
    first = await waiting.order_by("id").first()
    return first.created_at if first else None


# --- reading and typing -----------------------------------------------------------------


async def mark_read(actor: Actor, room_id: int, data: ReadMark) -> ReadState:
    """The caller has read the room up to `data.message_id` (everything when None).

    A read mark only moves forward; the unread counter is recounted under the room's lock.
    """
    message_id = data.message_id
    room = await load_visible_room(actor, room_id)
    newest = visible_messages(actor).filter(room_id=room.id)
    if message_id is not None:
        newest = newest.filter(id=message_id)
    found = await newest.order_by("-id").limit(1).values_list("id", flat=True)
    if message_id is not None and not found:
        raise NotFound("Message not found", field="message_id")
    side = side_of(actor)
    async with transaction():
        room = await lock_room(room.id)
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
        if _advance_read_marks(room, side, min(mark, room.last_public_message_id or 0)):
            await room.save(update_fields=["staff_read_message_id", "dealer_read_message_id"])
            await append_event(_read_event(room, actor.person_id, side), [room_topic(room.id)])
        if (mark, unread) != before:
            staff = frozenset([actor.person_id]) if actor.is_staff else frozenset()
            await announce_unread(room, staff, {actor.person_id: (unread, mark)}, None, "read")
    return ReadState(room_id=room.id, last_read_message_id=mark, unread=unread)


async def send_typing(actor: Actor, room_id: int, *, internal: bool = False) -> None:
    """The caller is typing in the room (an internal note when `internal`): tell its readers.

    A notice within TYPING_REPEAT_SECONDS of the person's last one there is answered but
    not published again (checked against the topic's history, so in every process).
    """
    if internal and not actor.is_staff:
        raise Forbidden("Only factory staff leave internal notes", code="staff_only")
    room = await load_visible_room(actor, room_id)
    topic = message_topic(room.id, internal)
    if await _typed_recently(topic, actor.person_id):
        return
    async with transaction():
        await append_event(
            ChatTyping(
                room_id=room.id,
                person_id=actor.person_id,
                person_name=actor.full_name,
                side=side_of(actor),
                internal=internal,
                until=_now() + timedelta(seconds=TYPING_SECONDS),
            ),
            [topic],
        )


async def _typed_recently(topic: str, person_id: int) -> bool:
    last = await OutboxEvent.filter(topic=topic, type="chat.typing").order_by("-seq").first()
    if last is None or _now() - last.occurred_at > timedelta(seconds=TYPING_REPEAT_SECONDS):
        return False
    return msgspec.json.decode(last.payload, type=ChatTyping).person_id == person_id


# --- attachments ------------------------------------------------------------------------


async def upload_attachment(
    actor: Actor,
    room_id: int,
    filename: str,
    content: bytes,
    *,
    declared_type: str | None = None,
) -> AttachmentRead:
    """Store a file for a message the caller is about to send to the room.

    The type is told by the content and must agree with the name (and `declared_type`,
    the client's Content-Type, when given). Until a message carries it the file is the
    uploader's alone, so no event is written yet.
    """
    room = await load_visible_room(actor, room_id)
    limit = get_settings().chat_attachment_max_bytes
    if not content:
        raise InvalidInput("The file is empty", code="empty_file", field="file")
    if len(content) > limit:
        raise InvalidInput(
            f"A file may be at most {limit // (1024 * 1024)} MiB", code="too_large", field="file"
        )
    name, kind = check_file(filename, content, declared_type)
    key = secrets.token_hex(16)
    storage = attachment_storage()
    await storage.save(key, content)
    try:
        row = await ChatAttachment.create(
            room_id=room.id,
            uploader_id=actor.person_id,
            storage_key=key,
            filename=name,
            content_type=kind.mime,
            size=len(content),
            created_at=_now(),
        )
    except BaseException:
        await storage.delete(key)
        raise
    return attachment_read(row)
