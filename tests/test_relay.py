"""The outbox relay stops when told, whatever it was doing.

Python 3.11's `asyncio.wait_for` swallows a cancellation that arrives while the awaited
thing has just completed; the relay waited for its commit nudge that way, so a commit
racing `stop()` left a relay that never stopped (a test hung for two minutes in CI).
"""

from __future__ import annotations

import asyncio

from realtime.bus import ChannelsRedisBus
from realtime.relay import Relay

TRIES = 50


async def stopped_in_time(relay: Relay) -> bool:
    """Stop the relay; False if it did not stop within 5 s (then force it, to clean up)."""
    stopping = asyncio.create_task(relay.stop())
    done, _ = await asyncio.wait({stopping}, timeout=5)
    if not done:
        assert relay._task is not None
        relay._task.cancel()  # a second cancellation lands while it waits normally
        await stopping
    return bool(done)


async def test_stop_racing_a_commit_nudge_always_stops(db, redis_url):
    bus = ChannelsRedisBus(redis_url)
    try:
        for attempt in range(TRIES):
            relay = Relay(bus, interval=5.0)
            await relay.start()
            for _ in range(3):  # let it settle into waiting for a nudge
                await asyncio.sleep(0)
            relay.nudge()  # a commit lands as the process shuts down
            assert await stopped_in_time(relay), f"attempt {attempt}: the relay kept running"
    finally:
        await bus.close()


async def test_stop_while_sweeping_or_idle_stops(db, redis_url):
    bus = ChannelsRedisBus(redis_url)
    try:
        for pause in (0, 0.01, 0.05):
            relay = Relay(bus, interval=0.01)
            await relay.start()
            await asyncio.sleep(pause)
            assert await stopped_in_time(relay), f"after {pause} s: the relay kept running"
    finally:
        await bus.close()
