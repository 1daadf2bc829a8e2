"""Leaks an adversarial review of the chat found, each kept as a regression test.

Each test's docstring says what used to leak and why; all of them failed before the fix.
"""

from __future__ import annotations

import asyncio

import pytest
from websockets.exceptions import ConnectionClosed

from app.accounts import directory
from app.accounts.models import MembershipRole
from app.chat.editing import delete_message
from app.chat.events import room_topic, user_topic
from app.chat.models import ChatMessage
from app.chat.posting import post_message, send_message
from app.chat.rooms import open_dealer_room
from app.chat.schemas import MessageCreate
from realtime.client import LiveClient, LiveError
from tests.chat_helpers import bearer, events_on, token
from tests.factories import World, make_person, make_world
from tests.live_helpers import running_relay, ws_url


async def add_ann(world: World) -> int:
    """Ann works for dealer A (acting for it) and for dealer B."""
    ann = await make_person("ann@test.example")
    world.people["ann"] = ann
    for dealer in (world.dealer_a, world.dealer_b):
        await directory.add_membership(None, ann.id, dealer.id, MembershipRole.EMPLOYEE)
    return ann.id


# --- was leak 1: deleting a message tells former readers about the room ----------------------


async def test_a_removed_person_hears_nothing_of_the_old_dealers_room(db, live_server, redis_url):
    """app/chat/unread.py remove_message picks every ChatReadState row of the room, with
    no check that its person still reads the room; service.delete_message then announces
    each on `user:{id}`, a topic the person may always subscribe to."""
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    ann_id = await add_ann(world)
    room = await open_dealer_room(alice)
    unread_by_ann = await post_message(manager, room.id, MessageCreate(body="to all of A"))
    mine = user_topic(ann_id)
    async with (
        running_relay(redis_url),
        LiveClient(ws_url(live_server), token=await token("ann@test.example")) as live,
    ):
        await live.subscribe(mine)
        await directory.remove_membership(None, ann_id, world.dealer_a.id)
        # Ann is now only dealer B's; dealer A's room is 404 for her over REST.
        await delete_message(manager, unread_by_ann.id)
        try:
            frame = await live.next_frame(3)
        except TimeoutError:
            frame = None
    leaked = [data for kind, data in await events_on(mine) if data.get("room_id") == room.id]
    after_removal = [d for d in leaked if d["reason"] == "deleted"]
    assert frame is None, f"over the socket: {frame}"
    assert after_removal == [], f"dealer A's room told to a former member: {after_removal}"


async def test_an_unassigned_manager_hears_nothing_of_the_dealers_room(db):
    """Same root cause, for a manager taken off a dealer: the event carries the room's
    staff `activity_at` (which internal notes move) and `waiting_since`."""
    world = await make_world()
    alice, manager = await world.actor("alice"), world.people["manager"]
    room = await open_dealer_room(alice)
    question = await post_message(alice, room.id, MessageCreate(body="unanswered"))
    await directory.unassign_manager(None, manager.id, world.dealer_a.id)
    told = len(await events_on(user_topic(manager.id)))
    await delete_message(alice, question.id)
    leaked = (await events_on(user_topic(manager.id)))[told:]
    assert leaked == [], f"dealer A's room told to a manager no longer assigned: {leaked}"


# --- was leak 2: `seq` gaps show a dealer where and how many internal notes were written ----


async def test_a_dealer_cannot_count_internal_notes_from_seq(db, app_client):
    """app/chat/service.py _insert gives an internal note `seq=room.last_seq + 1` from the
    one per-room counter, so the dealer's history (and its chat.send acks and
    chat.message_posted events) skips a number for every note. Deleted messages stay in
    the history, so a gap can only be a note. docs/chat.md and MessageRead.seq promise
    "1, 2, 3, ... gapless"."""
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    room = await open_dealer_room(alice)
    await post_message(alice, room.id, MessageCreate(body="when?"))
    for _ in range(3):
        await post_message(manager, room.id, MessageCreate(body="stalling", internal=True))
    ack = await send_message(alice, room.id, MessageCreate(body="hello?", client_id="h-1"))
    headers = await bearer("alice@test.example")
    page = await app_client.get(f"/api/v1/chat/rooms/{room.id}/messages", headers=headers)
    seqs = [m["seq"] for m in page.json()["items"]]
    assert seqs == [1, 2] and ack.seq == 2, f"dealer sees seq {seqs}, ack {ack.seq}: 3 notes"


# --- was leak 3: websocket commands run with the rights of the handshake -------------------


async def test_a_removed_person_cannot_post_over_an_open_socket(db, live_server):
    """app/live.py `_as_actor` hands the handshake's Actor (LivePrincipal.actor) to the
    chat commands; it is replaced only when the connection's re-check runs, after the
    rights-change event has gone through the outbox relay (the web process sweeps once a
    second). A command sent in that window posts as a member. docs/chat.md lists it as a
    known gap; it breaks "a person removed from a dealer loses its rooms at once"."""
    world = await make_world()
    ann_id = await add_ann(world)
    room = await open_dealer_room(await world.actor("alice"))
    async with LiveClient(ws_url(live_server), token=await token("ann@test.example")) as live:
        await live.subscribe(room_topic(room.id))
        await directory.remove_membership(None, ann_id, world.dealer_a.id)
        data = {"room_id": room.id, "client_id": "after-removal", "body": "still in?"}
        try:
            ack = await live.command("chat.send", data)
        except LiveError as refused:
            assert refused.code == "not_found"
            return
    stored = await ChatMessage.get(id=ack.result["message_id"])
    pytest.fail(f"posted by a former member: {stored.body!r} in dealer A's room {room.id}")


# --- BUG 4 (robustness, not a leak): a topic id past int32 kills the connection ---------


async def test_a_topic_id_past_int32_is_refused_not_fatal(db, live_server):
    """app/live.py `_TOPIC` accepts 12 digits; app/chat/access.py may_read_chat_topic (and
    the `order:` branch of may_read_topic) filter an int4 primary key with it. On
    PostgreSQL asyncpg raises "value out of int32 range", the exception escapes the
    gateway's authorize hook and the whole connection closes (1011) instead of answering
    `forbidden`. SQLite answers `forbidden`."""
    await make_world()
    async with LiveClient(
        ws_url(live_server), token=await token("alice@test.example"), reconnect=False
    ) as live:
        for topic in (f"chat:{2**31}", f"order:{2**31}"):
            try:
                async with asyncio.timeout(5):
                    await live.subscribe(topic)
            except LiveError as refused:
                assert refused.code == "forbidden", topic
            except (ConnectionClosed, ConnectionError, TimeoutError) as closed:
                pytest.fail(f"{topic}: the connection died instead of `forbidden`: {closed!r}")
