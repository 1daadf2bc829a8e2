"""The cabinet as the chat benchmark serves it: the real app, instrumented, plus a baseline.

    uvicorn bench.chat.server_app:create_app --factory --ws-max-size 65536 \
        --ws-per-message-deflate false

`app.main.create_app()` is served unchanged; this module only wraps from the outside:
- SQL, transactions and command handlers are timed (`bench/chat/instrument.py`), with
  each statement charged to a step of posting a message (the step functions are wrapped
  in `app.chat.posting`'s namespace, where `_post` and `_insert` look them up);
- one extra websocket command, `bench.note`: the baseline. In one transaction it appends
  one event carrying the note to the room's topic (`chat:{room_id}`) and acknowledges with
  its position: the same client → gateway → command → outbox → relay → Valkey → hub →
  subscribers path as `chat.send`, without the chat logic (no access check, room lock,
  message row, unread counters or `chat.unread_changed` events);
- with `BENCH_CHAT_WHAT_IF` set (`python -m bench.chat --what-if ...`), the chat's
  `unread_events` (as `app.chat.posting` calls it) is replaced by a what-if of
  `bench/chat/what_if.py`;
- `GET /__bench__/chat/stats` (`?reset=1` starts a new window) and
  `GET /__bench__/chat/stored` (messages and notes in the database; `?ids=chat` or
  `?ids=notes` adds the `client_id` of each, for the loss and duplicate check).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import msgspec
from tortoise.backends.asyncpg import client as asyncpg_client
from tortoise.backends.base_postgres import client as postgres_client
from tortoise.backends.sqlite import client as sqlite_client

import app.live
from app import sqlite_backend
from app.chat import posting
from app.chat.events import room_topic
from app.chat.models import ChatMessage
from app.db import write_alone
from app.group_commit import GroupCommit
from app.main import create_app as create_cabinet
from bench.chat import instrument, what_if
from bench.chat.instrument import STATS, step
from realtime.outbox import OutboxEvent, append_events
from realtime.relay import Relay, transaction

NOTE_COMMAND = "bench.note"
STATS_PATH = "/__bench__/chat/stats"
STORED_PATH = "/__bench__/chat/stored"
LAG_INTERVAL = 0.02
"""The event-loop lag probe sleeps this long and records how late it wakes."""


class BenchNote(msgspec.Struct, tag="bench.note", tag_field="type", kw_only=True):
    """The baseline's event: a note on a room's topic, with no chat logic behind it."""

    room_id: int
    author_id: int
    client_id: str
    body: str
    created_at: datetime


class NoteCommand(msgspec.Struct, forbid_unknown_fields=True):
    """Data of `bench.note`: the fields of `chat.send` that a note uses."""

    room_id: int
    client_id: str
    body: str


_note_transaction = instrument.timed_transaction(transaction)
_append_note = step("events", append_events)


async def post_note(principal: app.live.LivePrincipal, data: dict[str, Any]) -> dict[str, Any]:
    """Append the note to the room's topic in one transaction; answer with its position."""
    note = msgspec.convert(data, NoteCommand)
    async with _note_transaction():
        [row] = await _append_note(
            [
                (
                    BenchNote(
                        room_id=note.room_id,
                        author_id=principal.actor.person_id,
                        client_id=note.client_id,
                        body=note.body,
                        created_at=datetime.now(UTC),
                    ),
                    [room_topic(note.room_id)],
                )
            ]
        )
    return {"topic": row.topic, "position": row.seq, "client_id": note.client_id}


def _instrument() -> None:
    instrument.instrument_sql(
        [
            sqlite_client.SqliteClient,
            sqlite_client.SqliteTransactionWrapper,
            sqlite_backend.ImmediateTransactionWrapper,
            postgres_client.BasePostgresClient,
            asyncpg_client.AsyncpgDBClient,
            asyncpg_client.TransactionWrapper,
        ]
    )
    steps = {
        "load_visible_room": "access + room lock",
        "room_members": "members",
        "_sent_before": "idempotency check",
        "_insert": "message + room rows",
        "add_message": "unread counters",
        "append_events": "events",
    }
    what = os.environ.get(what_if.ENVIRONMENT, "")
    if what == "no-unread-events":
        posting.unread_events = what_if.no_unread_events  # type: ignore[assignment]
    for name, label in steps.items():
        setattr(posting, name, step(label, getattr(posting, name)))
    write = write_alone if what == "no-group-commit" else posting.write
    posting.write = instrument.timed_write(write)  # type: ignore[assignment]
    GroupCommit._commit = instrument.count_groups(GroupCommit._commit)  # type: ignore[method-assign]
    publish: Any = step("relay", Relay.publish_pending)
    Relay.publish_pending = publish  # type: ignore[method-assign]
    # The gateway holds this very dict: wrapping its entries reaches the running server.
    commands = app.live.COMMANDS
    for name in list(commands):
        commands[name] = instrument.command(name, commands[name])
    commands[NOTE_COMMAND] = instrument.command(NOTE_COMMAND, post_note)


async def _probe_loop_lag() -> None:
    while True:
        started = time.perf_counter()
        await asyncio.sleep(LAG_INTERVAL)
        STATS.loop_lag_ms.append((time.perf_counter() - started - LAG_INTERVAL) * 1000)


async def _stored(ids: str | None) -> dict[str, Any]:
    """Messages and notes stored; with `ids`, the `client_id` of each (`chat` or `notes`)."""
    token = instrument.COMMAND.set("bench")
    try:
        answer: dict[str, Any] = {
            "messages": await ChatMessage.all().count(),
            "notes": await OutboxEvent.filter(type=NOTE_COMMAND).count(),
            "unpublished": await OutboxEvent.filter(published_at=None).count(),
        }
        if ids == "chat":
            rows = await ChatMessage.filter(client_id__not_isnull=True).values_list(
                "client_id", flat=True
            )
            answer["client_ids"] = list(rows)
        elif ids == "notes":
            payloads = await OutboxEvent.filter(type=NOTE_COMMAND).values_list("payload", flat=True)
            answer["client_ids"] = [
                msgspec.json.decode(str(p), type=BenchNote).client_id for p in payloads
            ]
        return answer
    finally:
        instrument.COMMAND.reset(token)


def create_app() -> Callable[..., Awaitable[None]]:
    """The cabinet app, instrumented; an ASGI callable for uvicorn's `--factory`."""
    _instrument()
    cabinet = create_cabinet()
    probe: list[asyncio.Task[None]] = []

    async def answer(send: Any, body: Any) -> None:
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": msgspec.json.encode(body)})

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == STATS_PATH:
            snapshot = STATS.snapshot()
            if parse_qs(scope.get("query_string", b"").decode()).get("reset"):
                STATS.reset()
                if not probe:
                    probe.append(asyncio.create_task(_probe_loop_lag()))
            await answer(send, snapshot)
            return
        if scope["type"] == "http" and scope["path"] == STORED_PATH:
            query = parse_qs(scope.get("query_string", b"").decode())
            await answer(send, await _stored(query.get("ids", [None])[0]))
            return
        await cabinet(scope, receive, send)

    return asgi
