"""Faults mid-stream: Redis killed and restarted, a web process killed, a writer that
crashed between commit and publish, a process cut off from the bus. After recovery every
committed event reaches every subscriber once, in order."""

from __future__ import annotations

import asyncio
import time

from realtime.bus import ChannelsRedisBus
from realtime.protocol import Reset
from tests import live_fixtures
from tests.factories import make_world
from tests.live_fixtures import (
    RecordingClient,
    all_published,
    append_notes,
    events_until,
    issue_token,
    unpublished,
    wait_until,
)
from tests.live_helpers import running_relay

web_processes = live_fixtures.web_processes
worker_processes = live_fixtures.worker_processes
restartable_redis = live_fixtures.restartable_redis

SWEEP = 3.0
"""The hubs' database sweep in these tests: what arrives much sooner came over the bus."""
LIVE = 0.5
"""An event arriving within this after its commit came over the bus, not the sweep."""


async def produce_notes(topic: str, count: int, every: float) -> None:
    """One note at a time, as a busy factory would."""
    for n in range(1, count + 1):
        await append_notes(topic, 1, start=n)
        await asyncio.sleep(every)


async def test_redis_killed_and_restarted_mid_stream(db, web_processes, restartable_redis):
    world = await make_world()
    alice, bob = world.people["alice"], world.people["bob"]
    topic, bobs_topic = f"user:{alice.id}", f"user:{bob.id}"
    redis = restartable_redis
    [web] = web_processes.start(1, redis_url=redis.url, sweep_seconds=SWEEP)
    _, token = await issue_token(web.url, alice.email)
    _, bobs_token = await issue_token(web.url, bob.email)
    async with (
        running_relay(redis.url),
        RecordingClient(web.ws_url, token=token) as live,
    ):
        await live.subscribe(topic)
        await append_notes(topic, 3)
        await append_notes(bobs_topic, 2)
        await events_until(live, {topic: 3})

        redis.kill()
        await append_notes(topic, 3, start=4)
        await append_notes(bobs_topic, 1, start=3)
        await events_until(live, {topic: 6}, timeout=SWEEP + 5)  # the sweep brings them
        # Someone connecting meanwhile still resumes (from the database).
        async with RecordingClient(web.ws_url, token=bobs_token) as latecomer:
            await latecomer.subscribe(bobs_topic, position=1)
            frames = await events_until(latecomer, {bobs_topic: 3}, timeout=SWEEP + 5)
            assert [f.seq for f in frames] == [2, 3]

        redis.start()  # same port: every client of it must find it again by itself
        n, fast_in_a_row, deadline = 7, 0, time.monotonic() + 20
        while fast_in_a_row < 3:
            assert time.monotonic() < deadline, "live delivery did not come back"
            began = time.monotonic()
            await append_notes(topic, 1, start=n)
            await events_until(live, {topic: n}, timeout=SWEEP + 5)
            fast_in_a_row = fast_in_a_row + 1 if time.monotonic() - began < LIVE else 0
            n += 1
        await wait_until(all_published, what="the relay publishes what Redis missed")
    assert live.sent_seqs(topic) == list(range(1, n))  # each once, in order
    assert live.connects == 1  # the websocket itself never broke


async def test_web_process_killed_mid_stream(db, web_processes, redis_url):
    world = await make_world()
    topic = f"user:{world.people['alice'].id}"
    a, b = web_processes.start(2)
    _, token = await issue_token(a.url, "alice@test.example")
    async with (
        running_relay(redis_url),
        RecordingClient(a.ws_url, token=token, max_backoff=0.2) as moving,
        RecordingClient(a.ws_url, token=token, max_backoff=0.2) as waiting,
        RecordingClient(b.ws_url, token=token) as bystander,
    ):
        clients = (moving, waiting, bystander)
        for client in clients:
            await client.subscribe(topic)
        producer = asyncio.create_task(produce_notes(topic, 60, every=0.02))
        handed_out = {client: await events_until(client, {topic: 15}) for client in clients}
        a.kill()
        moving.url = b.ws_url  # as a load balancer would send it elsewhere
        await asyncio.to_thread(a.start)  # `waiting` keeps retrying A until it is back
        await producer
        for client in clients:
            handed_out[client] += await events_until(client, {topic: 60})
    for client in clients:
        assert [f.data["n"] for f in handed_out[client]] == list(range(1, 61))
        assert client.sent_seqs(topic) == list(range(1, 61))  # none twice, none missing
    assert (moving.connects, waiting.connects, bystander.connects) == (2, 2, 1)


async def test_crash_between_commit_and_publish_every_subscriber_resumes_once(
    db, web_processes, worker_processes, redis_url
):
    world = await make_world()
    topic = f"user:{world.people['alice'].id}"
    [web] = web_processes.start(1)
    _, token = await issue_token(web.url, "alice@test.example")
    async with (
        RecordingClient(web.ws_url, token=token, max_backoff=0.2) as json_client,
        RecordingClient(web.ws_url, token=token, max_backoff=0.2, msgpack=True) as msgpack_client,
    ):
        clients = (json_client, msgpack_client)
        for client in clients:
            await client.subscribe(topic)
        async with running_relay(redis_url):
            await append_notes(topic, 2)
            for client in clients:
                await events_until(client, {topic: 2})
            # Delivered is not yet marked published: wait, so only the crash leaves any unpublished.
            await wait_until(lambda: all_published(topic), what="the relay marks them published")
        web.kill()
        # The "crashed writer": committed in this process, which has no relay; no web
        # process or worker is running either, so nothing publishes them.
        committed = await append_notes(topic, 5, start=3)
        assert await unpublished(topic) == 5
        bus = ChannelsRedisBus(redis_url)
        try:
            await bus.subscribe(topic)
            worker_processes.start()
            async with asyncio.timeout(5):
                on_bus = [(await bus.receive()).seq for _ in committed]
        finally:
            await bus.close()
        assert on_bus == committed
        await wait_until(lambda: all_published(topic), what="the worker marks them published")
        web.start()  # the clients were retrying all along; they resume by themselves
        for client in clients:
            frames = await events_until(client, {topic: committed[-1]})
            assert [f.seq for f in frames] == committed
            assert [f.data["n"] for f in frames] == [3, 4, 5, 6, 7]
            assert client.sent_seqs(topic) == [1, 2, *committed]
            assert client.connects == 2


async def test_resume_on_a_process_behind_on_the_bus_is_not_reset(
    db, web_processes, restartable_redis, redis_url
):
    world = await make_world()
    topic = f"user:{world.people['alice'].id}"
    [ahead] = web_processes.start(1)
    # `behind` hears nothing on the bus (its Redis is another one): only its sweep, every
    # SWEEP seconds, tells it of new events, as when its pub/sub connection is broken.
    [behind] = web_processes.start(1, redis_url=restartable_redis.url, sweep_seconds=SWEEP)
    _, token = await issue_token(ahead.url, "alice@test.example")
    async with (
        running_relay(redis_url),
        RecordingClient(behind.ws_url, token=token) as bystander,
        RecordingClient(ahead.ws_url, token=token, max_backoff=0.1) as live,
    ):
        await bystander.subscribe(topic)
        await live.subscribe(topic)
        await append_notes(topic, 5)
        await events_until(live, {topic: 5})
        live.url = behind.ws_url
        await live.drop()  # resumes from 5 on a process that may know of 0 so far
        await append_notes(topic, 1, start=6)
        frames = await events_until(live, {topic: 6}, timeout=SWEEP + 5)
        await events_until(bystander, {topic: 6}, timeout=SWEEP + 5)
    assert not [f for f in live.received if isinstance(f, Reset)]
    assert [f.seq for f in frames] == [6]
    assert live.sent_seqs(topic) == [1, 2, 3, 4, 5, 6]
