"""One websocket connection: a receive loop and a send loop around a bounded queue."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import msgspec
from litestar import WebSocket
from litestar.types import WebSocketSendEvent

from realtime.history import StreamEvent, read_after
from realtime.hooks import CommandError, GatewayHooks
from realtime.hub import Hub, TopicFeed
from realtime.protocol import (
    Ack,
    ClientFrame,
    Command,
    Error,
    Event,
    Ping,
    Pong,
    Reset,
    ServerFrame,
    ServerPing,
    ServerPong,
    Subscribe,
    Subscribed,
    Unsubscribe,
    Unsubscribed,
    decode_client_frame,
    encode_server_frame,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """Per-connection limits; each breach is answered, never a crash."""

    max_frame_bytes: int = 64 * 1024
    max_subscriptions: int = 200
    frames_per_second: float = 20.0
    frame_burst: int = 250
    """Frames at once before the rate applies: room for a reconnect that re-subscribes
    to all `max_subscriptions` topics in one go."""
    rate_strikes_before_close: int = 20
    queue_size: int = 2000
    """Frames waiting for a slow client before it is disconnected (to resume later)."""
    commands_in_flight: int = 32
    """Commands received but not yet answered; more get the error `busy`. Commands run
    one at a time in their own task, in the order received, so that a slow one never
    stops the connection from reading (pongs, pings, further frames)."""
    heartbeat_interval: float = 25.0
    dead_after: float = 60.0
    """No frame from the client for this long: the peer is gone."""
    max_connections_per_principal: int = 20


class _Identified(msgspec.Struct):
    id: str | None = None


def _frame_id(raw: str | bytes) -> str | None:
    """The `id` of a frame that will not be handled, so the client can tell what to resend."""
    try:
        if isinstance(raw, bytes):
            return msgspec.msgpack.decode(raw, type=_Identified).id
        return msgspec.json.decode(raw, type=_Identified).id
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None


@lru_cache(maxsize=8192)
def _event_frame(
    event: StreamEvent,
    msgpack: bool,
    view: str = "",
    redact: Callable[[str, StreamEvent], StreamEvent] | None = None,
) -> bytes:
    # Encoded once per event, format and view, then shared by every subscriber.
    if view and redact is not None:
        event = redact(view, event)
    frame = Event(
        topic=event.topic,
        seq=event.seq,
        event=event.type,
        data=msgspec.Raw(event.payload.encode()),
        time=event.occurred_at.isoformat().replace("+00:00", "Z"),
    )
    return encode_server_frame(frame, msgpack=msgpack)


class _TokenBucket:
    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, float(burst)
        self.tokens, self.stamp = float(burst), time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class Connection:
    """A subscriber of the hub that writes to one websocket."""

    def __init__(
        self,
        hub: Hub,
        hooks: GatewayHooks,
        limits: Limits,
        socket: WebSocket[Any, Any, Any],
        principal: Any,
        *,
        msgpack: bool,
    ) -> None:
        self.hub = hub
        self.hooks = hooks
        self.limits = limits
        self.socket = socket
        self.principal = principal
        self.msgpack = msgpack
        self.view = hooks.view(principal) if hooks.view else ""
        self.queue: asyncio.Queue[tuple[Any, ...]] = asyncio.Queue(self.limits.queue_size)
        self.commands: asyncio.Queue[Command] | None = None
        """Commands not yet run; made with the command loop, on the first command."""
        self.feeds: dict[str, TopicFeed] = {}
        self.positions: dict[str, int] = {}
        self.pending: set[str] = set()
        self.last_seen = time.monotonic()
        self._last_ping = self.last_seen
        self._bucket = _TokenBucket(self.limits.frames_per_second, self.limits.frame_burst)
        self._strikes = 0
        self._close: tuple[int, str] | None = None
        self._disconnected = False
        self._tasks: list[asyncio.Task[None]] = []
        self._current_command: asyncio.Task[None] | None = None

    # -- called by the hub and the gateway (never block) --------------------------------

    def deliver(self, event: StreamEvent) -> None:
        """Queue a live event for sending."""
        self._enqueue(("event", event))

    def reset(self, feed: TopicFeed) -> None:
        """Tell the client to reload a topic: history cannot fill its gap."""
        self._enqueue(("reset", feed))

    def recheck_soon(self) -> None:
        """Re-authenticate and re-authorise every subscription (rights changed)."""
        self._enqueue(("recheck",))

    def heartbeat(self, now: float) -> None:
        """Called about every second by the gateway: close a silent peer, ping on time.

        Pinged on a timer, busy or idle, so a client that only answers pings stays alive
        however many events flow."""
        if now - self.last_seen > self.limits.dead_after:
            self.close_soon(4000, "heartbeat timeout")
        elif now - self._last_ping >= self.limits.heartbeat_interval:
            self._last_ping = now
            self._enqueue(("ping",))

    def close_soon(self, code: int, reason: str) -> None:
        """Close with a code and reason as soon as possible."""
        if self._close is None:
            self._close = (code, reason)
        for task in self._tasks:
            task.cancel()

    def _enqueue(self, item: tuple[Any, ...]) -> None:
        if self._close is not None:
            return
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            self.close_soon(4008, "slow consumer: reconnect and resume")

    def _answer(self, frame: ServerFrame) -> None:
        self._enqueue(("send", frame))

    # -- the two loops -------------------------------------------------------------------

    async def run(self) -> None:
        """Serve until the client leaves, a limit is breached or the server stops."""
        loops = [
            asyncio.create_task(self._receive_loop(), name="ws-receive"),
            asyncio.create_task(self._send_loop(), name="ws-send"),
        ]
        self._tasks.extend(loops)
        await asyncio.wait(loops, return_when=asyncio.FIRST_COMPLETED)
        for task in self._tasks:  # the command loop too, if there is one by now
            task.cancel()
        results = await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._current_command is not None and not self._current_command.done():
            await asyncio.wait({self._current_command}, timeout=5)
        for result in results:
            if isinstance(result, Exception) and not self._disconnected:
                logger.warning("websocket loop failed", exc_info=result)
                self._close = self._close or (1011, "internal error")
        if not self._disconnected:
            code, reason = self._close or (1000, "")
            try:
                async with asyncio.timeout(2):
                    await self.socket.close(code=code, reason=reason)
            except Exception:  # the peer is already gone
                pass

    async def detach_all(self) -> None:
        """Leave every topic (after the connection ended)."""
        for topic in list(self.feeds):
            await self.hub.detach(topic, self)
        self.feeds.clear()

    async def _receive_loop(self) -> None:
        while True:
            message = await self.socket.receive()
            if message["type"] == "websocket.disconnect":
                self._disconnected = True
                return
            raw = cast("str | bytes", message.get("bytes") or message.get("text") or "")
            size = len(raw) if isinstance(raw, bytes) else len(raw.encode())
            if size > self.limits.max_frame_bytes:
                self.close_soon(1009, "frame too large")
                return
            self.last_seen = time.monotonic()
            if self._bucket.take():
                self._strikes = max(0, self._strikes - 1)  # good behaviour earns strikes back
            else:
                self._strikes += 1
                if self._strikes > self.limits.rate_strikes_before_close:
                    self.close_soon(1008, "too many frames")
                    return
                self._answer(
                    Error(
                        id=_frame_id(raw), code="rate_limited", message="Too many frames; slow down"
                    )
                )
                continue
            try:
                frame = decode_client_frame(raw, msgpack=isinstance(raw, bytes))
            except (msgspec.ValidationError, msgspec.DecodeError) as exc:
                self._answer(Error(code="invalid_frame", message=str(exc)))
                continue
            await self._handle(frame)

    async def _handle(self, frame: ClientFrame) -> None:
        if isinstance(frame, Ping):
            self._answer(ServerPong(id=frame.id))
        elif isinstance(frame, Pong):
            return
        elif isinstance(frame, Subscribe):
            await self._check_subscribe(frame)
        elif isinstance(frame, Unsubscribe):
            self._enqueue(("unsubscribe", frame.topic, frame.id, "requested"))
        elif isinstance(frame, Command):
            if self.commands is None:
                # Made on the first command: most connections only subscribe, and every
                # object a connection holds is one more for each garbage collection.
                self.commands = asyncio.Queue(self.limits.commands_in_flight)
                self._tasks.append(asyncio.create_task(self._command_loop(), name="ws-commands"))
            try:
                self.commands.put_nowait(frame)
            except asyncio.QueueFull:
                self._answer(
                    Error(
                        id=frame.id,
                        code="busy",
                        message="Too many commands awaiting an answer; wait for their acks",
                    )
                )

    async def _command_loop(self) -> None:
        assert self.commands is not None
        while True:
            frame = await self.commands.get()
            # Shielded: a client that sends and leaves at once still has its command
            # finished (briefly awaited by `run`), never cut off inside a transaction.
            self._current_command = asyncio.create_task(self._run_command(frame))
            await asyncio.shield(self._current_command)

    async def _check_subscribe(self, frame: Subscribe) -> None:
        if frame.topic in self.feeds or frame.topic in self.pending:
            self._answer(
                Error(id=frame.id, code="already_subscribed", message="Already subscribed")
            )
            return
        if len(self.feeds) + len(self.pending) >= self.limits.max_subscriptions:
            self._answer(
                Error(
                    id=frame.id, code="too_many_subscriptions", message="Subscription limit reached"
                )
            )
            return
        while True:
            principal = self.principal
            allowed = await self._may_read(frame.topic)
            if self.principal is principal:
                break  # else a recheck changed the rights while this was asked: ask again
        if not allowed:
            # The same answer whether the topic exists or not.
            self._answer(Error(id=frame.id, code="forbidden", message="Not allowed", field="topic"))
            return
        self.pending.add(frame.topic)
        self._enqueue(("subscribe", frame))

    async def _may_read(self, topic: str) -> bool:
        """The application's verdict; a failing check refuses the topic, never the socket."""
        try:
            return await self.hooks.authorize(self.principal, topic)
        except Exception:
            logger.exception("authorising %s failed; refused", topic)
            return False

    async def _run_command(self, frame: Command) -> None:
        handler = self.hooks.commands.get(frame.name)
        if handler is None:
            self._answer(
                Error(id=frame.id, code="unknown_command", message="Unknown command", field="name")
            )
            return
        try:
            # A command changes things: it runs with the rights of now, not of the
            # handshake (a right lost a moment ago must not let one more message through).
            principal = await self.hooks.authenticate(self.socket)
            if principal is None:
                self.close_soon(4401, "credentials revoked")
                return
            result = await handler(principal, frame.data)
        except CommandError as exc:
            self._answer(Error(id=frame.id, code=exc.code, message=exc.message, field=exc.field))
        except Exception:
            logger.exception("command %s failed", frame.name)
            self._answer(Error(id=frame.id, code="server_error", message="Internal error"))
        else:
            self._answer(Ack(id=frame.id, result=result))

    async def _send_loop(self) -> None:
        while True:
            # No timeout here: a timer per `get` (armed and cancelled for every frame of a
            # busy connection) cost a tenth of a busy server's CPU. Heartbeats come from
            # the gateway's one timer for all connections (`heartbeat`).
            item = await self.queue.get()
            if self._close is not None:
                return  # closing: nothing queued after the reason to close goes out
            kind = item[0]
            if kind == "event":
                await self._send_event(item[1])
            elif kind == "send":
                await self._send(item[1])
            elif kind == "ping":
                await self._send(ServerPing())
            elif kind == "subscribe":
                await self._subscribe(item[1])
            elif kind == "unsubscribe":
                await self._unsubscribe(item[1], item[2], item[3])
            elif kind == "reset":
                await self._reset(item[1].topic, "history_expired")
            elif kind == "recheck":
                await self._recheck()

    async def _send(self, frame: ServerFrame) -> None:
        await self._write(encode_server_frame(frame, msgpack=self.msgpack))

    async def _write(self, data: bytes) -> None:
        if self.msgpack:
            frame: WebSocketSendEvent = {"type": "websocket.send", "bytes": data, "text": None}
        else:
            frame = {"type": "websocket.send", "bytes": None, "text": data.decode()}
        try:
            await self.socket.send(frame)
        except OSError:  # ASGI's word for "the client is gone" (uvicorn's ClientDisconnected)
            self._disconnected = True
            raise

    def _encoded(self, event: StreamEvent) -> bytes:
        return _event_frame(event, self.msgpack, self.view, self.hooks.redact)

    async def _send_event(self, event: StreamEvent) -> None:
        position = self.positions.get(event.topic)
        if position is None or event.seq <= position:
            return  # not (yet) subscribed, or already sent
        if event.seq > position + 1:
            feed = self.feeds.get(event.topic)
            missing = feed.recent_after(position) if feed else None
            if missing is None:
                missing = await read_after(event.topic, position, until=event.seq - 1)
            for earlier in missing:
                if earlier.seq == self.positions[event.topic] + 1 and earlier.seq < event.seq:
                    await self._write(self._encoded(earlier))
                    self.positions[event.topic] = earlier.seq
            if self.positions[event.topic] != event.seq - 1:
                await self._reset(event.topic, "history_expired")
                return
        await self._write(self._encoded(event))
        self.positions[event.topic] = event.seq

    async def _subscribe(self, frame: Subscribe) -> None:
        topic = frame.topic
        try:
            feed = await self.hub.attach(topic, self)
            self.feeds[topic] = feed
        finally:
            # Not before: while attach awaits, `pending` is what refuses a second subscribe.
            self.pending.discard(topic)
        current = feed.position
        backlog: list[StreamEvent] = []
        start = current
        if frame.position is not None:
            stale_epoch = bool(frame.epoch) and frame.epoch != feed.epoch
            if not stale_epoch and frame.position > current:
                # Ahead of this process, maybe not of the database (this process's bus may
                # lag, e.g. while Redis reconnects): catch up before calling it a reset.
                await self.hub.catch_up([topic])
                current = feed.position
            if stale_epoch or frame.position > current:
                await self._send(
                    Subscribed(id=frame.id, topic=topic, epoch=feed.epoch, position=current)
                )
                self.positions[topic] = current
                await self._reset(topic, "epoch_changed" if stale_epoch else "position_ahead")
                return
            start = frame.position
            recent = feed.recent_after(start)
            if recent is not None:
                backlog = recent
            else:
                backlog = await read_after(topic, start, until=current)
                feed.remember(backlog)
            if start < current and (not backlog or backlog[0].seq != start + 1):
                await self._send(
                    Subscribed(id=frame.id, topic=topic, epoch=feed.epoch, position=current)
                )
                self.positions[topic] = current
                await self._reset(topic, "history_expired")
                return
        await self._send(Subscribed(id=frame.id, topic=topic, epoch=feed.epoch, position=start))
        self.positions[topic] = start
        for event in backlog:
            await self._send_event(event)

    async def _reset(self, topic: str, reason: str) -> None:
        feed = self.feeds.get(topic)
        if feed is None:
            return
        self.positions[topic] = feed.position
        await self._send(
            Reset(topic=topic, epoch=feed.epoch, position=feed.position, reason=reason)
        )

    async def _unsubscribe(self, topic: str, frame_id: str | None, reason: str) -> None:
        if topic not in self.feeds:
            if reason == "requested":
                await self._send(
                    Error(id=frame_id, code="not_subscribed", message="Not subscribed")
                )
            return
        del self.feeds[topic]
        self.positions.pop(topic, None)
        await self.hub.detach(topic, self)
        await self._send(Unsubscribed(id=frame_id, topic=topic, reason=reason))

    async def _recheck(self) -> None:
        principal = await self.hooks.authenticate(self.socket)
        if principal is None:
            self.close_soon(4401, "credentials revoked")
            return
        self.principal = principal
        self.view = self.hooks.view(principal) if self.hooks.view else ""
        for topic in list(self.feeds):
            if not await self._may_read(topic):
                await self._unsubscribe(topic, None, "access_revoked")
