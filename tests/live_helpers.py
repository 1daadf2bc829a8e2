"""Helpers for live-stream tests: clients of a served app and a relay in the test process."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from realtime.bus import ChannelsRedisBus
from realtime.client import LiveClient
from realtime.protocol import Event, Reset, Unsubscribed
from realtime.relay import Relay
from tests.factories import PASSWORD


def ws_url(base_url: str) -> str:
    """The websocket endpoint of a served app."""
    return base_url.replace("http://", "ws://") + "/ws/v1"


async def token_for(base_url: str, email: str) -> str:
    """A bearer token obtained the way a mobile app does."""
    async with httpx.AsyncClient(base_url=base_url) as http:
        answer = await http.post(
            "/api/v1/auth/tokens",
            json={"email": email, "password": PASSWORD, "device_name": "test phone"},
        )
        answer.raise_for_status()
        return answer.json()["token"]


@asynccontextmanager
async def live_client(base_url: str, email: str, **options) -> AsyncIterator[LiveClient]:
    """A connected client of the served app, logged in as `email` with a bearer token."""
    token = await token_for(base_url, email)
    async with LiveClient(ws_url(base_url), token=token, **options) as client:
        yield client


@asynccontextmanager
async def running_relay(redis_url: str) -> AsyncIterator[Relay]:
    """The outbox relay in the test process, as every writing process runs one."""
    bus = ChannelsRedisBus(redis_url)
    relay = Relay(bus, interval=0.2)
    await relay.start()
    try:
        yield relay
    finally:
        await relay.stop()
        await bus.close()


async def collect(
    client: LiveClient, count: int, timeout: float = 10.0
) -> list[Event | Reset | Unsubscribed]:
    """The next `count` frames, failing if they do not come in time."""
    frames = []
    async with asyncio.timeout(timeout):
        while len(frames) < count:
            frames.append(await client.next_frame(timeout))
    return frames
