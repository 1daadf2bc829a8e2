"""HTML pages of chat: a dealer's "chat with the manager", a room, the manager's inbox.

The order page shows its order's thread through `order_chat`. Every page works without
JavaScript (forms post and redirect); `frontend/static/chat.js` makes them live over the
page's websocket (docs/chat-pages.md).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromQuery, QueryParameter
from litestar.response import Template

from app.accounts.actor import Actor, Permission
from app.chat import attachments, editing, history, inbox, posting, read_marks, rooms, search
from app.chat.events import user_topic
from app.chat.filetypes import check_file
from app.chat.schemas import (
    MAX_ATTACHMENTS,
    MessageCreate,
    MessagePage,
    MessageUpdate,
    ReadMark,
    RoomFilter,
    RoomQuery,
    RoomRead,
)
from app.config import get_settings
from app.errors import DomainError, Forbidden, InvalidInput
from app.page_texts import error_message
from app.params import PathBigId, PathId, QueryBigId
from app.web import PageActor, base_context, parse_input, redirect, render, safe_next, url

HISTORY_PAGE = 50
"""Messages a room shows at first and per "load older"."""
INBOX_PAGE = 30

UPLOAD_BODY_MAX = 61 * 1024 * 1024
"""The message form's body cap: its files together may weigh one largest attachment."""


@dataclass(frozen=True)
class ChatView:
    """One room as a page shows it: a page of history and where to follow it from."""

    room: RoomRead
    page: MessagePage
    topics: dict[str, int | None]
    """The room's topics, each from the position read before the messages."""
    edit_since: datetime
    """Messages sent after this may still be edited or deleted by their authors."""
    client_id: str
    """The form's id for its message: a form sent twice is still one message."""
    last_read: int
    """How far the reader has read the room (after opening it marked it read)."""


async def chat_view(actor: Actor, room: RoomRead, *, before: int | None = None) -> ChatView:
    """A page of the room's history (the newest unless `before`) with its topic positions."""
    page = await history.list_messages(actor, room.id, before=before, limit=HISTORY_PAGE)
    return ChatView(
        room=room,
        page=page,
        topics={topic: page.position.get(topic) for topic in room.topics},
        edit_since=datetime.now(UTC) - editing.edit_window(),
        client_id=secrets.token_urlsafe(16),
        last_read=page.last_read_message_id,
    )


async def read_room(actor: Actor, room: RoomRead, *, before: int | None = None) -> ChatView:
    """The room's view for a person who opened it: showing the newest page marks it read."""
    view = await chat_view(actor, room, before=before)
    newest = view.page.items[-1].id if view.page.items else 0
    if before is None and newest > view.last_read:
        read = await read_marks.mark_read(actor, room.id, ReadMark(message_id=newest))
        view = replace(view, last_read=read.last_read_message_id)
    return view


async def order_chat(actor: Actor, order_id: int) -> ChatView | None:
    """The thread shown inside an order's page (None for those who may not chat)."""
    if not actor.has(Permission.CHAT):
        return None
    return await read_room(actor, await rooms.open_order_room(actor, order_id))


def _room_title_args(room: RoomRead) -> dict[str, Any]:
    return {"dealer": room.dealer_name, "number": room.order_number or ""}


async def _render_room(
    request: Request[Any, Any, Any],
    actor: Actor,
    view: ChatView,
    *,
    template: str = "chat/room.html",
    error: str | None = None,
    typed: str = "",
    status_code: int = 200,
) -> Response[Any]:
    return await render(
        request,
        template,
        status_code=status_code,
        chat=view,
        title_args=_room_title_args(view.room),
        error=error,
        typed=typed,
        live_topics={},
    )


def _form_text(form: Any, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


async def _upload_files(actor: Actor, room_id: int, fields: list[Any]) -> list[int]:
    """Store the form's files for a message; every file is checked before any is stored."""
    files = [f for f in fields if isinstance(f, UploadFile) and f.filename]
    if len(files) > MAX_ATTACHMENTS:
        raise InvalidInput("Too many files", code="too_many_files", field="files")
    contents = [await f.read() for f in files]
    limit = get_settings().chat_attachment_max_bytes
    for upload, content in zip(files, contents, strict=True):
        if len(content) > limit:
            raise InvalidInput("The file is too large", code="too_large", field="files")
        check_file(upload.filename, content, upload.content_type)
    stored = [
        await attachments.upload_attachment(
            actor, room_id, f.filename, content, declared_type=f.content_type
        )
        for f, content in zip(files, contents, strict=True)
    ]
    return [a.id for a in stored]


class ChatPages(Controller):
    """Chat pages and their forms."""

    include_in_schema = False

    @get("/chat")
    async def dealer_chat(self, request: Request[Any, Any, Any], actor: PageActor) -> Response[Any]:
        """The active dealer's thread with its managers; staff go to their inbox."""
        if actor.is_staff:
            return redirect("/manager/chat")
        room = await rooms.open_dealer_room(actor)
        view = await read_room(actor, room)
        return await _render_room(request, actor, view, template="chat/dealer.html")

    @get("/chat/rooms/{room_id:int}")
    async def room(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        room_id: PathId,
        before: QueryBigId = None,
    ) -> Response[Any]:
        """One room (a dealer's thread or an order's), optionally further back in history."""
        room = await inbox.get_room(actor, room_id)
        return await _render_room(request, actor, await read_room(actor, room, before=before))

    @get("/chat/rooms/{room_id:int}/messages")
    async def history(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        room_id: PathId,
        before: QueryBigId = None,
        limit: Annotated[int, QueryParameter(ge=1, le=HISTORY_PAGE)] = HISTORY_PAGE,
    ) -> Response[Any]:
        """A fragment of messages for chat.js: the newest page, or the one before `before`."""
        page = await history.list_messages(actor, room_id, before=before, limit=limit)
        # Not `render`: a fragment has no header, so no unread badge to read for it.
        context = {
            "page": page,
            "room_id": room_id,
            "edit_since": datetime.now(UTC) - editing.edit_window(),
        }
        return Template(
            template_name="chat/history.html", context={**base_context(request), **context}
        )

    @post("/chat/rooms/{room_id:int}/messages", request_max_body_size=UPLOAD_BODY_MAX)
    async def send(
        self, request: Request[Any, Any, Any], actor: PageActor, room_id: PathId
    ) -> Response[Any]:
        """The message form (text, files, an internal note for staff), then back to `next`."""
        form = await request.form()
        body = _form_text(form, "body")
        try:
            attachment_ids = await _upload_files(actor, room_id, form.getall("files", []))
            data = parse_input(
                MessageCreate,
                {
                    "body": body,
                    "client_id": _form_text(form, "client_id") or None,
                    "internal": form.get("internal") == "on",
                    "attachment_ids": attachment_ids,
                },
            )
            await posting.post_message(actor, room_id, data)
        except (InvalidInput, Forbidden) as exc:
            room = await inbox.get_room(actor, room_id)
            view = await chat_view(actor, room)
            message = error_message(exc)
            return await _render_room(
                request, actor, view, error=message, typed=body, status_code=exc.status
            )
        return redirect(f"{safe_next(_form_text(form, 'next'), f'/chat/rooms/{room_id}')}#chat")

    @post("/chat/messages/{message_id:int}/edit")
    async def edit(
        self, request: Request[Any, Any, Any], actor: PageActor, message_id: PathBigId
    ) -> Response[Any]:
        """The author's new text for a message (within the edit window)."""
        form = await request.form()
        data = parse_input(MessageUpdate, {"body": _form_text(form, "body")})
        message = await editing.edit_message(actor, message_id, data)
        back = safe_next(_form_text(form, "next"), f"/chat/rooms/{message.room_id}")
        return redirect(f"{back}#m{message_id}")

    @post("/chat/messages/{message_id:int}/delete")
    async def delete(
        self, request: Request[Any, Any, Any], actor: PageActor, message_id: PathBigId
    ) -> Response[Any]:
        """The author deletes a message (within the edit window)."""
        form = await request.form()
        message = await history.get_message(actor, message_id)
        await editing.delete_message(actor, message_id)
        back = safe_next(_form_text(form, "next"), f"/chat/rooms/{message.room_id}")
        return redirect(f"{back}#chat")

    @get("/chat/unread")
    async def unread_badge(
        self, request: Request[Any, Any, Any], actor: PageActor
    ) -> Response[Any]:
        """The header's unread badge alone, for chat.js after its topic was reset."""
        return await render(request, "chat/badge.html")

    @get("/manager/chat")
    async def inbox(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        show: FromQuery[RoomFilter] = "all",
        cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
        q: Annotated[str | None, QueryParameter(max_length=200)] = None,
        before: QueryBigId = None,
    ) -> Response[Any]:
        """Every room of the manager's dealers, newest activity first; or a message search."""
        if not actor.is_staff:
            raise Forbidden("Staff only", code="staff_only")
        found = None
        search_error = None
        if q and q.strip():
            try:
                found = await search.search_messages(actor, q, before=before)
            except DomainError as exc:
                search_error = error_message(exc)
        page = await inbox.list_rooms(actor, RoomQuery(show=show, cursor=cursor, limit=INBOX_PAGE))
        topic = user_topic(actor.person_id)
        return await render(
            request,
            "chat/inbox.html",
            rooms=page,
            show=show,
            q=q or "",
            found=found,
            error=search_error,
            next_url=url("/manager/chat", show=show, cursor=page.next_cursor)
            if page.next_cursor
            else None,
            older_found_url=url("/manager/chat", q=q, before=found.next_before)
            if found and found.next_before
            else None,
            live_topics={topic: page.position.get(topic)},
            live_source=url("/manager/chat", show=show, cursor=cursor),
        )


CHAT_PAGES = [ChatPages]
