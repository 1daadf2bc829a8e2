"""`make run` keeps its worker alive: a worker that dies is started again, a stop is a stop."""

from __future__ import annotations

import os
import signal
import sys
import time

from app.embedded_worker import SupervisedWorker

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def _wait_for(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def test_a_worker_that_dies_is_started_again_and_stop_ends_it() -> None:
    worker = SupervisedWorker(SLEEPER, first_delay=0.05)
    worker.start()
    try:
        first = worker.process
        assert first is not None
        os.kill(first.pid, signal.SIGKILL)  # as if Redis dropped and arq gave up, or OOM
        _wait_for(lambda: worker.restarts == 1 and worker.process is not first)
        assert worker.process is not None and worker.process.poll() is None
    finally:
        worker.stop(timeout=5)
    assert worker.process.poll() is not None
    time.sleep(0.2)  # longer than the restart delay: nothing comes back after a stop
    assert worker.restarts == 1


def test_restarts_back_off_while_the_worker_keeps_failing() -> None:
    worker = SupervisedWorker([sys.executable, "-c", "raise SystemExit(3)"], first_delay=0.05)
    worker.start()
    try:
        _wait_for(lambda: worker.restarts >= 3)
    finally:
        worker.stop(timeout=5)
    # 0.05 + 0.1 + 0.2 s of waiting at least: doubled after each quick failure.
    assert worker.restarts < 10
