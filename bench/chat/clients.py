"""A client process: a share of the connected people, and the messages they send.

Each person is one `websockets` connection with a bearer token, subscribed to the topics
their page follows (their rooms' `chat:{id}` and their own `user:{id}`). The process
sends its share of the message rate from its people's connections (`chat.send`, or the
baseline's `bench.note`), each command stamped with its send time inside its
`client_id` (`bench/chat/frames.py`), so that every receiving process can take
send-to-receipt latency from the event itself. It also records which messages each
connection received, and checks every topic's positions for gaps and repeats.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
import time
from array import array
from collections import Counter
from multiprocessing.connection import Connection
from typing import Any

import uvloop
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from bench.chat.frames import (
    BODIES,
    MESSAGE_EVENTS,
    Incoming,
    Result,
    client_id,
    command_frame,
    decode_frame,
    parse_client_id,
)
from bench.ws.clients import HEARTBEAT_SECONDS, HEARTBEAT_STEP, raise_fd_limit
from bench.ws.frames import PING_FRAME, PONG_FRAME, subscribe_frame

TICK_SECONDS = 0.01
MAX_PENDING_SECONDS = 2.0
"""A process holds at most this many seconds of its rate in unanswered commands.

Beyond that it skips sends (counted as held back, as are sends from a person whose
connection the server closed): a server that cannot keep up then shows as a lower
acknowledged rate and multi-second latencies, instead of a backlog that takes many
minutes to drain after the window."""


class Person:
    """One connected person."""

    __slots__ = (
        "closed_code",
        "index",
        "person_id",
        "positions",
        "reader",
        "received",
        "socket",
        "token",
        "topics",
    )

    def __init__(self, index: int, person_id: int, token: str, topics: list[str]) -> None:
        self.index = index
        self.person_id = person_id
        self.token = token
        self.topics = topics
        self.positions: dict[str, int] = {}
        self.socket: ClientConnection | None = None
        self.reader: asyncio.Task[None] | None = None
        self.received: list[str] = []
        """`client_id` of every message event received in the current phase."""
        self.closed_code: int | None = None


class Window:
    """What was received inside a measurement window."""

    def __init__(self) -> None:
        self.start()
        self.on = False

    def start(self) -> None:
        self.latency = array("f")
        self.ack_latency = array("f")
        self.per_second = array("l", [0] * 3600)
        self.events: Counter[str] = Counter()
        self.started = time.time()
        self.on = True

    def stop(self) -> dict[str, Any]:
        self.on = False
        seconds = time.time() - self.started
        return {
            "seconds": seconds,
            "per_second": list(self.per_second[: int(seconds) + 1]),
            "latency": self.latency.tobytes(),
            "ack_latency": self.ack_latency.tobytes(),
            "events": dict(self.events),
        }


class Worker:
    """The people of one client process and the commands that drive them."""

    def __init__(self) -> None:
        self.people: dict[int, Person] = {}
        """Connected people by their index in the whole run (slots refer to it)."""
        self.window = Window()
        self.heartbeat: asyncio.Task[None] | None = None
        self.sender: asyncio.Task[None] | None = None
        self._new_phase()

    def _new_phase(self) -> None:
        self.sent = self.held_back = self.receipts = 0
        self.sent_log: list[tuple[str, int]] = []
        self.pending: dict[str, tuple[float, int]] = {}
        self.acks: list[tuple[str, int, int]] = []
        self.errors: Counter[str] = Counter()
        self.gaps = self.repeats = 0
        self.close_codes: Counter[int] = Counter()
        for person in self.people.values():
            person.received = []

    # -- commands ----------------------------------------------------------------------

    async def connect(
        self, url: str, people: list[tuple[int, int, str, list[str]]], concurrency: int
    ) -> dict[str, Any]:
        """Open a connection per (index, person id, token, topics) and subscribe it."""
        started = time.monotonic()
        limit = asyncio.Semaphore(concurrency)
        failures: list[str] = []

        async def one(person: Person) -> None:
            async with limit:
                for attempt in range(5):
                    try:
                        await self._open(url, person)
                        self.people[person.index] = person
                        return
                    except (OSError, ConnectionClosed, TimeoutError) as exc:
                        error = f"{type(exc).__name__}: {exc}"
                    await asyncio.sleep(0.2 * (attempt + 1))
                failures.append(error)

        await asyncio.gather(*(one(Person(*spec)) for spec in people))
        if self.heartbeat is None:
            self.heartbeat = asyncio.create_task(self._beat())
        return {
            "opened": len(people) - len(failures),
            "failed": len(failures),
            "errors": failures[:3],
            "seconds": time.monotonic() - started,
        }

    async def send(
        self, command: str, slots: list[tuple[int, int]], rate: float, seconds: float, seed: int
    ) -> dict[str, Any]:
        """Start sending `rate` commands/s for `seconds` from (person index, room) slots."""
        self._new_phase()
        self.sender = asyncio.create_task(self._send(command, slots, rate, seconds, seed))
        return {}

    async def record(self, on: bool) -> dict[str, Any]:
        """Start (or stop and return) a measurement window."""
        if on:
            self.window.start()
            return {}
        return self.window.stop()

    async def status(self) -> dict[str, Any]:
        """Sending done?, unanswered commands, receipts so far."""
        return {
            "sending": self.sender is not None and not self.sender.done(),
            "sent": self.sent,
            "pending": len(self.pending),
            "receipts": self.receipts,
        }

    async def results(self) -> dict[str, Any]:
        """The phase's sends, answers, errors, receipts and stream integrity.

        Receipts are counted on connections that stayed open; the people whose
        connection the server closed are listed instead.
        """
        if self.sender is not None and self.sender.done() and self.sender.exception():
            raise RuntimeError(f"sender failed: {self.sender.exception()!r}")
        return {
            "sent": self.sent,
            "held_back": self.held_back,
            "sent_log": self.sent_log,
            "acks": self.acks,
            "unanswered": len(self.pending),
            "errors": dict(self.errors),
            "receipts": Counter(
                cid for p in self.people.values() if p.closed_code is None for cid in p.received
            ),
            "closed_people": [p.person_id for p in self.people.values() if p.closed_code],
            "gaps": self.gaps,
            "repeats": self.repeats,
            "close_codes": dict(self.close_codes),
        }

    async def close_all(self) -> int:
        """Abort every connection and forget it."""
        if self.heartbeat is not None:
            self.heartbeat.cancel()
            self.heartbeat = None
        for person in self.people.values():
            if person.socket is not None and person.socket.transport is not None:
                person.socket.transport.abort()
            if person.reader is not None:
                person.reader.cancel()
        count = len(self.people)
        self.people.clear()
        return count

    # -- sending -----------------------------------------------------------------------

    async def _send(
        self, command: str, slots: list[tuple[int, int]], rate: float, seconds: float, seed: int
    ) -> None:
        rng = random.Random(seed)
        prefix = "n" if command == "bench.note" else "c"
        serial = itertools.count(1)
        cap = max(10, int(rate * MAX_PENDING_SECONDS))
        offered = 0
        started = time.monotonic()
        next_tick = started
        while (elapsed := time.monotonic() - started) < seconds:
            due = int(rate * elapsed) - offered
            offered += due
            for _ in range(due):
                if len(self.pending) >= cap:
                    self.held_back += 1
                    continue
                index, room = rng.choice(slots)
                person = self.people[index]
                if person.socket is None:  # the server closed it: this person is gone
                    self.held_back += 1
                    continue
                sent = time.time()
                cid = client_id(prefix, person.person_id, next(serial), sent)
                self.pending[cid] = (sent, room)
                self.sent_log.append((cid, room))
                self.sent += 1
                with contextlib.suppress(ConnectionClosed):
                    await person.socket.send(command_frame(cid, command, room, rng.choice(BODIES)))
            next_tick += TICK_SECONDS
            await asyncio.sleep(max(0.0, next_tick - time.monotonic()))

    # -- receiving ---------------------------------------------------------------------

    async def _open(self, url: str, person: Person) -> None:
        socket = await connect(
            url,
            additional_headers={"Authorization": f"Bearer {person.token}"},
            compression=None,
            ping_interval=None,
            max_size=1 << 20,
            open_timeout=60,
            close_timeout=1,
            proxy=None,
        )
        for topic in person.topics:
            await socket.send(subscribe_frame(topic))
        waiting = set(person.topics)
        async with asyncio.timeout(60):
            while waiting:
                frame = decode_frame(await socket.recv(decode=False))
                if frame.type == "subscribed":
                    waiting.discard(frame.topic)
                    person.positions[frame.topic] = frame.position or 0
                elif frame.type == "error":
                    raise RuntimeError(f"subscribing {person.person_id}: {frame.code}")
        person.socket = socket
        person.reader = asyncio.create_task(self._read(person, socket))

    async def _read(self, person: Person, socket: ClientConnection) -> None:
        window = self.window
        try:
            while True:
                raw = await socket.recv(decode=False)
                now = time.time()
                frame = decode_frame(raw)
                kind = frame.type
                if kind == "event":
                    self._on_event(person, frame, now)
                elif kind == "ack" and frame.id is not None:
                    asked = self.pending.pop(frame.id, None)
                    if asked is not None:
                        result = frame.result or Result()
                        answer = result.message_id or result.position or 0
                        self.acks.append((frame.id, asked[1], answer))
                        if window.on:
                            window.ack_latency.append((now - asked[0]) * 1000.0)
                elif kind == "error":
                    if frame.id is not None:
                        self.pending.pop(frame.id, None)
                    self.errors[frame.code] += 1
                elif kind == "ping":
                    await socket.send(PONG_FRAME)
        except ConnectionClosed:
            person.closed_code = socket.close_code or 1006
            self.close_codes[person.closed_code] += 1
            # Its unanswered commands will never be answered now (a real client would
            # resend them with the same client_id): stop waiting for them.
            for cid in [c for c in self.pending if parse_client_id(c)[0] == person.person_id]:
                del self.pending[cid]
            person.socket = None

    def _on_event(self, person: Person, frame: Incoming, now: float) -> None:
        known = person.positions.get(frame.topic)
        if known is not None:
            if frame.seq <= known:
                self.repeats += 1
                return
            if frame.seq != known + 1:
                self.gaps += 1
        person.positions[frame.topic] = frame.seq
        window = self.window
        if window.on:
            window.events[frame.event] += 1
            second = int(now - window.started)
            if 0 <= second < len(window.per_second):
                window.per_second[second] += 1
        if frame.event not in MESSAGE_EVENTS or frame.data is None:
            return
        data = frame.data
        cid = data.message.client_id if data.message is not None else data.client_id
        if cid is None:
            return
        person.received.append(cid)
        self.receipts += 1
        sender, sent = parse_client_id(cid)
        if window.on and sender != person.person_id:
            window.latency.append((now - sent) * 1000.0)

    async def _beat(self) -> None:
        # Each connection pings on its own phase of the interval, as real clients do.
        slices = int(HEARTBEAT_SECONDS / HEARTBEAT_STEP)
        for tick in itertools.count():
            await asyncio.sleep(HEARTBEAT_STEP)
            for person in list(self.people.values()):
                if person.index % slices == tick % slices and person.socket is not None:
                    with contextlib.suppress(Exception):
                        await person.socket.send(PING_FRAME)


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
