"""A client cannot flood the server's log: protocol noise is one line a minute."""

from __future__ import annotations

import logging

import pytest

from realtime.log_noise import ClientNoiseFilter
from tests.factories import make_world
from tests.live_fixtures import issue_token
from tests.raw_websocket import TEXT, RawSocket, frame

NOISE = "Invalid UTF-8 sequence received from client."


def record(message: str) -> logging.LogRecord:
    try:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
    except UnicodeDecodeError as exc:
        return logging.LogRecord(
            "uvicorn.error", logging.ERROR, __file__, 1, message, None, (type(exc), exc, None)
        )


def test_noise_passes_once_per_interval_as_a_warning_counting_what_it_left_out():
    now = [100.0]
    noise = ClientNoiseFilter(interval=60, clock=lambda: now[0])
    first = record(NOISE)
    assert noise.filter(first)
    assert (first.levelno, first.levelname, first.exc_info) == (logging.WARNING, "WARNING", None)
    assert [noise.filter(record(NOISE)) for _ in range(5)] == [False] * 5
    now[0] = 159.9
    assert not noise.filter(record(NOISE))
    now[0] = 160.0
    later = record(NOISE)
    assert noise.filter(later)
    assert later.getMessage() == f"{NOISE} (6 more since the last such line)"


def test_other_records_pass_untouched():
    noise = ClientNoiseFilter(interval=60, clock=lambda: 0.0)
    assert noise.filter(record(NOISE))
    other = record("Exception in ASGI application\n")
    assert noise.filter(other)
    assert (other.levelno, other.exc_info is not None) == (logging.ERROR, True)


@pytest.mark.parametrize("_migrated_database_url", ["sqlite"], indirect=True)
async def test_forty_bad_frames_leave_one_line_and_no_traceback_in_the_server_log(
    db, live_server, tmp_path
):
    await make_world()
    _, token = await issue_token(live_server, "alice@test.example")
    for _ in range(40):
        abuser = await RawSocket.open(live_server, token)
        await abuser.send(frame(TEXT, b'{"type": "ping", "id": "\xff"}'))
        assert (await abuser.closed()).code == 1007
    log = (tmp_path / "live_server.log").read_text(errors="replace")
    assert log.count(NOISE) == 1, log
    assert "Traceback" not in log, log
