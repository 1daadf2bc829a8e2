"""One bus consumer per process, fanned out to local subscribers without gaps or repeats.

For each topic that has local subscribers the hub remembers the last position it passed
on. An event at the next position goes straight out; one further ahead means the bus lost
something, so the missing events are read from history first; one at or behind it is a
repeat and is dropped. A periodic sweep compares with the database too, so a loss at the
tail (no later event to reveal it) is repaired within `sweep_interval`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Iterable
from contextlib import suppress
from itertools import pairwise
from typing import Protocol

from realtime.bus import Bus
from realtime.history import StreamEvent, read_after, topic_states
from realtime.tasks import stop_task

logger = logging.getLogger(__name__)


class Subscriber(Protocol):
    """Something that takes events of the topics it attached to (a websocket connection)."""

    def deliver(self, event: StreamEvent) -> None:
        """Take one event; must not block (queue it or drop the connection)."""

    def reset(self, feed: TopicFeed) -> None:
        """History cannot fill a gap any more: the subscriber must reload and go on."""


class TopicFeed:
    """A topic's local state: epoch, last position passed on, recent events, subscribers."""

    def __init__(self, topic: str, epoch: str, position: int, tail_size: int) -> None:
        self.topic = topic
        self.epoch = epoch
        self.position = position
        self.tail: deque[StreamEvent] = deque(maxlen=tail_size)
        self.subscribers: set[Subscriber] = set()
        self.lock = asyncio.Lock()

    def recent_after(self, position: int) -> list[StreamEvent] | None:
        """Events after `position` from memory, or None when memory doesn't reach back."""
        if position >= self.position:
            return []
        if not self.tail or self.tail[0].seq > position + 1:
            return None
        return [e for e in self.tail if e.seq > position]

    def remember(self, events: list[StreamEvent]) -> None:
        """Keep events read from history in memory too, where they join the tail.

        A feed's memory starts when this process starts listening to its topic, so the
        first resumes after a restart are read from history; with what they read kept,
        the resumes of the same topic that follow are served from memory."""
        room = (self.tail.maxlen or 0) - len(self.tail)
        first_kept = self.tail[0].seq if self.tail else self.position + 1
        older = [e for e in events if e.seq < first_kept][-room:] if room > 0 else []
        if not older or older[-1].seq != first_kept - 1:
            return
        if any(later.seq != earlier.seq + 1 for earlier, later in pairwise(older)):
            return
        self.tail.extendleft(reversed(older))


class Hub:
    """Fan-out of bus events to this process's subscribers, per topic."""

    def __init__(
        self,
        bus: Bus | None,
        *,
        sweep_interval: float = 2.0,
        tail_size: int = 1000,
        linger: float = 60.0,
    ) -> None:
        self.bus = bus
        self.sweep_interval = sweep_interval
        self.tail_size = tail_size
        self.linger = linger  # so that a reconnect storm resumes from memory, not history
        self.feeds: dict[str, TopicFeed] = {}
        self._idle_since: dict[str, float] = {}
        self._off_bus: set[str] = set()  # subscribing failed (Redis away): retried by the sweep
        self._tasks: list[asyncio.Task[None]] = []
        self._attach_lock = asyncio.Lock()

    async def start(self) -> None:
        """Start consuming the bus and sweeping."""
        if self.bus is not None:
            self._tasks.append(asyncio.create_task(self._consume(), name="realtime-hub"))
        self._tasks.append(asyncio.create_task(self._sweep(), name="realtime-hub-sweep"))

    async def stop(self) -> None:
        """Stop background work and close the bus."""
        for task in self._tasks:
            await stop_task(task)
        self._tasks.clear()
        if self.bus is not None:
            await self.bus.close()

    async def attach(self, topic: str, subscriber: Subscriber) -> TopicFeed:
        """Add a subscriber to a topic; the first one makes this process listen to it."""
        async with self._attach_lock:
            feed = self.feeds.get(topic)
            if feed is None:
                if self.bus is not None:
                    await self._listen(topic)
                # Read after subscribing: whatever commits from now on reaches us one way
                # or the other (live, or as a gap filled from history).
                state = (await topic_states([topic], create=True))[topic]
                feed = TopicFeed(topic, state.epoch, state.position, self.tail_size)
                self.feeds[topic] = feed
            feed.subscribers.add(subscriber)
            self._idle_since.pop(topic, None)
            return feed

    async def _listen(self, topic: str) -> bool:
        """Subscribe on the bus; while it is away the sweep serves the topic, and retries."""
        assert self.bus is not None
        try:
            await self.bus.subscribe(topic)
        except Exception:
            logger.warning("bus away: %s is served by the sweep until it is back", topic)
            self._off_bus.add(topic)
            return False
        self._off_bus.discard(topic)
        return True

    async def detach(self, topic: str, subscriber: Subscriber) -> None:
        """Remove a subscriber; `linger` seconds after the last one, stop listening."""
        async with self._attach_lock:
            feed = self.feeds.get(topic)
            if feed is None:
                return
            feed.subscribers.discard(subscriber)
            if not feed.subscribers:
                self._idle_since[topic] = time.monotonic()

    async def _forget_idle(self) -> None:
        async with self._attach_lock:
            for topic, since in list(self._idle_since.items()):
                if time.monotonic() - since >= self.linger:
                    del self._idle_since[topic], self.feeds[topic]
                    self._off_bus.discard(topic)
                    if self.bus is not None:
                        with suppress(Exception):
                            await self.bus.unsubscribe(topic)

    async def accept(self, event: StreamEvent) -> None:
        """Pass on a live event, filling any gap before it from history."""
        feed = self.feeds.get(event.topic)
        if feed is None or event.seq <= feed.position:
            return
        async with feed.lock:
            if event.seq <= feed.position:
                return
            if event.seq > feed.position + 1:
                missing = await read_after(feed.topic, feed.position, until=event.seq - 1)
                self._pass_on(feed, missing)
            self._pass_on(feed, [event])

    async def catch_up(self, topics: Iterable[str], *, chunk: int = 500) -> None:
        """Compare with the database and pass on whatever the bus has not delivered.

        In chunks, so that a sweep over thousands of topics leaves the event loop free
        for live traffic between its queries.
        """
        wanted = list(topics)
        for start in range(0, len(wanted), chunk):
            states = await topic_states(wanted[start : start + chunk])
            for topic, state in states.items():
                feed = self.feeds.get(topic)
                if feed is None or state.position <= feed.position:
                    continue
                async with feed.lock:
                    missing = await read_after(topic, feed.position, until=state.position)
                    self._pass_on(feed, missing)

    def _pass_on(self, feed: TopicFeed, events: list[StreamEvent]) -> None:
        for event in events:
            if event.seq <= feed.position:
                continue
            if event.seq > feed.position + 1:
                # Pruned before this process saw it (it was cut off for a long time).
                feed.position = event.seq - 1
                feed.tail.clear()
                for subscriber in list(feed.subscribers):
                    subscriber.reset(feed)
            feed.position = event.seq
            feed.tail.append(event)
            for subscriber in list(feed.subscribers):
                subscriber.deliver(event)

    async def _consume(self) -> None:
        assert self.bus is not None
        while True:
            try:
                event = await self.bus.receive()
                await self.accept(event)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("hub could not take an event; the sweep will repair", exc_info=True)
                await asyncio.sleep(0.5)

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(self.sweep_interval)
            if not self.feeds:
                continue
            try:
                for topic in [t for t in self._off_bus if t in self.feeds]:
                    if not await self._listen(topic):
                        break
                await self.catch_up(list(self.feeds))
                await self._forget_idle()
            except Exception:
                logger.warning("hub sweep failed; retrying", exc_info=True)
