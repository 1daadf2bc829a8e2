"""The producer process: events at a controlled rate, the way each system takes them.

- `cabinet`: commits real outbox events (`append_event` inside `realtime.relay.transaction()`)
  to the benchmark database and runs a `realtime.relay.Relay` on the same Redis, so each
  event travels commit → relay → Redis → hub → socket, as in production.
- `plain`: publishes the finished frame to the topic's Redis channel (the plain server
  subscribes to it), pipelined once per tick.
- `channels`: `group_send` to the topic's group through channels-redis.

Time is cut into 10 ms ticks; each tick sends what the schedule owes by then (so a slow
tick is caught up, and the lag is reported). In `cabinet` mode one tick is one
transaction holding that tick's events.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from array import array
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import redis.asyncio as redis
import uvloop
from channels_redis.pubsub import RedisPubSubChannelLayer

from app.config import Settings
from app.db import close_db, init_db
from bench.ws.frames import (
    CHANNELS_EVENT_TYPE,
    CHANNELS_LAYER_PREFIX,
    PLAIN_CHANNEL_PREFIX,
    baseline_frame,
    tick,
)
from realtime.bus import ChannelsRedisBus, group_name
from realtime.outbox import OutboxEvent, TopicSequence, append_event
from realtime.relay import Relay, transaction

TICK_SECONDS = 0.01

Stream = tuple[list[tuple[str, int]], float]
"""(topics with their dealer ids, events per second over them, round-robin)."""


class Producer:
    """Sends events to one system; `run` paces them."""

    def __init__(self, mode: str, redis_url: str, database_url: str, var_dir: str) -> None:
        self.mode = mode
        self.redis_url = redis_url
        self.settings = Settings(
            database_url=database_url,
            redis_url=redis_url,
            var_dir=Path(var_dir),
            secret_key="bench",
        )
        self.serial = itertools.count(1)
        self.seq: dict[str, int] = {}
        self.relay: Relay | None = None
        self.bus: ChannelsRedisBus | None = None
        self.redis: redis.Redis | None = None
        self.layer: RedisPubSubChannelLayer | None = None
        self.handover_ms = array("f")
        """Per event of the current run: its stamp → its commit (or publish), ms."""

    async def start(self) -> None:
        if self.mode == "cabinet":
            await init_db(self.settings)
            self.bus = ChannelsRedisBus(self.redis_url)
            self.relay = Relay(self.bus)
            await self.relay.start()
        elif self.mode == "plain":
            self.redis = redis.Redis.from_url(self.redis_url)
        else:
            self.layer = RedisPubSubChannelLayer(
                hosts=[self.redis_url], prefix=CHANNELS_LAYER_PREFIX
            )

    async def stop(self) -> None:
        if self.relay is not None and self.bus is not None:
            await self.relay.stop()
            await self.bus.close()
            await close_db()
        if self.redis is not None:
            await self.redis.aclose()
        if self.layer is not None:
            await self.layer.flush()

    async def pending(self) -> int:
        """Committed events the relay has not published yet (0 for the baselines)."""
        if self.relay is None:
            return 0
        return await OutboxEvent.filter(published_at=None).count()

    async def heads(self, topics: list[str]) -> dict[str, int]:
        """The last position of each topic (what a caught-up client has seen)."""
        if self.relay is None:
            return {topic: self.seq.get(topic, 0) for topic in topics}
        rows = await TopicSequence.filter(topic__in=topics).values_list("topic", "last_seq")
        return {str(topic): int(last) for topic, last in rows}

    async def run(self, streams: list[Stream], seconds: float) -> dict[str, Any]:
        """Send the streams for `seconds`; returns how many events went and how late."""
        cursors: list[Iterator[tuple[str, int]]] = [itertools.cycle(t) for t, _ in streams]
        owed = [0.0] * len(streams)
        sent = 0
        worst_lag = 0.0
        self.handover_ms = array("f")
        started = time.monotonic()
        next_tick = started
        while True:
            now = time.monotonic()
            if now - started >= seconds:
                break
            batch: list[tuple[str, int]] = []
            elapsed = now - started
            for k, (_, rate) in enumerate(streams):
                due = rate * elapsed - owed[k]
                whole = int(due)
                owed[k] += whole
                batch.extend(next(cursors[k]) for _ in range(whole))
            if batch:
                await self._send(batch)
                sent += len(batch)
            next_tick += TICK_SECONDS
            delay = next_tick - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                worst_lag = max(worst_lag, -delay)
                next_tick = time.monotonic()
        seconds_run = time.monotonic() - started
        if self.relay is not None:  # let the relay publish the last commits
            await asyncio.sleep(0.2)
        ordered = sorted(self.handover_ms)
        n = len(ordered)
        return {
            "events": sent,
            "seconds": seconds_run,
            "worst_lag": worst_lag,
            "handover_p50_ms": ordered[n // 2] if n else 0.0,
            "handover_p99_ms": ordered[min(n - 1, n * 99 // 100)] if n else 0.0,
        }

    async def _send(self, batch: list[tuple[str, int]]) -> None:
        if self.mode == "cabinet":
            stamps = []
            async with transaction():
                for topic, dealer in batch:
                    stamps.append(time.time())
                    await append_event(tick(dealer, next(self.serial), stamps[-1]), [topic])
            self._handed_over(stamps)
            return
        frames, stamps = [], []
        for topic, dealer in batch:
            seq = self.seq[topic] = self.seq.get(topic, 0) + 1
            stamps.append(time.time())
            frames.append((topic, baseline_frame(topic, seq, tick(dealer, seq, stamps[-1]))))
        if self.redis is not None:
            async with self.redis.pipeline(transaction=False) as pipe:
                for topic, frame in frames:
                    pipe.publish(PLAIN_CHANNEL_PREFIX + topic, frame)
                await pipe.execute()
        else:
            assert self.layer is not None
            await asyncio.gather(
                *(
                    self.layer.group_send(
                        group_name(topic), {"type": CHANNELS_EVENT_TYPE, "text": frame.decode()}
                    )
                    for topic, frame in frames
                )
            )
        self._handed_over(stamps)

    def _handed_over(self, stamps: list[float]) -> None:
        """Record how long events waited between their stamp and the commit (or publish)."""
        now = time.time()
        self.handover_ms.extend((now - stamp) * 1000.0 for stamp in stamps)


async def _serve(pipe: Connection, producer: Producer) -> None:
    loop = asyncio.get_running_loop()
    await producer.start()
    pipe.send("ready")
    try:
        while True:
            command, arguments = await loop.run_in_executor(None, pipe.recv)
            if command == "exit":
                break
            try:
                result = await getattr(producer, command)(**arguments)
            except Exception as exc:
                result = {"error": f"{type(exc).__name__}: {exc}"}
            pipe.send(result)
    finally:
        await producer.stop()
        pipe.send(None)


def run_producer(
    pipe: Connection, mode: str, redis_url: str, database_url: str, var_dir: str
) -> None:
    """Entry point of the producer process."""
    uvloop.run(_serve(pipe, Producer(mode, redis_url, database_url, var_dir)))
