"""Notification email: what a reader finds in their mailbox, and what happens when mail fails.

Every test sends through the real sender (workers/mail.py, aiosmtplib) to a real SMTP
server (aiosmtpd, tests/mail_fixtures.py) and reads the message back with `email`'s parser.
"""

from __future__ import annotations

import asyncio
import json
import logging
import mailbox
import socket
import ssl
from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from app.accounts.directory import update_profile
from app.accounts.models import Person
from app.accounts.schemas import ProfileUpdate
from app.chat.posting import post_message
from app.chat.rooms import open_order_room
from app.chat.schemas import MessageCreate
from app.config import Settings, get_settings
from app.embedded_mail import start_embedded_mail
from app.notifications.models import Notification, NotificationKind
from tests.factories import World, actor_for, make_world, place_draft
from tests.live_fixtures import free_port
from tests.mail_fixtures import MailRecorder, self_signed_certificate, smtp_server
from workers.channels import ChannelRefused, ChannelRetry, ChannelUnavailable
from workers.mail import Mailer, send_notification_mail

__all__ = ["self_signed_certificate", "smtp_server"]

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


async def test_russian_reader_gets_the_shipped_order_in_russian_with_a_link_to_it(
    db: Settings, smtp_server: MailRecorder
):
    world = await make_world()
    alice = await speaks(world.people["alice"], "ru", "Asia/Yekaterinburg")
    notification = await shipped_notification(world)

    message_id = await send_notification_mail(
        mail_ctx(smtp_server.mail_settings(db)), notification, alice
    )

    [mail] = await smtp_server.wait_for_mail(1)
    assert mail.rcpt_tos == ["alice@test.example"], "nobody but the reader gets it"
    assert mail.mail_from == "cabinet@localhost"
    message = mail.message
    number = json.loads(notification.params)["number"]
    assert message["Subject"] == f"Заказ № {number} отгружен"
    assert message["To"].addresses[0].addr_spec == "alice@test.example"
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Content-Language"] == "ru"
    assert message_id == f"<notification-{notification.id}.email@localhost>"
    assert message["Message-ID"] == message_id
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe"] == f"<{ORIGIN}/notifications/settings>"

    order_url = f"{ORIGIN}/orders/{notification.order_id}"
    text = mail.part("text/plain")
    assert f"Заказ № {number} отгружен" in text
    assert "Заказ отправлен с завода 12.03.2025, 14:05." in text, "the reader's local time"
    assert "Asia/Yekaterinburg, UTC+05:00" in text
    assert f"Открыть заказ: {order_url}" in text
    assert f"{ORIGIN}/notifications/settings" in text
    html = mail.part("text/html")
    assert '<html lang="ru">' in html
    assert f'<a href="{order_url}"' in html
    assert f'href="{ORIGIN}/notifications/settings"' in html
    assert "Открыть заказ" in html and "14:05" in html
    assert "Вы получили это письмо" in html


async def test_english_reader_gets_a_chat_message_in_english_in_their_time_zone(
    db: Settings, smtp_server: MailRecorder
):
    world = await make_world()
    alice = await speaks(world.people["alice"], "en", "America/New_York")
    order = await place_draft(world, "alice", [("D-200:piece", 1)])
    manager = await world.actor("manager")
    room = await open_order_room(manager, order.id)
    posted = await post_message(
        manager, room.id, MessageCreate(body="Can we deliver on Friday?\n<b>Please</b> confirm.")
    )
    notification = await Notification.create(
        person=alice,
        kind=NotificationKind.CHAT_MESSAGE,
        event_key=f"test:chat:{posted.id}",
        dealer_id=order.dealer_id,
        order_id=order.id,
        room_id=room.id,
        chat_message_id=posted.id,
        params=json.dumps(
            {
                "author": posted.author_name,
                "excerpt": "Can we deliver on Friday? <b>Please</b> confirm.",
                "number": order.number,
            }
        ),
        created_at=SHIPPED_AT,
    )

    await send_notification_mail(mail_ctx(smtp_server.mail_settings(db)), notification, alice)

    [mail] = await smtp_server.wait_for_mail(1)
    message = mail.message
    assert message["Subject"] == f"New message from {posted.author_name} · order № {order.number}"
    assert message["Content-Language"] == "en"
    chat_url = f"{ORIGIN}/chat/rooms/{room.id}#m{posted.id}"
    text = mail.part("text/plain")
    assert "Can we deliver on Friday? <b>Please</b> confirm." in text, "plain text stays plain"
    assert "5:05" in text and "AM" in text and "14:05" not in text
    assert "America/New_York, UTC-04:00" in text
    assert f"Open the conversation: {chat_url}" in text
    assert "Заказ" not in text and "Открыть" not in text
    html = mail.part("text/html")
    assert "&lt;b&gt;Please&lt;/b&gt;" in html and "<b>Please</b>" not in html
    assert f'href="{chat_url}"' in html
    assert "You receive this email because your notification settings" in html


async def test_every_attempt_at_one_notification_carries_the_same_message_id(
    db: Settings, smtp_server: MailRecorder
):
    world = await make_world()
    first = await shipped_notification(world)
    second = await shipped_notification(world)
    ctx = mail_ctx(smtp_server.mail_settings(db, mail_from="Завод <noreply@doors.example>"))
    alice = world.people["alice"]

    ids = [await send_notification_mail(ctx, n, alice) for n in (first, first, second)]

    mails = await smtp_server.wait_for_mail(3)
    assert [m.message["Message-ID"] for m in mails] == ids
    assert ids[0] == ids[1] == f"<notification-{first.id}.email@doors.example>"
    assert ids[2] == f"<notification-{second.id}.email@doors.example>"
    assert mails[0].mail_from == "noreply@doors.example"


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


async def test_embedded_mail_server_keeps_the_worker_mail_in_var_mail(
    db: Settings, monkeypatch: pytest.MonkeyPatch
):
    for name in ("SMTP_HOST", "SMTP_PORT", "SMTP_TLS", "SMTP_USERNAME", "SMTP_PASSWORD"):
        monkeypatch.setenv(name, "")  # and put back as it was after the test
    get_settings.cache_clear()
    assert start_embedded_mail(replace(db, smtp_host="mail.example.com")) is None
    server = start_embedded_mail(replace(db, smtp_host=""))
    assert server is not None
    try:
        worker_settings = Settings(
            database_url=db.database_url, var_dir=db.var_dir, secret_key=db.secret_key
        )
        assert worker_settings.smtp_host == "127.0.0.1"
        assert worker_settings.smtp_port == server.port
        world = await make_world()
        notification = await shipped_notification(world)

        message_id = await send_notification_mail(
            {"mail": Mailer(worker_settings)}, notification, world.people["alice"]
        )

        maildir = mailbox.Maildir(db.var_dir / "mail", create=False)
        [key] = maildir.keys()
        stored = message_from_bytes(maildir.get_bytes(key), policy=policy.default)
        assert stored["Message-ID"] == message_id
        assert stored["To"].addresses[0].addr_spec == "alice@test.example"
    finally:
        server.stop()
        get_settings.cache_clear()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
    assert len(mailbox.Maildir(db.var_dir / "mail", create=False)) == 1, "the mail stays"
