"""A delivery is sent at most once: retries, skips, refusals, dead workers, quiet hours.

Email deliveries go through the real sender (workers/mail.py) to a real local SMTP server
that can answer as a busy or refusing server would.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from arq import create_pool
from arq.connections import RedisSettings

from app.accounts.models import Person
from app.chat.editing import delete_message
from app.chat.posting import post_message
from app.chat.rooms import open_dealer_room
from app.chat.schemas import MessageCreate
from app.notifications import deliveries
from app.notifications.models import (
    Channel,
    Delivery,
    DeliveryState,
    NotificationPreference,
    NotificationSettings,
    TelegramLink,
)
from app.notifications.preferences import quiet_until
from app.orders.models import UnitStage
from tests.factories import World, actor_for, make_world
from tests.mail_fixtures import mail_ctx, smtp_server
from tests.notification_helpers import confirmed_order, deliveries_of, move_all, run_pipeline
from workers import notify
from workers.channels import hand_over
from workers.notify import Dispatcher, deliver_notification

__all__ = ["smtp_server"]  # a fixture, used by name


@pytest.fixture
async def world(db) -> World:
    return await make_world()


async def confirmation_mail(world: World, who: str = "viewer") -> Delivery:
    """The email delivery of `who`'s "order confirmed" notification, due now."""
    await confirmed_order(world, "alice")
    await run_pipeline()
    found = [d for d in await deliveries_of(world.people[who]) if d.channel == Channel.EMAIL]
    assert len(found) == 1, found  # confirmed: email on by default; submitted: off
    return found[0]


async def test_a_delivery_is_sent_once_and_a_repeated_job_sends_nothing(world, db, smtp_server):
    ctx = mail_ctx(smtp_server.mail_settings(db))
    delivery = await confirmation_mail(world)
    assert await deliver_notification(ctx, delivery.id) == "sent"
    assert await deliver_notification(ctx, delivery.id) == "not_claimed"
    await delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT and delivery.attempts == 1
    assert delivery.external_id.startswith("<") and len(smtp_server.received) == 1


async def test_a_busy_server_means_a_later_attempt_then_it_goes(world, db, smtp_server):
    ctx = mail_ctx(smtp_server.mail_settings(db))
    delivery = await confirmation_mail(world)
    smtp_server.reply_to_data("451 4.3.0 Try again later")
    assert await deliver_notification(ctx, delivery.id) == "pending"
    await delivery.refresh_from_db()
    assert delivery.state == DeliveryState.PENDING and delivery.attempts == 1
    assert delivery.not_before > datetime.now(UTC) + timedelta(seconds=30)
    assert "451" in delivery.last_error
    assert await deliver_notification(ctx, delivery.id) == "not_claimed"  # not due yet
    smtp_server.reply_to_data("250 2.0.0 OK")
    await Delivery.filter(id=delivery.id).update(not_before=datetime.now(UTC))
    assert await deliver_notification(ctx, delivery.id) == "sent"
    await delivery.refresh_from_db()
    assert delivery.attempts == 2 and len(smtp_server.received) == 1


async def test_a_refused_address_fails_for_good_and_attempts_run_out(world, db, smtp_server):
    ctx = mail_ctx(smtp_server.mail_settings(db))
    delivery = await confirmation_mail(world)
    smtp_server.reply_to_recipient("viewer@test.example", "550 5.1.1 No such user")
    assert await deliver_notification(ctx, delivery.id) == "failed"
    await delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED and "550" in delivery.last_error


async def test_a_server_busy_on_the_last_attempt_fails_it_instead_of_waiting_again(
    world, db, smtp_server
):
    ctx = mail_ctx(smtp_server.mail_settings(db))
    delivery = await confirmation_mail(world)
    smtp_server.reply_to_data("451 4.3.0 Try again later")
    await Delivery.filter(id=delivery.id).update(attempts=deliveries.MAX_ATTEMPTS - 1)
    assert await deliver_notification(ctx, delivery.id) == "failed"
    await delivery.refresh_from_db()
    assert delivery.last_error.startswith("gave up") and smtp_server.received == []


async def test_a_worker_that_died_before_handing_over_is_retried_and_sends_once(
    world, db, smtp_server
):
    ctx = mail_ctx(smtp_server.mail_settings(db))
    delivery = await confirmation_mail(world)
    claimed = await deliveries.claim(delivery.id)  # the worker took it (pacing, connecting)...
    assert claimed is not None  # ...and died before the mail's DATA
    assert await deliver_notification(ctx, delivery.id) == "not_claimed"  # arq's retry
    assert await deliveries.expire_leases() == 0  # the lease still runs
    later = datetime.now(UTC) + deliveries.LEASE + timedelta(seconds=1)
    assert await deliveries.expire_leases(later) == 1
    await delivery.refresh_from_db()
    assert delivery.state == DeliveryState.PENDING and delivery.attempts == 1
    assert await deliver_notification(ctx, delivery.id) == "sent"
    assert len(await smtp_server.wait_for_mail(1)) == 1


async def test_a_worker_that_died_after_handing_over_leaves_it_uncertain_never_sent_again(
    world, db, smtp_server
):
    ctx = mail_ctx(smtp_server.mail_settings(db))
    delivery = await confirmation_mail(world)
    claimed = await deliveries.claim(delivery.id)
    assert claimed is not None
    assert await deliveries.hand_over(claimed)  # DATA began... and the worker died
    later = datetime.now(UTC) + deliveries.LEASE + timedelta(seconds=1)
    assert await deliveries.expire_leases(later) == 1
    await delivery.refresh_from_db()
    assert delivery.state == DeliveryState.UNCERTAIN
    assert delivery.id not in dict(await deliveries.due(now=later + timedelta(days=1)))
    assert await deliver_notification(ctx, delivery.id) == "not_claimed"
    assert smtp_server.received == []


async def test_a_sender_that_breaks_after_handing_over_may_have_sent_so_it_is_not_retried(
    world, db, monkeypatch
):
    async def broken(ctx, notification, person):
        await hand_over(ctx)
        raise ConnectionResetError("peer went away after DATA")

    monkeypatch.setitem(
        notify.SENDERS, Channel.EMAIL, (type("Broken", (), {"send": broken}), "send")
    )
    delivery = await confirmation_mail(world)
    assert await deliver_notification({}, delivery.id) == "uncertain"
    await delivery.refresh_from_db()
    assert (
        delivery.state == DeliveryState.UNCERTAIN and "ConnectionResetError" in delivery.last_error
    )


async def test_a_sender_that_breaks_before_handing_over_is_tried_again(world, db, monkeypatch):
    async def broken(ctx, notification, person):
        raise ValueError("a bug before anything was sent")

    monkeypatch.setitem(
        notify.SENDERS, Channel.EMAIL, (type("Broken", (), {"send": broken}), "send")
    )
    delivery = await confirmation_mail(world)
    assert await deliver_notification({}, delivery.id) == "pending"
    await delivery.refresh_from_db()
    assert delivery.state == DeliveryState.PENDING and "ValueError" in delivery.last_error


async def test_a_channel_switched_off_while_waiting_is_skipped(world, db, smtp_server):
    ctx = mail_ctx(smtp_server.mail_settings(db))
    delivery = await confirmation_mail(world)
    await NotificationPreference.create(
        person_id=world.people["viewer"].id, kind="order_confirmed", email=False
    )
    assert await deliver_notification(ctx, delivery.id) == "skipped"
    assert smtp_server.received == []


async def test_telegram_is_only_delivered_to_a_linked_person(world):
    await TelegramLink.create(
        person_id=world.people["viewer"].id, chat_id=555, linked_at=datetime.now(UTC)
    )
    await confirmed_order(world, "alice")
    await run_pipeline()
    viewer = {(d.channel, d.notification_id) for d in await deliveries_of(world.people["viewer"])}
    assert Channel.TELEGRAM in {c for c, _ in viewer}
    alice = await deliveries_of(world.people["alice"])
    assert {d.channel for d in alice} == {Channel.EMAIL}


def test_quiet_hours_end_in_the_persons_own_time_zone():
    moscow = ZoneInfo("Europe/Moscow")
    late = datetime(2025, 3, 1, 23, 30, tzinfo=moscow)
    assert quiet_until(late, "Europe/Moscow", 22 * 60, 7 * 60) == datetime(
        2025, 3, 2, 7, 0, tzinfo=moscow
    )
    early = datetime(2025, 3, 2, 6, 0, tzinfo=moscow)
    assert quiet_until(early, "Europe/Moscow", 22 * 60, 7 * 60) == datetime(
        2025, 3, 2, 7, 0, tzinfo=moscow
    )
    assert (
        quiet_until(datetime(2025, 3, 2, 12, 0, tzinfo=moscow), "Europe/Moscow", 1320, 420) is None
    )
    # 23:30 in Moscow is 05:30 in Vladivostok: inside 22:00-07:00 there, until 07:00 there.
    held = quiet_until(late.astimezone(UTC), "Asia/Vladivostok", 22 * 60, 7 * 60)
    assert held == datetime(2025, 3, 2, 7, 0, tzinfo=ZoneInfo("Asia/Vladivostok"))
    assert quiet_until(late, "Europe/Moscow", 13 * 60, 14 * 60) is None
    assert quiet_until(late, "Europe/Moscow", None, None) is None


async def test_deliveries_wait_out_quiet_hours_but_the_cabinet_does_not(world, db, smtp_server):
    viewer: Person = world.people["viewer"]
    await Person.filter(id=viewer.id).update(time_zone="Asia/Vladivostok")
    local = datetime.now(ZoneInfo("Asia/Vladivostok"))
    minute = local.hour * 60 + local.minute
    await NotificationSettings.create(
        person_id=viewer.id,
        quiet_from_minute=(minute - 60) % 1440,
        quiet_to_minute=(minute + 60) % 1440,
    )
    ctx = mail_ctx(smtp_server.mail_settings(db))
    delivery = await confirmation_mail(world)
    wait = delivery.not_before - datetime.now(UTC)
    assert timedelta(minutes=58) < wait <= timedelta(minutes=61)
    assert delivery.id not in dict(await deliveries.due())  # the dispatcher leaves it alone
    assert await deliver_notification(ctx, delivery.id) == "not_claimed"
    # In the cabinet it is there at once (and the bell was told).
    assert await delivery.notification.filter(read_at=None, shown=True).exists()
    # Alice (Moscow, no quiet hours) got hers straight away.
    alice_mail = [
        d for d in await deliveries_of(world.people["alice"]) if d.channel == Channel.EMAIL
    ]
    assert alice_mail and alice_mail[0].not_before <= datetime.now(UTC)


async def test_the_dispatcher_enqueues_each_attempt_once(world, db, redis_url):
    await confirmed_order(world, "alice")
    order = await confirmed_order(world, "alice")
    await move_all(world, order.id, UnitStage.PAINTING)
    await run_pipeline()
    due = await deliveries.due()
    assert due
    pool = await create_pool(RedisSettings.from_dsn(redis_url))
    try:
        dispatcher = Dispatcher(pool)
        assert await dispatcher.dispatch() == len(due)
        assert await dispatcher.dispatch() == 0  # remembered
        assert await Dispatcher(pool).dispatch(everything=True) == 0  # arq drops repeats
        jobs = {job.job_id for job in await pool.queued_jobs()}
        assert jobs == {f"deliver:{i}:{a}" for i, a in due}
    finally:
        await pool.aclose()


async def test_a_chat_message_deleted_while_its_mail_waited_is_not_sent(world, db, smtp_server):
    ctx = mail_ctx(smtp_server.mail_settings(db))
    alice = world.people["alice"]
    await NotificationPreference.create(person_id=alice.id, kind="chat_message", email=True)
    manager = await actor_for(world.people["manager"])
    room = await open_dealer_room(manager, world.dealer_a.id)
    message = await post_message(manager, room.id, MessageCreate(body="Your invoice is wrong"))
    await run_pipeline()
    [delivery] = [d for d in await deliveries_of(alice) if d.channel == Channel.EMAIL]
    await delete_message(manager, message.id)  # within the edit window, before the send
    assert await deliver_notification(ctx, delivery.id) == "skipped"
    assert smtp_server.received == []


async def test_a_sender_whose_lease_ran_out_does_not_send_what_another_worker_holds(
    world, db, monkeypatch
):
    sent: list[int] = []

    async def stalled(ctx, notification, person):
        # This worker stalled past its lease; meanwhile the reconcile freed the delivery
        # and another worker claimed it.
        later = datetime.now(UTC) + deliveries.LEASE + timedelta(seconds=1)
        assert await deliveries.expire_leases(later) == 1
        assert await deliveries.claim(delivery.id) is not None
        await hand_over(ctx)
        sent.append(notification.id)
        return "never"

    monkeypatch.setitem(
        notify.SENDERS, Channel.EMAIL, (type("Stalled", (), {"send": stalled}), "send")
    )
    delivery = await confirmation_mail(world)
    assert await deliver_notification({}, delivery.id) == "lease_lost"
    assert sent == []
    await delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENDING and delivery.attempts == 2  # the other's
