"""The outside world in a process of its own: an SMTP server and the Bot API stand-in.

Both record the wall-clock time (`time.time()`, comparable across processes on one
machine) at which each message arrived. The SMTP server (aiosmtpd, the tests' choice)
reads only the Message-ID of each mail, which names the notification
(`<notification-{id}.email@…>`); the Bot API is the tests' stand-in
(tests/telegram_standin.py), which keeps every sendMessage with its chat and text. They
live apart from the worker and the producer, so that neither one's CPU delays a receipt.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import re
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from aiosmtpd.smtp import Envelope, Session

from app.embedded_mail import LocalSmtpController
from tests.telegram_standin import BOT_USERNAME, TOKEN, TelegramStandIn

_spawn = multiprocessing.get_context("spawn")
_MESSAGE_ID = re.compile(rb"^message-id:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class _ReceiptHandler:
    """aiosmtpd handler: accept every mail, note its Message-ID and arrival time."""

    def __init__(self) -> None:
        self.receipts: list[tuple[str, float]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        head = raw.split(b"\r\n\r\n", 1)[0]
        found = _MESSAGE_ID.search(head)
        with self.lock:
            self.receipts.append((found.group(1).decode() if found else "", time.time()))
        return "250 2.0.0 Message accepted for delivery"


async def _serve(pipe: Connection) -> None:
    handler = _ReceiptHandler()
    smtp = LocalSmtpController(handler)
    smtp.start()
    # The stand-in stamps `time.monotonic()`; this offset turns it into wall-clock time.
    offset = time.time() - time.monotonic()
    try:
        async with TelegramStandIn() as telegram:
            pipe.send(
                {
                    "SMTP_HOST": "127.0.0.1",
                    "SMTP_PORT": str(smtp.port),
                    "SMTP_TLS": "none",
                    "TELEGRAM_BOT_TOKEN": TOKEN,
                    "TELEGRAM_API_BASE": telegram.base_url,
                    "TELEGRAM_BOT_USERNAME": BOT_USERNAME,
                }
            )
            while True:
                command = await asyncio.to_thread(pipe.recv)
                if command == "counts":
                    pipe.send({"email": len(handler.receipts), "telegram": len(telegram.sent)})
                elif command == "take":  # everything so far, and start afresh
                    with handler.lock:
                        mails, handler.receipts = handler.receipts, []
                    sent, telegram.sent = telegram.sent, []
                    telegram.calls.clear()
                    pipe.send(
                        {
                            "email": mails,
                            "telegram": [
                                (m.chat_id, m.message_id, m.text, m.at + offset) for m in sent
                            ],
                        }
                    )
                else:
                    return
    finally:
        smtp.stop()


def _main(pipe: Connection) -> None:
    asyncio.run(_serve(pipe))


class StandIns:
    """The stand-ins' process: its environment for the cabinet, its counts and receipts."""

    def __init__(self) -> None:
        self._pipe, theirs = _spawn.Pipe()
        self.process = _spawn.Process(target=_main, args=(theirs,), daemon=True)
        self.process.start()
        if not self._pipe.poll(60):
            raise RuntimeError("the stand-ins did not start")
        self.env: dict[str, str] = self._pipe.recv()

    def counts(self) -> dict[str, int]:
        """Messages received so far, per channel."""
        self._pipe.send("counts")
        return dict(self._pipe.recv())

    def take(self) -> dict[str, list[Any]]:
        """Every receipt so far (then forgotten): `email` as (Message-ID, time), `telegram`
        as (chat id, message id, text, time)."""
        self._pipe.send("take")
        return dict(self._pipe.recv())

    def stop(self) -> None:
        if self.process.is_alive():
            self._pipe.send("exit")
            self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
