"""Worker part: notification email over SMTP (aiosmtplib).

`send_notification_mail` is what the delivery job (workers/notify.py) calls for an email
delivery. It sends one message on a connection of its own and turns every way that can go
wrong into one of the channel exceptions of workers/channels.py, so the delivery job
decides about retries without knowing SMTP.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import aiosmtplib

from app.accounts.models import Person
from app.config import Settings, get_settings
from app.notifications.mail import build_notification_mail
from app.notifications.models import Notification
from workers.channels import ChannelRefused, ChannelRetry, ChannelUnavailable, hand_over

log = logging.getLogger(__name__)

SMTP_TIMEOUT_SECONDS = 20.0
"""Longest wait for any one step of the SMTP conversation (connect, each command)."""

SEND_DEADLINE_SECONDS = 45.0
"""Longest a whole send may take. Shorter than the delivery job's time limit (60 s in
workers/notify.py): a slow server then ends in a retry, never in a cancelled job whose
delivery would be left `uncertain` (never re-sent) though nothing went out."""

RETRY_AFTER_SECONDS = 60.0
"""Next attempt after the server was away, timed out or said "try later" (4xx)."""

MISCONFIGURED_RETRY_SECONDS = 300.0
"""Next attempt after the server refused *us* (login, sender, TLS): an operator must act,
and the mail should go out once they have, without hammering the server meanwhile."""

JOBS: list[Any] = []
"""arq job functions this part adds to the worker (sending runs inside the delivery job)."""

CRON_JOBS: list[Any] = []
"""arq cron jobs this part adds to the worker."""


@dataclass(frozen=True)
class Mailer:
    """How this worker reaches its mail server; `startup` keeps one in `ctx["mail"]`."""

    settings: Settings
    timeout: float = SMTP_TIMEOUT_SECONDS
    deadline: float = SEND_DEADLINE_SECONDS

    @property
    def server(self) -> str:
        """`host:port`, for logs and errors (never the login or the password)."""
        return f"{self.settings.smtp_host}:{self.settings.smtp_port}"

    async def send(
        self, message: EmailMessage, on_hand_over: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        """Deliver one message to the mail server, or raise a channel exception (or
        `MailOutcomeUnknown` when the connection failed while the server had it).
        `on_hand_over` is awaited right before DATA, the step that cannot be taken back."""
        s = self.settings
        client = _WatchedSmtp(
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username or None,
            password=s.smtp_password or None,
            use_tls=s.smtp_tls == "tls",
            # Explicit either way: "none" must not try STARTTLS on its own.
            start_tls=s.smtp_tls == "starttls",
            timeout=self.timeout,
        )
        client.on_hand_over = on_hand_over
        try:
            async with asyncio.timeout(self.deadline):  # QUIT included: nothing outlives it
                await client.connect()
                await client.send_message(message)
                await client.quit()
        except (aiosmtplib.SMTPException, OSError) as error:  # TimeoutError is an OSError
            if client.accepted:
                return  # the server has it; failing to say goodbye changes nothing
            if client.handing_over and not isinstance(error, aiosmtplib.SMTPResponseException):
                raise MailOutcomeUnknown(
                    f"mail server {self.server}: connection lost after the message was "
                    f"handed over, before the server confirmed it ({error!r})"
                ) from error
            if isinstance(error, TimeoutError) and not isinstance(error, aiosmtplib.SMTPException):
                reason = f"mail server {self.server}: no answer within {self.deadline:g} s"
                raise ChannelRetry(RETRY_AFTER_SECONDS, reason) from error
            raise self._channel_error(error) from error
        finally:
            client.close()

    def _channel_error(self, error: Exception) -> Exception:
        """The channel exception for what the server (or the network) did."""
        if isinstance(error, aiosmtplib.SMTPRecipientsRefused):
            codes = [refused.code for refused in error.recipients]
            detail = "; ".join(f"{r.code} {r.message}" for r in error.recipients)
            if codes and all(500 <= code < 600 for code in codes):
                return ChannelRefused(f"recipient refused: {detail}")
            return ChannelRetry(RETRY_AFTER_SECONDS, f"recipient deferred: {detail}")
        if isinstance(error, aiosmtplib.SMTPConnectError | aiosmtplib.SMTPServerDisconnected):
            return ChannelRetry(RETRY_AFTER_SECONDS, f"mail server {self.server}: {error}")
        if _refuses_our_settings(error):
            reason = f"mail server {self.server} refused our settings: {error}"
            log.error("%s (check SMTP_* and MAIL_FROM)", reason)
            return ChannelRetry(MISCONFIGURED_RETRY_SECONDS, reason)
        if isinstance(error, aiosmtplib.SMTPResponseException) and 500 <= error.code < 600:
            return ChannelRefused(f"message refused: {error.code} {error.message}")
        return ChannelRetry(RETRY_AFTER_SECONDS, f"mail server {self.server}: {error!r}")


class MailOutcomeUnknown(Exception):
    """The message went to the server but its verdict never came back: it may be delivered.

    Deliberately not a channel exception: the delivery job treats it as it treats any
    unknown error, as `uncertain`, never sent again, because the cabinet promises never
    to send a notification twice.
    """


class _WatchedSmtp(aiosmtplib.SMTP):
    """An SMTP client that notes when the message is handed over and when it is accepted.

    Before DATA nothing can have been delivered, so a failure is safe to retry; after the
    server's final 250 it is delivered whatever happens next; in between, a lost
    connection leaves the outcome unknown.
    """

    handing_over = False
    accepted = False
    on_hand_over: Callable[[], Awaitable[None]] | None = None

    async def data(self, message: str | bytes, /, **options: Any) -> aiosmtplib.SMTPResponse:
        if self.on_hand_over is not None:
            await self.on_hand_over()
        self.handing_over = True
        response = await super().data(message, **options)
        self.accepted = True
        return response


def _refuses_our_settings(error: Exception) -> bool:
    """The server refused the cabinet itself (login, sender, HELO, TLS), not this mail."""
    if isinstance(error, aiosmtplib.SMTPNotSupported):
        return True
    return (
        isinstance(
            error,
            aiosmtplib.SMTPAuthenticationError
            | aiosmtplib.SMTPSenderRefused
            | aiosmtplib.SMTPHeloError,
        )
        and error.code >= 500
    )


async def send_notification_mail(
    ctx: dict[str, Any], notification: Notification, person: Person
) -> str:
    """Mail one notification to its person; returns the Message-ID (the Delivery's
    `external_id`), the same for every attempt at this notification."""
    mailer: Mailer = ctx.get("mail") or Mailer(get_settings())
    if not mailer.settings.smtp_host:
        raise ChannelUnavailable("no mail server configured (SMTP_HOST is empty)")
    if not person.email or not person.is_active:
        raise ChannelUnavailable(f"person {person.id} has no mailbox to write to")
    try:
        message = build_notification_mail(notification, person, settings=mailer.settings)
    except Exception as error:
        # Nothing went out, and trying again would break the same way: a failure to keep
        # (with the traceback in the log), not an "uncertain" send.
        log.exception("notification %s: could not build its mail", notification.id)
        raise ChannelRefused(f"could not build the message: {error!r}") from error
    await mailer.send(message, on_hand_over=lambda: hand_over(ctx))
    message_id = str(message["Message-ID"])
    log.info("notification %s mailed to person %s as %s", notification.id, person.id, message_id)
    return message_id


async def startup(ctx: dict[str, Any]) -> None:
    """Keep the mail settings of this worker process in `ctx`."""
    ctx["mail"] = Mailer(get_settings())


async def shutdown(ctx: dict[str, Any]) -> None:
    """Nothing to close: every send opens and closes its own connection."""
