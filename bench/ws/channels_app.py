"""Baseline 2: a Django Channels consumer on channels-redis' `RedisPubSubChannelLayer`.

    BENCH_REDIS_URL=redis://... uvicorn bench.ws.channels_app:application

What a Python team would write with Django: an `AsyncWebsocketConsumer` that joins its
topic's group on `subscribe` and forwards each group message as a text frame; events are
sent with `group_send`. As channels-redis works, every consumer has its own channel (a
Redis subscription of its own and an unbounded queue in the layer) and every message is
unpacked once per consumer.
"""

from __future__ import annotations

import os

import django
import msgspec
from django.conf import settings

from bench.ws.frames import CHANNELS_EVENT_TYPE, CHANNELS_LAYER_PREFIX
from realtime.bus import group_name

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only",
    ALLOWED_HOSTS=["*"],
    INSTALLED_APPS=["channels"],
    USE_TZ=True,
    CHANNEL_LAYERS={
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")],
                "prefix": CHANNELS_LAYER_PREFIX,
            },
        }
    },
)
django.setup()

# Django must be configured before Channels' consumers and routing are imported.
from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

assert CHANNELS_EVENT_TYPE == "bench.event"  # dispatched to `BoardConsumer.bench_event`


class _Subscribe(msgspec.Struct):
    type: str
    topic: str = ""
    id: str | None = None


_decode = msgspec.json.Decoder(_Subscribe).decode
_encode = msgspec.json.Encoder().encode


class BoardConsumer(AsyncWebsocketConsumer):
    """Joins the groups of the topics it is asked for; forwards their events."""

    async def connect(self) -> None:
        self.topics: list[str] = []
        await self.accept()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        try:
            frame = _decode(text_data or bytes_data or b"")
        except msgspec.DecodeError:
            return
        if frame.type == "subscribe" and frame.topic:
            await self.channel_layer.group_add(group_name(frame.topic), self.channel_name)
            self.topics.append(frame.topic)
            answer = {"type": "subscribed", "id": frame.id, "topic": frame.topic, "epoch": ""}
            await self.send(text_data=_encode(answer).decode())
        elif frame.type == "ping":
            await self.send(text_data='{"type":"pong"}')

    async def bench_event(self, message: dict[str, str]) -> None:
        await self.send(text_data=message["text"])

    async def disconnect(self, code: int) -> None:
        for topic in getattr(self, "topics", ()):
            await self.channel_layer.group_discard(group_name(topic), self.channel_name)


application = ProtocolTypeRouter({"websocket": URLRouter([path("ws/v1", BoardConsumer.as_asgi())])})
