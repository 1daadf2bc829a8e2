"""Bearer tokens to actors: one statement for any number of tokens.

A reconnect storm brings thousands of handshakes within seconds, each with a token to
check. `actors_from_tokens` reads the tokens, their people and the people's dealer
scopes (`app.accounts.scopes`) in one statement, and `TokenLookups` gathers the
handshakes that ask at the same moment into one such statement.

Nothing is cached: every answer comes from a statement that began after the question
was asked, so a token revoked or a membership removed a moment before a handshake is
never honoured by it.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import TransactionalDBClient
from tortoise.connection import get_connection

from app.accounts.actor import Actor
from app.accounts.models import ApiToken
from app.accounts.scopes import SCOPE_ROWS, PersonFields, actor_of, scope_of
from app.accounts.security import digest
from app.statements import fetch, in_list
from realtime.history import stored_time

LAST_USED_RESOLUTION = timedelta(minutes=1)
"""`last_used_at` is written at most this often per token."""

_TOKENS = """
WITH t AS (
  SELECT k.token_hash AS token_hash, k.id AS token_id, k.active_dealer_id AS asked_dealer_id,
         k.last_used_at AS last_used_at, p.id AS person_id, p.email AS email,
         p.full_name AS full_name, p.language AS language, p.time_zone AS time_zone,
         p.staff_role AS staff_role
  FROM api_token k JOIN person p ON p.id = k.person_id
  WHERE k.token_hash IN {hashes} AND k.revoked_at IS NULL AND p.is_active = ?
)
SELECT t.*, s.kind AS kind, s.membership_id AS membership_id, s.dealer_id AS dealer_id,
       s.parent_id AS parent_id, s.can_place_orders AS can_place_orders,
       s.can_see_prices AS can_see_prices, s.can_see_finance AS can_see_finance,
       s.can_chat AS can_chat
FROM t LEFT JOIN ({scope}) s ON s.person_id = t.person_id
"""
# A token's columns come once per row of its person's scope (once, when it has none).
_STATEMENT = _TOKENS.replace("{scope}", SCOPE_ROWS.format(people="(SELECT person_id FROM t)"))


async def actors_from_tokens(secrets: Sequence[str]) -> dict[str, Actor]:
    """The actor of each token that is known, not revoked and of an active person.

    One statement, plus one that records the use of tokens not used for a minute."""
    hashes = {digest(secret): secret for secret in secrets}
    if not hashes:
        return {}
    rows = await fetch(_STATEMENT.format(hashes=in_list(list(hashes))), [*hashes, True, True, True])
    by_token: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_token.setdefault(row["token_hash"], []).append(row)
    now = datetime.now(UTC)
    actors, used = {}, []
    for token_hash, token_rows in by_token.items():
        token = token_rows[0]
        scope = scope_of(
            token["staff_role"],
            token["asked_dealer_id"],
            (r for r in token_rows if r["kind"] is not None),
        )
        person = PersonFields(
            token["person_id"],
            token["email"],
            token["full_name"],
            token["language"],
            token["time_zone"],
            token["staff_role"],
        )
        actors[hashes[token_hash]] = actor_of(person, scope, token_id=token["token_id"])
        last_used = token["last_used_at"]
        if last_used is None or now - stored_time(last_used) > LAST_USED_RESOLUTION:
            used.append(token["token_id"])
    if used:
        await ApiToken.filter(id__in=used).update(last_used_at=now)
    return actors


class TokenLookups:
    """Token lookups asked at the same moment share one statement.

    The first question starts a statement in a task of its own; questions asked until
    that task runs go into the same statement (a storm's handshakes arrive many per
    turn of the event loop), and those asked while it runs wait for the next one: an
    answer never comes from a statement that began before its question.
    """

    def __init__(self, batch: int = 200) -> None:
        self.batch = batch
        """Tokens per statement at most (its parameters stay far below SQLite's limit)."""
        self._asked: dict[str, list[asyncio.Future[Actor | None]]] = {}
        self._worker: asyncio.Task[None] | None = None

    async def actor(self, secret: str) -> Actor | None:
        """The actor of a bearer token, or None when it is unknown or revoked."""
        if isinstance(get_connection("default"), TransactionalDBClient):
            # Inside a transaction: SQLite's one connection is held by it, so a statement
            # of another task would wait for it to end. Ask on the transaction instead.
            return (await actors_from_tokens([secret])).get(secret)
        loop = asyncio.get_running_loop()
        if self._worker is not None and self._worker.get_loop() is not loop:
            self._asked, self._worker = {}, None  # left over from a closed event loop
        answer: asyncio.Future[Actor | None] = loop.create_future()
        self._asked.setdefault(secret, []).append(answer)
        if self._worker is None:
            # A context of its own: the statement must not run in the first asker's
            # transaction (or see its other context) on behalf of everyone.
            self._worker = loop.create_task(
                self._answer(), name="token-lookups", context=contextvars.Context()
            )
        return await answer

    async def _answer(self) -> None:
        try:
            while self._asked:
                taken = list(self._asked)[: self.batch]
                waiting = {secret: self._asked.pop(secret) for secret in taken}
                try:
                    found = await actors_from_tokens(taken)
                except Exception as exc:
                    for answers in waiting.values():
                        for answer in answers:
                            if not answer.done():
                                answer.set_exception(exc)
                    continue
                for secret, answers in waiting.items():
                    for answer in answers:
                        if not answer.done():
                            answer.set_result(found.get(secret))
        finally:
            self._worker = None


TOKEN_LOOKUPS = TokenLookups()
"""The process's lookups (bound to no event loop while idle)."""


async def actor_from_token(secret: str) -> Actor | None:
    """The actor behind a bearer token, or None when unknown or revoked."""
    return await TOKEN_LOOKUPS.actor(secret)
