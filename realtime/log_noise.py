"""What clients can make the server log, kept to one line a minute.

uvicorn logs every websocket text frame that is not UTF-8 as an ERROR with a traceback
("Invalid UTF-8 sequence received from client."), so one client sending such frames in a
loop could fill the error log and bury real errors. The connection is closed with 1007
either way (tests/test_live_frames.py); the log keeps one WARNING, without the traceback,
per `interval`, saying how many it left out since the last one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

__all__ = ["ClientNoiseFilter", "quiet_client_noise"]

CLIENT_NOISE = frozenset({"Invalid UTF-8 sequence received from client."})
"""uvicorn's messages for a client's protocol errors (`uvicorn.error`)."""


class ClientNoiseFilter(logging.Filter):
    """Lets one client-noise record through per `interval`, as a WARNING without traceback."""

    def __init__(self, interval: float = 60.0, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.interval = interval
        self.clock = clock
        self._quiet_until = float("-inf")
        self._left_out = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg not in CLIENT_NOISE:
            return True
        now = self.clock()
        if now < self._quiet_until:
            self._left_out += 1
            return False
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text = None, None
        if self._left_out:
            record.msg = f"{record.msg} ({self._left_out} more since the last such line)"
        self._left_out = 0
        self._quiet_until = now + self.interval
        return True


def quiet_client_noise(logger_name: str = "uvicorn.error") -> None:
    """Installs the filter on uvicorn's error logger, once per process."""
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, ClientNoiseFilter) for f in logger.filters):
        logger.addFilter(ClientNoiseFilter())
