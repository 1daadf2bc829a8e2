"""Websocket frames: every frame in either direction is one of these msgspec Structs.

JSON text frames by default; MessagePack binary frames when the client picks the
`msgpack` subprotocol. The AsyncAPI document in docs/ is generated from these types.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

Topic = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=r"^[a-z0-9_:.\-]+$")]
FrameId = Annotated[str, msgspec.Meta(max_length=64)]
Position = Annotated[int, msgspec.Meta(ge=0)]


class _ClientFrame(msgspec.Struct, tag_field="type", forbid_unknown_fields=True, kw_only=True):
    id: FrameId | None = None
    """Client-chosen reference echoed in the answer (`subscribed`, `ack`, `error`, `pong`)."""


class Subscribe(_ClientFrame, tag="subscribe", kw_only=True):
    """Start receiving a topic; with `position` (and `epoch`), resume after that event."""

    topic: Topic
    position: Position | None = None
    epoch: Annotated[str, msgspec.Meta(max_length=32)] | None = None


class Unsubscribe(_ClientFrame, tag="unsubscribe", kw_only=True):
    """Stop receiving a topic."""

    topic: Topic


class Ping(_ClientFrame, tag="ping", kw_only=True):
    """Heartbeat from the client; answered with `pong`."""


class Pong(_ClientFrame, tag="pong", kw_only=True):
    """The client's answer to a server `ping`."""


class Command(_ClientFrame, tag="command", kw_only=True):
    """An application command (for example sending a chat message), acknowledged by id."""

    name: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    data: dict[str, Any] = msgspec.field(default_factory=dict)


ClientFrame = Subscribe | Unsubscribe | Ping | Pong | Command


class _ServerFrame(msgspec.Struct, tag_field="type", kw_only=True, omit_defaults=True):
    pass


class Event(_ServerFrame, tag="event", kw_only=True):
    """One event on a subscribed topic, at its position."""

    topic: str
    seq: int
    event: str
    """The event type, e.g. `order.status_changed`."""
    data: msgspec.Raw | Any
    time: str
    """When it happened, ISO 8601 UTC."""


class Subscribed(_ServerFrame, tag="subscribed", kw_only=True):
    """The subscription is live; events after `position` follow (missed ones first)."""

    id: str | None = None
    topic: str
    epoch: str
    position: int


class Unsubscribed(_ServerFrame, tag="unsubscribed", kw_only=True):
    """The subscription ended, at the client's request or because a right was lost."""

    id: str | None = None
    topic: str
    reason: str


class Reset(_ServerFrame, tag="reset", kw_only=True):
    """History no longer reaches the client's position: reload over REST, then go on from here."""

    topic: str
    epoch: str
    position: int
    reason: str


class Ack(_ServerFrame, tag="ack", kw_only=True):
    """A command succeeded; `result` is command-specific."""

    id: str | None = None
    result: Any = None


class Error(_ServerFrame, tag="error", kw_only=True):
    """A frame was refused; `id` refers to the client frame when it had one."""

    id: str | None = None
    code: str
    message: str
    field: str | None = None


class ServerPing(_ServerFrame, tag="ping", kw_only=True):
    """Heartbeat from the server; the client answers `pong`."""


class ServerPong(_ServerFrame, tag="pong", kw_only=True):
    """Answer to a client `ping`."""

    id: str | None = None


ServerFrame = Event | Subscribed | Unsubscribed | Reset | Ack | Error | ServerPing | ServerPong

MSGPACK_SUBPROTOCOL = "msgpack"
JSON_SUBPROTOCOL = "json"

_client_json = msgspec.json.Decoder(ClientFrame)
_client_msgpack = msgspec.msgpack.Decoder(ClientFrame)
_json = msgspec.json.Encoder()
_msgpack = msgspec.msgpack.Encoder()


def decode_client_frame(raw: str | bytes, *, msgpack: bool) -> ClientFrame:
    """Parse and validate one client frame (raises msgspec.ValidationError/DecodeError)."""
    if isinstance(raw, bytes) and msgpack:
        return _client_msgpack.decode(raw)
    return _client_json.decode(raw)


def encode_server_frame(frame: ServerFrame, *, msgpack: bool) -> bytes:
    """Serialise one server frame for the connection's encoding."""
    if msgpack:
        if isinstance(frame, Event) and isinstance(frame.data, msgspec.Raw):
            frame = msgspec.structs.replace(frame, data=msgspec.json.decode(frame.data))
        return _msgpack.encode(frame)
    return _json.encode(frame)
