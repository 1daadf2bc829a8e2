"""Tenancy over the socket: each person reads only its dealers' topics, and losing a right
(token revoked, logged out, membership removed, manager unassigned, dealer switched) ends
the matching subscriptions at once."""

from __future__ import annotations

import time

import httpx
import pytest

from app.accounts import directory
from app.accounts.models import MembershipRole
from app.accounts.service import build_actor, close_session, open_session
from app.orders.events import board_topic, order_topic
from realtime.client import LiveClient, LiveError
from realtime.protocol import Unsubscribed
from tests import live_fixtures
from tests.factories import make_world, place_draft
from tests.live_fixtures import (
    RecordingClient,
    append_notes,
    events_until,
    free_port,
    issue_token,
    wait_until,
)
from tests.live_helpers import running_relay, ws_url

REVOKED_PROMPTLY = 3.0
"""Seconds within which a revoked credential's connection must be closed."""
SLOW_SWEEP = 30.0
"""The hub's database sweep in rights tests: a right lost in time was lost over the bus."""

web_processes = live_fixtures.web_processes


async def verdict(live: LiveClient, topic: str) -> str | tuple[str, str, str | None]:
    """ "ok" when the topic may be subscribed (and then leave it), else the refusal."""
    try:
        await live.subscribe(topic)
    except LiveError as refusal:
        return refusal.frame.code, refusal.frame.message, refusal.frame.field
    await live.unsubscribe(topic)
    return "ok"


async def test_each_person_reads_only_its_dealers_topics(db, live_server):
    world = await make_world()
    order_a = await place_draft(world, "alice", [("D-100:piece", 1)])
    order_sub_1 = await place_draft(world, "sam", [("D-100:piece", 1)])
    order_holding = await place_draft(world, "holly", [("D-100:piece", 1)])
    a, b = world.dealer_a.id, world.dealer_b.id
    holding, sub_1, sub_2 = world.holding.id, world.sub_1.id, world.sub_2.id
    alice_id = world.people["alice"].id
    allowed = {
        "bob": [
            board_topic(b),
            f"dealer:{b}:catalog",
            f"dealer:{b}:chat",
            f"user:{world.people['bob'].id}",
        ],
        "manager": [
            board_topic(a),
            order_topic(order_a.id),
            board_topic(sub_1),
            f"dealer:{a}:chat",
        ],
        "idle_manager": [f"user:{world.people['idle_manager'].id}"],
        "holly": [
            board_topic(holding),
            board_topic(sub_1),
            board_topic(sub_2),
            order_topic(order_sub_1.id),
            f"dealer:{sub_1}:chat",
        ],
        "sam": [board_topic(sub_1), order_topic(order_sub_1.id), f"dealer:{sub_1}:chat"],
    }
    refused = {
        "bob": [
            board_topic(a),
            f"dealer:{a}:catalog",
            f"dealer:{a}:chat",
            order_topic(order_a.id),
            f"user:{alice_id}",
            board_topic(sub_1),
            f"dealer:{sub_1}:chat",
        ],
        "manager": [board_topic(b), order_topic(order_a.id + 1000), f"dealer:{b}:chat"],
        "idle_manager": [
            board_topic(a),
            order_topic(order_a.id),
            board_topic(holding),
            f"dealer:{a}:chat",
        ],
        "holly": [board_topic(a), order_topic(order_a.id), f"dealer:{a}:chat"],
        "sam": [
            board_topic(holding),
            board_topic(sub_2),
            order_topic(order_holding.id),
            f"dealer:{sub_2}:chat",
            f"dealer:{holding}:chat",
        ],
    }
    missing = ["dealer:999999:orders", "order:999999", "user:999999", "dealer:1:nothing"]
    forbidden = ("forbidden", "Not allowed", "topic")
    for who in allowed:
        email = world.people[who].email
        _, token = await issue_token(live_server, email)
        async with LiveClient(ws_url(live_server), token=token) as live:
            for topic in allowed[who]:
                assert await verdict(live, topic) == "ok", (who, topic)
            # Foreign and nonexistent topics get the very same answer.
            for topic in refused[who] + missing:
                assert await verdict(live, topic) == forbidden, (who, topic)


async def test_revoked_token_or_logout_closes_its_live_connections_promptly(
    db, web_processes, redis_url
):
    world = await make_world()
    [web] = web_processes.start(1, sweep_seconds=SLOW_SWEEP)
    alice = world.people["alice"]
    topic = f"user:{alice.id}"
    revoked_id, revoked = await issue_token(web.url, "alice@test.example")
    _, kept = await issue_token(web.url, "alice@test.example")
    away_id, away = await issue_token(web.url, "alice@test.example")
    cookie, session = await open_session(alice, "127.0.0.1", "test browser")
    url = web.ws_url
    async with (
        running_relay(redis_url),
        RecordingClient(url, token=revoked) as doomed,
        RecordingClient(url, token=kept) as survivor,
        RecordingClient(url, token=away, max_backoff=0.1) as traveller,
        RecordingClient(
            url, cookie=f"dc_session={cookie}", origin=web.url, max_backoff=0.1
        ) as browser,
    ):
        for client in (doomed, survivor, traveller, browser):
            await client.subscribe(topic)

        # The phone that is away when its token is revoked is refused when it returns.
        traveller.url = f"ws://127.0.0.1:{free_port()}/ws/v1"
        await traveller.drop()

        async with httpx.AsyncClient(
            base_url=web.url, headers={"Authorization": f"Bearer {kept}"}
        ) as http:
            began = time.monotonic()
            for token_id in (revoked_id, away_id):
                (await http.delete(f"/api/v1/auth/tokens/{token_id}")).raise_for_status()
        await wait_until(lambda: doomed.closed_with is not None, timeout=REVOKED_PROMPTLY)
        assert time.monotonic() - began < REVOKED_PROMPTLY
        assert doomed.closed_with[0] == 4401

        traveller.url = url
        await wait_until(traveller._task.done, what="the returning phone is refused")
        assert traveller.closed_with == (403, "handshake refused")

        began = time.monotonic()
        await close_session(await build_actor(alice, session.active_dealer_id, session=session))
        await wait_until(lambda: browser.closed_with is not None, timeout=REVOKED_PROMPTLY)
        assert browser.closed_with[0] == 4401

        await append_notes(topic, 1)
        [note] = await events_until(survivor, {topic: 1})
        assert note.data["n"] == 1
        for gone in (doomed, traveller, browser):
            await wait_until(gone._task.done, what="a refused client stops retrying")
            assert gone._frames.empty()
            assert gone.connects == 1


async def test_lost_membership_ends_that_dealers_subscriptions(db, web_processes, redis_url):
    world = await make_world()
    [web] = web_processes.start(1, sweep_seconds=SLOW_SWEEP)
    alice, holly, bob = (world.people[k] for k in ("alice", "holly", "bob"))
    order_a = await place_draft(world, "alice", [("D-100:piece", 1)])
    await directory.add_membership(None, bob.id, world.dealer_a.id, MembershipRole.EMPLOYEE)
    board_a, order_a_topic = board_topic(world.dealer_a.id), order_topic(order_a.id)
    board_b = board_topic(world.dealer_b.id)
    holding_board, sub_board = board_topic(world.holding.id), board_topic(world.sub_1.id)
    alices_notes, bobs_notes = f"user:{alice.id}", f"user:{bob.id}"
    url = web.ws_url
    _, alice_token = await issue_token(web.url, alice.email)
    _, holly_token = await issue_token(web.url, holly.email)
    _, bob_token = await issue_token(web.url, bob.email)
    async with (
        running_relay(redis_url),
        RecordingClient(url, token=alice_token) as alice_live,
        RecordingClient(url, token=holly_token) as holly_live,
        RecordingClient(url, token=bob_token) as bob_live,
    ):
        for topic in (board_a, order_a_topic, alices_notes):
            await alice_live.subscribe(topic)
        for topic in (holding_board, sub_board):
            await holly_live.subscribe(topic)
        for topic in (board_b, bobs_notes):
            await bob_live.subscribe(topic)

        await directory.remove_membership(None, alice.id, world.dealer_a.id)
        ended = [await alice_live.next_frame(REVOKED_PROMPTLY) for _ in range(2)]
        assert {(f.topic, f.reason) for f in ended if isinstance(f, Unsubscribed)} == {
            (board_a, "access_revoked"),
            (order_a_topic, "access_revoked"),
        }
        await append_notes(board_a, 1)
        await append_notes(alices_notes, 1)
        [note] = await events_until(alice_live, {alices_notes: 1})
        assert note.topic == alices_notes  # and nothing of dealer A came before it
        with pytest.raises(LiveError):
            await alice_live.subscribe(board_a)

        # A holding's member loses its subsidiaries with the holding.
        await directory.remove_membership(None, holly.id, world.holding.id)
        ended = [await holly_live.next_frame(REVOKED_PROMPTLY) for _ in range(2)]
        assert {(f.topic, f.reason) for f in ended if isinstance(f, Unsubscribed)} == {
            (holding_board, "access_revoked"),
            (sub_board, "access_revoked"),
        }

        # Switching the dealer one acts for moves the connection's rights along.
        async with httpx.AsyncClient(
            base_url=web.url, headers={"Authorization": f"Bearer {bob_token}"}
        ) as http:
            switched = await http.put(
                "/api/v1/me/active-dealer", json={"dealer_id": world.dealer_a.id}
            )
            switched.raise_for_status()
        [ended_b] = [await bob_live.next_frame(REVOKED_PROMPTLY)]
        assert ended_b == Unsubscribed(topic=board_b, reason="access_revoked")
        await bob_live.subscribe(board_a)
        await append_notes(bobs_notes, 1)
        await events_until(bob_live, {bobs_notes: 1})


async def test_unassigned_manager_stops_receiving_that_dealer(db, web_processes, redis_url):
    world = await make_world()
    [web] = web_processes.start(1, sweep_seconds=SLOW_SWEEP)
    manager = world.people["manager"]
    board_a, holding_board = board_topic(world.dealer_a.id), board_topic(world.holding.id)
    _, token = await issue_token(web.url, manager.email)
    async with (
        running_relay(redis_url),
        RecordingClient(web.ws_url, token=token) as live,
    ):
        for topic in (board_a, holding_board):
            await live.subscribe(topic)
        began = time.monotonic()
        await directory.unassign_manager(None, manager.id, world.dealer_a.id)
        ended = await live.next_frame(REVOKED_PROMPTLY)
        assert ended == Unsubscribed(topic=board_a, reason="access_revoked")
        assert time.monotonic() - began < REVOKED_PROMPTLY
        await append_notes(board_a, 1)
        await append_notes(holding_board, 1)
        [note] = await events_until(live, {holding_board: 1})
        assert note.topic == holding_board
        with pytest.raises(LiveError) as refusal:
            await live.subscribe(board_a)
        assert refusal.value.code == "forbidden"
