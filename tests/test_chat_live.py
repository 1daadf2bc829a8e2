"""Two people chatting live through real websockets, with a dropped connection in between."""

from __future__ import annotations

import asyncio

import pytest

from app.chat.events import room_topic
from app.chat.models import ChatMessage
from app.chat.rooms import open_dealer_room
from realtime.client import LiveClient, LiveError
from realtime.protocol import Event
from tests.chat_helpers import posted, send, token
from tests.factories import make_world
from tests.live_fixtures import RecordingClient, wait_until
from tests.live_helpers import ws_url


async def test_two_people_chat_through_a_reconnect_none_lost_none_doubled(db, live_server):
    world = await make_world()
    room = await open_dealer_room(await world.actor("alice"))
    topic = room_topic(room.id)
    url = ws_url(live_server)
    async with (
        RecordingClient(url, token=await token("alice@test.example")) as alice,
        RecordingClient(url, token=await token("manager@factory.example")) as manager,
    ):
        await alice.subscribe(topic, position=0)
        await manager.subscribe(topic, position=0)
        acks = []
        for i in range(12):
            sender = alice if i % 3 == 0 else manager
            if i == 4:
                await alice.drop()  # the manager goes on writing while alice is away
            acks.append(await send(sender, room.id, f"m{i}", f"message {i}"))
        seen_by_alice = await posted(alice, topic, 12)
        seen_by_manager = await posted(manager, topic, 12)
        await asyncio.sleep(0.3)
        for client in (alice, manager):
            assert all(
                not (isinstance(f, Event) and f.event == "chat.message_posted")
                for f in [client._frames.get_nowait() for _ in range(client._frames.qsize())]
            ), "nothing beyond the twelve"
        for client in (alice, manager):
            sent = client.sent_seqs(topic)
            assert len(sent) == len(set(sent)), "the server sent no event twice"
    assert alice.connects == 2
    expected = [(a["message_id"], a["position"]) for a in acks]
    assert [(m["id"], m["position"]) for m in seen_by_alice] == expected
    assert [(m["id"], m["position"]) for m in seen_by_manager] == expected
    assert [m["body"] for m in seen_by_alice] == [f"message {i}" for i in range(12)]
    assert [a["seq"] for a in acks] == list(range(1, 13))
    assert await ChatMessage.filter(room_id=room.id).count() == 12


async def test_a_retried_send_gets_the_same_ack_and_makes_one_message(db, live_server):
    world = await make_world()
    room = await open_dealer_room(await world.actor("alice"))
    url = ws_url(live_server)
    async with LiveClient(url, token=await token("alice@test.example")) as alice:
        await alice.subscribe(room_topic(room.id), position=0)
        first = await send(alice, room.id, "retry-1", "Are the doors ready?")
        await alice.drop()  # as if the answer had been lost with the connection
        await wait_until(lambda: alice.connects == 2 and alice._connected.is_set())
        again = await send(alice, room.id, "retry-1", "Are the doors ready?")
        [message] = await posted(alice, room_topic(room.id), 1)
    assert again == first
    assert first["topic"] == room_topic(room.id) and first["position"] == message["position"]
    assert first["message_id"] == message["id"] and first["client_id"] == "retry-1"
    assert await ChatMessage.filter(room_id=room.id).count() == 1


async def test_typing_and_read_commands_are_acknowledged_and_seen(db, live_server):
    world = await make_world()
    room = await open_dealer_room(await world.actor("alice"))
    topic = room_topic(room.id)
    url = ws_url(live_server)
    async with (
        LiveClient(url, token=await token("alice@test.example")) as alice,
        LiveClient(url, token=await token("manager@factory.example")) as manager,
    ):
        await alice.subscribe(topic, position=0)
        sent = await send(manager, room.id, "hello", "Hello!")
        typing = await alice.command("chat.typing", {"room_id": room.id})
        assert typing.result is None
        read = await alice.command("chat.read", {"room_id": room.id})
        assert read.result == {
            "room_id": room.id,
            "last_read_message_id": sent["message_id"],
            "unread": 0,
        }
        frames = [await alice.next_frame(10) for _ in range(3)]
        with pytest.raises(LiveError) as empty:
            await alice.command("chat.send", {"room_id": room.id, "client_id": "x"})
        with pytest.raises(LiveError) as malformed:
            await alice.command("chat.send", {"room_id": "one", "client_id": "x", "body": "hi"})
    assert [f.event for f in frames] == ["chat.message_posted", "chat.typing", "chat.read"]
    assert frames[1].data["person_id"] == world.people["alice"].id
    assert frames[2].data["staff_read_message_id"] == sent["message_id"]
    assert frames[2].data["dealer_read_message_id"] == sent["message_id"]
    assert (empty.value.code, empty.value.frame.field) == ("empty", "body")
    assert (malformed.value.code, malformed.value.frame.field) == ("invalid", "room_id")
