"""The embedded run's worker, kept alive: arq stops when its Redis connection breaks.

arq's worker exits on a Redis interruption (python-arq/arq#435, #498) and a crashed worker
is simply gone; in production the process manager (the Procfile's `worker`) restarts it.
`make run` has no process manager, so this supervisor restarts the worker when it ends
without being asked to, waiting a little longer after each quick failure.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from typing import IO

logger = logging.getLogger(__name__)

WORKER_COMMAND = (sys.executable, "-m", "workers")


class SupervisedWorker:
    """Runs `command` in a child process and restarts it whenever it ends on its own."""

    def __init__(
        self,
        command: Sequence[str] = WORKER_COMMAND,
        *,
        env: Mapping[str, str] | None = None,
        first_delay: float = 1.0,
        max_delay: float = 30.0,
        healthy_after: float = 60.0,
        output: IO[bytes] | None = None,
    ) -> None:
        """`env`: the worker's environment (this process's by default); `output`: where its
        stdout and stderr go (inherited by default)."""
        self.command = list(command)
        self.env = dict(env) if env is not None else None
        self.first_delay, self.max_delay, self.healthy_after = first_delay, max_delay, healthy_after
        self.output = output
        self.restarts = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)

    def start(self) -> None:
        """Start the worker and watch it."""
        self.process = self._spawn()
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the worker to finish its jobs and stop (SIGINT), then kill it if it lingers."""
        self._stopping.set()
        process = self.process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._thread.join(timeout=timeout)

    def _spawn(self) -> subprocess.Popen[bytes]:
        env = self.env if self.env is not None else os.environ.copy()
        return subprocess.Popen(self.command, env=env, stdout=self.output, stderr=self.output)

    def _watch(self) -> None:
        delay = self.first_delay
        while not self._stopping.is_set():
            assert self.process is not None
            started = time.monotonic()
            code = self.process.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - started >= self.healthy_after:
                delay = self.first_delay
            logger.warning("worker exited with %s; restarting in %.0f s", code, delay)
            print(f"worker exited with code {code}; restarting in {delay:.0f} s", flush=True)
            if self._stopping.wait(delay):
                return
            self.process = self._spawn()
            self.restarts += 1
            delay = min(delay * 2, self.max_delay)
