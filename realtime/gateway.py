"""The websocket gateway: authenticate, authorise each subscription, resume, stay live.

A connection is a receive loop (parse, validate, check, enqueue) and a send loop (the only
writer to the socket) under one task group. Events reach the send loop through a bounded
queue fed by the hub; a client that falls that far behind is disconnected with a reason
and resumes later, instead of holding memory. The application supplies the hooks:
who is connecting, whether they may read a topic, and its commands.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import msgspec
from litestar import WebSocket

from realtime.connection import Connection, Limits
from realtime.history import StreamEvent
from realtime.hooks import CONTROL_TOPIC, GatewayHooks, Principal, PrincipalChanged
from realtime.hub import Hub, TopicFeed
from realtime.protocol import JSON_SUBPROTOCOL, MSGPACK_SUBPROTOCOL
from realtime.tasks import stop_task

logger = logging.getLogger(__name__)


class _ControlListener:
    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    def deliver(self, event: StreamEvent) -> None:
        try:
            change = msgspec.json.decode(event.payload, type=PrincipalChanged)
        except msgspec.ValidationError:
            return
        for connection in list(self.gateway.connections.get(change.principal, ())):
            connection.recheck_soon()

    def reset(self, feed: TopicFeed) -> None:
        for connections in list(self.gateway.connections.values()):
            for connection in list(connections):
                connection.recheck_soon()


class Gateway:
    """Serves websocket connections over a hub, with the application's hooks."""

    def __init__(
        self,
        hub: Hub,
        hooks: GatewayHooks,
        *,
        allowed_origins: set[str],
        limits: Limits | None = None,
    ) -> None:
        self.hub = hub
        self.hooks = hooks
        self.allowed_origins = allowed_origins
        self.limits = limits or Limits()
        self.connections: dict[str, set[Connection]] = {}
        self._control = _ControlListener(self)
        self._heartbeats: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Listen for rights changes; start the heartbeat of every connection."""
        await self.hub.attach(CONTROL_TOPIC, self._control)
        self.start_heartbeats()

    def start_heartbeats(self) -> None:
        """Start the one timer that pings connections and closes silent ones."""
        if self._heartbeats is None:
            self._heartbeats = asyncio.create_task(self._beat(), name="ws-heartbeats")

    async def stop(self) -> None:
        """Close every connection (clients resume elsewhere)."""
        if self._heartbeats is not None:
            await stop_task(self._heartbeats)
            self._heartbeats = None
        await self.hub.detach(CONTROL_TOPIC, self._control)
        for connections in list(self.connections.values()):
            for connection in list(connections):
                connection.close_soon(1012, "server restarting")

    async def _beat(self) -> None:
        """One timer for all connections: pings due and silent peers, about every second."""
        limits = self.limits
        period = min(1.0, limits.heartbeat_interval / 2, limits.dead_after / 4)
        while True:
            await asyncio.sleep(period)
            now = time.monotonic()
            for connections in list(self.connections.values()):
                for connection in list(connections):
                    connection.heartbeat(now)

    def connection_count(self) -> int:
        """Connections open in this process."""
        return sum(len(c) for c in self.connections.values())

    async def serve(self, socket: WebSocket[Any, Any, Any]) -> None:
        """Handle one websocket from handshake to close."""
        await socket.receive()  # the handshake's `websocket.connect`
        principal = await self._admit(socket)
        if principal is None:
            await socket.close(code=1008, reason="forbidden")  # before accept: HTTP 403
            return
        crowded = (
            len(self.connections.get(principal.key, ()))
            >= self.limits.max_connections_per_principal
        )
        offered = [p.strip() for p in socket.headers.get("sec-websocket-protocol", "").split(",")]
        msgpack = MSGPACK_SUBPROTOCOL in offered
        chosen = (
            MSGPACK_SUBPROTOCOL
            if msgpack
            else (JSON_SUBPROTOCOL if JSON_SUBPROTOCOL in offered else None)
        )
        await socket.send({"type": "websocket.accept", "subprotocol": chosen, "headers": []})
        if crowded:
            # Accepted only to say why: 1013 means "try again later", unlike a 403.
            await socket.close(code=1013, reason="too many connections for this person")
            return
        connection = Connection(
            self.hub, self.hooks, self.limits, socket, principal, msgpack=msgpack
        )
        self.connections.setdefault(principal.key, set()).add(connection)
        started = time.monotonic()
        try:
            await connection.run()
        finally:
            self.connections[principal.key].discard(connection)
            if not self.connections[principal.key]:
                del self.connections[principal.key]
            await connection.detach_all()
            logger.debug(
                "connection of %s closed after %.1fs", principal.key, time.monotonic() - started
            )

    async def _admit(self, socket: WebSocket[Any, Any, Any]) -> Principal | None:
        try:
            principal = await self.hooks.authenticate(socket)
        except Exception:
            logger.exception("websocket authentication failed")
            return None
        if principal is None:
            return None
        if principal.via_cookie and socket.headers.get("origin") not in self.allowed_origins:
            return None
        return principal
