"""Mirroring notifications to Telegram: the message, the person's language, Telegram's
limits (429 with retry_after, pacing per chat and per bot), a blocked bot, no link."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from redis.asyncio import Redis

from app.accounts import directory
from app.accounts.schemas import ProfileUpdate
from app.notifications.models import Notification, NotificationKind, TelegramLink
from app.telegram import linking
from app.telegram.pacing import GLOBAL_PER_SECOND, TelegramPacer
from tests.factories import World, make_world
from tests.telegram_standin import TelegramStandIn, configured_cabinet
from workers import telegram as telegram_worker
from workers.channels import ChannelRefused, ChannelRetry, ChannelUnavailable

ALICE_CHAT, BOB_CHAT = 7770001, 7770002


@pytest.fixture
async def telegram(db) -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn() as standin:
        with configured_cabinet(standin):
            yield standin


@pytest.fixture
async def worker_ctx(db, telegram) -> AsyncIterator[dict]:
    """What a worker process's `startup` gives the delivery job."""
    ctx: dict = {"redis": Redis.from_url(db.redis_url)}
    await telegram_worker.startup(ctx)
    yield ctx
    await telegram_worker.shutdown(ctx)
    await ctx["redis"].aclose()


async def linked(world: World, who: str, chat_id: int) -> None:
    offer = await linking.offer_link(await world.actor(who))
    outcome, _ = await linking.link_chat(offer.url.rsplit("=", 1)[1], chat_id, who)
    assert outcome is linking.LinkOutcome.LINKED


async def shipped(world: World, who: str, number: str = "000042") -> Notification:
    """The notification the pipeline writes when an order of theirs ships."""
    return await Notification.create(
        person=world.people[who],
        kind=NotificationKind.ORDER_SHIPPED,
        event_key=f"test:shipped:{number}:{time.monotonic_ns()}",
        dealer_id=world.dealer_a.id,
        order_id=42,
        params=json.dumps({"number": number, "at": "2026-03-02T09:30:00+00:00"}),
        created_at=datetime.now(UTC),
    )


async def test_a_notification_is_mirrored_with_a_link_back_in_the_persons_language(
    db, telegram, worker_ctx
):
    world = await make_world()
    await linked(world, "alice", ALICE_CHAT)
    await linked(world, "bob", BOB_CHAT)
    await directory.update_profile(await world.actor("bob"), ProfileUpdate(language="en"))

    alice = world.people["alice"]
    message_id = await telegram_worker.send_notification_telegram(
        worker_ctx, await shipped(world, "alice"), alice
    )
    [sent] = telegram.messages_to(ALICE_CHAT)
    assert message_id == str(sent.message_id) and sent.via == "api"
    assert sent.parse_mode == "HTML" and sent.text.startswith("<b>Заказ № 000042 отгружен</b>")
    assert "02.03.2026, 12:30" in sent.text  # Moscow time, Russian date format
    assert '<a href="http://localhost:8000/orders/42">Открыть в кабинете</a>' in sent.text

    bob = await directory.Person.get(id=world.people["bob"].id)
    await telegram_worker.send_notification_telegram(worker_ctx, await shipped(world, "bob"), bob)
    [english] = telegram.messages_to(BOB_CHAT)
    assert english.text.startswith("<b>Order № 000042 is shipped</b>")
    assert ">Open in the cabinet</a>" in english.text


async def test_a_person_without_a_link_gets_no_message(db, telegram, worker_ctx):
    world = await make_world()
    with pytest.raises(ChannelUnavailable):
        await telegram_worker.send_notification_telegram(
            worker_ctx, await shipped(world, "alice"), world.people["alice"]
        )
    assert telegram.calls == []


async def test_without_a_bot_nothing_is_sent(db, redis_url):
    world = await make_world()
    await linked_without_bot(world)
    ctx: dict = {}
    await telegram_worker.startup(ctx)
    with pytest.raises(ChannelUnavailable):
        await telegram_worker.send_notification_telegram(
            ctx, await shipped(world, "alice"), world.people["alice"]
        )
    await telegram_worker.shutdown(ctx)


async def linked_without_bot(world: World) -> None:
    await TelegramLink.create(
        person=world.people["alice"], chat_id=ALICE_CHAT, linked_at=datetime.now(UTC)
    )


async def test_too_many_requests_is_retried_after_retry_after_and_then_sent_once(
    db, telegram, worker_ctx
):
    world = await make_world()
    await linked(world, "alice", ALICE_CHAT)
    notification, alice = await shipped(world, "alice"), world.people["alice"]
    telegram.answer_too_many_requests(times=1, retry_after=2)

    with pytest.raises(ChannelRetry) as retry:
        await telegram_worker.send_notification_telegram(worker_ctx, notification, alice)
    assert retry.value.after_seconds == 2 and "retry after 2" in retry.value.reason
    refused_at = time.monotonic()

    # The whole bot holds back until retry_after has passed, then the retry goes out once.
    await telegram_worker.send_notification_telegram(worker_ctx, notification, alice)
    [sent] = telegram.messages_to(ALICE_CHAT)
    assert sent.at - refused_at >= 1.9
    assert [m for m, _ in telegram.calls] == ["sendMessage", "sendMessage"]


async def test_a_blocked_bot_unlinks_the_chat_and_the_message_is_refused(db, telegram, worker_ctx):
    world = await make_world()
    await linked(world, "alice", ALICE_CHAT)
    telegram.block(ALICE_CHAT)
    with pytest.raises(ChannelRefused, match="blocked"):
        await telegram_worker.send_notification_telegram(
            worker_ctx, await shipped(world, "alice"), world.people["alice"]
        )
    assert await linking.chat_of(world.people["alice"].id) is None
    assert not (await linking.telegram_status(await world.actor("alice"))).linked
    with pytest.raises(ChannelUnavailable):  # the next one is not even tried
        await telegram_worker.send_notification_telegram(
            worker_ctx, await shipped(world, "alice"), world.people["alice"]
        )
    assert len(telegram.calls) == 1


async def test_telegram_down_or_failing_means_try_again_later(db, worker_ctx, telegram):
    world = await make_world()
    await linked(world, "alice", ALICE_CHAT)
    telegram.answer_server_error(times=1)
    with pytest.raises(ChannelRetry) as failing:
        await telegram_worker.send_notification_telegram(
            worker_ctx, await shipped(world, "alice"), world.people["alice"]
        )
    assert failing.value.after_seconds == telegram_worker.NETWORK_RETRY_SECONDS

    async with TelegramStandIn() as gone:
        pass  # started and stopped: its port now refuses connections
    with configured_cabinet(gone):
        ctx: dict = {"redis": worker_ctx["redis"]}
        await telegram_worker.startup(ctx)
        try:
            with pytest.raises(ChannelRetry, match="ClientConnectorError"):
                await telegram_worker.send_notification_telegram(
                    ctx, await shipped(world, "alice", "000043"), world.people["alice"]
                )
        finally:
            await telegram_worker.shutdown(ctx)
    assert telegram.sent == []


async def test_one_chat_gets_at_most_a_message_a_second_and_others_are_not_held_up(
    db, telegram, worker_ctx
):
    world = await make_world()
    await linked(world, "alice", ALICE_CHAT)
    await linked(world, "bob", BOB_CHAT)
    alice, bob = world.people["alice"], world.people["bob"]
    send = telegram_worker.send_notification_telegram
    await asyncio.gather(
        send(worker_ctx, await shipped(world, "alice", "000001"), alice),
        send(worker_ctx, await shipped(world, "alice", "000002"), alice),
        send(worker_ctx, await shipped(world, "alice", "000003"), alice),
        send(worker_ctx, await shipped(world, "bob", "000004"), bob),
    )
    to_alice = telegram.messages_to(ALICE_CHAT)
    gaps = [b.at - a.at for a, b in itertools.pairwise(to_alice)]
    # The pacer spaces the sends 1 s apart; the stand-in notes arrivals, which a loaded
    # machine delays by tens of milliseconds each. Unpaced, the gaps would be ~10 ms.
    assert len(to_alice) == 3 and min(gaps) >= 0.8 and sum(gaps) >= 1.9
    [to_bob] = telegram.messages_to(BOB_CHAT)
    assert to_bob.at < to_alice[1].at  # not queued behind alice's chat


async def test_a_slot_too_far_ahead_is_a_retry_not_a_long_wait(db, telegram, worker_ctx):
    world = await make_world()
    await linked(world, "alice", ALICE_CHAT)
    await TelegramPacer(worker_ctx["redis"]).hold_all(30)
    started = time.monotonic()
    with pytest.raises(ChannelRetry) as retry:
        await telegram_worker.send_notification_telegram(
            worker_ctx, await shipped(world, "alice"), world.people["alice"]
        )
    # Answered at once with the wait, instead of holding a job slot for 30 s.
    assert 25 < retry.value.after_seconds <= 30 and time.monotonic() - started < 10
    assert telegram.calls == []


async def test_the_bot_as_a_whole_keeps_to_its_messages_per_second(db, redis_url):
    one, two = Redis.from_url(redis_url), Redis.from_url(redis_url)
    pacer = TelegramPacer(one)
    slots = [await pacer.reserve_slot(chat_id) for chat_id in range(1, 61)]
    per_second = Counter(slot // 1000 for _, slot in slots)
    assert max(per_second.values()) <= GLOBAL_PER_SECOND and len(per_second) >= 3
    assert sorted(slot for _, slot in slots) == [slot for _, slot in slots]  # first come first
    # Another process's pacer shares the budget: the same Redis, the same seconds.
    _, later = await TelegramPacer(two).reserve_slot(61)
    await one.aclose()
    await two.aclose()
    assert per_second[later // 1000] < GLOBAL_PER_SECOND and later >= slots[-1][1]
