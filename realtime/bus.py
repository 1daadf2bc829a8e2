"""The bus carries committed events between processes (Redis pub/sub via channels-redis).

It is the fast path only: the pub/sub layer may lose messages (while its Redis
connection is down they vanish silently), so every consumer checks positions and fills
gaps from history. One bus per process, with one layer channel, fanned out locally.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Protocol

from channels_redis.pubsub import RedisPubSubChannelLayer

from realtime.history import StreamEvent

logger = logging.getLogger(__name__)

CLOSE_TIMEOUT = 5.0
"""Seconds a stopping process waits for Redis to let go; a sick Redis must not hang it."""


class Bus(Protocol):
    """What the relay and the hub need from a message bus."""

    async def publish(self, event: StreamEvent) -> None:
        """Send a committed event to every process subscribed to its topic."""

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
        await self._layer.group_send(
            group_name(event.topic),
            {
                "type": "realtime.event",
                "topic": event.topic,
                "seq": event.seq,
                "event": event.type,
                "payload": event.payload,
                "at": event.occurred_at.isoformat(),
            },
        )

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
                await self._layer.flush()
        except TimeoutError:
            logger.warning("Redis did not close within %.0f s; leaving it", CLOSE_TIMEOUT)
