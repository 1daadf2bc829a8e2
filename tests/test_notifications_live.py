"""The bell is live: a notification reaches an open websocket of its person, and only theirs."""

from __future__ import annotations

import time

import httpx
import pytest

from app.notifications.events import user_topic
from app.notifications.models import Notification, NotificationKind
from app.orders import production
from app.orders.models import UnitStage
from realtime.client import LiveError
from tests import live_fixtures
from tests.factories import make_world
from tests.live_fixtures import RecordingClient, issue_token
from tests.notification_helpers import confirmed_order, run_pipeline

web_processes = live_fixtures.web_processes
worker_processes = live_fixtures.worker_processes


async def notification_events(live: RecordingClient, count: int, timeout: float = 10) -> list:
    """The next `count` notification events, failing on anything else or on a timeout."""
    frames = []
    deadline = time.monotonic() + timeout
    while len(frames) < count:
        frame = await live.next_frame(max(0.1, deadline - time.monotonic()))
        assert getattr(frame, "event", "").startswith("notification."), frame
        frames.append(frame)
    return frames


async def test_the_bell_follows_new_and_read_notifications_over_a_real_websocket(db, web_processes):
    world = await make_world()
    viewer = world.people["viewer"]
    [web] = web_processes.start(1, sweep_seconds=1)
    _, token = await issue_token(web.url, "viewer@test.example")
    async with RecordingClient(web.ws_url, token=token) as live:
        await live.subscribe(user_topic(viewer.id))
        with pytest.raises(LiveError) as refused:
            await live.subscribe(user_topic(world.people["alice"].id))
        assert refused.value.code in ("forbidden", "not_found", "unknown_topic")
        await confirmed_order(world, "alice")
        await run_pipeline()  # here, not in a worker: published by the web process's relay
        created = await notification_events(live, 2)
        assert [f.data["unread"] for f in created] == [1, 2]
        assert created[1].data["kind"] == NotificationKind.ORDER_CONFIRMED
        async with httpx.AsyncClient(
            base_url=web.url, headers={"Authorization": f"Bearer {token}"}
        ) as api:
            marked = await api.post(
                f"/api/v1/me/notifications/{created[0].data['notification_id']}/read"
            )
            assert marked.json() == {"marked": 1, "unread": 1}
            [read] = await notification_events(live, 1)
            assert read.event == "notification.read" and read.data["unread"] == 1
    assert all(f.topic == user_topic(viewer.id) for f in live.received if hasattr(f, "topic"))


async def test_units_shipped_by_the_erp_become_a_live_notification_through_a_real_worker(
    db, web_processes, worker_processes
):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    alice = world.people["alice"]
    [web] = web_processes.start(1, sweep_seconds=30)  # only the bus, no sweep, carries it
    worker_processes.start()
    _, token = await issue_token(web.url, "alice@test.example")
    async with RecordingClient(web.ws_url, token=token) as live:
        await live.subscribe(user_topic(alice.id), position=0)
        # The confirmation (made before the worker ran, maybe before we subscribed) first.
        [confirmed] = await notification_events(live, 1, timeout=15)
        assert confirmed.data["kind"] == NotificationKind.ORDER_CONFIRMED
        began = time.monotonic()
        await production.move_units(None, order.id, UnitStage.SHIPPED, by_system="erp")
        [first] = await notification_events(live, 1)
        took = time.monotonic() - began
        frames = [first]
        while frames[-1].data["kind"] != NotificationKind.ORDER_SHIPPED:
            frames += await notification_events(live, 1)
    # The units' stage, then the statuses the order passed (in production, ready), shipped.
    kinds = [f.data["kind"] for f in frames]
    assert (
        kinds[0] == NotificationKind.UNIT_STAGE and kinds.count(NotificationKind.ORDER_SHIPPED) == 1
    )
    assert [f.data["unread"] for f in frames] == list(range(2, 2 + len(frames)))
    # Through the bus, not the 30 s sweep (a bound for liveness, not a speed target:
    # docs/benchmarks.md has the figures).
    assert took < 10, f"{took:.2f} s from the ERP's move to the bell"
    print(f"\nERP move -> notification on the websocket: {took * 1000:.0f} ms")
    stage = await Notification.get(person_id=alice.id, kind=NotificationKind.UNIT_STAGE)
    assert '"stage": "shipped"' in stage.params
    assert await Notification.filter(person_id=world.people["bob"].id).count() == 0
