"""What the application plugs into the gateway, and what the gateway asks of it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import msgspec
from litestar import WebSocket

from realtime.history import StreamEvent

CONTROL_TOPIC = "realtime:control"
"""Events here name a principal whose rights changed; their connections are re-checked."""


class Principal(Protocol):
    """Who is connected, as the application knows them."""

    @property
    def key(self) -> str:
        """Stable identity (connection caps and re-checks are per key)."""

    @property
    def via_cookie(self) -> bool:
        """True for browser sessions: their handshake must come from an allowed Origin."""


class PrincipalChanged(msgspec.Struct, tag="realtime.principal_changed", tag_field="type"):
    """A principal's rights changed (token revoked, membership removed, dealer switched)."""

    principal: str


@dataclass
class GatewayHooks:
    """What the application plugs into the gateway."""

    authenticate: Callable[[WebSocket[Any, Any, Any]], Awaitable[Principal | None]]
    """The principal behind the handshake (cookie or bearer token), or None."""
    authorize: Callable[[Any, str], Awaitable[bool]]
    """May this principal read this topic now?"""
    commands: dict[str, Callable[[Any, dict[str, Any]], Awaitable[Any]]] = field(
        default_factory=dict
    )
    """Application commands by name; a raised `CommandError` becomes an error frame."""
    view: Callable[[Any], str] | None = None
    """Names the version of events a principal gets ("" = as stored), e.g. without prices."""
    redact: Callable[[str, StreamEvent], StreamEvent] | None = None
    """Turns a stored event into the named view; pure, so its result is shared and cached."""


class CommandError(Exception):
    """A command refused: becomes an `error` frame with this code, message and field."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field
