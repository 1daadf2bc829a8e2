"""JSON API for chat: rooms and the inbox, history, posting, reading, typing, files, search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from litestar import Controller, delete, get, patch, post
from litestar.datastructures import UploadFile
from litestar.di import Provide
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery, JSONBody, QueryParameter
from litestar.response import Stream

from app.accounts.auth import CurrentActor, provide_actor
from app.chat import (
    attachments,
    editing,
    history,
    inbox,
    posting,
    read_marks,
    rooms,
    search,
    typing_notices,
)
from app.chat.filetypes import file_type
from app.chat.models import RoomKind
from app.chat.schemas import (
    AttachmentRead,
    DealerRoomOpen,
    MessageCreate,
    MessagePage,
    MessageRead,
    MessageUpdate,
    ReadMark,
    ReadState,
    RoomFilter,
    RoomPage,
    RoomQuery,
    RoomRead,
    SearchPage,
    TypingNotice,
    UnreadSummary,
)
from app.params import PathBigId, PathId, QueryBigId, QueryId

UPLOAD_BODY_MAX = 61 * 1024 * 1024
"""The upload route's body cap: the largest `CHAT_ATTACHMENT_MAX_BYTES` (60 MiB) and the form."""


@dataclass
class AttachmentUpload:
    """The multipart form of an upload: one file in the field `file`."""

    file: UploadFile


def content_disposition(filename: str, *, inline: bool) -> str:
    """RFC 6266: an ASCII fallback name and the real one, percent-encoded."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename
    )
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


class ChatController(Controller):
    """Chat rooms of the dealers the caller may see (docs/chat.md)."""

    path = "/api/v1/chat"
    tags = ["chat"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/rooms")
    async def list_rooms(
        self,
        actor: CurrentActor,
        dealer_id: QueryId = None,
        kind: FromQuery[RoomKind | None] = None,
        show: FromQuery[RoomFilter] = "all",
        cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 30,
    ) -> RoomPage:
        """The caller's rooms, newest activity first (for staff: the inbox of their dealers)."""
        query = RoomQuery(dealer_id=dealer_id, kind=kind, show=show, cursor=cursor, limit=limit)
        return await inbox.list_rooms(actor, query)

    @post("/rooms/dealer", status_code=200)
    async def open_dealer_room(
        self, actor: CurrentActor, data: JSONBody[DealerRoomOpen]
    ) -> RoomRead:
        """The dealer's general thread with its managers (created on first use)."""
        return await rooms.open_dealer_room(actor, data.dealer_id)

    @post("/rooms/order/{order_id:int}", status_code=200)
    async def open_order_room(self, actor: CurrentActor, order_id: PathId) -> RoomRead:
        """An order's thread (created on first use)."""
        return await rooms.open_order_room(actor, order_id)

    @get("/rooms/{room_id:int}")
    async def get_room(self, actor: CurrentActor, room_id: PathId) -> RoomRead:
        """One room with the caller's unread count and the topics to follow."""
        return await inbox.get_room(actor, room_id)

    @get("/rooms/{room_id:int}/messages")
    async def list_messages(
        self,
        actor: CurrentActor,
        room_id: PathId,
        before: QueryBigId = None,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 50,
    ) -> MessagePage:
        """A page of history, oldest first; `before` (a message id) pages further back."""
        return await history.list_messages(actor, room_id, before=before, limit=limit)

    @post("/rooms/{room_id:int}/messages", status_code=201)
    async def post_message(
        self, actor: CurrentActor, room_id: PathId, data: JSONBody[MessageCreate]
    ) -> MessageRead:
        """Post a message; resending with the same `client_id` returns the first one."""
        return await posting.post_message(actor, room_id, data)

    @post("/rooms/{room_id:int}/read", status_code=200)
    async def mark_read(
        self, actor: CurrentActor, room_id: PathId, data: JSONBody[ReadMark]
    ) -> ReadState:
        """The caller has read the room up to a message (the newest when omitted)."""
        return await read_marks.mark_read(actor, room_id, data)

    @post("/rooms/{room_id:int}/typing", status_code=204)
    async def typing(
        self, actor: CurrentActor, room_id: PathId, data: JSONBody[TypingNotice]
    ) -> None:
        """The caller is typing (send at most every few seconds while they type)."""
        await typing_notices.send_typing(actor, room_id, internal=data.internal)

    @post(
        "/rooms/{room_id:int}/attachments", status_code=201, request_max_body_size=UPLOAD_BODY_MAX
    )
    async def upload(
        self,
        actor: CurrentActor,
        room_id: PathId,
        data: Annotated[AttachmentUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> AttachmentRead:
        """Upload a file to send with a message (`attachment_ids`): images, PDF, Excel."""
        content = await data.file.read()
        return await attachments.upload_attachment(
            actor, room_id, data.file.filename, content, declared_type=data.file.content_type
        )

    @get("/attachments/{attachment_id:int}")
    async def download(self, actor: CurrentActor, attachment_id: PathId) -> Stream:
        """A file, streamed, to those who may read its message now."""
        attachment, content = await attachments.open_attachment(actor, attachment_id)
        kind = file_type(attachment.content_type)
        return Stream(
            content,
            media_type=attachment.content_type,
            headers={
                "Content-Length": str(attachment.size),
                "Content-Disposition": content_disposition(
                    attachment.filename, inline=bool(kind and kind.inline)
                ),
                "X-Content-Type-Options": "nosniff",
                "Content-Security-Policy": "default-src 'none'; sandbox",
                "Cache-Control": "private, no-store",
            },
        )

    @get("/messages/{message_id:int}")
    async def get_message(self, actor: CurrentActor, message_id: PathBigId) -> MessageRead:
        """One message."""
        return await history.get_message(actor, message_id)

    @patch("/messages/{message_id:int}")
    async def edit_message(
        self, actor: CurrentActor, message_id: PathBigId, data: JSONBody[MessageUpdate]
    ) -> MessageRead:
        """The author changes a message's text (within the edit window)."""
        return await editing.edit_message(actor, message_id, data)

    @delete("/messages/{message_id:int}", status_code=204)
    async def delete_message(self, actor: CurrentActor, message_id: PathBigId) -> None:
        """The author deletes a message (within the edit window)."""
        await editing.delete_message(actor, message_id)

    @get("/search")
    async def search(
        self,
        actor: CurrentActor,
        q: Annotated[str, QueryParameter(min_length=1, max_length=200)],
        room_id: QueryId = None,
        before: QueryBigId = None,
        limit: Annotated[int, QueryParameter(ge=1, le=50)] = 20,
    ) -> SearchPage:
        """Messages containing `q` (any case) in the caller's rooms, newest first."""
        return await search.search_messages(actor, q, room_id=room_id, before=before, limit=limit)

    @get("/unread")
    async def unread(self, actor: CurrentActor) -> UnreadSummary:
        """The caller's unread messages, in total and per room."""
        return await inbox.unread_summary(actor)


CHAT_API = [ChatController]
