"""The bot for a linked person: /orders, /order N (never another dealer's), answers in the
person's language, and a reply to a mirrored chat message posted into that chat."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from app.accounts import directory
from app.accounts.schemas import ProfileUpdate
from app.chat import posting, rooms
from app.chat.models import ChatMessage
from app.chat.schemas import MessageCreate
from app.notifications.models import Channel, Delivery
from app.orders.models import UnitStage
from app.orders.production import confirm_order, move_units
from app.orders.service import submit_order
from app.telegram import linking
from app.telegram.client import register_webhook
from tests.chat_helpers import bearer
from tests.factories import World, make_world, place_draft
from tests.notification_helpers import run_pipeline
from tests.telegram_standin import (
    SentMessage,
    TelegramStandIn,
    TelegramUser,
    configured_cabinet,
)
from workers import telegram as telegram_worker
from workers.notify import deliver_notification

ALICE_PHONE = TelegramUser(id=6660001, first_name="Alice", username="alice_tg")
HOLLY_PHONE = TelegramUser(id=6660002, first_name="Holly")
MANAGER_PHONE = TelegramUser(id=6660003, first_name="Max")
STRANGER = TelegramUser(id=6660009, first_name="Stranger", language_code="en")


@pytest.fixture
async def telegram(db) -> AsyncIterator[TelegramStandIn]:
    """The stand-in Bot API, with the cabinet configured for it and its webhook set."""
    async with TelegramStandIn() as standin:
        with configured_cabinet(standin):
            await register_webhook()
            yield standin


@pytest.fixture
async def worker_ctx(db, telegram) -> AsyncIterator[dict]:
    """What a worker process's `startup` gives the delivery job."""
    ctx: dict = {"redis": Redis.from_url(db.redis_url)}
    await telegram_worker.startup(ctx)
    yield ctx
    await telegram_worker.shutdown(ctx)
    await ctx["redis"].aclose()


async def link(telegram: TelegramStandIn, client, world: World, who: str, phone: TelegramUser):
    """The person links their chat with a deep link from the profile."""
    offer = await linking.offer_link(await world.actor(who))
    token = offer.url.rsplit("=", 1)[1]
    await telegram.user_sends(phone, f"/start {token}", via=client)
    assert await linking.chat_of(world.people[who].id) == phone.id


async def says(telegram: TelegramStandIn, client, phone: TelegramUser, text: str, **kw) -> str:
    """What the bot answers to a message (the answer comes back in the webhook's response)."""
    before = len(telegram.messages_to(phone.id))
    reply = await telegram.user_sends(phone, text, via=client, **kw)
    assert reply.status == 200, reply.body
    answers = telegram.messages_to(phone.id)[before:]
    assert len(answers) == 1 and answers[0].parse_mode == "HTML"
    return answers[0].text


async def submitted(world: World, who: str, dealer=None) -> str:
    draft = await place_draft(world, who, [("D-100:piece", 3)], dealer=dealer)
    await submit_order(await world.actor(who), draft.id)
    return draft.number


async def test_alice_lists_her_recent_orders_and_never_sees_bobs(db, app_client, telegram):
    world = await make_world()
    first, second = await submitted(world, "alice"), await submitted(world, "alice")
    bobs = await submitted(world, "bob")
    await link(telegram, app_client, world, "alice", ALICE_PHONE)

    answer = await says(telegram, app_client, ALICE_PHONE, "/orders")
    assert "Ваши последние заказы" in answer and "Отправлен" in answer
    assert answer.index(second) < answer.index(first)  # newest first
    assert bobs not in answer and "Beta" not in answer


async def test_an_order_shows_its_status_and_units_by_stage(db, app_client, telegram):
    world = await make_world()
    number = await submitted(world, "alice")
    manager = await world.actor("manager")
    order = await confirm_order(manager, int(number))
    await move_units(manager, order.id, UnitStage.CUTTING, [order.units[0].id])
    await link(telegram, app_client, world, "alice", ALICE_PHONE)

    answer = await says(telegram, app_client, ALICE_PHONE, f"/order {int(number)}")
    assert f"Заказ № {number}" in answer and "OOO Alpha Doors" in answer
    assert "3 изделия по этапам:" in answer
    assert "• В очереди: 2" in answer and "• Раскрой: 1" in answer
    assert f'href="http://localhost:8000/orders/{order.id}"' in answer
    assert "Укажите номер заказа" in await says(telegram, app_client, ALICE_PHONE, "/order")


async def test_another_dealers_order_is_answered_exactly_like_a_missing_one(
    db, app_client, telegram
):
    world = await make_world()
    bobs = await submitted(world, "bob")
    subsidiary = await submitted(world, "sam")
    await link(telegram, app_client, world, "alice", ALICE_PHONE)
    await link(telegram, app_client, world, "holly", HOLLY_PHONE)
    await link(telegram, app_client, world, "manager", MANAGER_PHONE)

    guessed = await says(telegram, app_client, ALICE_PHONE, f"/order {bobs}")
    missing = await says(telegram, app_client, ALICE_PHONE, "/order 999999")
    assert guessed == missing.replace("999999", bobs) == f"Заказ № {bobs} не найден."
    # The manager looks after Alpha and the Gamma holding, not Beta.
    assert "не найден" in await says(telegram, app_client, MANAGER_PHONE, f"/order {bobs}")
    # A holding's people see their subsidiaries' orders, as in the cabinet.
    assert "Gamma North" in await says(telegram, app_client, HOLLY_PHONE, f"/order {subsidiary}")
    assert subsidiary in await says(telegram, app_client, HOLLY_PHONE, "/orders")


async def test_the_bot_speaks_the_persons_language(db, app_client, telegram):
    world = await make_world()
    await submitted(world, "alice")
    await directory.update_profile(await world.actor("alice"), ProfileUpdate(language="en"))
    await link(telegram, app_client, world, "alice", ALICE_PHONE)
    assert "Done, Alice" in telegram.messages_to(ALICE_PHONE.id)[-1].text

    answer = await says(telegram, app_client, ALICE_PHONE, "/orders")
    assert "Your recent orders" in answer and "Submitted" in answer
    assert "/orders — your recent orders" in await says(telegram, app_client, ALICE_PHONE, "/help")


async def test_a_chat_that_is_not_linked_is_told_where_to_link_it(db, app_client, telegram):
    answer = await says(telegram, app_client, STRANGER, "/orders")
    assert answer.startswith("This chat is not linked to the dealer cabinet.")
    assert 'href="http://localhost:8000/profile/telegram"' in answer
    russian = TelegramUser(id=6660010, language_code="ru")
    assert "не привязан" in await says(telegram, app_client, russian, "hello")


async def chat_notification(
    ctx, telegram: TelegramStandIn, world: World, who: str, room_id: int, body: str
) -> SentMessage:
    """The manager writes in a room; the notification pipeline mirrors it to Telegram.

    A pass of the notifications consumer makes the notification and its Telegram delivery;
    the pipeline's delivery job sends it through `send_notification_telegram` and keeps
    the bot message's id as the delivery's `external_id`.
    """
    message = await posting.post_message(
        await world.actor("manager"), room_id, MessageCreate(body=body)
    )
    await run_pipeline()
    delivery = await Delivery.get(
        notification__person_id=world.people[who].id,
        notification__chat_message_id=message.id,
        channel=Channel.TELEGRAM,
    )
    assert await deliver_notification(ctx, delivery.id) == "sent"
    await delivery.refresh_from_db()
    chat_id = await linking.chat_of(world.people[who].id)
    [sent] = [m for m in telegram.messages_to(chat_id) if str(m.message_id) == delivery.external_id]
    return sent


async def test_a_reply_to_a_mirrored_chat_message_is_posted_into_the_chat_as_alice(
    db, app_client, telegram, worker_ctx
):
    world = await make_world()
    await link(telegram, app_client, world, "alice", ALICE_PHONE)
    room = await rooms.open_dealer_room(await world.actor("alice"))
    mirrored = await chat_notification(
        worker_ctx, telegram, world, "alice", room.id, "Когда удобно отгрузить?"
    )
    assert (
        "Когда удобно отгрузить?" in mirrored.text and "Ответьте на это сообщение" in mirrored.text
    )

    update = telegram.message_update(ALICE_PHONE, "Завтра после обеда", reply_to=mirrored)
    await telegram.deliver(update, via=app_client)
    await telegram.deliver(update, via=app_client)  # Telegram re-delivers: posted once
    assert telegram.messages_to(ALICE_PHONE.id)[-1].text == "Отправлено в чат."

    thread = await app_client.get(
        f"/api/v1/chat/rooms/{room.id}/messages", headers=await bearer("manager@factory.example")
    )
    bodies = [(m["author_name"], m["body"]) for m in thread.json()["items"]]
    assert bodies[-2:] == [("Manager", "Когда удобно отгрузить?"), ("Alice", "Завтра после обеда")]
    assert await ChatMessage.filter(body="Завтра после обеда").count() == 1


async def test_a_reply_after_losing_the_chat_right_is_politely_refused(
    db, app_client, telegram, worker_ctx
):
    world = await make_world()
    await link(telegram, app_client, world, "alice", ALICE_PHONE)
    room = await rooms.open_dealer_room(await world.actor("alice"))
    mirrored = await chat_notification(
        worker_ctx, telegram, world, "alice", room.id, "Вопрос по заказу"
    )
    await directory.remove_membership(None, world.people["alice"].id, world.dealer_a.id)

    answer = await says(telegram, app_client, ALICE_PHONE, "Ответ", reply_to=mirrored)
    assert answer == "К сожалению, писать в этот чат вам больше нельзя."
    assert not await ChatMessage.filter(body="Ответ").exists()


async def test_a_reply_to_anything_else_gets_a_hint_and_posts_nothing(db, app_client, telegram):
    world = await make_world()
    await link(telegram, app_client, world, "alice", ALICE_PHONE)
    await says(telegram, app_client, ALICE_PHONE, "/help")
    help_answer = telegram.messages_to(ALICE_PHONE.id)[-1]
    answer = await says(telegram, app_client, ALICE_PHONE, "Спасибо", reply_to=help_answer)
    assert "Ответьте на уведомление о сообщении в чате" in answer
    assert not await ChatMessage.filter(body="Спасибо").exists()
    # Anything else the bot does not understand gets the list of commands.
    assert "/orders" in await says(telegram, app_client, ALICE_PHONE, "что?")


async def test_after_moving_to_another_chat_old_message_ids_mean_nothing(
    db, app_client, telegram, worker_ctx
):
    world = await make_world()
    await link(telegram, app_client, world, "alice", ALICE_PHONE)
    room = await rooms.open_dealer_room(await world.actor("alice"))
    await chat_notification(worker_ctx, telegram, world, "alice", room.id, "Вопрос")
    mirrored = await chat_notification(worker_ctx, telegram, world, "alice", room.id, "Ещё")
    new_phone = TelegramUser(id=6660004, first_name="Alice")
    await link(telegram, app_client, world, "alice", new_phone)
    await says(telegram, app_client, new_phone, "/help")
    # Ids count per chat: the new chat's help answer has the old chat's mirror's id.
    help_answer = telegram.messages_to(new_phone.id)[-1]
    assert help_answer.message_id == mirrored.message_id
    answer = await says(telegram, app_client, new_phone, "Ответ", reply_to=help_answer)
    assert "Ответьте на уведомление о сообщении в чате" in answer
    assert not await ChatMessage.filter(body="Ответ").exists()
