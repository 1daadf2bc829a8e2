"""The embedded run's mail server: every message the worker sends lands in a Maildir.

`make run` has no mail server of its own. Rather than switch email off, it starts an
aiosmtpd server on a free local port that keeps each message in `var/mail/` (a Maildir:
one file per message under `new/`), so the demo really sends mail and a developer can read
it. Production sets SMTP_HOST and never starts this.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox

from app.config import Settings


class LocalSmtpController(Controller):
    """aiosmtpd's threaded server, on the port the system picks when asked for port 0."""

    def __init__(self, handler: Any, **kwargs: Any) -> None:
        kwargs.setdefault("hostname", "127.0.0.1")
        kwargs.setdefault("port", 0)
        kwargs.setdefault("server_hostname", "localhost")  # else a DNS lookup per session
        super().__init__(handler, **kwargs)

    def _trigger_server(self) -> None:
        # Runs once the socket is bound; learn its port before the first connection to it.
        assert isinstance(self.server, asyncio.Server)
        self.port = int(self.server.sockets[0].getsockname()[1])
        super()._trigger_server()


class EmbeddedMailServer:
    """A local SMTP server that stores what it receives in a Maildir."""

    def __init__(self, mail_dir: Path) -> None:
        for part in ("tmp", "new", "cur"):  # Maildir makes these only for a new directory
            (mail_dir / part).mkdir(parents=True, exist_ok=True)
        self.mail_dir = mail_dir
        self._controller = LocalSmtpController(Mailbox(mail_dir))

    @property
    def host(self) -> str:
        """Address the server listens on."""
        return str(self._controller.hostname)

    @property
    def port(self) -> int:
        """Port the server listens on (known once started)."""
        return int(self._controller.port)

    def start(self) -> None:
        """Listen (in a thread of its own) until `stop`."""
        self._controller.start()

    def stop(self) -> None:
        """Stop listening; the stored mail stays."""
        self._controller.stop()


def start_embedded_mail(settings: Settings) -> EmbeddedMailServer | None:
    """Start the Maildir server when no mail server is configured, and point SMTP_HOST and
    SMTP_PORT at it for the processes started afterwards (the worker); else do nothing."""
    if settings.smtp_host:
        return None
    server = EmbeddedMailServer(settings.var_dir / "mail")
    server.start()
    os.environ["SMTP_HOST"] = server.host
    os.environ["SMTP_PORT"] = str(server.port)
    os.environ["SMTP_TLS"] = "none"
    os.environ["SMTP_USERNAME"] = os.environ["SMTP_PASSWORD"] = ""  # it asks for no login
    print(f"embedded mail server at {server.host}:{server.port}; mail is kept in {server.mail_dir}")
    return server
