"""Commands run beside the connection's reading, one at a time, in the order sent.

The gateway alone (no application, no database): a command that takes its time must not
stop the connection from answering pings or reading the client's next frames, its
commands are answered in order, and a client that piles up too many unanswered commands
is told `busy` instead of being cut off.
"""

from __future__ import annotations

import asyncio
import json
import socket as sockets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn
import websockets
from litestar import Litestar, WebSocket, websocket

from realtime.connection import Limits
from realtime.gateway import Gateway
from realtime.hooks import GatewayHooks
from realtime.hub import Hub
from tests.live_fixtures import wait_until


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


@pytest.fixture
async def gateway_url() -> AsyncIterator[tuple[str, _SlowCommands]]:
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
        limits=Limits(commands_in_flight=3),
    )

    @websocket("/ws")
    async def endpoint(socket: WebSocket[Any, Any, Any]) -> None:
        await gateway.serve(socket)

    with sockets.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(Litestar([endpoint]), port=port, log_level="warning", lifespan="off")
    )
    serving = asyncio.create_task(server.serve())
    await wait_until(lambda: server.started)
    await hub.start()
    try:
        yield f"ws://127.0.0.1:{port}/ws", commands
    finally:
        commands.release.set()
        await gateway.stop()
        await hub.stop()
        server.should_exit = True
        await serving


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
