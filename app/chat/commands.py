"""The chat's websocket commands: thin edges like `api.py`, for the live connection.

`chat.send` is idempotent by `client_id`: a retry (after a lost answer or a reconnect)
gets the first send's acknowledgement and makes no second message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import msgspec

from app.accounts.actor import Actor
from app.chat import posting, read_marks, typing_notices
from app.chat.schemas import (
    MessageCreate,
    ReadCommand,
    ReadMark,
    ReadState,
    SendAck,
    SendCommand,
    TypingCommand,
)
from app.errors import command_errors


async def chat_send(actor: Actor, data: dict[str, Any]) -> SendAck:
    """Post a message; the ack carries its id, its place in the room and its topic position."""
    with command_errors():
        command = msgspec.convert(data, SendCommand)
        message = MessageCreate(
            body=command.body,
            client_id=command.client_id,
            internal=command.internal,
            attachment_ids=command.attachment_ids,
        )
        return await posting.send_message(actor, command.room_id, message)


async def chat_typing(actor: Actor, data: dict[str, Any]) -> None:
    """The sender is typing in a room."""
    with command_errors():
        command = msgspec.convert(data, TypingCommand)
        await typing_notices.send_typing(actor, command.room_id, internal=command.internal)


async def chat_read(actor: Actor, data: dict[str, Any]) -> ReadState:
    """The sender has read a room up to a message (the newest when none is named)."""
    with command_errors():
        command = msgspec.convert(data, ReadCommand)
        return await read_marks.mark_read(actor, command.room_id, ReadMark(command.message_id))


CHAT_COMMANDS: dict[str, Callable[[Actor, dict[str, Any]], Awaitable[Any]]] = {
    "chat.send": chat_send,
    "chat.typing": chat_typing,
    "chat.read": chat_read,
}
"""Command name → handler, given the connected person and the command's `data`."""
