"""A stand-in for Telegram's Bot API and its webhook, for tests (docs/telegram.md).

It speaks the documented shape (https://core.telegram.org/bots/api): methods at
`/bot<token>/<method>`, parameters as a query string, JSON, urlencoded or multipart body,
answers `{"ok": true, "result": ...}` or `{"ok": false, "error_code": ..., "description":
..., "parameters": {...}}`. Implemented: getMe, sendMessage, setWebhook, deleteWebhook,
getWebhookInfo; switches make it answer 429 (with `retry_after`) or 500 for the next calls,
or 403 "bot was blocked by the user" for a chat. The real aiogram client of the cabinet
runs against it.

It also plays Telegram's other half: `user_sends` turns a user's message into an Update
and POSTs it to the webhook the cabinet registered, with the secret header, then executes
a method the cabinet returned in the webhook's response, as Telegram does.

Use it as an async context manager; `configured_cabinet` points the cabinet's settings at it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from aiohttp import web

from app.config import get_settings

TOKEN = "123456789:AAF-standin-token_for_tests-0123456789"
BOT_USERNAME = "cabinet_test_bot"
WEBHOOK_SECRET = "standin-webhook-secret"


@dataclass(frozen=True)
class TelegramUser:
    """Someone on Telegram; in a private chat the chat's id is the user's id."""

    id: int
    first_name: str = "Tester"
    username: str = ""
    language_code: str = "ru"

    def as_json(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def chat_json(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass
class SentMessage:
    """A message the bot sent (through the API or a webhook response)."""

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: Any
    via: str
    """`api` (a sendMessage call) or `webhook` (returned in a webhook response)."""
    json: dict[str, Any] = field(default_factory=dict)
    """The Message object as Telegram would show it (used for `reply_to_message`)."""
    at: float = field(default_factory=time.monotonic)
    """When it arrived (`time.monotonic()` of the test's process)."""


@dataclass
class WebhookReply:
    """What the cabinet's webhook answered to one update."""

    status: int
    body: Any


class TelegramStandIn:
    """The Bot API server and Telegram's webhook client, in the test's event loop."""

    BOT_ID = int(TOKEN.split(":")[0])

    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token, self.username = token, username
        self.sent: list[SentMessage] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.webhook: dict[str, Any] = {}
        self.blocked: set[int] = set()
        self._too_many_left = 0
        self._server_errors_left = 0
        self._retry_after = 1
        self._message_ids: dict[int, Iterator[int]] = {}
        self._update_ids = itertools.count(10_000)
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # --- lifecycle --------------------------------------------------------------------

    async def __aenter__(self) -> TelegramStandIn:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # --- switches ---------------------------------------------------------------------

    def answer_too_many_requests(self, times: int = 1, retry_after: int = 1) -> None:
        """The next `times` calls get 429 with `retry_after` seconds."""
        self._too_many_left, self._retry_after = times, retry_after

    def answer_server_error(self, times: int = 1) -> None:
        """The next `times` calls get 500 Internal Server Error."""
        self._server_errors_left = times

    def block(self, chat_id: int) -> None:
        """The user of this chat blocked the bot: sending there gets 403."""
        self.blocked.add(chat_id)

    # --- what the bot sent ------------------------------------------------------------

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """Every message the bot sent to a chat, oldest first."""
        return [m for m in self.sent if m.chat_id == chat_id]

    async def wait_for(
        self, condition: Callable[[], bool], timeout: float = 15, what: str = "condition"
    ) -> None:
        """Wait until `condition()` holds, re-checking whenever the bot sends or calls."""
        async with asyncio.timeout(timeout):
            while not condition():
                self._changed.clear()
                await self._changed.wait()

    async def wait_for_messages(
        self, chat_id: int, count: int, timeout: float = 15
    ) -> list[SentMessage]:
        """Wait until the bot sent `count` messages to a chat; returns them."""
        await self.wait_for(lambda: len(self.messages_to(chat_id)) >= count, timeout)
        return self.messages_to(chat_id)

    # --- Telegram's webhook client ----------------------------------------------------

    def message_update(
        self, user: TelegramUser, text: str, *, reply_to: SentMessage | None = None
    ) -> dict[str, Any]:
        """An Update carrying a user's private message (with a command's entity if any)."""
        message: dict[str, Any] = {
            "message_id": self._next_message_id(user.id),
            "from": user.as_json(),
            "chat": user.chat_json(),
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if reply_to is not None:
            message["reply_to_message"] = reply_to.json
        return {"update_id": next(self._update_ids), "message": message}

    async def deliver(
        self,
        update: dict[str, Any],
        *,
        via: httpx.AsyncClient | None = None,
        secret: str | None = None,
    ) -> WebhookReply:
        """POST an update to the registered webhook as Telegram does, and run its answer.

        `via` sends through a given client (the in-process app) to the webhook URL's path;
        otherwise a real HTTP request goes to the URL. `secret` overrides the header value
        (None: the one given to setWebhook; "": no header at all).
        """
        url = self.webhook.get("url")
        assert url, "the cabinet has not called setWebhook"
        secret = self.webhook.get("secret_token", "") if secret is None else secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        if via is not None:
            response = await via.post(urlsplit(url).path, json=update, headers=headers)
        else:
            async with httpx.AsyncClient() as client:
                response = await client.post(url, json=update, headers=headers)
        body = response.json() if response.content else None
        if response.status_code == 200 and isinstance(body, dict) and body.get("method"):
            params = {k: v for k, v in body.items() if k != "method"}
            self._call(str(body["method"]), params, via="webhook")
        return WebhookReply(response.status_code, body)

    async def user_sends(
        self,
        user: TelegramUser,
        text: str,
        *,
        reply_to: SentMessage | None = None,
        via: httpx.AsyncClient | None = None,
    ) -> WebhookReply:
        """A user writes to the bot; the update reaches the cabinet's webhook."""
        return await self.deliver(self.message_update(user, text, reply_to=reply_to), via=via)

    # --- the Bot API --------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(
                    {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
                )
        status, payload = self._call(request.match_info["method"], params, via="api")
        return web.json_response(payload, status=status)

    def _call(self, method: str, params: dict[str, Any], *, via: str) -> tuple[int, dict[str, Any]]:
        self.calls.append((method, params))
        self._changed.set()
        if self._too_many_left > 0:
            self._too_many_left -= 1
            return 429, {
                "ok": False,
                "error_code": 429,
                "description": f"Too Many Requests: retry after {self._retry_after}",
                "parameters": {"retry_after": self._retry_after},
            }
        if self._server_errors_left > 0:
            self._server_errors_left -= 1
            return _error_payload(500, "Internal Server Error")
        handler = getattr(self, f"_method_{method.lower()}", None)
        if handler is None:
            return _error_payload(404, "Not Found: method not found")
        return handler(params, via)

    def _method_getme(self, params: dict[str, Any], via: str) -> tuple[int, dict[str, Any]]:
        return _ok(self._bot_user())

    def _method_setwebhook(self, params: dict[str, Any], via: str) -> tuple[int, dict[str, Any]]:
        self.webhook = {
            "url": params.get("url", ""),
            "secret_token": params.get("secret_token", ""),
            "allowed_updates": _decoded(params.get("allowed_updates")),
        }
        return _ok(True)

    def _method_deletewebhook(self, params: dict[str, Any], via: str) -> tuple[int, dict[str, Any]]:
        self.webhook = {}
        return _ok(True)

    def _method_getwebhookinfo(
        self, params: dict[str, Any], via: str
    ) -> tuple[int, dict[str, Any]]:
        return _ok(
            {
                "url": self.webhook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": 0,
            }
        )

    def _method_sendmessage(self, params: dict[str, Any], via: str) -> tuple[int, dict[str, Any]]:
        try:
            chat_id = int(params["chat_id"])
        except (KeyError, ValueError):
            return _error_payload(400, "Bad Request: chat_id is empty")
        text = str(params.get("text", ""))
        if not text.strip():
            return _error_payload(400, "Bad Request: message text is empty")
        if chat_id in self.blocked:
            return _error_payload(403, "Forbidden: bot was blocked by the user")
        message = {
            "message_id": self._next_message_id(chat_id),
            "from": self._bot_user(),
            "chat": {"id": chat_id, "type": "private"},
            "date": int(time.time()),
            "text": text,
        }
        self.sent.append(
            SentMessage(
                chat_id=chat_id,
                message_id=message["message_id"],
                text=text,
                parse_mode=params.get("parse_mode"),
                reply_markup=_decoded(params.get("reply_markup")),
                via=via,
                json=message,
            )
        )
        return _ok(message)

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.BOT_ID,
            "is_bot": True,
            "first_name": "Cabinet",
            "username": self.username,
        }

    def _next_message_id(self, chat_id: int) -> int:
        # Message ids are counted per chat, for the user's and the bot's messages alike.
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))


def _decoded(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        return json.loads(value)
    return value


def _ok(result: Any) -> tuple[int, dict[str, Any]]:
    return 200, {"ok": True, "result": result}


def _error_payload(code: int, description: str) -> tuple[int, dict[str, Any]]:
    return code, {"ok": False, "error_code": code, "description": description}


def _error(code: int, description: str) -> web.Response:
    return web.json_response(_error_payload(code, description)[1], status=code)


@contextmanager
def configured_cabinet(standin: TelegramStandIn, *, public_origin: str = "") -> Iterator[None]:
    """Point the cabinet's settings (this process, and children started meanwhile) at it."""
    values = {
        "TELEGRAM_BOT_TOKEN": standin.token,
        "TELEGRAM_API_BASE": standin.base_url,
        "TELEGRAM_BOT_USERNAME": standin.username,
        "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    if public_origin:
        values["PUBLIC_ORIGIN"] = public_origin
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    get_settings.cache_clear()
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()
