"""A consumer too slow for the stream is cut off with 4008 and resumes later; a healthy one
on the same topic gets everything meanwhile."""

from __future__ import annotations

import asyncio
import json
import socket

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from realtime.client import LiveClient
from realtime.connection import Limits
from realtime.history import topic_states
from tests.factories import make_world
from tests.live_fixtures import RecordingClient, append_many_notes, events_until, issue_token
from tests.live_helpers import running_relay, ws_url

NOTE_SIZE = 8_000
"""Bytes of padding per event: the kernel's socket buffers hold a few hundred of these."""
BURST = Limits().queue_size + 1_000
"""More events than the per-connection queue plus the socket buffers can hold."""


async def slow_socket(base_url: str, token: str) -> ClientConnection:
    """A websocket whose reader is slow: tiny TCP receive buffer, one frame queued at most."""
    host, port = base_url.removeprefix("http://").split(":")
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.connect((host, int(port)))
    raw.setblocking(False)
    return await connect(
        ws_url(base_url),
        sock=raw,
        additional_headers={"Authorization": f"Bearer {token}"},
        max_queue=1,
        compression=None,
        ping_interval=None,
        proxy=None,
    )


async def read_slowly(socket: ClientConnection, pause: float) -> list[dict]:
    """Every frame until the server closes, one per `pause` seconds."""
    frames = []
    try:
        while True:
            frames.append(json.loads(await socket.recv()))
            await asyncio.sleep(pause)
    except ConnectionClosed:
        return frames


async def test_slow_consumer_is_cut_off_while_a_healthy_one_gets_everything(
    db, live_server, redis_url
):
    world = await make_world()
    topic = f"user:{world.people['alice'].id}"
    _, token = await issue_token(live_server, "alice@test.example")
    async with (
        running_relay(redis_url),
        RecordingClient(ws_url(live_server), token=token) as healthy,
    ):
        await healthy.subscribe(topic)
        slow = await slow_socket(live_server, token)
        await slow.send(json.dumps({"type": "subscribe", "topic": topic}))
        subscribed = json.loads(await slow.recv())
        reading = asyncio.create_task(read_slowly(slow, pause=0.004))

        await append_many_notes(topic, BURST, size=NOTE_SIZE)
        frames = await events_until(healthy, {topic: BURST}, timeout=60)
        assert [f.seq for f in frames] == list(range(1, BURST + 1))

        got = await asyncio.wait_for(reading, 30)
        assert slow.close_code == 4008, slow.close_reason
        seen = [f["seq"] for f in got]
        assert seen == list(range(1, len(seen) + 1))  # what it got, it got in order
        assert len(seen) < BURST

        # Later it resumes where it was and gets the rest, once.
        [state] = (await topic_states([topic])).values()
        async with LiveClient(ws_url(live_server), token=token) as resumed:
            await resumed.subscribe(topic, position=seen[-1], epoch=subscribed["epoch"])
            rest = await events_until(resumed, {topic: state.position}, timeout=30)
    assert [f.seq for f in rest] == list(range(seen[-1] + 1, BURST + 1))
    assert len(rest[-1].data["padding"]) == NOTE_SIZE
    assert healthy.connects == 1
