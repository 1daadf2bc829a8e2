"""Events cross process boundaries: made by one web process, a worker, or a crashed writer,
they reach clients connected to another web process, once each and in order."""

from __future__ import annotations

import time

import httpx
from arq import create_pool
from arq.connections import RedisSettings

from app.orders import production, service
from app.orders.events import board_topic, order_topic
from app.orders.models import UnitStage
from realtime.history import read_after, topic_states
from tests import live_fixtures
from tests.factories import make_world, place_draft
from tests.live_fixtures import (
    RecordingClient,
    events_until,
    issue_token,
)

web_processes = live_fixtures.web_processes
worker_processes = live_fixtures.worker_processes


async def test_client_on_one_process_sees_manager_confirm_on_another(db, web_processes):
    world = await make_world()
    alice = await world.actor("alice")
    order = await place_draft(world, "alice", [("D-100:piece", 2), ("H-1:piece", 1)])
    await service.submit_order(alice, order.id)
    # The hubs' sweeps are slowed to 30 s: what arrives came over the bus, live.
    a, b = web_processes.start(2, sweep_seconds=30)
    board, one_order = board_topic(world.dealer_a.id), order_topic(order.id)
    _, alice_token = await issue_token(a.url, "alice@test.example")
    _, manager_token = await issue_token(b.url, "manager@factory.example")
    async with RecordingClient(a.ws_url, token=alice_token) as live:
        start = {t: (await live.subscribe(t)).position for t in (board, one_order)}
        async with httpx.AsyncClient(
            base_url=b.url, headers={"Authorization": f"Bearer {manager_token}"}
        ) as manager:
            began = time.monotonic()
            (await manager.post(f"/api/v1/orders/{order.id}/confirm")).raise_for_status()
            moved = await manager.post(
                f"/api/v1/orders/{order.id}/units/move", json={"stage": "painting"}
            )
            moved.raise_for_status()
        last = {t: s.position for t, s in (await topic_states([board, one_order])).items()}
        frames = await events_until(live, last, timeout=5)
        took = time.monotonic() - began
    for topic in (board, one_order):
        expected = await read_after(topic, start[topic])
        got = [f for f in frames if f.topic == topic]
        assert [(f.seq, f.event) for f in got] == [(e.seq, e.type) for e in expected]
        assert live.sent_seqs(topic) == [e.seq for e in expected]  # none twice
    kinds = {f.event for f in frames}
    assert {"order.status_changed", "order.units_moved", "order.progress_changed"} <= kinds
    assert took < 5


async def test_change_made_by_a_worker_job_reaches_the_client_live(
    db, web_processes, worker_processes, redis_url
):
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    order = await place_draft(world, "alice", [("D-100:piece", 3)])
    await service.submit_order(alice, order.id)
    await production.confirm_order(manager, order.id)
    [web] = web_processes.start(1, sweep_seconds=30)
    worker_processes.start("tests.live_fixtures.WorkerWithTestJobs")
    _, token = await issue_token(web.url, "alice@test.example")
    async with RecordingClient(web.ws_url, token=token) as live:
        subscribed = await live.subscribe(order_topic(order.id))
        queue = await create_pool(RedisSettings.from_dsn(redis_url))
        try:
            job = await queue.enqueue_job("move_units_by_erp", order.id, UnitStage.PAINTING.value)
            assert job is not None
            await job.result(timeout=10)
        finally:
            await queue.aclose()
        [state] = (await topic_states([order_topic(order.id)])).values()
        frames = await events_until(live, {state.topic: state.position}, timeout=5)
    assert [f.seq for f in frames] == list(range(subscribed.position + 1, state.position + 1))
    moved = next(f for f in frames if f.event == "order.units_moved")
    assert moved.data["by_system"] == "erp"
    assert len(moved.data["units"]) == 3
