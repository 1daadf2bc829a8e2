"""The live stream wired into the app: who may read which topic, and the `/ws/v1` endpoint.

Topics (see docs/websocket-api.md): `dealer:{id}:orders`, `order:{id}`, `dealer:{id}:catalog`,
`warehouse:{id}:stock`, `price_list:{id}`, `user:{id}`, `chat:{id}`, `chat:{id}:staff`,
`dealer:{id}:chat`.
Commands: the chat's (`app/chat/commands.py`).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, cast

import msgspec
from litestar import Litestar, WebSocket, websocket

from app.accounts.actor import Actor, Permission
from app.accounts.auth import resolve_actor
from app.accounts.models import Dealer
from app.catalog.models import PriceList
from app.chat.access import may_read_chat_topic
from app.chat.commands import CHAT_COMMANDS
from app.config import Settings
from app.orders.models import Order
from app.params import ID_MAX
from realtime.bus import ChannelsRedisBus
from realtime.gateway import Gateway
from realtime.history import StreamEvent
from realtime.hooks import GatewayHooks
from realtime.hub import Hub
from realtime.relay import Relay

_TOPIC = re.compile(r"^(?P<kind>[a-z_]+):(?P<id>\d{1,12})(?::(?P<sub>[a-z_]+))?$")


class LivePrincipal(msgspec.Struct, frozen=True):
    """A connected person: the actor resolved from the handshake's cookie or token."""

    actor: Actor

    @property
    def key(self) -> str:
        return str(self.actor.person_id)

    @property
    def via_cookie(self) -> bool:
        return self.actor.session_id is not None


async def authenticate_socket(socket: WebSocket[Any, Any, Any]) -> LivePrincipal | None:
    """Session cookie (browsers) or bearer token (apps), checked at the handshake."""
    actor = await resolve_actor(socket)
    return LivePrincipal(actor) if actor is not None else None


async def may_read_topic(actor: Actor, topic: str) -> bool:
    """The tenancy rule for every topic; unknown topics are refused like foreign ones."""
    match = _TOPIC.match(topic)
    if match is None:
        return False
    kind, object_id, sub = match["kind"], int(match["id"]), match["sub"]
    if object_id > ID_MAX:  # no such row; and a 4-byte id column would refuse the number
        return False
    if kind == "dealer" and sub in ("orders", "catalog"):
        return actor.may_see_dealer(object_id)
    if (kind, sub) == ("dealer", "chat"):  # the readers of the dealer's rooms (app.chat.access)
        return actor.has(Permission.CHAT) and actor.may_see_dealer(object_id)
    if (kind, sub) == ("warehouse", "stock"):
        return await _may_read_dealer_resource(actor, "warehouse_id", object_id)
    if kind == "chat":
        return await may_read_chat_topic(actor, object_id, sub)
    if sub is not None:
        return False
    if kind == "order":
        owners = await Order.filter(id=object_id).values_list("dealer_id", flat=True)
        return bool(owners) and actor.may_see_dealer(cast("int", owners[0]))
    if kind == "user":
        return object_id == actor.person_id
    if kind == "price_list":
        if not actor.has(Permission.SEE_PRICES):
            return False
        if await PriceList.filter(id=object_id, is_base=True).exists():
            return True  # every dealer's prices fall back to the base list
        return await _may_read_dealer_resource(actor, "price_list_id", object_id)
    return False


async def _may_read_dealer_resource(actor: Actor, field: str, object_id: int) -> bool:
    """Staff read any; a dealer person only its active dealer's warehouse or price list."""
    if actor.is_staff:
        return True
    if actor.active_dealer_id is None:
        return False
    return await Dealer.filter(id=actor.active_dealer_id, **{field: object_id}).exists()


WITHOUT_PRICES = "without_prices"
"""The view of events for people who may not see prices: every `*_kopecks` is null."""


def event_view(principal: LivePrincipal) -> str:
    """Which version of events this connection gets."""
    return "" if principal.actor.has(Permission.SEE_PRICES) else WITHOUT_PRICES


def _without_money(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: None if k.endswith("_kopecks") else _without_money(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_money(v) for v in value]
    return value


def redact_event(view: str, event: StreamEvent) -> StreamEvent:
    """The event as a view shows it (money fields blanked for WITHOUT_PRICES)."""
    if view != WITHOUT_PRICES:
        return event
    data = _without_money(msgspec.json.decode(event.payload))
    return msgspec.structs.replace(event, payload=msgspec.json.encode(data).decode())


async def authorize_topic(principal: LivePrincipal, topic: str) -> bool:
    """Gateway hook: may this connection subscribe to this topic now?"""
    return await may_read_topic(principal.actor, topic)


def _as_actor(
    handler: Callable[[Actor, dict[str, Any]], Awaitable[Any]],
) -> Callable[[LivePrincipal, dict[str, Any]], Awaitable[Any]]:
    async def command(principal: LivePrincipal, data: dict[str, Any]) -> Any:
        return await handler(principal.actor, data)

    return command


COMMANDS = {name: _as_actor(handler) for name, handler in CHAT_COMMANDS.items()}
"""Gateway hook: the application's websocket commands, given the connected person."""


@websocket("/ws/v1", opt={"exclude_from_csrf": True})
async def live_socket(socket: WebSocket[Any, Any, Any]) -> None:
    """The one websocket endpoint (protocol: docs/websocket-api.md)."""
    gateway: Gateway = socket.app.state.gateway
    await gateway.serve(socket)


def live_lifespan(settings: Settings) -> Any:
    """Start the relay, hub and gateway with the app; stop them with it."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        bus = ChannelsRedisBus(settings.redis_url) if settings.redis_url else None
        hub = Hub(bus, sweep_interval=settings.live_sweep_seconds)
        gateway = Gateway(
            hub,
            GatewayHooks(
                authenticate=authenticate_socket,
                authorize=authorize_topic,
                commands=COMMANDS,
                view=event_view,
                redact=redact_event,
            ),
            allowed_origins=settings.allowed_origins,
        )
        # Without Redis the hub's sweep alone delivers (within `live_sweep_seconds`).
        relay = Relay(bus) if bus is not None else None
        app.state.gateway = gateway
        await hub.start()
        await gateway.start()
        if relay is not None:
            await relay.start()
        try:
            yield
        finally:
            if relay is not None:
                await relay.stop()
            await gateway.stop()
            await hub.stop()

    return lifespan
