"""A Litestar test client that serves requests in the test's own event loop."""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient
from litestar.testing.client.base import BaseTestClient


class InLoopTestClient(AsyncTestClient):
    """Litestar's AsyncTestClient, serving requests in the test's own event loop.

    The stock client runs the app in a thread with an event loop of its own, while the
    ORM's connections belong to the loop that opened them: each switch between test code
    and handler code makes Tortoise reconnect (TortoiseLoopSwitchWarning, an error under
    `filterwarnings = error`) and leak the old connections. Here requests go through
    httpx's ASGI transport, and the app's lifespan runs in the same loop.
    """

    def __init__(self, app: Litestar, base_url: str) -> None:
        with warnings.catch_warnings():
            # Litestar's caution about dotless hosts such as localhost; httpx's cookie jar
            # files their cookies under `localhost.local` and sends them back all the same.
            warnings.filterwarnings("ignore", "The base_url .* might cause issues", UserWarning)
            BaseTestClient.__init__(self, app=app, base_url=base_url)
        httpx.AsyncClient.__init__(
            self,
            base_url=base_url,
            headers={"user-agent": "testclient"},
            follow_redirects=True,
            transport=httpx.ASGITransport(app=app, client=("127.0.0.1", 50000)),
        )

    async def __aenter__(self) -> InLoopTestClient:
        # The lifespan runs in a task of its own: pytest-asyncio sets a fixture up and tears
        # it down in two different tasks, and anyio's cancel scopes must exit where entered.
        started, self._stopping = asyncio.Event(), asyncio.Event()

        async def lifespan() -> None:
            async with self.app.lifespan():
                started.set()
                await self._stopping.wait()

        self._lifespan = asyncio.create_task(lifespan())
        startup = asyncio.create_task(started.wait())
        await asyncio.wait({startup, self._lifespan}, return_when=asyncio.FIRST_COMPLETED)
        if not started.is_set():
            startup.cancel()
            self._lifespan.result()  # raises what the startup raised
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        self._stopping.set()
        try:
            await self._lifespan
        finally:
            await httpx.AsyncClient.aclose(self)

    async def websocket_connect(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            "Litestar's websocket test session runs the app in another event loop, away from "
            "the ORM's connections: test websockets against `live_server` with `websockets`."
        )
