"""The web process's garbage collector: fewer, cheaper collections.

A websocket connection holds about 165 objects the cyclic collector tracks (its tasks,
coroutines, queues, the server's protocol objects). With Python's defaults a collection
of the young generation runs every 700 net new objects, and a full collection, which
visits every tracked object, whenever the objects that survived since the last one grew
by a quarter. A reconnect storm creates long-lived objects by the hundred thousand, so a
storm of 2,000 resumes ran four full collections of ~450,000 objects each: half of the
server's CPU per handshake went to the collector (docs/benchmarks.md, "Handshake cost").

So, once the process has started: collect, then freeze what is alive (the modules, the
app, its routes and models live as long as the process and need never be visited
again), and let the young generation grow to `YOUNG_THRESHOLD` objects before it is
collected. Reference counting still frees everything not in a cycle at once; cycles wait
a little longer (at most `YOUNG_THRESHOLD` new objects, a few MiB).
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

YOUNG_THRESHOLD = 50_000
"""Net new tracked objects between two collections of the youngest generation (700)."""

_tuned = False


def tune_collector() -> None:
    """Apply the policy above; once per process (later calls do nothing)."""
    global _tuned
    if _tuned:
        return
    _tuned = True
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)


@asynccontextmanager
async def collector_tuned(_: Any) -> AsyncIterator[None]:
    """Lifespan step, last of the app's: tune the collector once everything has started."""
    tune_collector()
    yield
