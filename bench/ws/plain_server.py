"""Baseline 1: a plain `websockets` server fanning out with `websockets.broadcast()`.

    python -m bench.ws.plain_server --port 8101 --redis redis://127.0.0.1:6379/0

About the least work Python can do per frame: one Redis pub/sub connection for the
process (a pattern subscription to every topic's channel), and each message written to
every subscriber of its topic by `broadcast()`, which frames it once and writes it to
each socket without awaiting anything. It has no authentication, no positions or history and
no slow-consumer policy (`broadcast()` ignores back-pressure: a client that stops
reading makes the server buffer for it without bound). Frames are the producer's,
already in the cabinet's `event` layout.
"""

from __future__ import annotations

import argparse
import asyncio

import msgspec
import redis.asyncio as redis
import uvloop
from websockets.asyncio.server import ServerConnection, broadcast, serve

from bench.ws.frames import PLAIN_CHANNEL_PREFIX


class _Subscribe(msgspec.Struct):
    type: str
    topic: str = ""
    id: str | None = None


_decode = msgspec.json.Decoder(_Subscribe).decode
_encode = msgspec.json.Encoder().encode


class Fanout:
    """Topic → open connections, fed by one Redis pub/sub connection."""

    def __init__(self, redis_url: str) -> None:
        self.redis = redis.Redis.from_url(redis_url)
        self.pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        self.subscribers: dict[str, set[ServerConnection]] = {}

    async def serve(self, socket: ServerConnection) -> None:
        """One connection: `subscribe` frames add it to topics; `ping` is answered."""
        topics: list[str] = []
        try:
            async for raw in socket:
                try:
                    frame = _decode(raw)
                except msgspec.DecodeError:
                    continue
                if frame.type == "subscribe" and frame.topic:
                    self.subscribers.setdefault(frame.topic, set()).add(socket)
                    topics.append(frame.topic)
                    answer = {"type": "subscribed", "id": frame.id, "topic": frame.topic}
                    await socket.send(_encode(answer).decode())
                elif frame.type == "ping":
                    await socket.send('{"type":"pong"}')
        finally:
            for topic in topics:
                group = self.subscribers.get(topic)
                if group is not None:
                    group.discard(socket)

    async def start(self) -> None:
        """Subscribe once, before serving: redis-py's PubSub must not be subscribed from
        one task while another task reads from it."""
        await self.pubsub.psubscribe(PLAIN_CHANNEL_PREFIX + "*")

    async def pump(self) -> None:
        """Redis messages to their topic's connections."""
        prefix = len(PLAIN_CHANNEL_PREFIX)
        while True:
            message = await self.pubsub.get_message(timeout=1.0)
            if message is None or message["type"] != "pmessage":
                continue
            topic = message["channel"][prefix:].decode()
            group = self.subscribers.get(topic)
            if group:
                broadcast(group, message["data"], text=True)


async def main(port: int, redis_url: str) -> None:
    fanout = Fanout(redis_url)
    await fanout.start()
    pump = asyncio.create_task(fanout.pump())
    async with serve(
        fanout.serve,
        "127.0.0.1",
        port,
        compression=None,
        max_size=64 * 1024,
        backlog=2048,
    ) as server:
        try:
            await server.serve_forever()
        finally:
            pump.cancel()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.ws.plain_server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--redis", required=True)
    args = parser.parse_args()
    uvloop.run(main(args.port, args.redis))
