"""Notification email when things go wrong: every failure becomes the channel exception
the delivery job expects (workers/channels.py), and secrets never reach a log.

The failures are real: a port nobody listens on, a server that never answers, an aiosmtpd
server answering with the chosen SMTP reply, TLS with a self-signed certificate.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from dataclasses import replace
from pathlib import Path

import pytest

from app.accounts.models import Person
from app.config import Settings
from app.notifications.models import Channel, Delivery, DeliveryState
from tests.factories import make_world
from tests.live_fixtures import free_port
from tests.mail_fixtures import (
    MailRecorder,
    mail_ctx,
    self_signed_certificate,
    shipped_notification,
    smtp_server,
)
from tests.notification_helpers import confirmed_order, run_pipeline
from workers.channels import ChannelRefused, ChannelRetry, ChannelUnavailable
from workers.mail import MailOutcomeUnknown, send_notification_mail
from workers.notify import deliver_notification

__all__ = ["self_signed_certificate", "smtp_server"]


async def test_mail_server_down_means_try_again_in_a_minute(db: Settings):
    world = await make_world()
    notification = await shipped_notification(world)
    nobody_listens = replace(db, smtp_host="127.0.0.1", smtp_port=free_port())

    with pytest.raises(ChannelRetry) as retry:
        await send_notification_mail(mail_ctx(nobody_listens), notification, world.people["alice"])
    assert retry.value.after_seconds == 60
    assert f"127.0.0.1:{nobody_listens.smtp_port}" in retry.value.reason


@pytest.mark.parametrize(
    "limits", [{"timeout": 0.5}, {"timeout": 30, "deadline": 0.5}], ids=["step", "whole send"]
)
async def test_mail_server_that_never_answers_means_try_again_later(
    db: Settings, limits: dict[str, float]
):
    """Each SMTP step has a timeout, and the whole send a deadline shorter than the delivery
    job's own limit, so a stuck server ends in a retry rather than a cancelled job."""
    world = await make_world()
    notification = await shipped_notification(world)
    held: list[asyncio.StreamWriter] = []

    async def say_nothing(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    silent = await asyncio.start_server(say_nothing, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    try:
        with pytest.raises(ChannelRetry) as retry:
            await send_notification_mail(
                mail_ctx(replace(db, smtp_host="127.0.0.1", smtp_port=port), **limits),
                notification,
                world.people["alice"],
            )
        assert retry.value.after_seconds == 60
    finally:
        for writer in held:
            writer.close()
        silent.close()
        await silent.wait_closed()


async def test_a_recipient_the_server_defers_is_tried_again(
    db: Settings, smtp_server: MailRecorder
):
    world = await make_world()
    notification = await shipped_notification(world)
    smtp_server.reply_to_recipient("alice@test.example", "450 4.2.1 Mailbox busy, try later")

    with pytest.raises(ChannelRetry) as retry:
        await send_notification_mail(
            mail_ctx(smtp_server.mail_settings(db)), notification, world.people["alice"]
        )
    assert retry.value.after_seconds == 60
    assert "450" in retry.value.reason
    assert smtp_server.received == []


async def test_a_recipient_the_server_refuses_is_given_up(db: Settings, smtp_server: MailRecorder):
    world = await make_world()
    notification = await shipped_notification(world)
    smtp_server.reply_to_recipient("alice@test.example", "550 5.1.1 No such mailbox")

    with pytest.raises(ChannelRefused, match=r"550 5\.1\.1 No such mailbox"):
        await send_notification_mail(
            mail_ctx(smtp_server.mail_settings(db)), notification, world.people["alice"]
        )
    assert smtp_server.received == []


async def test_a_message_the_server_refuses_for_good_is_given_up(
    db: Settings, smtp_server: MailRecorder
):
    world = await make_world()
    notification = await shipped_notification(world)
    smtp_server.reply_to_data("554 5.7.1 Message rejected")

    with pytest.raises(ChannelRefused, match="554"):
        await send_notification_mail(
            mail_ctx(smtp_server.mail_settings(db)), notification, world.people["alice"]
        )


async def test_a_verdict_lost_after_the_handover_is_uncertain_and_never_sent_again(
    db: Settings, smtp_server: MailRecorder
):
    """The server has the message, the connection fails before its `250`: it may be
    delivered, so the delivery becomes `uncertain` and is not retried (never twice)."""
    world = await make_world()
    await confirmed_order(world, "alice")
    await run_pipeline()
    [delivery] = await Delivery.filter(
        channel=Channel.EMAIL, notification__person_id=world.people["alice"].id
    )
    smtp_server.confirm_data_after(3)
    ctx = mail_ctx(smtp_server.mail_settings(db), timeout=0.5)

    assert await deliver_notification(ctx, delivery.id) == "uncertain"
    assert await deliver_notification(ctx, delivery.id) == "not_claimed"
    await delivery.refresh_from_db()
    assert delivery.state == DeliveryState.UNCERTAIN
    assert "MailOutcomeUnknown" in delivery.last_error
    assert len(smtp_server.received) == 1, "the server kept it once; nobody sends it again"

    notification = await delivery.notification
    with pytest.raises(MailOutcomeUnknown):  # and not a ChannelRetry
        await send_notification_mail(ctx, notification, world.people["alice"])


async def test_a_notification_that_cannot_be_written_fails_for_good_and_sends_nothing(
    db: Settings, smtp_server: MailRecorder, caplog: pytest.LogCaptureFixture
):
    world = await make_world()
    notification = await shipped_notification(world)
    lost_in_space = await Person.get(id=world.people["alice"].id)
    lost_in_space.time_zone = "Mars/Olympus_Mons"  # as a broken row would read

    with pytest.raises(ChannelRefused, match="could not build the message"):
        await send_notification_mail(
            mail_ctx(smtp_server.mail_settings(db)), notification, lost_in_space
        )
    assert smtp_server.received == []
    assert f"notification {notification.id}: could not build its mail" in caplog.text


async def test_no_mailbox_or_no_mail_server_skips_the_email(
    db: Settings, smtp_server: MailRecorder
):
    world = await make_world()
    notification = await shipped_notification(world)
    alice = world.people["alice"]
    ctx = mail_ctx(smtp_server.mail_settings(db))

    no_address = await Person.get(id=alice.id)
    no_address.email = ""
    with pytest.raises(ChannelUnavailable):
        await send_notification_mail(ctx, notification, no_address)
    deactivated = await Person.get(id=alice.id)
    deactivated.is_active = False
    with pytest.raises(ChannelUnavailable):
        await send_notification_mail(ctx, notification, deactivated)
    with pytest.raises(ChannelUnavailable, match="SMTP_HOST"):
        await send_notification_mail(mail_ctx(replace(db, smtp_host="")), notification, alice)
    assert smtp_server.received == []


async def test_starttls_and_login_to_the_mail_server_and_a_wrong_password_never_shown(
    db: Settings,
    self_signed_certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
):
    cert, key = self_signed_certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the sender trusts our certificate
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    server = MailRecorder(tls_context=server_tls, logins={"cabinet": "s3cret-Pa55"})
    server.start()
    try:
        world = await make_world()
        notification = await shipped_notification(world)
        alice = world.people["alice"]
        secure = replace(
            db,
            smtp_host="localhost",
            smtp_port=server.port,
            smtp_tls="starttls",
            smtp_username="cabinet",
        )

        await send_notification_mail(
            mail_ctx(replace(secure, smtp_password="s3cret-Pa55")), notification, alice
        )
        [mail] = await server.wait_for_mail(1)
        assert mail.tls and mail.login == "cabinet"

        caplog.set_level(logging.DEBUG)
        with pytest.raises(ChannelRetry) as retry:
            await send_notification_mail(
                mail_ctx(replace(secure, smtp_password="wrong-Pa55word")), notification, alice
            )
        assert retry.value.after_seconds == 300, "a login problem waits for an operator"
        assert "535" in retry.value.reason
        assert "wrong-Pa55word" not in retry.value.reason
        ours = "\n".join(
            r.getMessage() for r in caplog.records if r.name.startswith(("app", "workers"))
        )
        assert "refused our settings" in ours
        assert "wrong-Pa55word" not in ours and "s3cret-Pa55" not in ours
        assert len(server.received) == 1
    finally:
        server.stop()


async def test_implicit_tls_mail_server(
    db: Settings, self_signed_certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
):
    cert, key = self_signed_certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    server = MailRecorder(implicit_tls=server_tls)
    server.start()
    try:
        world = await make_world()
        notification = await shipped_notification(world)
        smtps = replace(db, smtp_host="localhost", smtp_port=server.port)

        with pytest.raises(ChannelRetry):  # a plain-text hello to a TLS port gets nowhere
            await send_notification_mail(
                mail_ctx(smtps, timeout=0.5), notification, world.people["alice"]
            )
        await send_notification_mail(
            mail_ctx(replace(smtps, smtp_tls="tls")), notification, world.people["alice"]
        )
        [mail] = await server.wait_for_mail(1)
        assert mail.rcpt_tos == ["alice@test.example"]
    finally:
        server.stop()
