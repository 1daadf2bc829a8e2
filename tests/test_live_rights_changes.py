"""Rights that change while a connection stays open: each change reaches the connection at
once, in the order of the stream.

A right taken away (the chat right, prices, a manager's dealer, a dealer or a person
deactivated, a session expired) ends what it opened before anything committed after the
change is sent; a right given (prices, the chat, a dealer) shows on the same connection,
without a reconnect. Every test commits the change, then events of the old scope, then
an event that must arrive (the barrier), and checks every frame that came before it.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest
import websockets
from litestar import WebSocket

from app.accounts import directory
from app.accounts.models import LoginSession, MembershipRole
from app.accounts.service import open_session, purge_expired
from app.catalog import changes as catalog_changes
from app.chat.events import dealer_chat_topic, room_topic, staff_topic, user_topic
from app.chat.models import ChatMessage
from app.chat.posting import post_message
from app.chat.rooms import open_dealer_room, open_order_room
from app.chat.schemas import MessageCreate
from app.chat.typing_notices import send_typing
from app.orders import invoices
from app.orders.events import board_topic, order_topic
from app.orders.schemas import InvoiceCreate
from realtime.client import LiveClient, LiveError
from realtime.gateway import Gateway
from realtime.hooks import CONTROL_TOPIC, GatewayHooks, PrincipalChanged
from realtime.hub import Hub
from realtime.outbox import OutboxEvent
from realtime.protocol import Event, Reset, Unsubscribed
from tests.chat_helpers import token
from tests.factories import World, make_person, make_world, place_draft
from tests.live_fixtures import RecordingClient, append_notes, bare_gateway, wait_until
from tests.live_helpers import running_relay, ws_url
from tests.notification_helpers import confirmed_order

PROMPTLY = 3.0
"""Seconds within which a change must reach an open connection."""

Frame = Event | Reset | Unsubscribed


async def frames_until(live: LiveClient, topic: str, event: str | None = None) -> list[Frame]:
    """Every frame handed out up to and including the barrier: the first event on `topic`
    (of type `event` when given). Fails when it does not come promptly."""
    frames: list[Frame] = []
    async with asyncio.timeout(PROMPTLY * 3):
        while True:
            frame = await live.next_frame(PROMPTLY * 3)
            frames.append(frame)
            if (
                isinstance(frame, Event)
                and frame.topic == topic
                and (event is None or frame.event == event)
            ):
                return frames


def ended(frames: list[Frame]) -> set[str]:
    """Topics the server ended for lost rights."""
    return {f.topic for f in frames if isinstance(f, Unsubscribed) and f.reason == "access_revoked"}


def events(frames: list[Frame]) -> list[tuple[str, str]]:
    """(topic, event type) of each event frame."""
    return [(f.topic, f.event) for f in frames if isinstance(f, Event)]


def money(value: Any) -> list[Any]:
    """Every `*_kopecks` value anywhere in an event's data."""
    found = []
    if isinstance(value, dict):
        for key, inner in value.items():
            found.extend([inner] if key.endswith("_kopecks") else money(inner))
    elif isinstance(value, list):
        for inner in value:
            found.extend(money(inner))
    return found


async def member(world: World, key: str, dealer_id: int, **rights: bool) -> int:
    """A new person acting for a dealer (as an employee) with the rights given."""
    person = await make_person(f"{key}@test.example")
    world.people[key] = person
    await directory.add_membership(None, person.id, dealer_id, MembershipRole.EMPLOYEE, **rights)
    return person.id


async def test_chat_right_switched_off_ends_the_rooms_and_their_typing_at_once(
    db, live_server, redis_url
):
    world = await make_world()
    a = world.dealer_a.id
    ann = await member(world, "ann", a)
    alice, manager = await world.actor("alice"), await world.actor("manager")
    room = await open_dealer_room(alice)
    order = await place_draft(world, "alice", [("D-100:piece", 1)])
    order_room = await open_order_room(alice, order.id)
    chats = {room_topic(room.id), room_topic(order_room.id), dealer_chat_topic(a)}
    async with (
        running_relay(redis_url),
        LiveClient(ws_url(live_server), token=await token("ann@test.example")) as live,
    ):
        for topic in (*chats, board_topic(a), user_topic(ann)):
            await live.subscribe(topic)

        await directory.change_membership(None, ann, a, can_chat=False)
        await post_message(manager, room.id, MessageCreate(body="only for chatters"))
        await post_message(alice, order_room.id, MessageCreate(body="about the order"))
        await send_typing(alice, room.id)
        await place_draft(world, "alice", [("H-1:piece", 2)])  # the barrier: the board stays
        frames = await frames_until(live, board_topic(a))

        assert ended(frames) == chats
        assert events(frames) == [
            (board_topic(a), "order.created"),
        ], "nothing of the rooms, their typing or their unread counts after the change"
        for name, data in (
            ("chat.send", {"room_id": room.id, "client_id": "late", "body": "x"}),
            ("chat.typing", {"room_id": room.id}),
            ("chat.read", {"room_id": room.id}),
        ):
            with pytest.raises(LiveError) as refused:
                await live.command(name, data)
            assert refused.value.code == "missing_permission", name
        with pytest.raises(LiveError) as refused:
            await live.subscribe(room_topic(room.id))
        assert refused.value.code == "forbidden"
    assert await ChatMessage.filter(client_id="late").count() == 0


async def test_prices_switched_off_blank_the_amounts_of_later_events_at_once(
    db, live_server, redis_url
):
    world = await make_world()
    a = world.dealer_a.id
    buyer = await member(world, "buyer", a, can_see_prices=True, can_see_finance=True)
    order = await confirmed_order(world, "alice")
    price_list = f"price_list:{world.base_list.id}"
    product_id = world.units["D-100:piece"].product_id
    topics = (board_topic(a), order_topic(order.id), price_list, user_topic(buyer))
    async with (
        running_relay(redis_url),
        LiveClient(ws_url(live_server), token=await token("buyer@test.example")) as live,
    ):
        for topic in topics:
            await live.subscribe(topic)
        await catalog_changes.set_price(None, world.base_list.id, product_id, 13_000_00)
        [before] = await frames_until(live, price_list)
        assert 13_000_00 in money(before.data), "the buyer saw prices until now"

        await directory.change_membership(
            None, buyer, a, can_see_prices=False, can_see_finance=False
        )
        await catalog_changes.set_price(None, world.base_list.id, product_id, 14_000_00)
        manager = await world.actor("manager")
        await invoices.issue_invoice(
            manager, order.id, InvoiceCreate(number="СЧ-7", amount_kopecks=6_172_50)
        )
        await place_draft(world, "alice", [("D-200:piece", 1)])  # the barrier
        frames = await frames_until(live, board_topic(a), "order.created")

        assert ended(frames) == {price_list}
        assert events(frames) == [
            (board_topic(a), "order.invoice_issued"),
            (order_topic(order.id), "order.invoice_issued"),
            (board_topic(a), "order.created"),
        ]
        shown = [amount for f in frames if isinstance(f, Event) for amount in money(f.data)]
        assert shown and all(amount is None for amount in shown), shown


async def test_prices_granted_show_in_the_next_events_without_a_reconnect(
    db, live_server, redis_url
):
    world = await make_world()
    a = world.dealer_a.id
    viewer = world.people["viewer"].id  # acts for dealer A without the price right
    price_list = f"price_list:{world.base_list.id}"
    async with (
        running_relay(redis_url),
        LiveClient(ws_url(live_server), token=await token("viewer@test.example")) as live,
    ):
        await live.subscribe(board_topic(a))
        await live.subscribe(user_topic(viewer))
        with pytest.raises(LiveError):
            await live.subscribe(price_list)
        await place_draft(world, "alice", [("D-100:piece", 1)])
        [hidden] = await frames_until(live, board_topic(a))
        assert money(hidden.data) == [None]

        await directory.change_membership(None, viewer, a, can_see_prices=True)
        await place_draft(world, "alice", [("D-100:piece", 2)])
        frames = await frames_until(live, board_topic(a))
        assert events(frames) == [(board_topic(a), "order.created")]
        assert money(frames[-1].data) == [2 * 12_345_00]
        await live.subscribe(price_list)  # allowed now, on the same connection
        assert live.connects == 1


async def test_chat_right_or_a_dealer_granted_opens_its_topics_without_a_reconnect(
    db, live_server, redis_url
):
    world = await make_world()
    a = world.dealer_a.id
    mute = await member(world, "mute", a, can_chat=False)
    room = await open_dealer_room(await world.actor("alice"))
    idle = world.people["idle_manager"].id
    async with (
        running_relay(redis_url),
        LiveClient(ws_url(live_server), token=await token("mute@test.example")) as dealer_side,
        LiveClient(ws_url(live_server), token=await token("idle_manager@factory.example")) as staff,
    ):
        await dealer_side.subscribe(user_topic(mute))
        await staff.subscribe(user_topic(idle))
        for live, topic in ((dealer_side, room_topic(room.id)), (staff, board_topic(a))):
            with pytest.raises(LiveError) as refused:
                await live.subscribe(topic)
            assert refused.value.code == "forbidden"

        await directory.change_membership(None, mute, a, can_chat=True)
        await directory.assign_manager(None, idle, a)
        for live, person in ((dealer_side, mute), (staff, idle)):
            # A client has no signal to wait for (it learns over REST, GET /api/v1/me);
            # a later event on a topic it holds shows the connection re-checked by then.
            await append_notes(user_topic(person), 1)
            await frames_until(live, user_topic(person))

        await dealer_side.subscribe(room_topic(room.id))
        await staff.subscribe(board_topic(a))
        await dealer_side.command(
            "chat.send", {"room_id": room.id, "client_id": "hello-1", "body": "may I now?"}
        )
        await place_draft(world, "alice", [("D-100:piece", 1)])
        assert events(await frames_until(dealer_side, room_topic(room.id))) == [
            (room_topic(room.id), "chat.message_posted")
        ]
        assert events(await frames_until(staff, board_topic(a))) == [
            (user_topic(idle), "chat.unread_changed"),  # a reader of the dealer's room now
            (board_topic(a), "order.created"),
        ]
        assert (dealer_side.connects, staff.connects) == (1, 1)


async def test_an_unassigned_manager_loses_the_dealers_board_orders_rooms_and_notes(
    db, live_server, redis_url
):
    world = await make_world()
    a, holding = world.dealer_a.id, world.holding.id
    manager_id = world.people["manager"].id
    alice, supervisor = await world.actor("alice"), await world.actor("supervisor")
    order = await place_draft(world, "alice", [("D-100:piece", 1)])
    room = await open_dealer_room(alice)
    lost = {board_topic(a), order_topic(order.id), room_topic(room.id), staff_topic(room.id)}
    async with (
        running_relay(redis_url),
        LiveClient(ws_url(live_server), token=await token("manager@factory.example")) as live,
    ):
        for topic in (*lost, board_topic(holding)):
            await live.subscribe(topic)

        await directory.unassign_manager(None, manager_id, a)
        await post_message(alice, room.id, MessageCreate(body="hello factory"))
        await post_message(supervisor, room.id, MessageCreate(body="debt", internal=True))
        await send_typing(alice, room.id)
        await place_draft(world, "alice", [("H-1:piece", 1)])
        await place_draft(world, "holly", [("D-100:piece", 1)])  # the barrier
        frames = await frames_until(live, board_topic(holding))

        assert ended(frames) == lost
        assert events(frames) == [(board_topic(holding), "order.created")]
        with pytest.raises(LiveError) as refused:
            await live.command(
                "chat.send", {"room_id": room.id, "client_id": "late", "body": "still here?"}
            )
        assert (refused.value.code, refused.value.frame.field) == ("not_found", "room_id")


async def test_a_deactivated_dealer_ends_for_its_people_and_its_holdings_at_once(
    db, live_server, redis_url
):
    world = await make_world()
    holding, sub_1 = world.holding.id, world.sub_1.id
    sam = world.people["sam"].id
    sam_room = await open_dealer_room(await world.actor("sam"))
    url = ws_url(live_server)
    async with (
        running_relay(redis_url),
        LiveClient(url, token=await token("holly@test.example")) as holding_side,
        LiveClient(url, token=await token("sam@test.example")) as sub_side,
    ):
        for topic in (board_topic(sub_1), board_topic(holding), room_topic(sam_room.id)):
            await holding_side.subscribe(topic)
        for topic in (board_topic(sub_1), room_topic(sam_room.id), user_topic(sam)):
            await sub_side.subscribe(topic)

        await directory.set_dealer_active(None, sub_1, False)
        await append_notes(board_topic(sub_1), 1)
        await post_message(await world.actor("manager"), sam_room.id, MessageCreate(body="hi"))
        await place_draft(world, "holly", [("D-100:piece", 1)])  # holly's barrier
        await append_notes(user_topic(sam), 1)  # sam's barrier
        lost = {board_topic(sub_1), room_topic(sam_room.id)}

        frames = await frames_until(holding_side, board_topic(holding))
        assert ended(frames) == lost
        assert events(frames) == [(board_topic(holding), "order.created")]
        frames = await frames_until(sub_side, user_topic(sam), "test.note")
        assert ended(frames) == lost
        assert events(frames) == [(user_topic(sam), "test.note")]

        # Active again: the same connection may read its dealer again.
        await directory.set_dealer_active(None, sub_1, True)
        await append_notes(user_topic(sam), 1, start=2)
        await frames_until(sub_side, user_topic(sam))
        await sub_side.subscribe(board_topic(sub_1))


async def test_a_role_change_keeps_what_the_role_may_read(db, live_server, redis_url):
    world = await make_world()
    a = world.dealer_a.id
    ann = await member(world, "ann", a)
    room = await open_dealer_room(await world.actor("alice"))
    async with (
        running_relay(redis_url),
        LiveClient(ws_url(live_server), token=await token("ann@test.example")) as live,
    ):
        for topic in (board_topic(a), room_topic(room.id), user_topic(ann)):
            await live.subscribe(topic)
        for role in (MembershipRole.ADMIN, MembershipRole.EMPLOYEE):
            await directory.change_membership(None, ann, a, role=role)
            await place_draft(world, "alice", [("D-100:piece", 1)])
            frames = await frames_until(live, board_topic(a))
            assert events(frames) == [(board_topic(a), "order.created")]
        await live.command("chat.send", {"room_id": room.id, "client_id": "r-1", "body": "ok"})


async def test_a_deactivated_person_is_disconnected_everywhere_at_once(db, live_server, redis_url):
    world = await make_world()
    a = world.dealer_a.id
    ann = await member(world, "ann", a)
    cookie, _ = await open_session(world.people["ann"], "127.0.0.1", "test browser")
    url = ws_url(live_server)
    async with (
        running_relay(redis_url),
        RecordingClient(url, token=await token("ann@test.example")) as phone,
        RecordingClient(url, cookie=f"dc_session={cookie}", origin=live_server) as browser,
    ):
        for live in (phone, browser):
            await live.subscribe(board_topic(a))
            await live.subscribe(user_topic(ann))

        await directory.set_person_active(None, ann, False)
        await place_draft(world, "alice", [("D-100:piece", 1)])
        for live in (phone, browser):
            await wait_until(lambda live=live: live.closed_with is not None, PROMPTLY)
            assert live.closed_with is not None and live.closed_with[0] == 4401
            sent = [f for f in live.received if isinstance(f, Event)]
            assert sent == [], "nothing after the change, not even the draft"
            await wait_until(live._task.done, what="a refused client stops retrying")
            assert live.connects == 1


async def test_an_expired_browser_session_is_disconnected_when_it_is_purged(
    db, live_server, redis_url
):
    world = await make_world()
    alice = world.people["alice"]
    cookie, session = await open_session(alice, "127.0.0.1", "test browser")
    _, kept = await open_session(alice, "127.0.0.1", "other browser")
    url = ws_url(live_server)
    async with (
        running_relay(redis_url),
        RecordingClient(url, cookie=f"dc_session={cookie}", origin=live_server) as browser,
        LiveClient(url, token=await token(alice.email)) as phone,
    ):
        for live in (browser, phone):
            await live.subscribe(user_topic(alice.id))
        await LoginSession.filter(id=session.id).update(
            expires_at=datetime.now(UTC) - timedelta(seconds=1)
        )
        assert await purge_expired() == (1, 0)
        await append_notes(user_topic(alice.id), 1)
        await wait_until(lambda: browser.closed_with is not None, PROMPTLY)
        assert browser.closed_with is not None and browser.closed_with[0] == 4401
        assert not [f for f in browser.received if isinstance(f, Event)]
        frames = await frames_until(phone, user_topic(alice.id), "test.note")
        assert events(frames)[-1] == (user_topic(alice.id), "test.note")
    assert await LoginSession.filter(id=kept.id).exists()


async def test_every_rights_change_tells_the_connections_of_whom_it_concerns(db):
    world = await make_world()
    a = world.dealer_a.id
    ann = await member(world, "ann", a)
    idle = world.people["idle_manager"].id

    async def announced(change: Any) -> list[str]:
        """Whose connections a change told to re-check (in its own transaction)."""
        last = await OutboxEvent.all().order_by("-id").first()
        await change
        rows = await OutboxEvent.filter(topic=CONTROL_TOPIC, id__gt=last.id if last else 0)
        return sorted(r.payload for r in rows)

    def told(*people: int) -> list[str]:
        return sorted(msgspec.json.encode(PrincipalChanged(str(p))).decode() for p in people)

    change = directory.change_membership
    assert await announced(change(None, ann, a, can_chat=False)) == told(ann)
    assert await announced(change(None, ann, a, can_chat=False)) == [], "nothing changed"
    assert await announced(change(None, ann, a, role=MembershipRole.ADMIN)) == told(ann)
    assert await announced(directory.assign_manager(None, idle, a)) == told(idle)
    assert await announced(directory.unassign_manager(None, idle, a)) == told(idle)
    assert await announced(directory.set_person_active(None, ann, False)) == told(ann)
    assert await announced(directory.set_person_active(None, ann, True)) == told(ann)
    sub_1_people = (world.people["sam"].id, world.people["holly"].id, world.people["manager"].id)
    assert await announced(directory.set_dealer_active(None, world.sub_1.id, False)) == told(
        *sub_1_people
    )
    newcomer = await make_person("new@test.example")
    assert await announced(directory.add_membership(None, newcomer.id, a)) == told(newcomer.id)
    assert await announced(directory.remove_membership(None, newcomer.id, a)) == told(newcomer.id)
    session_key, session = await open_session(world.people["alice"], "127.0.0.1", "browser")
    await LoginSession.filter(id=session.id).update(expires_at=datetime.now(UTC))
    assert await announced(purge_expired()) == told(world.people["alice"].id)
    assert session_key


@dataclass(frozen=True)
class _Person:
    """A principal of the bare gateway below: `rights` counts the changes it went through."""

    rights: int
    key: str = "someone"
    via_cookie: bool = False


async def test_a_subscription_asked_while_the_rights_change_is_judged_by_the_new_ones(db):
    """The gateway alone: a subscribe whose check began under the old rights and ended
    after a recheck had installed the new ones is asked again, never let through."""
    changes, asked, release = 0, asyncio.Event(), asyncio.Event()

    async def authenticate(socket: WebSocket[Any, Any, Any]) -> _Person:
        return _Person(changes)

    async def authorize(principal: _Person, topic: str) -> bool:
        if principal.rights == 0:  # the old rights allowed it; their answer comes late
            asked.set()
            await release.wait()
            return True
        return False

    hub = Hub(None, sweep_interval=3600)
    gateway = Gateway(hub, GatewayHooks(authenticate, authorize), allowed_origins=set())
    async with bare_gateway(gateway, hub) as url:
        try:
            async with websockets.connect(url) as client:
                await client.send(json.dumps({"type": "subscribe", "id": "s1", "topic": "note:1"}))
                await asyncio.wait_for(asked.wait(), PROMPTLY)
                changes = 1
                [connection] = gateway.connections["someone"]
                connection.recheck_soon()
                await wait_until(lambda: connection.principal.rights == 1, PROMPTLY)
                release.set()
                answer = json.loads(await asyncio.wait_for(client.recv(), PROMPTLY))
            assert (answer["type"], answer.get("code"), answer["id"]) == (
                "error",
                "forbidden",
                "s1",
            )
        finally:
            release.set()
