"""Editing and deleting: an author changes or removes their message within the edit window.

Each change locks the room's row first (`app.chat.rooms.lock_room`), then writes the
message, the room's "waiting since", the unread counters, the audit entry and the events
in one transaction. A deleted message keeps its row; its text and files are hidden.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.accounts import audit
from app.accounts.actor import Actor
from app.chat.access import load_visible_message, room_members
from app.chat.events import ChatMessageDeleted, ChatMessageEdited, message_topic
from app.chat.history import get_message
from app.chat.models import AuthorSide, ChatMessage
from app.chat.posting import clean_body
from app.chat.read_marks import unread_events
from app.chat.rooms import lock_room
from app.chat.schemas import MessageRead, MessageUpdate
from app.chat.unread import remove_message
from app.config import get_settings
from app.errors import Conflict, Forbidden
from realtime.outbox import append_event, append_events
from realtime.relay import transaction


def _now() -> datetime:
    return datetime.now(UTC)


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
        members = await room_members(room)
        readers = members.staff if message.internal else members.staff | members.dealer_people
        # Only those who read the room now hear of it: not someone removed since.
        counts = {p: c for p, c in (await remove_message(message)).items() if p in readers}
        deleted = ChatMessageDeleted(
            room_id=room.id, message_id=message.id, deleted_at=now, internal=message.internal
        )
        await append_events(
            [
                (deleted, [message_topic(room.id, message.internal)]),
                *unread_events(room, members.staff, counts, message.id, "deleted"),
            ]
        )
        await audit.record(
            actor,
            "chat.message_delete",
            "chat_message",
            message.id,
            dealer_id=room.dealer_id,
            before={"body": message.body},
        )


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
