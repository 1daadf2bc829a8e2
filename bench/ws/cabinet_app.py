"""The cabinet as the benchmark serves it: `app.main.create_app()`, plus counters.

    uvicorn bench.ws.cabinet_app:create_app --factory --ws-max-size 65536 \
        --ws-per-message-deflate false

The application is the real one, unchanged. This module only wraps, from the outside:
- the history reads of the hub and the gateway (`read_after`: a resume or gap fill that
  memory could not serve) and the topic-state reads (`topic_states`), counted by name;
- every SQL statement, counted through Tortoise's query logger;
- the garbage collector's runs and CPU time per generation (`gc.callbacks`);
and answers `GET /__bench__/counters` with those counts and the gateway's connections
and queued frames, so the benchmark can tell whether a reconnect storm went to the
database and how much a stalled client holds.
"""

from __future__ import annotations

import gc
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
from litestar import Litestar

import realtime.connection
import realtime.hub
from app.main import create_app as create_cabinet
from realtime.gateway import Gateway

COUNTS: Counter[str] = Counter()
COUNTERS_PATH = "/__bench__/counters"


def _counting(name: str, read: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    async def counted(*args: Any, **kwargs: Any) -> Any:
        COUNTS[name] += 1
        if kwargs.get("create"):
            COUNTS[name + "_for_new_feed"] += 1
        return await read(*args, **kwargs)

    return counted


class _StatementCounter(logging.Filter):
    """Counts each statement Tortoise logs and drops the record (nothing is printed)."""

    def filter(self, record: logging.LogRecord) -> bool:
        COUNTS["sql_statements"] += 1
        return False


def _time_collections() -> None:
    """Counts collections per generation (`gc_runs_gen{n}`) and their CPU time in
    microseconds (`gc_us_gen{n}`)."""
    started = [0.0]

    def collection(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.thread_time()
        else:
            generation = info["generation"]
            COUNTS[f"gc_us_gen{generation}"] += int((time.thread_time() - started[0]) * 1e6)
            COUNTS[f"gc_runs_gen{generation}"] += 1

    gc.callbacks.append(collection)


def _instrument() -> None:
    _time_collections()
    realtime.hub.read_after = _counting("hub_history_reads", realtime.hub.read_after)
    realtime.connection.read_after = _counting(
        "resume_history_reads", realtime.connection.read_after
    )
    realtime.hub.topic_states = _counting("topic_state_reads", realtime.hub.topic_states)
    db_log = logging.getLogger("tortoise.db_client")
    db_log.setLevel(logging.DEBUG)
    db_log.propagate = False
    db_log.addFilter(_StatementCounter())


def _snapshot(app: Litestar) -> dict[str, Any]:
    gateway: Gateway | None = getattr(app.state, "gateway", None)
    connections = [c for group in gateway.connections.values() for c in group] if gateway else []
    return {
        **COUNTS,
        "connections": len(connections),
        "queued_frames": sum(c.queue.qsize() for c in connections),
        "longest_queue": max((c.queue.qsize() for c in connections), default=0),
        "feeds": len(gateway.hub.feeds) if gateway else 0,
    }


def create_app() -> Callable[..., Awaitable[None]]:
    """The cabinet app, instrumented; an ASGI callable for uvicorn's `--factory`."""
    _instrument()
    cabinet = create_cabinet()

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == COUNTERS_PATH:
            body = msgspec.json.encode(_snapshot(cabinet))
            headers = [(b"content-type", b"application/json")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await cabinet(scope, receive, send)

    return app
