"""Notification email: what a reader finds in their mailbox.

Every test sends through the real sender (workers/mail.py, aiosmtplib) to a real SMTP
server (aiosmtpd, tests/mail_fixtures.py) and reads the message back with `email`'s parser.
What happens when mail fails is in tests/test_email_failures.py.
"""

from __future__ import annotations

import json
import mailbox
import socket
from dataclasses import replace
from email import message_from_bytes, policy

import pytest

from app.chat.posting import post_message
from app.chat.rooms import open_order_room
from app.chat.schemas import MessageCreate
from app.config import Settings, get_settings
from app.embedded_mail import start_embedded_mail
from app.notifications.models import (
    Channel,
    Delivery,
    DeliveryState,
    Notification,
    NotificationKind,
)
from app.orders.models import UnitStage
from tests.factories import make_world, place_draft
from tests.mail_fixtures import (
    ORIGIN,
    SHIPPED_AT,
    MailRecorder,
    mail_ctx,
    shipped_notification,
    smtp_server,
    speaks,
)
from tests.notification_helpers import confirmed_order, move_all, run_pipeline
from workers.mail import Mailer, send_notification_mail
from workers.notify import deliver_notification

__all__ = ["smtp_server"]


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


async def test_shipping_an_order_mails_its_dealers_people_once_through_the_delivery_job(
    db: Settings, smtp_server: MailRecorder
):
    """The whole way in one process: order events → the pipeline's notifications and email
    deliveries → the delivery job → this sender → the SMTP server."""
    world = await make_world()
    await speaks(world.people["alice"], "ru", "Asia/Yekaterinburg")
    order = await confirmed_order(world, "alice")
    for stage in (UnitStage.PAINTING, UnitStage.PACKED, UnitStage.SHIPPED):
        await move_all(world, order.id, stage)
    await run_pipeline()
    ctx = mail_ctx(smtp_server.mail_settings(db))
    emails = await Delivery.filter(channel=Channel.EMAIL).order_by("id")
    assert emails, "the pipeline asked for email deliveries"

    assert [await deliver_notification(ctx, d.id) for d in emails] == ["sent"] * len(emails)
    assert [await deliver_notification(ctx, d.id) for d in emails] == ["not_claimed"] * len(
        emails
    ), "a repeated job sends nothing"

    mails = await smtp_server.wait_for_mail(len(emails))
    assert len(smtp_server.received) == len(emails), "each delivery mailed once"
    recipients = {address for mail in mails for address in mail.rcpt_tos}
    assert "alice@test.example" in recipients
    assert not recipients & {"bob@test.example", "holly@test.example", "sam@test.example"}, (
        "no mail about dealer A's order to another dealer's people"
    )
    sent = {d.external_id: d for d in await Delivery.filter(channel=Channel.EMAIL)}
    assert all(d.state == DeliveryState.SENT for d in sent.values())
    assert {m.message["Message-ID"] for m in mails} == set(sent)
    [shipped] = [
        m
        for m in mails
        if m.rcpt_tos == ["alice@test.example"] and "отгружен" in str(m.message["Subject"])
    ]
    assert shipped.message["Subject"] == f"Заказ № {order.number} отгружен"
    assert f"Открыть заказ: {ORIGIN}/orders/{order.id}" in shipped.part("text/plain")
    assert "Asia/Yekaterinburg, UTC+05:00" in shipped.part("text/plain")


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
