"""MessagePack: a client that asks for it by subprotocol gets binary frames that decode to
the same events, errors and answers as the JSON ones."""

from __future__ import annotations

import httpx
import msgspec
from websockets.asyncio.client import connect

from app.orders import service
from app.orders.events import board_topic, order_topic
from realtime.client import LiveClient
from realtime.history import topic_states
from realtime.protocol import Event
from tests.factories import make_world, place_draft
from tests.live_fixtures import events_until, issue_token
from tests.live_helpers import ws_url


def as_compared(frames: list[Event]) -> list[tuple]:
    return [(f.topic, f.seq, f.event, f.data, f.time) for f in frames]


async def test_msgpack_and_json_clients_get_the_same_events(db, live_server):
    world = await make_world()
    alice = await world.actor("alice")
    order = await place_draft(world, "alice", [("D-100:piece", 2)])
    await service.submit_order(alice, order.id)
    board, one_order = board_topic(world.dealer_a.id), order_topic(order.id)
    _, token = await issue_token(live_server, "alice@test.example")
    _, manager_token = await issue_token(live_server, "manager@factory.example")
    async with (
        LiveClient(ws_url(live_server), token=token) as json_client,
        LiveClient(ws_url(live_server), token=token, msgpack=True) as msgpack_client,
    ):
        for client in (json_client, msgpack_client):
            for topic in (board, one_order):
                await client.subscribe(topic)
        async with httpx.AsyncClient(
            base_url=live_server, headers={"Authorization": f"Bearer {manager_token}"}
        ) as manager:
            (await manager.post(f"/api/v1/orders/{order.id}/confirm")).raise_for_status()
            moved = await manager.post(
                f"/api/v1/orders/{order.id}/units/move", json={"stage": "painting"}
            )
            moved.raise_for_status()
        last = {t: s.position for t, s in (await topic_states([board, one_order])).items()}
        from_json = await events_until(json_client, last)
        from_msgpack = await events_until(msgpack_client, last)
    assert as_compared(from_msgpack) == as_compared(from_json)
    assert {f.event for f in from_json} >= {"order.units_moved", "order.progress_changed"}
    units = next(f for f in from_msgpack if f.event == "order.units_moved").data["units"]
    assert [u["from_stage"] for u in units] == ["queued", "queued"]


async def test_msgpack_subprotocol_frames_are_binary_both_ways(db, live_server):
    world = await make_world()
    topic = f"user:{world.people['alice'].id}"
    _, token = await issue_token(live_server, "alice@test.example")
    headers = {"Authorization": f"Bearer {token}"}
    async with connect(
        ws_url(live_server), additional_headers=headers, subprotocols=["msgpack"], proxy=None
    ) as socket:
        assert socket.subprotocol == "msgpack"
        await socket.send(msgspec.msgpack.encode({"type": "subscribe", "topic": topic, "id": "s"}))
        reply = await socket.recv()
        assert isinstance(reply, bytes)
        subscribed = msgspec.msgpack.decode(reply)
        assert (subscribed["type"], subscribed["id"], subscribed["topic"]) == (
            "subscribed",
            "s",
            topic,
        )
        await socket.send(b"\xc1 not msgpack")
        error = msgspec.msgpack.decode(await socket.recv())
        assert (error["type"], error["code"]) == ("error", "invalid_frame")
        await socket.send(msgspec.msgpack.encode({"type": "ping", "id": "p"}))
        assert msgspec.msgpack.decode(await socket.recv()) == {"type": "pong", "id": "p"}
    async with connect(
        ws_url(live_server), additional_headers=headers, subprotocols=["json"], proxy=None
    ) as socket:
        assert socket.subprotocol == "json"
        await socket.send('{"type": "ping", "id": "p"}')
        assert await socket.recv() == '{"type":"pong","id":"p"}'
