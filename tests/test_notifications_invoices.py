"""A new invoice reaches the dealer's people: in the cabinet, by email and in Telegram as
the defaults say, once per person whatever happens to the event, and never anyone else."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from app import i18n
from app.config import Settings
from app.notifications.models import (
    Channel,
    Delivery,
    Notification,
    NotificationKind,
    TelegramLink,
)
from app.notifications.pipeline import handle_event, notifications_consumer
from app.notifications.texts import render_notification
from app.orders import invoices
from app.orders.events import order_topic
from app.orders.schemas import InvoiceCreate
from realtime.consumer import ConsumedRow
from realtime.outbox import OutboxEvent
from tests.factories import World, make_world
from tests.mail_fixtures import ORIGIN, MailRecorder, mail_ctx, smtp_server, speaks
from tests.notification_helpers import confirmed_order, deliveries_of, kinds_of, run_pipeline
from workers.notify import deliver_notification

__all__ = ["smtp_server"]

K = NotificationKind
INVOICE = InvoiceCreate(number="СЧ-00418", amount_kopecks=6_172_50, due_on=date(2026, 12, 31))


async def invoiced_order(world: World, who: str = "alice", *, by: str | None = "manager") -> int:
    """A confirmed order of `who`'s dealer with an invoice; earlier events already told."""
    order = await confirmed_order(world, who)
    await run_pipeline()
    actor = await world.actor(by) if by else None
    await invoices.issue_invoice(actor, order.id, INVOICE, by_system="" if by else "erp")
    return order.id


async def invoice_notes(world: World, who: str) -> list[Notification]:
    return await Notification.filter(
        person_id=world.people[who].id, kind=K.INVOICE_ISSUED
    ).order_by("id")


async def test_the_dealers_people_hear_of_a_new_invoice_and_nobody_else(db):
    world = await make_world()
    await TelegramLink.create(
        person_id=world.people["viewer"].id, chat_id=555, linked_at=datetime.now(UTC)
    )
    order_id = await invoiced_order(world)
    await run_pipeline()

    for who in ("alice", "viewer"):
        [note] = await invoice_notes(world, who)
        assert note.order_id == order_id and note.shown and note.read_at is None
        params = json.loads(note.params)
        assert params["invoice_number"] == "СЧ-00418" and params["due_on"] == "2026-12-31"
        assert params["number"] == f"{order_id:06d}"
        assert not any("kopecks" in key or "amount" in key for key in params), "no money"
    # The defaults: cabinet, email, and Telegram for whoever linked it.
    alice_channels = {d.channel for d in await deliveries_of(world.people["alice"])}
    viewer_channels = {d.channel for d in await deliveries_of(world.people["viewer"])}
    assert alice_channels == {Channel.EMAIL}
    assert viewer_channels == {Channel.EMAIL, Channel.TELEGRAM}
    # The manager issued it; the others never see dealer_a's orders.
    for who in ("manager", "bob", "holly", "sam", "idle_manager", "supervisor"):
        assert await invoice_notes(world, who) == [], who


async def test_an_invoice_from_the_erp_also_tells_the_dealers_manager(db):
    world = await make_world()
    await invoiced_order(world, by=None)
    await run_pipeline()
    assert len(await invoice_notes(world, "manager")) == 1
    assert len(await invoice_notes(world, "alice")) == 1


async def test_a_subsidiarys_invoice_reaches_its_holding_but_not_other_dealers(db):
    world = await make_world()
    await invoiced_order(world, "sam")
    await run_pipeline()
    assert len(await invoice_notes(world, "sam")) == len(await invoice_notes(world, "holly")) == 1
    assert await invoice_notes(world, "alice") == await invoice_notes(world, "bob") == []


async def test_an_invoice_event_handled_twice_notifies_each_person_once(db):
    world = await make_world()
    order_id = await invoiced_order(world)
    await run_pipeline()
    notes, sent = await Notification.all().count(), len(await deliveries_of(world.people["alice"]))

    # A restarted consumer over the same events, and the handler run again on the row.
    assert await notifications_consumer(settle_seconds=3600).run_once() == 0
    row = await OutboxEvent.get(topic=order_topic(order_id), type="order.invoice_issued")
    again = ConsumedRow(row.id, row.topic, row.seq, row.type, row.payload, row.occurred_at)
    await handle_event(again)
    await handle_event(again)

    assert await Notification.all().count() == notes
    assert len(await deliveries_of(world.people["alice"])) == sent
    assert (await kinds_of(world.people["alice"])).count(K.INVOICE_ISSUED) == 1


async def test_paying_or_cancelling_an_invoice_notifies_nobody(db):
    world = await make_world()
    order_id = await invoiced_order(world)
    await run_pipeline()
    before = await Notification.all().count()
    manager = await world.actor("manager")
    [invoice] = (await invoices.list_invoices(manager, order_id)).items
    await invoices.mark_invoice_paid(manager, order_id, invoice.id)
    await run_pipeline()
    assert await Notification.all().count() == before


async def test_the_notification_names_the_invoice_and_the_day_to_pay_by(db):
    world = await make_world()
    await invoiced_order(world)
    await run_pipeline()
    [note] = await invoice_notes(world, "alice")
    ru = render_notification(note, language="ru", time_zone="Europe/Moscow", base_url=ORIGIN)
    number = json.loads(note.params)["number"]
    assert ru.title == f"Счёт СЧ-00418 по заказу № {number}"
    with i18n.speaking("ru", "Europe/Moscow"):
        due = i18n.format_day(date(2026, 12, 31))  # "31 дек. 2026 г."
    assert ru.body == f"Новый счёт ожидает оплаты. Оплатите до {due}"
    assert ru.url == f"{ORIGIN}/orders/{note.order_id}"
    en = render_notification(note, language="en", time_zone="Europe/Moscow", base_url=ORIGIN)
    assert en.body == "A new invoice is waiting for payment. Please pay by Dec 31, 2026."


async def test_the_invoice_email_carries_its_number_and_a_link_to_the_order(
    db: Settings, smtp_server: MailRecorder
):
    world = await make_world()
    await speaks(world.people["alice"], "ru", "Asia/Yekaterinburg")
    order_id = await invoiced_order(world)
    await run_pipeline()
    [delivery] = await Delivery.filter(
        notification__person_id=world.people["alice"].id,
        notification__kind=K.INVOICE_ISSUED,
        channel=Channel.EMAIL,
    )

    outcome = await deliver_notification(mail_ctx(smtp_server.mail_settings(db)), delivery.id)

    assert outcome == "sent"
    [mail] = await smtp_server.wait_for_mail(1)
    assert mail.rcpt_tos == ["alice@test.example"]
    assert "СЧ-00418" in mail.message["Subject"]
    text = mail.part("text/plain")
    assert "Счёт СЧ-00418 по заказу №" in text and "Оплатите до 31 дек. 2026" in text
    assert f"{ORIGIN}/orders/{order_id}" in text
    assert "6 172" not in text and "6\xa0172" not in text, "no amount in a notification"
    assert "СЧ-00418" in mail.part("text/html")
