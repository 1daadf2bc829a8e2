"""A real SMTP server for the tests (aiosmtpd), recording what it receives.

- `smtp_server`: a `MailRecorder` listening on a free local port; point the cabinet at it
  with `mail_settings(settings)` (in-process) or `env` (a worker process: `monkeypatch.
  setenv` each of them before `worker_processes.start()`, whose environment is copied from
  this process's), then read `received` or `await wait_for_mail(n)`. It can refuse
  recipients or messages with a chosen SMTP reply, to show how the sender takes it.
- `MailRecorder(tls_context=..., logins=...)` for a server that requires STARTTLS and a
  login, `MailRecorder(implicit_tls=...)` for one that speaks TLS from the start;
  `self_signed_certificate` makes a certificate the test can trust.

Builders for the email tests: `mail_ctx` (the worker's ctx as `workers.mail.startup`
fills it), `speaks` (a person's language and zone, through their profile) and
`shipped_notification`.

Import the fixtures a test module uses from here.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from app.accounts.directory import update_profile
from app.accounts.models import Person
from app.accounts.schemas import ProfileUpdate
from app.config import Settings
from app.embedded_mail import LocalSmtpController
from app.notifications.models import Notification, NotificationKind
from tests.factories import World, actor_for, place_draft
from workers.mail import Mailer


@dataclass(frozen=True)
class ReceivedMail:
    """One message as the server got it: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    login: str | None
    """Who logged in for it (None: no AUTH)."""
    tls: bool
    """Whether the session was encrypted when the message came."""

    def part(self, content_type: str) -> str:
        """The decoded text of the `text/plain` or `text/html` part."""
        body = self.message.get_body((content_type.split("/")[1],))
        assert body is not None and body.get_content_type() == content_type, content_type
        return str(body.get_content())


@dataclass
class _RecordingHandler:
    received: list[ReceivedMail] = field(default_factory=list)
    recipient_replies: dict[str, str] = field(default_factory=dict)
    data_reply: str = "250 2.0.0 Message accepted for delivery"
    data_delay: float = 0.0

    async def handle_RCPT(
        self,
        server: Any,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if reply := self.recipient_replies.get(address):
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        if not self.data_reply.startswith("250"):
            return self.data_reply
        raw = envelope.original_content or b""
        message = message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        auth: Any = session.auth_data  # the LoginPassword our authenticator accepted
        login = auth.login.decode() if session.authenticated else None
        self.received.append(
            ReceivedMail(
                mail_from=str(envelope.mail_from),
                rcpt_tos=list(envelope.rcpt_tos),
                message=message,
                login=login,
                tls=session.ssl is not None,
            )
        )
        await asyncio.sleep(self.data_delay)  # kept already: only the verdict is late
        return self.data_reply


class MailRecorder:
    """An SMTP server on 127.0.0.1 that keeps every message it accepts."""

    def __init__(
        self,
        *,
        tls_context: ssl.SSLContext | None = None,
        implicit_tls: ssl.SSLContext | None = None,
        logins: dict[str, str] | None = None,
    ) -> None:
        """`tls_context`: require STARTTLS; `implicit_tls`: TLS from the first byte (SMTPS,
        port 465 style); `logins`: require AUTH with one of these login/password pairs."""
        self._handler = _RecordingHandler()
        options: dict[str, Any] = {}
        if tls_context is not None:
            options |= {"tls_context": tls_context, "require_starttls": True}
        if implicit_tls is not None:
            options |= {"ssl_context": implicit_tls}
        if logins is not None:
            options |= {"authenticator": _authenticator(logins), "auth_required": True}
        self._controller = LocalSmtpController(self._handler, **options)

    host = "127.0.0.1"

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self._controller.port)

    @property
    def received(self) -> list[ReceivedMail]:
        """Messages accepted so far, oldest first."""
        return list(self._handler.received)

    @property
    def env(self) -> dict[str, str]:
        """Environment for a worker process that should send here."""
        return {"SMTP_HOST": self.host, "SMTP_PORT": str(self.port), "SMTP_TLS": "none"}

    def mail_settings(self, settings: Settings, **changes: Any) -> Settings:
        """The test's settings, sending mail here."""
        return replace(settings, smtp_host=self.host, smtp_port=self.port, **changes)

    def reply_to_recipient(self, address: str, reply: str) -> None:
        """Answer RCPT TO for this address with `reply` (e.g. `550 5.1.1 No such user`)."""
        self._handler.recipient_replies[address] = reply

    def reply_to_data(self, reply: str) -> None:
        """Answer the end of every message's DATA with `reply` instead of accepting it."""
        self._handler.data_reply = reply

    def confirm_data_after(self, seconds: float) -> None:
        """Keep each message at once but send the final `250` only after `seconds`."""
        self._handler.data_delay = seconds

    async def wait_for_mail(self, count: int, timeout: float = 10) -> list[ReceivedMail]:
        """Wait until at least `count` messages arrived; fail with what did after `timeout`."""
        deadline = time.monotonic() + timeout
        while len(self._handler.received) < count:
            if time.monotonic() > deadline:
                pytest.fail(f"{len(self._handler.received)} of {count} messages arrived")
            await asyncio.sleep(0.02)
        return self.received

    def start(self) -> None:
        """Listen in a thread of its own."""
        self._controller.start()

    def stop(self) -> None:
        """Stop listening."""
        self._controller.stop()


def _authenticator(logins: dict[str, str]) -> Any:
    def authenticate(
        server: Any, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and logins.get(auth_data.login.decode()) == auth_data.password.decode()
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return authenticate


@pytest.fixture
def smtp_server() -> Iterator[MailRecorder]:
    """A recording SMTP server without TLS or login, for this test."""
    server = MailRecorder()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def self_signed_certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A certificate for `localhost` and 127.0.0.1 and its key, made with openssl."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


# --- builders ---------------------------------------------------------------------------

ORIGIN = "https://cabinet.example.com"
SHIPPED_AT = datetime(2025, 3, 12, 9, 5, tzinfo=UTC)
"""09:05 UTC: 14:05 in Yekaterinburg (UTC+5), 05:05 in New York (EDT, UTC-4, since 9 March)."""


def mail_ctx(settings: Settings, **mailer: Any) -> dict[str, Any]:
    """The worker's ctx as `workers.mail.startup` fills it, for these settings."""
    return {"mail": Mailer(replace(settings, public_origin=ORIGIN), **mailer)}


async def speaks(person: Person, language: str, time_zone: str) -> Person:
    """The person after choosing a language and time zone in their profile."""
    await update_profile(
        await actor_for(person), ProfileUpdate(language=language, time_zone=time_zone)
    )
    return await Person.get(id=person.id)


async def shipped_notification(world: World, who: str = "alice") -> Notification:
    """A notification that one of the person's orders left the factory (as the pipeline
    stores it: the facts in `params`, the words made when shown)."""
    order = await place_draft(world, who, [("D-100:piece", 2)])
    return await Notification.create(
        person=world.people[who],
        kind=NotificationKind.ORDER_SHIPPED,
        event_key=f"test:shipped:{order.id}",
        dealer_id=order.dealer_id,
        order_id=order.id,
        params=json.dumps({"number": order.number, "at": SHIPPED_AT.isoformat()}),
        created_at=SHIPPED_AT,
    )
