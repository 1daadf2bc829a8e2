"""A Python client of the websocket API with reconnect-and-resume.

    async with LiveClient("ws://localhost:8000/ws/v1", token="dc_...") as live:
        await live.subscribe("dealer:1:orders")
        async for frame in live.frames():      # Event, Reset or Unsubscribed
            ...

It remembers each topic's epoch and last position and, after any disconnection,
reconnects and resubscribes from there: the server sends exactly what was missed. Events
are handed out once each, in order per topic (repeats are dropped by position).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import random
from collections.abc import AsyncIterator
from typing import Any

import msgspec
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from realtime.protocol import (
    Ack,
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
)
from realtime.tasks import stop_task

logger = logging.getLogger(__name__)
_decode_json = msgspec.json.Decoder(ServerFrame)
_decode_msgpack = msgspec.msgpack.Decoder(ServerFrame)
_encode_json = msgspec.json.Encoder()
_encode_msgpack = msgspec.msgpack.Encoder()


class LiveError(Exception):
    """The server refused a frame (an `error` frame answering ours)."""

    def __init__(self, frame: Error) -> None:
        super().__init__(f"{frame.code}: {frame.message}")
        self.frame = frame
        self.code = frame.code


class LiveClient:
    """One logical connection that survives disconnections."""

    def __init__(
        self,
        url: str,
        *,
        token: str | None = None,
        cookie: str | None = None,
        origin: str | None = None,
        msgpack: bool = False,
        reconnect: bool = True,
        max_backoff: float = 5.0,
        heartbeat: float = 20.0,
    ) -> None:
        self.url = url
        self.headers: dict[str, str] = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        if cookie:
            self.headers["Cookie"] = cookie
        self.origin = origin
        self.msgpack = msgpack
        self.reconnect = reconnect
        self.max_backoff = max_backoff
        self.heartbeat = heartbeat
        self.positions: dict[str, tuple[str, int]] = {}
        """topic → (epoch, last position handed out)."""
        self.connects = 0
        self.closed_with: tuple[int, str] | None = None
        self._frames: asyncio.Queue[Event | Reset | Unsubscribed] = asyncio.Queue()
        self._waiting: dict[str, asyncio.Future[Any]] = {}
        self._ids = itertools.count(1)
        self._socket: ClientConnection | None = None
        self._connected = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    async def __aenter__(self) -> LiveClient:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self) -> None:
        """Open the first connection (raises when the handshake is refused)."""
        self._socket = await self._open()
        self._task = asyncio.create_task(self._run(), name="live-client")

    async def close(self) -> None:
        """Close for good."""
        self._stopping = True
        if self._socket is not None:
            await self._socket.close()
        if self._task is not None:
            await stop_task(self._task)

    async def drop(self) -> None:
        """Break the connection abruptly, as a lost network would (for tests and drills)."""
        if self._socket is not None and self._socket.transport is not None:
            self._socket.transport.abort()

    async def subscribe(
        self, topic: str, *, position: int | None = None, epoch: str | None = None
    ) -> Subscribed:
        """Subscribe (from `position` when given) and wait until the server confirms."""
        if position is not None:
            self.positions[topic] = (epoch or "", position)
        answer = await self._request(
            lambda frame_id: Subscribe(id=frame_id, topic=topic, position=position, epoch=epoch)
        )
        return answer

    async def unsubscribe(self, topic: str) -> Unsubscribed:
        """Stop receiving a topic."""
        self.positions.pop(topic, None)
        return await self._request(lambda frame_id: Unsubscribe(id=frame_id, topic=topic))

    async def command(self, name: str, data: dict[str, Any]) -> Ack:
        """Run an application command and wait for its acknowledgement."""
        return await self._request(lambda frame_id: Command(id=frame_id, name=name, data=data))

    async def ping(self) -> ServerPong:
        """Round trip to the server."""
        return await self._request(lambda frame_id: Ping(id=frame_id))

    async def next_frame(self, timeout: float = 5.0) -> Event | Reset | Unsubscribed:
        """The next event (or reset / unsubscription) in arrival order."""
        async with asyncio.timeout(timeout):  # wait_for (3.11) can swallow a cancellation
            return await self._frames.get()

    async def frames(self) -> AsyncIterator[Event | Reset | Unsubscribed]:
        """Every event (and reset / unsubscription) as it arrives."""
        while True:
            yield await self._frames.get()

    async def _request(self, build: Any) -> Any:
        frame_id = f"c{next(self._ids)}"
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting[frame_id] = future
        try:
            await self._connected.wait()
            await self._send(build(frame_id))
            async with asyncio.timeout(10):
                return await future
        finally:
            self._waiting.pop(frame_id, None)

    async def _open(self) -> ClientConnection:
        protocols = ["msgpack"] if self.msgpack else ["json"]
        socket = await connect(
            self.url,
            additional_headers=self.headers,
            origin=self.origin,  # type: ignore[arg-type]
            subprotocols=protocols,  # type: ignore[arg-type]
            compression=None,
            ping_interval=None,
            max_size=4 * 1024 * 1024,
            proxy=None,
        )
        self.connects += 1
        self._connected.set()
        return socket

    async def _send(self, frame: Any) -> None:
        assert self._socket is not None
        if self.msgpack:
            await self._socket.send(_encode_msgpack.encode(frame))
        else:
            await self._socket.send(_encode_json.encode(frame).decode())

    async def _run(self) -> None:
        backoff = 0.05
        reconnected = False  # the first connection's subscriptions are `subscribe()`'s to send
        while True:
            try:
                if reconnected:
                    await self._resubscribe()
                async with asyncio.TaskGroup() as group:
                    group.create_task(self._heartbeat())
                    await self._read()
            except* (ConnectionClosed, OSError) as closed:
                logger.debug("live connection lost: %s", closed.exceptions)
            self._connected.clear()
            reconnected = True
            if self._stopping or not self.reconnect or self._final_close():
                self._fail_waiting()
                return
            while not self._stopping:
                # Full jitter: a thousand clients cut off at once don't return at once.
                await asyncio.sleep(random.uniform(0, backoff))
                backoff = min(self.max_backoff, backoff * 2)
                try:
                    self._socket = await self._open()
                    backoff = 0.05
                    break
                except InvalidStatus as refused:
                    self.closed_with = (refused.response.status_code, "handshake refused")
                    self._fail_waiting()
                    return
                except OSError:
                    continue

    def _final_close(self) -> bool:
        # Revoked credentials and policy violations: reconnecting would be refused again.
        return self.closed_with is not None and self.closed_with[0] in (1008, 1009, 4401)

    def _fail_waiting(self) -> None:
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(ConnectionError(f"connection closed: {self.closed_with}"))

    async def _resubscribe(self) -> None:
        for topic, (epoch, position) in list(self.positions.items()):
            await self._send(Subscribe(topic=topic, position=position, epoch=epoch or None))

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat)
            await self._send(Ping())

    async def _read(self) -> None:
        assert self._socket is not None
        try:
            async for raw in self._socket:
                frame = (
                    _decode_msgpack.decode(raw)
                    if isinstance(raw, bytes)
                    else _decode_json.decode(raw)
                )
                await self._handle(frame)
        finally:
            if self._socket.close_code is not None:
                self.closed_with = (self._socket.close_code, self._socket.close_reason or "")
        raise ConnectionClosed(None, None)

    async def _handle(self, frame: ServerFrame) -> None:
        if isinstance(frame, Event):
            epoch, position = self.positions.get(frame.topic, ("", None))  # type: ignore[assignment]
            if position is None or frame.seq <= position:
                return
            if frame.seq != position + 1:
                logger.warning("gap on %s: %s after %s", frame.topic, frame.seq, position)
            self.positions[frame.topic] = (epoch, frame.seq)
            await self._frames.put(frame)
        elif isinstance(frame, Subscribed):
            self.positions[frame.topic] = (frame.epoch, frame.position)
            self._resolve(frame.id, frame)
        elif isinstance(frame, Reset):
            self.positions[frame.topic] = (frame.epoch, frame.position)
            await self._frames.put(frame)
        elif isinstance(frame, Unsubscribed):
            self.positions.pop(frame.topic, None)
            if not self._resolve(frame.id, frame):
                await self._frames.put(frame)
        elif isinstance(frame, Error):
            future = self._waiting.get(frame.id or "")
            if future is not None and not future.done():
                future.set_exception(LiveError(frame))
            else:
                logger.warning("server error frame: %s %s", frame.code, frame.message)
        elif isinstance(frame, ServerPing):
            await self._send(Pong())
        elif isinstance(frame, (ServerPong, Ack)):
            self._resolve(frame.id, frame)

    def _resolve(self, frame_id: str | None, frame: Any) -> bool:
        future = self._waiting.get(frame_id or "")
        if future is None or future.done():
            return False
        future.set_result(frame)
        return True
