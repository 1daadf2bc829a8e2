"""The bus carries committed events between processes (Redis pub/sub via channels-redis).

It is the fast path only: the pub/sub layer may lose messages (while its Redis
connection is down they vanish silently), so every consumer checks positions and fills
gaps from history. One bus per process, with one layer channel, fanned out locally.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from channels_redis.pubsub import RedisPubSubChannelLayer
from redis.asyncio import Redis

from realtime.history import StreamEvent

logger = logging.getLogger(__name__)

CLOSE_TIMEOUT = 5.0
"""Seconds a stopping process waits for Redis to let go; a sick Redis must not hang it."""


class Bus(Protocol):
    """What the relay and the hub need from a message bus."""

    async def publish(self, event: StreamEvent) -> None:
        """Send a committed event to every process subscribed to its topic."""

    async def publish_many(self, events: Sequence[StreamEvent]) -> None:
        """Send several committed events, in order (the relay's batches)."""

    async def subscribe(self, topic: str) -> None:
        """Start receiving a topic in this process."""

    async def unsubscribe(self, topic: str) -> None:
        """Stop receiving a topic in this process."""

    async def receive(self) -> StreamEvent:
        """The next event on any subscribed topic."""

    async def close(self) -> None:
        """Release connections."""


def group_name(topic: str) -> str:
    """channels-redis group names allow letters, digits, `-`, `_` and `.` only."""
    return "t." + topic.replace(":", ".")


class ChannelsRedisBus:
    """Redis pub/sub through channels-redis' `RedisPubSubChannelLayer`."""

    def __init__(self, redis_url: str, *, prefix: str = "realtime") -> None:
        self._layer = RedisPubSubChannelLayer(hosts=[redis_url], prefix=prefix)
        self._redis_url = redis_url
        self._publisher: Redis | None = None
        self._channel: str | None = None
        self._channel_lock = asyncio.Lock()

    async def _own_channel(self) -> str:
        # One channel per bus: without the lock, a subscribe and the first receive racing
        # at start-up would each make one, and the subscribed one would never be read.
        async with self._channel_lock:
            if self._channel is None:
                self._channel = await self._layer.new_channel()
            return self._channel

    async def publish(self, event: StreamEvent) -> None:
        await self._layer.group_send(group_name(event.topic), _message(event))

    async def publish_many(self, events: Sequence[StreamEvent]) -> None:
        """One round trip for a batch: PUBLISH commands pipelined on a connection of our own.

        channels-redis publishes one message per round trip under a lock; the relay's
        batches (up to 500 events after a burst or a Redis outage) would pay that per
        event. The messages are exactly what `group_send` would publish (same channel
        name, same serializer), so the layer's receivers cannot tell the difference.
        """
        if not events:
            return
        if self._publisher is None:
            self._publisher = Redis.from_url(self._redis_url)
        loop_layer = self._layer._get_layer()  # the per-event-loop layer owns the naming
        async with self._publisher.pipeline(transaction=False) as pipe:
            for event in events:
                pipe.publish(
                    loop_layer._get_group_channel_name(group_name(event.topic)),
                    self._layer.serialize(_message(event)),
                )
            await pipe.execute()

    async def subscribe(self, topic: str) -> None:
        await self._layer.group_add(group_name(topic), await self._own_channel())

    async def unsubscribe(self, topic: str) -> None:
        if self._channel is not None:
            await self._layer.group_discard(group_name(topic), self._channel)

    async def receive(self) -> StreamEvent:
        message = await self._layer.receive(await self._own_channel())
        return StreamEvent(
            topic=message["topic"],
            seq=message["seq"],
            type=message["event"],
            payload=message["payload"],
            occurred_at=datetime.fromisoformat(message["at"]),
        )

    async def close(self) -> None:
        try:
            async with asyncio.timeout(CLOSE_TIMEOUT):
                if self._publisher is not None:
                    await self._publisher.aclose()
                    self._publisher = None
                await self._layer.flush()
        except TimeoutError:
            logger.warning("Redis did not close within %.0f s; leaving it", CLOSE_TIMEOUT)


def _message(event: StreamEvent) -> dict[str, Any]:
    return {
        "type": "realtime.event",
        "topic": event.topic,
        "seq": event.seq,
        "event": event.type,
        "payload": event.payload,
        "at": event.occurred_at.isoformat(),
    }
