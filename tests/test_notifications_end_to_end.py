"""End to end with real processes: units shipped by the ERP reach the bell, the mailbox and
Telegram once each, also when the worker is killed in the middle of sending and started
again (issue 5's first "must show").

Real parts: a uvicorn web process and arq worker processes on the test's database and
Valkey, an SMTP server (aiosmtpd), the stand-in Bot API, a websocket client.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from app.notifications import deliveries
from app.notifications.events import user_topic
from app.notifications.models import (
    Channel,
    Delivery,
    DeliveryState,
    Notification,
    NotificationKind,
)
from app.orders import production
from app.orders.models import UnitStage
from app.telegram.linking import link_chat, offer_link
from tests import live_fixtures
from tests.factories import actor_for, make_world
from tests.live_fixtures import RecordingClient, issue_token, wait_until
from tests.mail_fixtures import MailRecorder, smtp_server
from tests.notification_helpers import confirmed_order
from tests.telegram_standin import TelegramStandIn, configured_cabinet

web_processes = live_fixtures.web_processes
worker_processes = live_fixtures.worker_processes
__all__ = ["smtp_server"]

ALICE_CHAT = 7_001


def _mails_to(smtp: MailRecorder, address: str) -> list:
    return [m for m in smtp.received if address in m.rcpt_tos]


async def test_shipped_units_reach_bell_mail_and_telegram_once_each_across_a_killed_worker(
    db, web_processes, worker_processes, smtp_server, monkeypatch
):
    for name, value in smtp_server.env.items():
        monkeypatch.setenv(name, value)  # the processes started below send mail there
    async with TelegramStandIn() as telegram:
        with configured_cabinet(telegram):
            world = await make_world()
            alice = world.people["alice"]
            offer = await offer_link(await actor_for(alice))
            await link_chat(offer.url.rsplit("start=", 1)[1], ALICE_CHAT, "alice")
            order = await confirmed_order(world, "alice")
            [web] = web_processes.start(1, sweep_seconds=30)  # live through the bus only
            worker = worker_processes.start()
            _, token = await issue_token(web.url, alice.email)
            async with RecordingClient(web.ws_url, token=token) as live:
                await live.subscribe(user_topic(alice.id), position=0)

                # The confirmation (committed before the worker ran) goes out on all three.
                await smtp_server.wait_for_mail(1, timeout=30)
                await telegram.wait_for_messages(ALICE_CHAT, 1, timeout=30)

                # The mail server keeps the next mail at once but answers only after 60 s:
                # the worker is killed while it waits for that answer, mid-job, and while
                # the Telegram pacer (1 message/s per chat) still holds later messages.
                smtp_server.confirm_data_after(60)
                await production.move_units(None, order.id, UnitStage.SHIPPED, by_system="erp")
                shipped = await _wait_for_notification(alice.id, NotificationKind.ORDER_SHIPPED)
                shipped_mail = await Delivery.get(notification_id=shipped.id, channel=Channel.EMAIL)
                await wait_until(
                    lambda: _handed_over(shipped_mail.id), 30, "the shipped mail handed over"
                )
                await wait_until(
                    lambda: len(_mails_to(smtp_server, alice.email)) == 2,
                    30,
                    "the mail server keeps the shipped mail",
                )
                worker.kill()
                smtp_server.confirm_data_after(0)
                in_flight = await Delivery.filter(
                    notification__person_id=alice.id, state=DeliveryState.SENDING
                ).count()
                assert in_flight >= 1  # killed mid-job indeed

                # The leases of the dead worker's deliveries run out (90 s: brought forward
                # here), and a new worker takes over.
                later = datetime.now(UTC) + deliveries.LEASE + timedelta(seconds=1)
                await deliveries.expire_leases(later)
                held = await Delivery.filter(
                    notification__person_id=alice.id,
                    channel=Channel.TELEGRAM,
                    state=DeliveryState.PENDING,
                ).count()
                assert held >= 1  # claimed, still paced, never handed over: sent later
                worker_processes.start()
                wanted = await Delivery.filter(
                    notification__person_id=alice.id, channel=Channel.TELEGRAM
                ).count()
                await wait_until(
                    lambda: _all_finished(alice.id), 60, "every delivery of alice finished"
                )
                notified = await Notification.filter(person_id=alice.id).count()
                frames = await _frames_for(live, notified)

    # The bell: each notification once, none twice after the restart.
    created = [
        f.data["notification_id"]
        for f in frames
        if getattr(f, "event", "") == "notification.created"
    ]
    assert len(created) == len(set(created)) == notified >= 5
    assert await Notification.filter(person_id=alice.id, kind="order_shipped").count() == 1

    # Mail: the confirmation and the shipment, each once (the shipped one was kept by the
    # server before the kill; its delivery is uncertain and was never sent again).
    mails = _mails_to(smtp_server, alice.email)
    ids = sorted(str(m.message["Message-ID"]) for m in mails)
    assert len(ids) == len(set(ids)) == 2
    assert any(f"notification-{shipped.id}.email@" in i for i in ids)
    await shipped_mail.refresh_from_db()
    assert shipped_mail.state == DeliveryState.UNCERTAIN

    # Telegram: one message per notification, those the pacer held at the kill included.
    sent = telegram.messages_to(ALICE_CHAT)
    assert len(sent) == wanted == notified
    telegram_rows = await Delivery.filter(
        notification__person_id=alice.id, channel=Channel.TELEGRAM
    ).values_list("state", "external_id")
    assert {state for state, _ in telegram_rows} == {DeliveryState.SENT}
    assert sorted(int(e) for _, e in telegram_rows) == sorted(m.message_id for m in sent)
    # Nobody else has a linked chat: no message went anywhere else.
    assert {m.chat_id for m in telegram.sent} == {ALICE_CHAT}
    # And nothing is left that a later reconcile could send again: every delivery of
    # everyone is finished (sent, skipped or uncertain), none pending or in flight.
    assert await deliveries.due(now=datetime.now(UTC) + timedelta(days=1)) == []
    assert not await Delivery.filter(state=DeliveryState.SENDING).exists()


async def _wait_for_notification(person_id: int, kind: NotificationKind) -> Notification:
    found: list[Notification] = []

    async def appeared() -> bool:
        found[:] = await Notification.filter(person_id=person_id, kind=kind)
        return bool(found)

    await wait_until(appeared, 30, f"a {kind} notification")
    return found[0]


async def _handed_over(delivery_id: int) -> bool:
    return await Delivery.filter(id=delivery_id, handed_over_at__isnull=False).exists()


async def _all_finished(person_id: int) -> bool:
    return not await Delivery.filter(
        notification__person_id=person_id,
        state__in=[DeliveryState.PENDING, DeliveryState.SENDING],
    ).exists()


async def _frames_for(live: RecordingClient, count: int) -> list:
    """Notification frames until `count` were created, then a moment more for repeats."""
    frames: list = []

    async def enough() -> bool:
        while True:
            try:
                frames.append(await live.next_frame(0.05))
            except TimeoutError:
                break
        return sum(getattr(f, "event", "") == "notification.created" for f in frames) >= count

    await wait_until(enough, 30, f"{count} notification.created frames")
    await asyncio.sleep(1)  # a repeat would come right behind
    await enough()
    return frames
