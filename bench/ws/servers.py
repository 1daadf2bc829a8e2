"""The three systems under test, each started as its own server process on loopback.

Every server runs in one process with uvloop and permessage-deflate off; the two served
by uvicorn get the same flags as production (`--ws-max-size 65536
--ws-per-message-deflate false`). Memory is the process's resident set (VmRSS) and CPU
its user+system time, both read from /proc.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.ws.cabinet_app import COUNTERS_PATH

SYSTEMS = ("cabinet", "websockets", "channels")
TITLES = {
    "cabinet": "cabinet gateway",
    "websockets": "websockets.broadcast",
    "channels": "Django Channels",
}
PRODUCER_MODE = {"cabinet": "cabinet", "websockets": "plain", "channels": "channels"}
UVICORN_FLAGS = [
    "--ws-max-size",
    "65536",
    "--ws-per-message-deflate",
    "false",
    "--log-level",
    "warning",
    "--no-access-log",
]
_TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    """A running server process of one system."""

    system: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/v1"

    def rss_bytes(self) -> int:
        """Resident memory of the server process now."""
        return proc_rss(self.process.pid)

    def cpu_seconds(self) -> float:
        """User plus system CPU time the server process has used so far."""
        return proc_cpu(self.process.pid)

    def counters(self) -> dict[str, Any]:
        """The cabinet's instrumentation counters (empty for the baselines)."""
        if self.system != "cabinet":
            return {}
        url = f"http://127.0.0.1:{self.port}{COUNTERS_PATH}"
        with urllib.request.urlopen(url, timeout=30) as answer:
            return json.loads(answer.read())

    def stop(self) -> None:
        """Terminate the server (SIGKILL after a grace period)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def proc_rss(pid: int) -> int:
    """VmRSS of a process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def proc_cpu(pid: int) -> float:
    """utime + stime of a process, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _command(system: str, port: int, redis_url: str) -> list[str]:
    uvicorn = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", str(port)]
    if system == "cabinet":
        return [*uvicorn, "bench.ws.cabinet_app:create_app", "--factory", *UVICORN_FLAGS]
    if system == "channels":
        return [*uvicorn, "bench.ws.channels_app:application", *UVICORN_FLAGS]
    return [
        sys.executable,
        "-m",
        "bench.ws.plain_server",
        "--port",
        str(port),
        "--redis",
        redis_url,
    ]


def start(system: str, *, redis_url: str, database_url: str, workdir: Path) -> Server:
    """Start one system's server and wait until it accepts connections."""
    port = free_port()
    log = workdir / f"{system}-{port}.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "BENCH_REDIS_URL": redis_url,
        "VAR_DIR": str(workdir / "var"),
        "SECRET_KEY": "bench-ws-only",
        "LIVE_SWEEP_SECONDS": "2",
        "PYTHONUNBUFFERED": "1",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            _command(system, port, redis_url),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).resolve().parents[2],
        )
    server = Server(system, port, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{system} server exited: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                pass
            if system == "cabinet":
                server.counters()  # the lifespan (database, hub, relay) has run
            return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{system} server did not start: {log.read_text()[-2000:]}")
