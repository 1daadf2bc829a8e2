"""Bearer tokens resolved together: the handshakes that ask at the same moment share one
statement, each gets the actor a request of its person gets, and no answer is older than
its question, so a token revoked or a membership removed a moment before a handshake is
never honoured by it."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from app.accounts import directory, tokens
from app.accounts.models import ApiToken, Dealer, MembershipRole, Person
from app.accounts.service import build_actor, issue_api_token, revoke_api_token
from app.accounts.tokens import TokenLookups, actors_from_tokens
from app.orders.events import board_topic
from tests.factories import PASSWORD, World, make_world
from tests.live_fixtures import issue_token
from tests.live_helpers import ws_url
from tests.querycount import count_queries

BURST = 10
"""Handshakes sent at once in the live tests (a small reconnect storm)."""


async def _token(world: World, who: str) -> tuple[str, ApiToken]:
    return await issue_api_token(world.people[who].email, PASSWORD, "phone", "", "")


async def test_a_token_gives_the_actor_a_request_of_its_person_gets(db):
    world = await make_world()
    # Alice also acts for dealer B, without prices, and her second token acts for it now.
    await directory.add_membership(
        None, world.people["alice"].id, world.dealer_b.id, MembershipRole.EMPLOYEE,
        can_see_prices=False,
    )  # fmt: skip
    issued = {who: await _token(world, who) for who in world.people}
    switched_secret, switched = await _token(world, "alice")
    await ApiToken.filter(id=switched.id).update(active_dealer_id=world.dealer_b.id)
    switched.active_dealer_id = world.dealer_b.id
    await Dealer.filter(id=world.sub_2.id).update(is_active=False)  # holly no longer sees it
    gone_secret, _ = await _token(world, "bob")
    await Person.filter(id=world.people["bob"].id).update(is_active=False)
    revoked_secret, revoked = await _token(world, "sam")
    await ApiToken.filter(id=revoked.id).update(revoked_at=revoked.created_at)

    secrets = [s for s, _ in issued.values()] + [switched_secret, revoked_secret, "dc_unknown"]
    found = await actors_from_tokens(secrets)

    for who, (secret, token) in issued.items():
        if who == "bob":
            continue
        expected = await build_actor(world.people[who], token.active_dealer_id, token=token)
        assert found[secret] == expected, who
    alice_for_b = found[switched_secret]
    assert alice_for_b == await build_actor(
        world.people["alice"], world.dealer_b.id, token=switched
    )
    assert (alice_for_b.active_dealer_id, alice_for_b.permissions) == (
        world.dealer_b.id,
        frozenset({"place_orders", "chat"}),
    )
    holly = found[issued["holly"][0]]
    assert holly.dealer_ids == {world.holding.id, world.sub_1.id}
    assert found[issued["manager"][0]].dealer_ids == {
        world.dealer_a.id, world.holding.id, world.sub_1.id, world.sub_2.id,
    }  # fmt: skip
    assert found[issued["supervisor"][0]].dealer_ids is None
    # Unknown, revoked, and a deactivated person's: no actor.
    assert {issued["bob"][0], gone_secret, revoked_secret, "dc_unknown"}.isdisjoint(found)


async def test_handshakes_asking_at_once_share_one_statement(db, monkeypatch):
    world = await make_world()
    secrets = [(await _token(world, who))[0] for who in ("alice", "bob", "holly", "manager")]
    burst = secrets * 5  # a reconnect storm: several connections per token
    lookups = TokenLookups()
    with count_queries(monkeypatch) as statements:
        first = await asyncio.gather(*(lookups.actor(s) for s in burst))
    # One read for all 20, one write recording the first use of the four tokens.
    assert len(statements) == 2, statements
    assert statements[1].lstrip().upper().startswith("UPDATE")
    with count_queries(monkeypatch) as statements:
        again = await asyncio.gather(*(lookups.actor(s) for s in burst))
    assert len(statements) == 1, statements  # used a moment ago: nothing to record
    assert again == first
    assert [a.person_id for a in first[:4] if a] == [
        world.people[who].id for who in ("alice", "bob", "holly", "manager")
    ]


async def test_a_question_asked_during_a_lookup_gets_a_statement_of_its_own(db, monkeypatch):
    world = await make_world()
    secret, token = await _token(world, "alice")
    statements: list[list[str]] = []
    read, go_on = asyncio.Event(), asyncio.Event()

    async def slowly(secrets: list[str]) -> dict[str, Any]:
        statements.append(list(secrets))
        found = await actors_from_tokens(secrets)
        if len(statements) == 1:
            read.set()  # the first statement has read the token as valid...
            await go_on.wait()  # ...and is held back before answering
        return found

    monkeypatch.setattr(tokens, "actors_from_tokens", slowly)
    lookups = TokenLookups()
    before = asyncio.create_task(lookups.actor(secret))
    await read.wait()
    await revoke_api_token(await build_actor(world.people["alice"], None, token=token), token.id)
    after = asyncio.create_task(lookups.actor(secret))  # asked while the first one runs
    await asyncio.sleep(0.05)
    go_on.set()
    assert (await before) is not None  # its statement began before the revocation
    assert (await after) is None
    assert statements == [[secret], [secret]]


async def test_a_failed_lookup_fails_its_askers_and_the_next_ones_are_answered(db, monkeypatch):
    world = await make_world()
    secret, _ = await _token(world, "alice")
    real = actors_from_tokens

    async def broken(secrets: list[str]) -> dict[str, Any]:
        raise ConnectionError("database away")

    monkeypatch.setattr(tokens, "actors_from_tokens", broken)
    lookups = TokenLookups()
    asking = [lookups.actor(secret) for _ in range(3)]
    results = await asyncio.gather(*asking, return_exceptions=True)
    assert all(isinstance(r, ConnectionError) for r in results)
    monkeypatch.setattr(tokens, "actors_from_tokens", real)
    assert (await lookups.actor(secret)) is not None


async def _subscribe_all(base_url: str, token: str, topic: str) -> list[str]:
    """BURST handshakes at once with one token, each subscribing to `topic`: what each got
    (the answer's type or error code, or the HTTP status of a refused handshake)."""

    async def one() -> str:
        try:
            async with connect(
                ws_url(base_url),
                additional_headers={"Authorization": f"Bearer {token}"},
                compression=None,
                proxy=None,
            ) as socket:
                await socket.send(json.dumps({"type": "subscribe", "topic": topic}))
                reply = json.loads(await asyncio.wait_for(socket.recv(), 10))
                return str(reply.get("code") or reply["type"])
        except InvalidStatus as refusal:
            return str(refusal.response.status_code)

    return list(await asyncio.gather(*(one() for _ in range(BURST))))


@pytest.mark.timeout(60)
async def test_handshakes_right_after_a_revocation_are_refused(db, live_server):
    await make_world()
    doomed_id, doomed = await issue_token(live_server, "alice@test.example")
    _, kept = await issue_token(live_server, "alice@test.example")
    topic = board_topic((await Dealer.get(inn="7701000001")).id)
    assert await _subscribe_all(live_server, doomed, topic) == ["subscribed"] * BURST
    async with httpx.AsyncClient(
        base_url=live_server, headers={"Authorization": f"Bearer {kept}"}
    ) as http:
        (await http.delete(f"/api/v1/auth/tokens/{doomed_id}")).raise_for_status()
    assert await _subscribe_all(live_server, doomed, topic) == ["403"] * BURST
    assert await _subscribe_all(live_server, kept, topic) == ["subscribed"] * BURST


@pytest.mark.timeout(60)
async def test_handshakes_right_after_a_lost_membership_do_not_see_that_dealer(db, live_server):
    world = await make_world()
    bob = world.people["bob"]
    await directory.add_membership(None, bob.id, world.dealer_a.id, MembershipRole.EMPLOYEE)
    _, token = await issue_token(live_server, bob.email)
    board_a, board_b = board_topic(world.dealer_a.id), board_topic(world.dealer_b.id)
    # Bob acts for dealer A, his second membership, from now on.
    async with httpx.AsyncClient(
        base_url=live_server, headers={"Authorization": f"Bearer {token}"}
    ) as http:
        switched = await http.put("/api/v1/me/active-dealer", json={"dealer_id": world.dealer_a.id})
        switched.raise_for_status()
    assert await _subscribe_all(live_server, token, board_a) == ["subscribed"] * BURST
    await directory.remove_membership(None, bob.id, world.dealer_a.id)
    assert await _subscribe_all(live_server, token, board_a) == ["forbidden"] * BURST
    assert await _subscribe_all(live_server, token, board_b) == ["subscribed"] * BURST
