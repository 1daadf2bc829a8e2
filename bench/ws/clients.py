"""A client process: thousands of websocket connections, each subscribed to one topic.

The orchestrator drives each process through a pipe with small commands (connect,
record, stall, storm, ...) and gets plain data back. Every connection is a `websockets`
asyncio client with one reader task; latency is taken for each event as receipt time
minus the `sent` stamp in the event. Clients also track each topic's position, so gaps,
repeats and resets are counted, and so that a reconnect can resume from where it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import resource
import time
from array import array
from collections import Counter
from multiprocessing.connection import Connection
from socket import SO_RCVBUF, SOL_SOCKET
from typing import Any

import uvloop
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from bench.ws.frames import PING_FRAME, PONG_FRAME, decode_incoming, subscribe_frame

HEARTBEAT_SECONDS = 20.0
"""Clients send an application `ping` this often: the cabinet closes silent peers."""
HEARTBEAT_STEP = 0.5
"""The heartbeat task wakes this often and pings the clients whose turn it is."""
STALLED_RECEIVE_BUFFER = 64 * 1024
"""SO_RCVBUF of a stalled client's socket, in bytes.

On loopback the kernel lets a receive buffer grow to `net.ipv4.tcp_rmem`'s maximum (32
MiB on the benchmark machine), so a client that stops reading would absorb minutes of
frames in its own kernel and the server would never notice. A phone that stops reading
holds about this much; the rest backs up into the server, which is what the stall test
is about."""


def raise_fd_limit() -> int:
    """Open-file limit up to the hard limit (every socket is a file); returns the limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class Client:
    """One connection: its topic, its position on it, and whether it is reading."""

    __slots__ = (
        "closed_code",
        "epoch",
        "gate",
        "headers",
        "index",
        "position",
        "reader",
        "socket",
        "subscribed",
        "topic",
    )

    def __init__(self, index: int, topic: str, token: str | None) -> None:
        self.index = index
        self.topic = topic
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.socket: ClientConnection | None = None
        self.reader: asyncio.Task[None] | None = None
        self.epoch = ""
        self.position: int | None = None
        self.gate: asyncio.Event | None = None
        """Set while the client is stalled: the reader waits on it instead of reading."""
        self.subscribed: asyncio.Future[float] | None = None
        self.closed_code: int | None = None


class Recorder:
    """Latencies (ms) of healthy and of "hot" clients, and frames per second, in a window."""

    def __init__(self) -> None:
        self.on = False
        self.healthy = array("f")
        self.hot = array("f")
        self.per_second = array("l")
        self.started = 0.0

    def start(self) -> None:
        self.healthy, self.hot, self.per_second = array("f"), array("f"), array("l", [0] * 3600)
        self.started = time.time()
        self.on = True

    def count(self, now: float) -> None:
        second = int(now - self.started)
        if 0 <= second < len(self.per_second):
            self.per_second[second] += 1

    def stop(self) -> dict[str, Any]:
        self.on = False
        seconds = time.time() - self.started
        return {
            "seconds": seconds,
            "frames": sum(self.per_second),
            "per_second": list(self.per_second[: int(seconds) + 1]),
            "healthy": self.healthy.tobytes(),
            "hot": self.hot.tobytes(),
        }


class Worker:
    """The connections of one client process and the commands that drive them."""

    def __init__(self) -> None:
        self.clients: list[Client] = []
        self.hot_topics: set[str] = set()
        self.recorder = Recorder()
        self.gaps = 0
        self.repeats = 0
        self.resets = 0
        self.closed: Counter[int] = Counter()
        self.url = ""
        self._heartbeat: asyncio.Task[None] | None = None

    # -- commands ----------------------------------------------------------------------

    async def connect(
        self, url: str, specs: list[tuple[int, str, str | None]], concurrency: int
    ) -> dict[str, Any]:
        """Open and subscribe a connection per (index, topic, token); returns counts."""
        self.url = url
        started = time.monotonic()
        new = [Client(i, topic, token) for i, topic, token in specs]
        failures = await self._open_all(new, concurrency, resume=False)
        self.clients.extend(c for c in new if c.socket is not None)
        if self._heartbeat is None:
            self._heartbeat = asyncio.create_task(self._beat())
        return {
            "opened": sum(1 for c in new if c.socket is not None),
            "failed": len(failures),
            "errors": failures[:3],
            "seconds": time.monotonic() - started,
        }

    async def keep(self, count: int) -> int:
        """Abort every connection beyond the first `count`; returns how many remain."""
        for client in self.clients[count:]:
            await self._abort(client)
        del self.clients[count:]
        return len(self.clients)

    async def record(self, on: bool, hot_topics: list[str] | None = None) -> dict[str, Any]:
        """Start (or stop and return) a measurement window."""
        if on:
            self.hot_topics = set(hot_topics or ())
            self.recorder.start()
            return {}
        return self.recorder.stop()

    async def stall(self, topics: list[str]) -> int:
        """Stop reading on the connections of these topics; returns how many stalled."""
        stalled = 0
        for client in self.clients:
            if client.topic in topics:
                client.gate = asyncio.Event()
                _shrink_receive_buffer(client)
                stalled += 1
        return stalled

    async def unstall(self, concurrency: int) -> dict[str, Any]:
        """Read again; connections the server closed meanwhile reconnect (resuming)."""
        stalled = [c for c in self.clients if c.gate is not None]
        for client in stalled:
            assert client.gate is not None
            client.gate.set()
            client.gate = None
        await asyncio.sleep(1.0)  # let readers see a close frame or a reset
        closed = [c for c in stalled if c.socket is None or c.closed_code is not None]
        codes = Counter(int(c.closed_code or 1006) for c in closed)
        failures = await self._open_all(closed, concurrency, resume=True)
        return {
            "stalled": len(stalled),
            "closed_by_server": len(closed),
            "codes": dict(codes),
            "reconnect_failed": len(failures),
        }

    async def storm(self, count: int, concurrency: int, deadline: float) -> dict[str, Any]:
        """Drop the first `count` connections at once, then reconnect them all, resuming."""
        before = (self.gaps, self.repeats, self.resets)
        started = time.time()
        await self.drop(count)
        resumed = await self.resume(concurrency, deadline)
        return {
            **resumed,
            "started": started,
            "gaps": self.gaps - before[0],
            "repeats": self.repeats - before[1],
            "resets": self.resets - before[2],
        }

    async def drop(self, count: int) -> int:
        """Abort the first `count` connections, keeping their positions; returns how many."""
        for client in self.clients[:count]:
            await self._abort(client)
        return min(count, len(self.clients))

    async def resume(
        self, concurrency: int, deadline: float, url: str | None = None
    ) -> dict[str, Any]:
        """Reconnect every dropped connection from its last position (within `deadline` s),
        to `url` if given (a restarted server listens elsewhere).

        Returns when each one was subscribed again (`resumed_at`, epoch seconds)."""
        self.url = url or self.url
        chosen = [c for c in self.clients if c.socket is None]
        started = time.time()
        reconnecting = asyncio.ensure_future(self._open_all(chosen, concurrency, resume=True))
        done, _ = await asyncio.wait({reconnecting}, timeout=deadline)
        if done:
            failures = reconnecting.result()
        else:
            reconnecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reconnecting
            failures = [f"not all reconnected within {deadline:.0f} s"]
        resumed = [
            c.subscribed.result()
            for c in chosen
            if c.subscribed is not None
            and c.subscribed.done()
            and not c.subscribed.cancelled()
            and c.subscribed.exception() is None
        ]
        return {
            "started": started,
            "resumed_at": resumed,
            "failed": len(failures),
            "errors": failures[:3],
        }

    async def repair(self, concurrency: int) -> int:
        """Reconnect (resuming) every connection that is closed; returns how many failed."""
        broken = [c for c in self.clients if c.socket is None or c.closed_code is not None]
        return len(await self._open_all(broken, concurrency, resume=True))

    async def status(self) -> dict[str, Any]:
        """Open connections and the integrity counters so far."""
        return {
            "open": sum(1 for c in self.clients if c.socket is not None and c.closed_code is None),
            "gaps": self.gaps,
            "repeats": self.repeats,
            "resets": self.resets,
            "closed": dict(self.closed),
        }

    async def lowest_positions(self) -> dict[str, int]:
        """Per topic, the position of the open connection furthest behind on it."""
        lowest: dict[str, int] = {}
        for client in self.clients:
            if client.socket is None or client.closed_code is not None or client.position is None:
                continue
            lowest[client.topic] = min(client.position, lowest.get(client.topic, client.position))
        return lowest

    async def close_all(self) -> int:
        """Abort every connection (the server sees them vanish) and forget them."""
        for client in self.clients:
            await self._abort(client)
        count = len(self.clients)
        self.clients.clear()
        self.gaps = self.repeats = self.resets = 0
        self.closed.clear()
        return count

    # -- connections -------------------------------------------------------------------

    async def _open_all(
        self, clients: list[Client], concurrency: int, *, resume: bool
    ) -> list[str]:
        limit = asyncio.Semaphore(concurrency)
        failures: list[str] = []

        async def one(client: Client) -> None:
            async with limit:
                for attempt in range(5):
                    try:
                        await self._open(client, resume=resume)
                        return
                    except (OSError, ConnectionClosed, TimeoutError) as exc:
                        error = f"{type(exc).__name__}: {exc}"
                    except Exception as exc:  # a refused handshake: say why, don't retry
                        failures.append(f"{type(exc).__name__}: {exc}")
                        return
                    await asyncio.sleep(0.2 * (attempt + 1))
                failures.append(error)

        await asyncio.gather(*(one(c) for c in clients))
        return failures

    async def _open(self, client: Client, *, resume: bool) -> None:
        socket = await connect(
            self.url,
            additional_headers=client.headers,
            compression=None,
            ping_interval=None,
            max_size=1 << 20,
            open_timeout=60,
            close_timeout=1,
            proxy=None,
        )
        client.socket, client.closed_code = socket, None
        loop = asyncio.get_running_loop()
        client.subscribed = loop.create_future()
        client.reader = asyncio.create_task(self._read(client))
        if resume and client.position is not None:
            await socket.send(subscribe_frame(client.topic, client.position, client.epoch))
        else:
            await socket.send(subscribe_frame(client.topic))
        await asyncio.wait_for(asyncio.shield(client.subscribed), 60)

    async def _abort(self, client: Client) -> None:
        socket, reader = client.socket, client.reader
        client.socket = client.reader = client.subscribed = None
        if client.gate is not None:
            client.gate.set()
            client.gate = None
        if socket is not None and socket.transport is not None:
            socket.transport.abort()
        if reader is not None:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await reader

    async def _read(self, client: Client) -> None:
        socket = client.socket
        assert socket is not None
        recorder = self.recorder
        try:
            while True:
                if client.gate is not None:
                    await client.gate.wait()
                raw = await socket.recv(decode=False)
                now = time.time()
                frame = decode_incoming(raw)
                kind = frame.type
                if kind == "event":
                    position = client.position
                    if position is not None:
                        if frame.seq <= position:
                            self.repeats += 1
                            continue
                        if frame.seq != position + 1:
                            self.gaps += 1
                    client.position = frame.seq
                    if recorder.on and frame.data is not None:
                        recorder.count(now)
                        latency = (now - frame.data.sent) * 1000.0
                        if client.topic in self.hot_topics:
                            recorder.hot.append(latency)
                        else:
                            recorder.healthy.append(latency)
                elif kind == "subscribed":
                    client.epoch = frame.epoch
                    if frame.position is not None:
                        client.position = frame.position
                    if client.subscribed is not None and not client.subscribed.done():
                        client.subscribed.set_result(now)
                elif kind == "reset":
                    self.resets += 1
                    client.epoch, client.position = frame.epoch, frame.position
                elif kind == "ping":
                    await socket.send(PONG_FRAME)
                elif kind == "error":
                    if client.subscribed is not None and not client.subscribed.done():
                        client.subscribed.set_exception(RuntimeError(raw.decode()[:200]))
        except ConnectionClosed:
            client.closed_code = socket.close_code or 1006
            self.closed[client.closed_code] += 1
            if client.subscribed is not None and not client.subscribed.done():
                client.subscribed.set_exception(ConnectionError(f"closed {client.closed_code}"))

    async def _beat(self) -> None:
        # Each client pings on its own phase of the interval, as real clients (started at
        # different times) do: pinging all at once would put a burst of thousands of
        # frames on the server every interval and show up as a latency spike.
        slices = int(HEARTBEAT_SECONDS / HEARTBEAT_STEP)
        for step in itertools.count():
            await asyncio.sleep(HEARTBEAT_STEP)
            for client in list(self.clients):
                socket = client.socket
                if client.index % slices != step % slices:
                    continue
                if socket is not None and client.closed_code is None:
                    with contextlib.suppress(Exception):
                        await socket.send(PING_FRAME)


def _shrink_receive_buffer(client: Client) -> None:
    """Cap the socket's receive buffer (this also stops the kernel growing it)."""
    if client.socket is None or client.socket.transport is None:
        return
    raw = client.socket.transport.get_extra_info("socket")
    if raw is not None:
        raw.setsockopt(SOL_SOCKET, SO_RCVBUF, STALLED_RECEIVE_BUFFER)


async def _serve(pipe: Connection) -> None:
    worker = Worker()
    loop = asyncio.get_running_loop()
    while True:
        command, arguments = await loop.run_in_executor(None, pipe.recv)
        if command == "exit":
            await worker.close_all()
            pipe.send(None)
            return
        try:
            result = await getattr(worker, command)(**arguments)
        except Exception as exc:
            result = {"error": f"{type(exc).__name__}: {exc}"}
        pipe.send(result)


def run_worker(pipe: Connection) -> None:
    """Entry point of a client process."""
    raise_fd_limit()
    uvloop.run(_serve(pipe))
