"""Commands run beside the connection's reading, one at a time, in the order sent.

The gateway alone (no application, no database): a command that takes its time must not
stop the connection from answering pings or reading the client's next frames, its
commands are answered in order, and a client that piles up too many unanswered commands
is told `busy` instead of being cut off.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import websockets
from litestar import WebSocket

from realtime.connection import Limits
from realtime.gateway import Gateway
from realtime.hooks import GatewayHooks
from realtime.hub import Hub
from tests.live_fixtures import bare_gateway, wait_until


@dataclass(frozen=True)
class _Someone:
    key: str = "someone"
    via_cookie: bool = False


class _SlowCommands:
    """A `work` command that waits until the test lets it go, recording the order it ran."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.started: list[int] = []
        self.finished: list[int] = []

    async def work(self, principal: Any, data: dict[str, Any]) -> dict[str, int]:
        self.started.append(data["n"])
        await self.release.wait()
        self.finished.append(data["n"])
        return {"n": data["n"]}


@asynccontextmanager
async def _gateway(limits: Limits) -> AsyncIterator[tuple[str, _SlowCommands]]:
    """The gateway under uvicorn with a slow `work` command; no database, no bus."""
    commands = _SlowCommands()

    async def authenticate(socket: WebSocket[Any, Any, Any]) -> _Someone:
        return _Someone()

    async def authorize(principal: Any, topic: str) -> bool:
        return False

    hub = Hub(None, sweep_interval=3600)
    gateway = Gateway(
        hub,
        GatewayHooks(authenticate, authorize, commands={"work": commands.work}),
        allowed_origins=set(),
        limits=limits,
    )
    async with bare_gateway(gateway, hub) as url:
        gateway.start_heartbeats()
        try:
            yield url, commands
        finally:
            commands.release.set()


@pytest.fixture
async def gateway_url() -> AsyncIterator[tuple[str, _SlowCommands]]:
    async with _gateway(Limits(commands_in_flight=3)) as served:
        yield served


async def _frame(client: Any) -> dict[str, Any]:
    return json.loads(await asyncio.wait_for(client.recv(), 5))


async def test_a_slow_command_leaves_the_connection_answering(gateway_url) -> None:
    url, commands = gateway_url
    async with websockets.connect(url) as client:
        await client.send(
            json.dumps({"type": "command", "id": "c1", "name": "work", "data": {"n": 1}})
        )
        await wait_until(lambda: bool(commands.started))
        for n in range(2, 5):  # one running, three waiting: the most allowed in flight
            await client.send(
                json.dumps({"type": "command", "id": f"c{n}", "name": "work", "data": {"n": n}})
            )
        await client.send(
            json.dumps({"type": "command", "id": "c5", "name": "work", "data": {"n": 5}})
        )
        await client.send(json.dumps({"type": "ping", "id": "p"}))

        busy = await _frame(client)
        assert busy["type"] == "error" and busy["code"] == "busy" and busy["id"] == "c5"
        pong = await _frame(client)
        assert pong == {"type": "pong", "id": "p"}
        assert commands.started == [1]  # the ping was answered while command 1 still ran

        commands.release.set()
        acks = [await _frame(client) for _ in range(4)]
        assert [(a["type"], a["id"], a["result"]["n"]) for a in acks] == [
            ("ack", f"c{n}", n) for n in range(1, 5)
        ]
        assert commands.finished == [1, 2, 3, 4]


async def test_a_command_sent_just_before_leaving_is_finished(gateway_url) -> None:
    url, commands = gateway_url
    async with websockets.connect(url) as client:
        await client.send(
            json.dumps({"type": "command", "id": "c1", "name": "work", "data": {"n": 1}})
        )
        await wait_until(lambda: bool(commands.started))
    commands.release.set()
    await wait_until(lambda: bool(commands.finished))
    assert commands.finished == [1]


@pytest.fixture
async def beating_gateway_url() -> AsyncIterator[str]:
    """The gateway alone, with heartbeats every 0.2 s and a peer dead after 0.8 s."""
    async with _gateway(Limits(heartbeat_interval=0.2, dead_after=0.8)) as (url, _):
        yield url


async def test_the_server_pings_on_time_and_closes_a_silent_peer(beating_gateway_url) -> None:
    async with websockets.connect(beating_gateway_url) as client:
        pings = [await _frame(client), await _frame(client)]
        assert [p["type"] for p in pings] == ["ping", "ping"]
        # Never answered: the server gives up on this peer with 4000.
        with pytest.raises(websockets.ConnectionClosed) as closed:
            while True:
                await asyncio.wait_for(client.recv(), 5)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4000


async def test_a_peer_that_answers_pings_stays(beating_gateway_url) -> None:
    async with websockets.connect(beating_gateway_url) as client:
        for _ in range(8):  # 1.6 s of pings: twice the time a silent peer is allowed
            frame = await _frame(client)
            assert frame["type"] == "ping"
            await client.send(json.dumps({"type": "pong"}))
        await client.send(json.dumps({"type": "ping", "id": "still-here"}))
        while (frame := await _frame(client))["type"] == "ping":
            pass
        assert frame == {"type": "pong", "id": "still-here"}
