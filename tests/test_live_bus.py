"""The bus over a real Redis-protocol server: a batch published in one round trip arrives
like single publishes do, in order, at another process's layer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from realtime.bus import ChannelsRedisBus
from realtime.history import StreamEvent


def _event(topic: str, seq: int) -> StreamEvent:
    return StreamEvent(topic, seq, "order.updated", f'{{"n":{seq}}}', datetime.now(UTC))


async def test_a_batch_reaches_subscribers_in_order_like_single_events(redis_url) -> None:
    publisher, subscriber = ChannelsRedisBus(redis_url), ChannelsRedisBus(redis_url)
    try:
        await subscriber.subscribe("order:1")
        await subscriber.subscribe("dealer:2:orders")
        await publisher.publish(_event("order:1", 1))
        batch = [_event("order:1", 2), _event("dealer:2:orders", 1), _event("order:1", 3)]
        await publisher.publish_many(batch)
        await publisher.publish_many([])  # nothing to send is not an error
        got = [await asyncio.wait_for(subscriber.receive(), 5) for _ in range(4)]
        assert [(e.topic, e.seq, e.payload) for e in got] == [
            ("order:1", 1, '{"n":1}'),
            ("order:1", 2, '{"n":2}'),
            ("dealer:2:orders", 1, '{"n":1}'),
            ("order:1", 3, '{"n":3}'),
        ]
        assert got[1].occurred_at == batch[0].occurred_at
    finally:
        await publisher.close()
        await subscriber.close()
