"""Raw websocket frame abuse, after the sections of the Autobahn|Testsuite.

Autobahn cannot run here, so its cases are rebuilt by hand: a client that writes whatever
bytes it is given after a normal upgrade handshake, and Hypothesis to vary lengths,
opcodes, fragment boundaries, close codes and payloads. Each offending connection must be
failed with the close code RFC 6455 asks for (1002 protocol error, 1007 invalid payload,
1009 too big), and a well-behaved client connected at the same time keeps streaming.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.factories import make_world
from tests.live_fixtures import RecordingClient, append_notes, events_until, issue_token
from tests.live_helpers import running_relay, ws_url
from tests.raw_websocket import (
    BINARY,
    CLOSE,
    CONT,
    PING,
    PONG,
    TEXT,
    Closed,
    RawSocket,
    close_payload,
    fragments,
    frame,
    message_frames,
    ping_message,
)

RESERVED_OPCODES = [*range(0x3, 0x8), *range(0xB, 0x10)]
MAX_MESSAGE = 64 * 1024  # uvicorn's --ws-max-size, as in the Procfile
SIZED_ID = "sized"
SERVER_FAILURES = ("Exception in ASGI application", "websocket loop failed", "parser failed")

# The frames reach uvicorn and the gateway, never a query: one database dialect is enough.
pytestmark = pytest.mark.parametrize("_migrated_database_url", ["sqlite"], indirect=True)


@dataclass
class Stage:
    """A served app, a person's token, and a bystander streaming that person's topic."""

    base_url: str
    token: str
    topic: str
    bystander: RecordingClient
    server_log: Path
    notes: int = 0

    async def abuser(self) -> RawSocket:
        """A raw connection of the same person, subscribed to the bystander's topic."""
        raw = await RawSocket.open(self.base_url, self.token)
        answer = await raw.request({"type": "subscribe", "topic": self.topic, "id": "s"})
        assert answer["type"] == "subscribed", answer
        return raw

    async def others_keep_streaming(self) -> None:
        """A new event reaches the bystander, on its first and only connection, and the
        server logged no failure of its own."""
        self.notes += 1
        await append_notes(self.topic, 1, start=self.notes)
        [event] = await events_until(self.bystander, {self.topic: self.notes}, timeout=5)
        assert (event.seq, event.data["n"]) == (self.notes, self.notes)
        assert self.bystander.connects == 1
        log = self.server_log.read_text(errors="replace")
        assert not [failure for failure in SERVER_FAILURES if failure in log], log


@pytest.fixture
async def stage(db, live_server, redis_url, tmp_path) -> AsyncIterator[Stage]:
    """The app under uvicorn, with alice's bystander subscribed to her personal topic."""
    world = await make_world()
    _, token = await issue_token(live_server, "alice@test.example")
    topic = f"user:{world.people['alice'].id}"
    async with (
        running_relay(redis_url),
        RecordingClient(ws_url(live_server), token=token) as bystander,
    ):
        await bystander.subscribe(topic)
        yield Stage(live_server, token, topic, bystander, tmp_path / "live_server.log")


# --- cases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Abuse:
    """What a client writes, and how the server must answer."""

    rule: str
    wire: bytes
    close_code: int | None
    """The code of the server's close frame (1005: one without a body); None when the
    message is legal and the gateway answers the `ping` in it (id `SIZED_ID`)."""
    echo: bytes | None = None
    """The body of the server's close frame, when it must echo the client's."""


@dataclass(frozen=True)
class Fragmented:
    """A legal message in fragments, with control frames between them."""

    frame_id: str
    wire: bytes
    pings: list[bytes]


@dataclass(frozen=True)
class Chopped:
    """A legal frame written in pieces, maybe never finished."""

    rule: str
    chunks: list[bytes]


def refused_close(code: int) -> Abuse:
    """A close frame with a code no endpoint may send."""
    return Abuse(f"close code {code}", frame(CLOSE, close_payload(code)), 1002)


def echoed_close(code: int, reason: bytes = b"") -> Abuse:
    """A valid close frame, which the server echoes as it came (RFC 6455 5.5.1)."""
    body = close_payload(code, reason)
    return Abuse(f"close code {code}", frame(CLOSE, body), code, body)


def message_of(size: int, cuts: Sequence[int] = ()) -> Abuse:
    """A JSON `ping` padded to `size` bytes, in fragments cut at `cuts`."""
    message = ping_message(SIZED_ID)
    padded = message[:-1] + b" " * (size - len(message)) + b"}"
    rule = f"{size} bytes in {len(cuts) + 1} frame(s)"
    return Abuse(
        rule, message_frames(TEXT, fragments(padded, cuts)), None if size <= MAX_MESSAGE else 1009
    )


def examples(argument: str, cases: list[object]) -> Callable[[Callable[..., object]], object]:
    """Run these named cases before the generated ones, on every run."""

    def add(test: Callable[..., object]) -> object:
        for case in reversed(cases):
            test = example(**{argument: case})(test)
        return test

    return add


KOSME = ping_message("κόσμε")  # Autobahn's UTF-8 sample: 2- and 3-byte characters
EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same examples on every run
    database=None,
    # One live server and bystander per test, shared by its examples on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
DATA_OPCODES = st.sampled_from([TEXT, BINARY])
CONTROL_OPCODES = st.sampled_from([CLOSE, PING, PONG])
VALID_OPCODES = st.sampled_from([CONT, TEXT, BINARY, CLOSE, PING, PONG])
CONTROL_PAYLOADS = st.binary(max_size=125)
REGISTERED_CLOSE_CODES = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014]
VALID_CLOSE_CODES = st.one_of(st.sampled_from(REGISTERED_CLOSE_CODES), st.integers(3000, 4999))
# 1004-1006 and 1015 are reserved or must never be sent; 1016-2999 are unassigned.
INVALID_CLOSE_CODES = st.one_of(
    st.sampled_from([1004, 1005, 1006, 1015]),
    st.integers(0, 999),
    st.integers(1016, 2999),
    st.integers(5000, 65535),
)
BAD_UTF8 = [
    b"\x80",  # a lone continuation byte
    b"\xbf\x80",
    b"\xc0\xaf",  # overlong "/"
    b"\xe0\x80\xaf",
    b"\xf0\x80\x80\xaf",
    b"\xc2A",  # a sequence cut short
    b"\xe2\x82A",
    b"\xed\xa0\x80",  # a UTF-16 surrogate
    b"\xed\xbf\xbf",
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\xf8\x88\x80\x80\x80",  # 5- and 6-byte forms
    b"\xfc\x84\x80\x80\x80\x80",
    b"\xfe",
    b"\xff",
    b"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80edited",  # Autobahn 6.4
]
# Frames a well-behaved client may send at any time.
HARMLESS_FRAMES = st.one_of(
    st.builds(lambda n: frame(TEXT, ping_message(f"early{n}")), st.integers(0, 9)),
    st.builds(lambda payload: frame(PING, payload), CONTROL_PAYLOADS),
    st.builds(lambda payload: frame(PONG, payload), CONTROL_PAYLOADS),
)


@st.composite
def malformed_frames(draw: st.DrawFn) -> Abuse:
    """RFC 6455 5.1-5.5: masking, reserved bits, reserved opcodes, control frame sizes."""
    rule = draw(
        st.sampled_from(
            ["unmasked", "reserved bits", "reserved opcode", "control frame over 125 bytes"]
        )
    )
    if rule == "unmasked":
        bad = frame(draw(VALID_OPCODES), draw(CONTROL_PAYLOADS), masked=False)
    elif rule == "reserved bits":
        rsv = draw(st.integers(1, 7))
        bad = frame(draw(VALID_OPCODES), draw(CONTROL_PAYLOADS), rsv=rsv)
    elif rule == "reserved opcode":
        opcode = draw(st.sampled_from(RESERVED_OPCODES))
        bad = frame(opcode, draw(st.binary(max_size=300)), fin=draw(st.booleans()))
    else:
        bad = frame(draw(CONTROL_OPCODES), draw(st.binary(min_size=126, max_size=2000)))
    before = b"".join(draw(st.lists(HARMLESS_FRAMES, max_size=2)))
    return Abuse(rule, before + bad, 1002)


@st.composite
def fragmentation_violations(draw: st.DrawFn) -> Abuse:
    """RFC 6455 5.4: continuations need a start, control frames are never fragmented,
    and a data message must end before the next one starts."""
    rule = draw(
        st.sampled_from(
            [
                "continuation without a start",
                "fragmented control frame",
                "new message inside a fragmented one",
                "close inside a fragmented message",
            ]
        )
    )
    opening = frame(draw(DATA_OPCODES), draw(st.binary(max_size=50)), fin=False)
    middle = [
        frame(CONT, part, fin=False) for part in draw(st.lists(st.binary(max_size=20), max_size=2))
    ]
    if draw(st.booleans()):
        middle.append(frame(PING, draw(CONTROL_PAYLOADS)))
    started = opening + b"".join(middle)
    if rule == "continuation without a start":
        finished = b"".join(draw(st.lists(HARMLESS_FRAMES, max_size=2)))
        wire = finished + frame(CONT, draw(CONTROL_PAYLOADS), fin=draw(st.booleans()))
    elif rule == "fragmented control frame":
        opcode = draw(CONTROL_OPCODES)
        payload = close_payload(1000) if opcode == CLOSE else draw(CONTROL_PAYLOADS)
        wire = frame(opcode, payload, fin=False)
    elif rule == "new message inside a fragmented one":
        wire = started + frame(draw(DATA_OPCODES), b"{}", fin=draw(st.booleans()))
    else:
        # Control frames may come between fragments, and a close is one: the RFC would
        # allow echoing it, but websockets fails the unfinished message instead.
        wire = started + frame(CLOSE, close_payload(draw(VALID_CLOSE_CODES)))
    return Abuse(rule, wire, 1002)


@st.composite
def fragmented_messages(draw: st.DrawFn) -> Fragmented:
    """RFC 6455 5.4-5.5: fragments of any size (empty too, text cut inside a character),
    with pings (answered, in order) and unsolicited pongs (ignored) between them."""
    frame_id = draw(st.text(max_size=20))
    if draw(st.booleans()):
        opcode, payload = TEXT, ping_message(frame_id)
    else:  # the gateway reads binary frames as MessagePack
        opcode, payload = BINARY, msgspec.msgpack.encode({"type": "ping", "id": frame_id})
    parts = fragments(payload, draw(st.lists(st.integers(0, len(payload)), max_size=5)))
    gaps = draw(
        st.lists(
            st.lists(st.tuples(st.sampled_from([PING, PONG]), CONTROL_PAYLOADS), max_size=2),
            min_size=len(parts) - 1,
            max_size=len(parts) - 1,
        )
    )
    between = [b"".join(frame(control, data) for control, data in gap) for gap in gaps]
    pings = [data for gap in gaps for control, data in gap if control == PING]
    return Fragmented(frame_id, message_frames(opcode, parts, between), pings)


@st.composite
def invalid_utf8_texts(draw: st.DrawFn) -> Abuse:
    """RFC 6455 8.1: a text message must be UTF-8, checked on the whole message."""
    text = (
        b'{"type": "ping", "id": "'
        + draw(st.text(max_size=10)).encode()
        + draw(st.sampled_from(BAD_UTF8))
        + draw(st.text(max_size=10)).encode()
        + b'"}'
    )
    cuts = draw(st.lists(st.integers(0, len(text)), max_size=4))
    rule = "invalid UTF-8 in fragments" if cuts else "invalid UTF-8"
    return Abuse(rule, message_frames(TEXT, fragments(text, cuts)), 1007)


@st.composite
def close_frames(draw: st.DrawFn) -> Abuse:
    """RFC 6455 5.5.1, 7.1.5, 7.4: what a close frame may carry, and what follows it."""
    rule = draw(
        st.sampled_from(
            ["valid code", "no body", "invalid code", "one byte body", "reason not UTF-8"]
        )
    )
    # At most 100 bytes, so that a body with a bad sequence added still fits in 125.
    reason = draw(st.text(max_size=30)).encode()[:100]
    reason = reason.decode(errors="ignore").encode()  # the cut may split a character
    if rule == "valid code":
        closing = echoed_close(draw(VALID_CLOSE_CODES), reason)
    elif rule == "no body":
        closing = Abuse(rule, frame(CLOSE), 1005, b"")
    elif rule == "invalid code":
        closing = Abuse(rule, frame(CLOSE, close_payload(draw(INVALID_CLOSE_CODES), reason)), 1002)
    elif rule == "one byte body":
        closing = Abuse(rule, frame(CLOSE, draw(st.binary(min_size=1, max_size=1))), 1002)
    else:
        body = close_payload(draw(VALID_CLOSE_CODES), reason + draw(st.sampled_from(BAD_UTF8)))
        closing = Abuse(rule, frame(CLOSE, body), 1007)
    # After a close, the server reads nothing more: none of these may be answered.
    after = b"".join(draw(st.lists(HARMLESS_FRAMES, max_size=2)))
    return Abuse(closing.rule, closing.wire + after, closing.close_code, closing.echo)


@st.composite
def sized_messages(draw: st.DrawFn) -> Abuse:
    """The 64 KiB message limit: up to it is read, beyond it closes with 1009."""
    if draw(st.booleans()):
        # Up to 2**64 - 1: RFC 6455 5.2 wants the top bit clear, but any length over the
        # limit is refused from the header alone, before the payload is read.
        size = draw(st.integers(MAX_MESSAGE + 1, (1 << 64) - 1))
        return Abuse(
            f"header announcing {size} bytes", frame(draw(DATA_OPCODES), length=size), 1009
        )
    size = draw(st.integers(MAX_MESSAGE - 16, MAX_MESSAGE + 16))
    return message_of(size, draw(st.lists(st.integers(0, size), max_size=3)))


@st.composite
def chopped_frames(draw: st.DrawFn) -> Chopped:
    """RFC 6455 5.2-5.3: a frame may arrive in any pieces, under any masking key, with
    its length in a longer encoding than needed; a client may vanish in mid-frame."""
    payload = ping_message("chopped") + b" " * draw(st.sampled_from([0, 100, 300]))
    # RFC 6455 asks senders for the shortest length encoding; receivers accept longer ones.
    width = draw(st.sampled_from([None, 2, 8]))
    wire = frame(TEXT, payload, key=draw(st.binary(min_size=4, max_size=4)), width=width)
    cuts = draw(st.lists(st.integers(1, len(wire) - 1), min_size=1, max_size=4, unique=True))
    chunks = fragments(wire, cuts)
    if draw(st.booleans()):
        return Chopped("pieces", chunks)
    return Chopped("hang up mid-frame", chunks[: draw(st.integers(1, len(chunks) - 1))])


# --- the tests --------------------------------------------------------------------------


async def assert_closed_as_expected(abuser: RawSocket, abuse: Abuse) -> Closed:
    """The server closes with the expected code (and echoes a valid close), then ends TCP."""
    closed = await abuser.closed()
    assert closed.code == abuse.close_code, (abuse.rule, closed.payload)
    if abuse.echo is not None:
        assert closed.payload == abuse.echo, (abuse.rule, closed.payload)
    return closed


@EXAMPLES
@given(abuse=malformed_frames())
@examples(
    "abuse",
    [
        Abuse("unmasked", frame(TEXT, ping_message("u"), masked=False), 1002),
        Abuse("RSV1 without an extension", frame(TEXT, ping_message("r"), rsv=4), 1002),
        Abuse("RSV3 on a ping", frame(PING, b"p", rsv=1), 1002),
        *(Abuse(f"opcode {op:#x}", frame(op, b"x"), 1002) for op in RESERVED_OPCODES),
        Abuse("ping of 126 bytes", frame(PING, b"p" * 126), 1002),
    ],
)
async def test_malformed_frames_close_with_protocol_error(stage, abuse):
    abuser = await stage.abuser()
    await abuser.send(abuse.wire)
    await stage.others_keep_streaming()
    await assert_closed_as_expected(abuser, abuse)


@EXAMPLES
@given(abuse=fragmentation_violations())
@examples(
    "abuse",
    [
        Abuse("continuation without a start", frame(CONT, b"x"), 1002),
        Abuse("fragmented ping", frame(PING, b"p", fin=False) + frame(CONT, b"q"), 1002),
        Abuse("text inside a text", frame(TEXT, b"{", fin=False) + frame(TEXT, b"{}"), 1002),
    ],
)
async def test_fragmentation_violations_close_with_protocol_error(stage, abuse):
    abuser = await stage.abuser()
    await abuser.send(abuse.wire)
    await stage.others_keep_streaming()
    await assert_closed_as_expected(abuser, abuse)


@EXAMPLES
@given(message=fragmented_messages())
@examples(
    "message",
    [
        Fragmented(  # Autobahn 5.6: a ping between two fragments
            "p1",
            message_frames(TEXT, fragments(ping_message("p1"), [5]), [frame(PING, b"hi")]),
            [b"hi"],
        ),
        Fragmented(  # Autobahn 6.2: "κόσμε" one byte per fragment, cut inside characters
            "κόσμε",
            message_frames(TEXT, fragments(KOSME, range(1, len(KOSME)))),
            [],
        ),
    ],
)
async def test_fragmented_messages_are_read_with_control_frames_between(stage, message):
    abuser = await stage.abuser()
    await abuser.send(message.wire)
    await stage.others_keep_streaming()
    before, answer = await abuser.answer_to(message.frame_id)
    assert answer["type"] == "pong"
    assert [data for opcode, data in before if opcode == PONG] == message.pings
    assert {opcode for opcode, _ in before} <= {PONG, TEXT}  # pongs and the live event
    abuser.abort()


@EXAMPLES
@given(abuse=invalid_utf8_texts())
@examples(
    "abuse",
    [
        Abuse("a surrogate", frame(TEXT, b'"\xed\xa0\x80"'), 1007),
        Abuse(  # valid up to the last fragment
            "invalid UTF-8 in the last fragment",
            message_frames(TEXT, [b'{"id": "\xce', b'\xba"', b"\xff}"]),
            1007,
        ),
    ],
)
async def test_text_that_is_not_utf8_closes_with_1007(stage, abuse):
    abuser = await stage.abuser()
    await abuser.send(abuse.wire)
    await stage.others_keep_streaming()
    await assert_closed_as_expected(abuser, abuse)


@EXAMPLES
@given(abuse=close_frames())
@examples(
    "abuse",
    [
        *(echoed_close(code, b"bye") for code in (1000, 1001, 3000, 4999)),
        Abuse("close without a body", frame(CLOSE), 1005, b""),
        *(refused_close(code) for code in (0, 999, 1004, 1005, 1006, 1015, 1016, 5000, 65535)),
        Abuse("close body of one byte", frame(CLOSE, b"\x03"), 1002),
        Abuse("close reason not UTF-8", frame(CLOSE, close_payload(1000, b"\xff\xfe")), 1007),
        Abuse("close body of 126 bytes", frame(CLOSE, close_payload(1000, b"x" * 124)), 1002),
    ],
)
async def test_close_frames_are_echoed_or_refused(stage, abuse):
    abuser = await stage.abuser()
    await abuser.send(abuse.wire)
    await stage.others_keep_streaming()
    closed = await assert_closed_as_expected(abuser, abuse)
    answered = [data for opcode, data in closed.before if opcode == PONG or b'"pong"' in data]
    assert not answered, f"{abuse.rule}: frames after a close were answered"


@EXAMPLES
@given(abuse=sized_messages())
@examples(
    "abuse",
    [
        message_of(MAX_MESSAGE),
        message_of(MAX_MESSAGE + 1),
        message_of(MAX_MESSAGE + 1, [40_000]),
        Abuse("header announcing 2**63 bytes", frame(BINARY, length=1 << 63), 1009),
    ],
)
async def test_messages_over_64_kib_close_with_1009(stage, abuse):
    abuser = await stage.abuser()
    await abuser.send(abuse.wire)
    await stage.others_keep_streaming()
    if abuse.close_code is None:  # up to the limit: read and answered
        _, answer = await abuser.answer_to(SIZED_ID)
        assert answer["type"] == "pong", (abuse.rule, answer)
        abuser.abort()
    else:
        await assert_closed_as_expected(abuser, abuse)


@EXAMPLES
@given(chopped=chopped_frames())
async def test_frames_in_pieces_are_read_and_a_half_frame_blocks_no_one(stage, chopped):
    abuser = await stage.abuser()
    first, *rest = chopped.chunks
    await abuser.send(first)
    await stage.others_keep_streaming()  # while this connection's frame is unfinished
    for chunk in rest:
        await asyncio.sleep(0.005)  # separate TCP segments, read one by one
        await abuser.send(chunk)
    if chopped.rule == "pieces":
        _, answer = await abuser.answer_to("chopped")
        assert answer["type"] == "pong"
        abuser.abort()
    else:
        abuser.hang_up()
        closed = await abuser.closed()
        assert closed.code is None  # nobody left to tell: the server just ends TCP
    await stage.others_keep_streaming()
