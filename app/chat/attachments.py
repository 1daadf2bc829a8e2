"""Attachments: storing a file for a message about to be sent, and opening one to download.

A file is the uploader's alone until a message claims it (`app.chat.posting`); after
that, whoever may see the message may download it. Both are checked on every request.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from app.accounts.actor import Actor, Permission
from app.chat.access import load_visible_room
from app.chat.filetypes import check_file
from app.chat.history import attachment_read
from app.chat.models import ChatAttachment
from app.chat.schemas import AttachmentRead
from app.chat.storage import attachment_storage
from app.config import get_settings
from app.errors import InvalidInput, NotFound


def _now() -> datetime:
    return datetime.now(UTC)


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


async def open_attachment(
    actor: Actor, attachment_id: int
) -> tuple[AttachmentRead, AsyncIterator[bytes]]:
    """An attachment the caller may read now, with its content; the 404 of a missing one else.

    Checked on every download: the room must be within the caller's reach, and the file
    either sent with a message the caller sees (not deleted; internal notes for staff) or
    uploaded by the caller and not sent yet.
    """
    actor.require(Permission.CHAT)
    query = ChatAttachment.filter(id=attachment_id)
    if actor.dealer_ids is not None:
        query = query.filter(room__dealer_id__in=list(actor.dealer_ids))
    row = await query.select_related("message").first()
    if row is None or not _may_download(actor, row):
        raise NotFound("File not found")
    try:
        content = await attachment_storage().open(row.storage_key)
    except FileNotFoundError as exc:
        raise NotFound("File not found") from exc
    return attachment_read(row), content


def _may_download(actor: Actor, row: ChatAttachment) -> bool:
    message = row.message
    if message is None:
        return row.uploader_id == actor.person_id
    return message.deleted_at is None and (actor.is_staff or not message.internal)
