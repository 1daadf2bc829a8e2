"""The socket defends itself: handshakes (Origin, credentials, caps), bad frames, oversized
frames, floods and subscription limits are answered or closed with a proper code, and every
other connection keeps streaming."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from app.accounts.auth import SESSION_COOKIE
from app.accounts.service import open_session
from realtime.client import LiveError
from realtime.connection import Limits
from realtime.protocol import Error
from tests.factories import make_world
from tests.live_fixtures import (
    RecordingClient,
    append_notes,
    events_until,
    issue_token,
    wait_until,
)
from tests.live_helpers import running_relay, ws_url

LIMITS = Limits()
FRAME_LIMIT = 64 * 1024  # ASVS V4.4 and the issue: larger frames are closed with 1009


@asynccontextmanager
async def raw_socket(
    base_url: str,
    *,
    token: str | None = None,
    cookie: str | None = None,
    origin: str | None = None,
    headers: dict[str, str] | None = None,
) -> AsyncIterator[ClientConnection]:
    """A plain `websockets` connection to the served app (no client-side protocol help)."""
    headers = dict(headers or {})
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if cookie is not None:
        headers["Cookie"] = f"{SESSION_COOKIE}={cookie}"
    async with connect(
        ws_url(base_url),
        additional_headers=headers,
        origin=origin,  # type: ignore[arg-type]
        compression=None,
        ping_interval=None,
        proxy=None,
        max_size=None,
    ) as socket:
        yield socket


async def answer(socket: ClientConnection, frame: Any, timeout: float = 5) -> dict[str, Any]:
    """Send one frame (a dict, or raw text/bytes) and read the next frame back."""
    await socket.send(json.dumps(frame) if isinstance(frame, dict) else frame)
    return json.loads(await asyncio.wait_for(socket.recv(), timeout))


async def closed_with(socket: ClientConnection, timeout: float = 5) -> int | None:
    """Read until the server closes; its close code."""
    with pytest.raises(ConnectionClosed):
        async with asyncio.timeout(timeout):
            while True:
                await socket.recv()
    return socket.close_code


async def handshake_status(base_url: str, **options: Any) -> int:
    """101 when the server accepts the websocket, else the HTTP status it answered with."""
    try:
        async with raw_socket(base_url, **options):
            return 101
    except InvalidStatus as refusal:
        return refusal.response.status_code


async def test_cookie_handshake_needs_exactly_an_allowed_origin(db, live_server):
    world = await make_world()
    cookie, _ = await open_session(world.people["alice"], "127.0.0.1", "test browser")
    port = int(live_server.rsplit(":", 1)[1])
    for origin in (
        "http://evil.example",
        None,
        "null",
        f"http://127.0.0.1:{port}.evil.com",
        f"http://127.0.0.1:{port + 1}",
        f"https://127.0.0.1:{port}",
        f"http://localhost:{port}",
        f"http://127.0.0.1:{port}/",
        f"http://127.0.0.1:{port}@evil.com",
    ):
        assert await handshake_status(live_server, cookie=cookie, origin=origin) == 403, origin
    # The right Origin does not make up for a wrong cookie.
    assert await handshake_status(live_server, cookie="forged", origin=live_server) == 403
    async with raw_socket(live_server, cookie=cookie, origin=live_server) as socket:
        topic = f"user:{world.people['alice'].id}"
        reply = await answer(socket, {"type": "subscribe", "topic": topic, "id": "s1"})
        assert (reply["type"], reply["id"]) == ("subscribed", "s1")


async def test_token_handshakes_and_the_per_person_connection_cap(db, live_server, tmp_path):
    await make_world()
    _, token = await issue_token(live_server, "alice@test.example")
    # Bearer tokens are not sent by browsers on their own: no Origin needed, any accepted.
    for origin in (None, "http://evil.example"):
        async with raw_socket(live_server, token=token, origin=origin) as socket:
            assert (await answer(socket, {"type": "ping", "id": "p"}))["type"] == "pong"
    for credentials in (
        {"token": "dc_not-a-token"},
        {"token": ""},
        {"headers": {"Authorization": "Basic YWxpY2U6cHc="}},
        {"headers": {"Authorization": f"Token {token}"}},
        {},
    ):
        assert await handshake_status(live_server, **credentials) == 403, credentials

    async with AsyncExitStack() as stack:
        sockets = [
            await stack.enter_async_context(raw_socket(live_server, token=token)) for _ in range(20)
        ]
        async with raw_socket(live_server, token=token) as one_too_many:
            # Accepted only to be told why: 1013 is "try again later", not a refusal.
            assert await closed_with(one_too_many) == 1013
        _, bobs_token = await issue_token(live_server, "bob@test.example")
        assert await handshake_status(live_server, token=bobs_token) == 101  # per person
        await sockets[0].close()

        async def admitted_again() -> bool:
            try:
                async with raw_socket(live_server, token=token) as socket:
                    return (await answer(socket, {"type": "ping"}))["type"] == "pong"
            except ConnectionClosed:
                return False

        await wait_until(admitted_again, timeout=5, what="a closed connection frees its place")

    log = (tmp_path / "live_server.log").read_text(errors="replace")
    assert "WebSocket /ws/v1" in log  # the server did log these handshakes...
    for secret in (token, bobs_token, "dc_not-a-token"):
        assert secret not in log  # ...but never a token, good or bad


async def test_bad_frames_get_error_frames_and_the_connection_stays_open(db, live_server):
    world = await make_world()
    _, token = await issue_token(live_server, "alice@test.example")
    topic = f"user:{world.people['alice'].id}"
    bad_frames: list[Any] = [
        "{",
        "not json at all",
        "[]",
        '"subscribe"',
        {"type": "fly", "id": "f1"},
        {"id": "f2"},
        {"type": "subscribe", "id": "f3"},
        {"type": "subscribe", "topic": "", "id": "f4"},
        {"type": "subscribe", "topic": "Dealer:1:orders", "id": "f5"},
        {"type": "subscribe", "topic": "dealer 1", "id": "f6"},
        {"type": "subscribe", "topic": "d" * 201, "id": "f7"},
        {"type": "subscribe", "topic": topic, "position": -1, "id": "f8"},
        {"type": "subscribe", "topic": topic, "position": "7", "id": "f9"},
        {"type": "subscribe", "topic": topic, "unknown": 1, "id": "f10"},
        {"type": "subscribe", "topic": topic, "id": "x" * 65},
        {"type": "command", "name": "", "id": "f12"},
        b"\xc1\xff\x00 binary garbage",
    ]
    async with raw_socket(live_server, token=token) as socket:
        for frame in bad_frames:
            reply = await answer(socket, frame)
            assert reply["type"] == "error", (frame, reply)
            assert reply["code"] == "invalid_frame", (frame, reply)
        reply = await answer(socket, {"type": "command", "name": "launch", "id": "c1"})
        assert (reply["code"], reply["id"]) == ("unknown_command", "c1")
        reply = await answer(socket, {"type": "unsubscribe", "topic": topic, "id": "u1"})
        assert (reply["code"], reply["id"]) == ("not_subscribed", "u1")
        reply = await answer(socket, {"type": "subscribe", "topic": topic, "id": "ok"})
        assert (reply["type"], reply["id"]) == ("subscribed", "ok")
        reply = await answer(socket, {"type": "subscribe", "topic": topic, "id": "again"})
        assert (reply["type"], reply["code"], reply["id"]) == (
            "error",
            "already_subscribed",
            "again",
        )


async def test_oversized_and_invalid_frames_close_only_their_connection(db, live_server, redis_url):
    world = await make_world()
    _, token = await issue_token(live_server, "alice@test.example")
    topic = f"user:{world.people['alice'].id}"
    ping = json.dumps({"type": "ping", "id": "big"})
    async with (
        running_relay(redis_url),
        RecordingClient(ws_url(live_server), token=token) as bystander,
    ):
        await bystander.subscribe(topic)
        async with raw_socket(live_server, token=token) as socket:
            at_limit = ping[:-1] + " " * (FRAME_LIMIT - len(ping)) + "}"
            assert len(at_limit.encode()) == FRAME_LIMIT
            assert (await answer(socket, at_limit))["type"] == "pong"
            await append_notes(topic, 1)
            await socket.send(at_limit[:-1] + " }")
            assert await closed_with(socket) == 1009
        async with raw_socket(live_server, token=token) as socket:
            await socket.send(b"\xc3\x28 is not UTF-8", text=True)
            assert await closed_with(socket) == 1007
        await append_notes(topic, 1, start=2)
        frames = await events_until(bystander, {topic: 2})
    assert [f.data["n"] for f in frames] == [1, 2]
    assert bystander.connects == 1


async def test_floods_are_rate_limited_while_others_keep_streaming(db, live_server, redis_url):
    world = await make_world()
    _, token = await issue_token(live_server, "alice@test.example")
    topic = f"user:{world.people['alice'].id}"
    async with (
        running_relay(redis_url),
        RecordingClient(ws_url(live_server), token=token) as bystander,
    ):
        await bystander.subscribe(topic)
        async with raw_socket(live_server, token=token) as burst:
            over = LIMITS.frame_burst + 10
            for n in range(over):
                await burst.send(json.dumps({"type": "ping", "id": f"p{n}"}))
            replies = [json.loads(await burst.recv()) for _ in range(over)]
            limited = [r for r in replies if r["type"] == "error"]
            assert {r["code"] for r in limited} == {"rate_limited"}
            assert 1 <= len(limited) <= 10
            await append_notes(topic, 1)

            async def answered() -> bool:
                reply = await answer(burst, {"type": "ping", "id": "later"})
                return reply["type"] == "pong"

            await wait_until(answered, timeout=3, what="the burst's connection is usable again")
        async with raw_socket(live_server, token=token) as flood:
            # Sustained: frames keep coming faster than the rate, whatever the server's pace.
            with pytest.raises(ConnectionClosed):
                async with asyncio.timeout(10):
                    while True:
                        for n in range(50):
                            await flood.send(json.dumps({"type": "ping", "id": f"f{n}"}))
                        for _ in range(50):
                            await flood.recv()
            assert flood.close_code == 1008
        await append_notes(topic, 1, start=2)
        frames = await events_until(bystander, {topic: 2})
    assert [f.data["n"] for f in frames] == [1, 2]
    assert bystander.connects == 1


async def test_client_may_follow_up_to_the_cap_and_resumes_all_after_a_reconnect(
    db, live_server, redis_url
):
    await make_world()
    _, token = await issue_token(live_server, "supervisor@factory.example")
    topics = [f"dealer:{n}:orders" for n in range(1, 201)]  # a supervisor's console
    async with (
        running_relay(redis_url),
        RecordingClient(ws_url(live_server), token=token, max_backoff=0.1) as live,
    ):
        async with asyncio.timeout(5):
            for topic in topics:
                await live.subscribe(topic)
        with pytest.raises(LiveError) as refusal:
            await live.subscribe("dealer:201:orders")
        assert refusal.value.code == "too_many_subscriptions"

        await live.drop()  # the client sends all 200 subscriptions again at once
        await append_notes(topics[-1], 1)
        await events_until(live, {topics[-1]: 1}, timeout=5)
        assert live.connects == 2
    errors = [f.code for f in live.received if isinstance(f, Error)]
    assert errors == ["too_many_subscriptions"], "the re-subscribing burst was not rate-limited"


async def test_subscribing_twice_at_once_gives_one_subscription(db, live_server, redis_url):
    await make_world()
    _, token = await issue_token(live_server, "supervisor@factory.example")
    topics = [f"dealer:{n}:orders" for n in range(1, 21)]
    async with raw_socket(live_server, token=token) as socket:
        for n, topic in enumerate(topics):
            await socket.send(json.dumps({"type": "subscribe", "topic": topic, "id": f"a{n}"}))
            await asyncio.sleep(0.0005 * (n % 6))  # land inside the first one's set-up
            await socket.send(json.dumps({"type": "subscribe", "topic": topic, "id": f"b{n}"}))
        await socket.send(json.dumps({"type": "ping", "id": "end"}))
        replies = []
        while not replies or replies[-1]["type"] != "pong":
            replies.append(json.loads(await asyncio.wait_for(socket.recv(), 5)))
    for n, topic in enumerate(topics):
        answers = sorted(
            (r["type"], r.get("code")) for r in replies if r.get("id") in (f"a{n}", f"b{n}")
        )
        assert answers == [("error", "already_subscribed"), ("subscribed", None)], topic
        assert [r for r in replies if r.get("topic") == topic] == [
            r for r in replies if r["type"] == "subscribed" and r["topic"] == topic
        ]
    assert len([r for r in replies if r["type"] == "subscribed"]) == len(topics)
