"""What every system in the benchmark carries: one event shape and one frame layout.

The cabinet frames its events itself (the gateway wraps the committed payload in an
`event` frame); the baselines forward frames that the producer built with the same
encoder, so every client receives byte-for-byte the same kind of frame and measures
latency the same way: receipt time minus the `sent` stamp inside the event.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

from realtime.protocol import Event, encode_server_frame

STAGES = ("queued", "cutting", "assembly", "painting", "packed")

PLAIN_CHANNEL_PREFIX = "bench-ws:"
"""Redis channel of a topic for the plain `websockets` baseline: prefix + topic."""
CHANNELS_LAYER_PREFIX = "bench-dj"
"""channels-redis prefix of the Django Channels baseline (groups are `realtime.bus.group_name`)."""
CHANNELS_EVENT_TYPE = "bench.event"
"""The group message type; Channels dispatches it to the consumer's `bench_event`."""


class BoardTick(msgspec.Struct, tag="bench.board_tick", tag_field="type", kw_only=True):
    """An order-board change shaped like the cabinet's own progress events (~250 bytes)."""

    order_id: int
    number: str
    dealer_id: int
    version: int
    at: datetime
    stages: dict[str, int]
    sent: float
    """`time.time()` when the producer made the event: latency is receipt minus this."""


def board_topic(dealer_id: int) -> str:
    """The topic the clients of one dealer subscribe to (the cabinet's board topic)."""
    return f"dealer:{dealer_id}:orders"


def tick(dealer_id: int, serial: int, sent: float) -> BoardTick:
    """One event for a dealer's board, stamped with its send time."""
    spread = serial % 7
    return BoardTick(
        order_id=100_000 + serial,
        number=f"{100_000 + serial:06d}",
        dealer_id=dealer_id,
        version=serial,
        at=datetime.fromtimestamp(sent, UTC),
        stages={s: (spread + i) % 5 for i, s in enumerate(STAGES)},
        sent=sent,
    )


_encode = msgspec.json.Encoder()


def baseline_frame(topic: str, seq: int, event: BoardTick) -> bytes:
    """The `event` frame the cabinet's gateway would send for this event, for the baselines."""
    frame = Event(
        topic=topic,
        seq=seq,
        event="bench.board_tick",
        data=msgspec.Raw(_encode.encode(event)),
        time=event.at.isoformat().replace("+00:00", "Z"),
    )
    return encode_server_frame(frame, msgpack=False)


class _Stamp(msgspec.Struct):
    sent: float = 0.0


class Incoming(msgspec.Struct):
    """The fields a benchmark client looks at in any server frame (others are ignored)."""

    type: str
    topic: str = ""
    seq: int = 0
    position: int | None = None
    epoch: str = ""
    data: _Stamp | None = None
    reason: str = ""


decode_incoming = msgspec.json.Decoder(Incoming).decode


class SubscribeFrame(msgspec.Struct, tag="subscribe", tag_field="type", omit_defaults=True):
    """The client's `subscribe` frame (the cabinet's protocol; the baselines read the topic)."""

    topic: str
    id: str | None = None
    position: int | None = None
    epoch: str | None = None


def subscribe_frame(topic: str, position: int | None = None, epoch: str | None = None) -> str:
    """JSON text of a subscribe frame, resuming after `position` when given."""
    return _encode.encode(SubscribeFrame(topic, "s", position, epoch or None)).decode()


PING_FRAME = '{"type":"ping"}'
PONG_FRAME = '{"type":"pong"}'
