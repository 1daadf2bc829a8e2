"""Attacks on tenancy through the surfaces of issue 5: the notification centre, its live
topic, email and Telegram deliveries, the bot, and the CRM sync.

Each test is one attempt to make a person see what belongs to a dealer they do not act
for (or, for a manager, a dealer not assigned to them).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from redis.asyncio import Redis

from app.accounts import directory
from app.accounts.models import Dealer, MembershipRole, Person
from app.accounts.schemas import ProfileUpdate
from app.accounts.security import digest
from app.chat import posting, rooms
from app.chat.models import ChatMessage, ChatRoom
from app.chat.schemas import MessageCreate
from app.errors import NotFound
from app.live import may_read_topic
from app.notifications import preferences
from app.notifications.models import (
    Channel,
    Delivery,
    DeliveryState,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationSettings,
)
from app.notifications.schemas import PreferencesUpdate, QuietHours
from app.orders import production, service
from app.orders.models import UnitStage
from app.orders.queries import get_order
from app.orders.schemas import OrderDetail
from app.telegram import linking
from app.telegram.client import register_webhook
from tests import crm_standin
from tests.chat_helpers import bearer
from tests.crm_standin import CrmStandIn, run_sync
from tests.factories import World, actor_for, make_person, make_world, place_draft
from tests.mail_fixtures import MailRecorder, mail_ctx, smtp_server
from tests.notification_helpers import confirmed_order, kinds_of, run_pipeline
from tests.telegram_standin import SentMessage, TelegramStandIn, TelegramUser, configured_cabinet
from tests.test_crm_webhook import deliver, order_with_deal
from tests.test_pages import log_in, post_form
from workers import telegram as telegram_worker
from workers.notify import deliver_notification

crm = crm_standin.crm
crm_client = crm_standin.crm_client
__all__ = ["crm", "crm_client", "smtp_server"]  # fixtures, used by name

API = "/api/v1/me/notifications"
K = NotificationKind

ALICE_PHONE = TelegramUser(id=8880001, first_name="Alice", language_code="en")
BOB_PHONE = TelegramUser(id=8880002, first_name="Bob", language_code="en")
MANAGER_PHONE = TelegramUser(id=8880003, first_name="Max", language_code="en")
SAM_PHONE = TelegramUser(id=8880004, first_name="Sam", language_code="en")
HINT = "Reply to a chat message notification to answer in that chat."


# --- fixtures and steps -------------------------------------------------------------------


@pytest.fixture
async def telegram(db) -> AsyncIterator[TelegramStandIn]:
    """The stand-in Bot API, with the cabinet configured for it and its webhook set."""
    async with TelegramStandIn() as standin:
        with configured_cabinet(standin):
            await register_webhook()
            yield standin


@pytest.fixture
async def worker_ctx(db, telegram) -> AsyncIterator[dict]:
    """What a worker process's `startup` gives the delivery job (the bot and its pacer)."""
    ctx: dict = {"redis": Redis.from_url(db.redis_url)}
    await telegram_worker.startup(ctx)
    yield ctx
    await telegram_worker.shutdown(ctx)
    await ctx["redis"].aclose()


@pytest.fixture
async def world(db) -> World:
    """The standard cast, plus `bea` (a second person of dealer B) and `sue` (of Gamma South)."""
    world = await make_world()
    for key, dealer in (("bea", world.dealer_b), ("sue", world.sub_2)):
        person = await make_person(f"{key}@test.example")
        await directory.add_membership(None, person.id, dealer.id, MembershipRole.EMPLOYEE)
        world.people[key] = person
    return world


async def confirmed_by(world: World, who: str, staff: str, dealer: Dealer | None = None):
    """An order of `who` (for `dealer`), submitted by them and confirmed by `staff`."""
    draft = await place_draft(world, who, [("D-100:piece", 2)], dealer=dealer)
    await service.submit_order(await world.actor(who), draft.id)
    return await production.confirm_order(await world.actor(staff), draft.id)


async def english(world: World, *who: str) -> None:
    for key in who:
        await directory.update_profile(await world.actor(key), ProfileUpdate(language="en"))


async def quiet_now(person: Person) -> None:
    """The person's quiet hours (set in their settings) span the present moment."""
    local = datetime.now(ZoneInfo(person.time_zone))
    minute = local.hour * 60 + local.minute

    def clock(m: int) -> str:
        return f"{m % 1440 // 60:02d}:{m % 60:02d}"

    await preferences.update_preferences(
        await actor_for(person),
        PreferencesUpdate(
            kinds=[],
            quiet_hours=QuietHours(start=clock(minute - 60), end=clock(minute + 60)),
            unit_stages=list(preferences.DEFAULT_UNIT_STAGES),
        ),
    )


async def held_delivery(person: Person, channel: Channel) -> Delivery:
    """The person's one delivery on `channel`, still held by their quiet hours."""
    [held] = await Delivery.filter(notification__person_id=person.id, channel=channel)
    assert held.state == DeliveryState.PENDING
    assert held.not_before > datetime.now(UTC) + timedelta(minutes=50), "not held"
    return held


async def night_ends(delivery: Delivery) -> None:
    """The quiet hours are over: the held delivery is due."""
    await Delivery.filter(id=delivery.id).update(
        not_before=datetime.now(UTC) - timedelta(seconds=1)
    )


async def link_phone(telegram: TelegramStandIn, client, world: World, who: str, phone):
    """The person links a Telegram chat with a deep link from their profile."""
    offer = await linking.offer_link(await world.actor(who))
    await telegram.user_sends(phone, f"/start {offer.url.rsplit('=', 1)[1]}", via=client)
    assert await linking.chat_of(world.people[who].id) == phone.id


async def bot_says(telegram: TelegramStandIn, client, phone, text: str, **kw) -> str:
    """The bot's one answer to a message from `phone`."""
    before = len(telegram.messages_to(phone.id))
    reply = await telegram.user_sends(phone, text, via=client, **kw)
    assert reply.status == 200, reply.body
    answers = telegram.messages_to(phone.id)[before:]
    assert len(answers) == 1, answers
    return answers[0].text


async def mirror(ctx, telegram: TelegramStandIn, person: Person, message_id: int) -> SentMessage:
    """The pipeline makes the person's notification of a chat message and the delivery job
    mirrors it to their linked chat; returns the bot message there."""
    await run_pipeline()
    delivery = await Delivery.get(
        notification__person_id=person.id,
        notification__chat_message_id=message_id,
        channel=Channel.TELEGRAM,
    )
    assert await deliver_notification(ctx, delivery.id) == "sent"
    await delivery.refresh_from_db()
    chat_id = await linking.chat_of(person.id)
    [sent] = [m for m in telegram.messages_to(chat_id) if str(m.message_id) == delivery.external_id]
    return sent


async def room_bodies(client, email: str, room_id: int) -> list[str]:
    """The message texts a person reads in a room over the chat API."""
    answer = await client.get(f"/api/v1/chat/rooms/{room_id}/messages", headers=await bearer(email))
    assert answer.status_code == 200, answer.text
    return [m["body"] for m in answer.json()["items"]]


# --- the notification centre: API and pages ----------------------------------------------


@pytest.fixture
async def noted(world: World) -> World:
    """Dealer A's people have unread notifications of two confirmed orders."""
    for _ in range(2):
        await confirmed_order(world, "alice")
    await run_pipeline()
    return world


async def test_dealer_b_read_all_with_a_huge_up_to_marks_nothing_of_dealer_a(noted, app_client):
    alice = noted.people["alice"]
    before = await Notification.filter(person_id=alice.id, read_at=None).count()
    assert before == 2
    bob = await bearer("bob@test.example")
    for up_to in (2**62, (await Notification.filter(person_id=alice.id).first()).id):
        answer = await app_client.post(f"{API}/read-all", params={"up_to": up_to}, headers=bob)
        assert answer.status_code == 200 and answer.json() == {"marked": 0, "unread": 0}
    plain = await app_client.post(f"{API}/read-all", headers=bob)
    assert plain.json() == {"marked": 0, "unread": 0}
    assert await Notification.filter(person_id=alice.id, read_at=None).count() == before
    assert await Notification.filter(read_at__isnull=False).count() == 0, "nobody's was marked"


async def test_dealer_b_paging_with_dealer_as_keyset_cursor_sees_none_of_theirs(noted, app_client):
    newest = await Notification.all().order_by("-id").first()
    bob = await bearer("bob@test.example")
    for params in (
        {"before": newest.id + 1, "limit": 100},
        {"before": newest.id + 1, "unread": "true", "limit": 100},
        {"before": 2**62},
    ):
        page = (await app_client.get(API, params=params, headers=bob)).json()
        assert page["items"] == [] and page["unread"] == 0 and page["next_before"] is None
        assert set(page["position"]) <= {f"user:{noted.people['bob'].id}"}, page["position"]
    count = (await app_client.get(f"{API}/unread-count", headers=bob)).json()
    assert count["unread"] == 0
    assert set(count["position"]) <= {f"user:{noted.people['bob'].id}"}


async def test_assigned_manager_cannot_read_or_mark_alices_notification_through_the_pages(
    noted, app_client
):
    """The manager looks after dealer A and sees its orders, yet a notification is personal."""
    alices = await Notification.filter(person_id=noted.people["alice"].id).order_by("id")
    await log_in(app_client, "manager@factory.example")
    centre = await app_client.get("/notifications", params={"before": alices[-1].id + 1})
    assert centre.status_code == 200
    shown = {int(i) for i in re.findall(r"/notifications/(\d+)/read", centre.text)}
    assert not shown & {n.id for n in alices}
    refused = await post_form(
        app_client, f"/notifications/{alices[0].id}/read", {"next": "/notifications"}
    )
    assert refused.status_code == 404
    await post_form(app_client, "/notifications/read-all", {"up_to": str(2**62)})
    assert await Notification.filter(person_id=noted.people["alice"].id, read_at=None).count() == 2


async def test_dealer_b_cannot_rewrite_alices_preferences_by_naming_her(world, app_client):
    alice, bob = world.people["alice"], world.people["bob"]
    body = {
        "person_id": alice.id,
        "kinds": [{"kind": "order_shipped", "cabinet": False, "email": False, "telegram": False}],
        "quiet_hours": {"start": "00:00", "end": "23:59"},
        "unit_stages": [],
    }
    answer = await app_client.put(
        f"{API}/preferences",
        params={"person_id": alice.id},
        json=body,
        headers=await bearer("bob@test.example"),
    )
    assert answer.status_code in (200, 400, 422), answer.text
    await log_in(app_client, "bob")
    form = await post_form(
        app_client,
        f"/notifications/settings?person_id={alice.id}",
        {"person_id": str(alice.id), "quiet": "1", "quiet_start": "01:00", "quiet_end": "02:00"},
    )
    assert form.status_code == 200
    assert not await NotificationPreference.filter(person_id=alice.id).exists()
    assert not await NotificationSettings.filter(person_id=alice.id).exists()
    alices = (await app_client.get(f"{API}/preferences", headers=await bearer(alice.email))).json()
    assert alices["quiet_hours"] is None
    assert {k["kind"]: k for k in alices["kinds"]}["order_shipped"]["email"] is True
    assert await NotificationSettings.filter(person_id=bob.id).exists(), "bob changed his own"


# --- the live topic -------------------------------------------------------------------------


async def test_supervisor_manager_and_holding_cannot_subscribe_to_anothers_user_topic(world):
    alice, sam = world.people["alice"], world.people["sam"]
    spellings = ["user:{}", "user:0{}", "user:{}:orders", "user:{}:staff", "USER:{}", "user: {}"]
    for who, target in (
        ("supervisor", alice),
        ("manager", alice),
        ("viewer", alice),
        ("holly", sam),  # the holding acts for Gamma North, not for its people
        ("bob", alice),
    ):
        actor = await world.actor(who)
        for spelling in spellings:
            topic = spelling.format(target.id)
            assert not await may_read_topic(actor, topic), (who, topic)
    assert await may_read_topic(await world.actor("alice"), f"user:{alice.id}")


# --- who the pipeline tells -------------------------------------------------------------------


async def test_dealer_bs_order_and_chat_reach_nobody_of_dealer_a_nor_its_manager(world):
    order = await confirmed_by(world, "bob", "supervisor")
    await production.move_units(await world.actor("supervisor"), order.id, UnitStage.PAINTING)
    bob = await world.actor("bob")
    room = await rooms.open_dealer_room(bob)
    await posting.post_message(bob, room.id, MessageCreate(body="Beta's secret delivery address"))
    order_room = await rooms.open_order_room(bob, order.id)
    await posting.post_message(bob, order_room.id, MessageCreate(body="Beta's door colours"))
    await run_pipeline()
    assert K.CHAT_MESSAGE in await kinds_of(world.people["bea"]), "dealer B heard of it"
    for outsider in ("alice", "viewer", "manager", "idle_manager", "holly", "sam", "supervisor"):
        assert await kinds_of(world.people[outsider]) == [], outsider
    leaked = await Notification.filter(order_id=order.id).exclude(dealer_id=world.dealer_b.id)
    assert leaked == []


async def test_a_holdings_own_and_sibling_orders_reach_no_other_subsidiarys_people(world):
    await confirmed_order(world, "holly")  # the holding's own order
    await confirmed_by(world, "holly", "manager", dealer=world.sub_2)
    await run_pipeline()
    assert await kinds_of(world.people["sam"]) == [], "Gamma North is not Gamma South"
    assert K.ORDER_CONFIRMED in await kinds_of(world.people["sue"])
    sues = await Notification.filter(person_id=world.people["sue"].id)
    assert {n.dealer_id for n in sues} == {world.sub_2.id}, "nothing of the holding's own"
    await confirmed_order(world, "sam")
    await run_pipeline()
    assert {n.dealer_id for n in await Notification.filter(person_id=world.people["sue"].id)} == {
        world.sub_2.id
    }


async def test_holding_person_hears_nothing_of_a_deactivated_subsidiarys_order(world):
    order = await confirmed_order(world, "sam")
    await run_pipeline()
    await Dealer.filter(id=world.sub_1.id).update(is_active=False)
    with pytest.raises(NotFound):  # holly can no longer see the order in the cabinet
        await get_order(await world.actor("holly"), order.id)
    before = await Notification.filter(person_id=world.people["holly"].id).count()
    await production.move_units(await world.actor("manager"), order.id, UnitStage.PAINTING)
    await run_pipeline()
    assert await Notification.filter(person_id=world.people["holly"].id).count() == before


async def test_a_demoted_manager_now_at_dealer_b_hears_no_internal_note_of_dealer_a(world):
    idle = world.people["idle_manager"]
    await directory.assign_manager(None, idle.id, world.dealer_a.id)
    # The factory lets them go; they now work for dealer B. The old assignment row stays.
    await Person.filter(id=idle.id).update(staff_role=None)
    await directory.add_membership(None, idle.id, world.dealer_b.id, MembershipRole.EMPLOYEE)
    assert not (await actor_for(await Person.get(id=idle.id))).may_see_dealer(world.dealer_a.id)
    room = await rooms.open_dealer_room(await world.actor("alice"))
    note = MessageCreate(body="Dealer A margin is 31%", internal=True)
    await posting.post_message(await world.actor("supervisor"), room.id, note)
    await run_pipeline()
    assert await Notification.filter(person_id=idle.id).count() == 0


# --- deliveries that wait ------------------------------------------------------------------


async def test_mail_held_by_quiet_hours_is_not_sent_after_alice_moves_to_dealer_b(
    world, db, smtp_server: MailRecorder
):
    alice = world.people["alice"]
    await quiet_now(alice)
    order = await confirmed_order(world, "alice")
    await run_pipeline()
    held = await held_delivery(alice, Channel.EMAIL)
    await directory.remove_membership(None, alice.id, world.dealer_a.id)
    await directory.add_membership(None, alice.id, world.dealer_b.id, MembershipRole.EMPLOYEE)
    await night_ends(held)

    outcome = await deliver_notification(mail_ctx(smtp_server.mail_settings(db)), held.id)
    leaked = [m for m in smtp_server.received if order.number in str(m.message["Subject"])]
    assert leaked == [] and outcome == DeliveryState.SKIPPED.value


async def test_telegram_mirror_of_an_internal_note_skips_a_manager_unassigned_meanwhile(
    world, app_client, telegram, worker_ctx
):
    manager = world.people["manager"]
    await link_phone(telegram, app_client, world, "manager", MANAGER_PHONE)
    await quiet_now(manager)
    await directory.assign_manager(None, world.people["idle_manager"].id, world.dealer_a.id)
    room = await rooms.open_dealer_room(await world.actor("alice"))
    note = MessageCreate(body="Alpha pays late, hold shipments", internal=True)
    await posting.post_message(await world.actor("idle_manager"), room.id, note)
    await run_pipeline()
    held = await held_delivery(manager, Channel.TELEGRAM)
    await directory.unassign_manager(None, manager.id, world.dealer_a.id)
    await night_ends(held)

    outcome = await deliver_notification(worker_ctx, held.id)
    leaked = [m for m in telegram.messages_to(MANAGER_PHONE.id) if "hold shipments" in m.text]
    assert leaked == [] and outcome == DeliveryState.SKIPPED.value


async def test_alices_held_telegram_message_never_reaches_her_old_chat_now_bobs(
    world, app_client, telegram, worker_ctx
):
    alice = world.people["alice"]
    await link_phone(telegram, app_client, world, "alice", ALICE_PHONE)
    await quiet_now(alice)
    room = await rooms.open_dealer_room(await world.actor("alice"))
    manager = await world.actor("manager")
    await posting.post_message(manager, room.id, MessageCreate(body="Alpha's new discount"))
    await run_pipeline()
    held = await held_delivery(alice, Channel.TELEGRAM)
    # Alice hands her phone on: she unlinks, bob links the same Telegram chat.
    await bot_says(telegram, app_client, ALICE_PHONE, "/stop")
    bob_offer = await linking.offer_link(await world.actor("bob"))
    await telegram.user_sends(
        ALICE_PHONE, f"/start {bob_offer.url.rsplit('=', 1)[1]}", via=app_client
    )
    assert await linking.chat_of(world.people["bob"].id) == ALICE_PHONE.id
    await night_ends(held)

    assert await deliver_notification(worker_ctx, held.id) == DeliveryState.SKIPPED.value
    assert not [m for m in telegram.messages_to(ALICE_PHONE.id) if "discount" in m.text]


async def test_one_pass_mails_each_dealer_only_its_own_order_and_no_amounts(
    world, db, smtp_server: MailRecorder
):
    alices = await confirmed_by(world, "alice", "supervisor")
    bobs = await confirmed_by(world, "bob", "supervisor")
    await run_pipeline()
    ctx = mail_ctx(smtp_server.mail_settings(db))
    emails = await Delivery.filter(channel=Channel.EMAIL).order_by("id")
    assert [await deliver_notification(ctx, d.id) for d in emails] == ["sent"] * len(emails)
    mails = await smtp_server.wait_for_mail(len(emails))

    own = {
        "alice@test.example": alices,
        "viewer@test.example": alices,
        "manager@factory.example": alices,
        "bob@test.example": bobs,
        "bea@test.example": bobs,
    }
    assert {m.rcpt_tos[0] for m in mails} == set(own)
    for mail in mails:
        [reader] = mail.rcpt_tos
        text = str(mail.message["Subject"]) + mail.part("text/plain") + mail.part("text/html")
        mine: OrderDetail = own[reader]
        other = bobs if mine is alices else alices
        assert mine.number in text and other.number not in text, reader
        assert f"/orders/{other.id}" not in text, reader
        for amount in ("24690", "24 690", "24\u00a0690", "24\u202f690", "12345", "12 345", "₽"):
            assert amount not in text, (reader, amount)


# --- the bot ------------------------------------------------------------------------------------


async def test_bob_replying_with_the_message_id_of_alices_mirror_posts_nothing_in_her_room(
    world, app_client, telegram, worker_ctx
):
    await english(world, "alice", "bob")
    await link_phone(telegram, app_client, world, "alice", ALICE_PHONE)
    await link_phone(telegram, app_client, world, "bob", BOB_PHONE)
    room = await rooms.open_dealer_room(await world.actor("alice"))
    posted = await posting.post_message(
        await world.actor("manager"), room.id, MessageCreate(body="Where should we deliver?")
    )
    alices_mirror = await mirror(worker_ctx, telegram, world.people["alice"], posted.id)
    # Bob replies in his own chat to a message that claims the id of alice's mirror.
    await bot_says(telegram, app_client, BOB_PHONE, "/help")
    own = telegram.messages_to(BOB_PHONE.id)[-1]
    forged = dataclasses.replace(own, json={**own.json, "message_id": alices_mirror.message_id})
    for target in (forged, alices_mirror):
        answer = await bot_says(
            telegram, app_client, BOB_PHONE, "Deliver to Beta!", reply_to=target
        )
        assert answer == HINT
    assert not await ChatMessage.filter(body="Deliver to Beta!").exists()
    assert "Deliver to Beta!" not in await room_bodies(app_client, "alice@test.example", room.id)


async def test_bob_inheriting_alices_telegram_chat_cannot_answer_her_old_mirrors(
    world, app_client, telegram, worker_ctx
):
    await english(world, "alice", "bob")
    await link_phone(telegram, app_client, world, "alice", ALICE_PHONE)
    room = await rooms.open_dealer_room(await world.actor("alice"))
    posted = await posting.post_message(
        await world.actor("manager"), room.id, MessageCreate(body="Confirm the address please")
    )
    old = await mirror(worker_ctx, telegram, world.people["alice"], posted.id)
    await bot_says(telegram, app_client, ALICE_PHONE, "/stop")
    offer = await linking.offer_link(await world.actor("bob"))
    await telegram.user_sends(ALICE_PHONE, f"/start {offer.url.rsplit('=', 1)[1]}", via=app_client)
    assert await linking.chat_of(world.people["bob"].id) == ALICE_PHONE.id

    answer = await bot_says(telegram, app_client, ALICE_PHONE, "Ship to Beta", reply_to=old)
    assert answer == HINT
    assert not await ChatMessage.filter(body="Ship to Beta").exists()


async def test_manager_replying_by_telegram_to_an_internal_note_keeps_it_from_the_dealer(
    world, app_client, telegram, worker_ctx
):
    await english(world, "manager")
    await link_phone(telegram, app_client, world, "manager", MANAGER_PHONE)
    await directory.assign_manager(None, world.people["idle_manager"].id, world.dealer_a.id)
    room = await rooms.open_dealer_room(await world.actor("alice"))
    note = await posting.post_message(
        await world.actor("idle_manager"),
        room.id,
        MessageCreate(body="Credit limit reached", internal=True),
    )
    mirrored = await mirror(worker_ctx, telegram, world.people["manager"], note.id)
    answer = await bot_says(
        telegram, app_client, MANAGER_PHONE, "Then hold their order 7", reply_to=mirrored
    )
    assert answer == "Sent to the chat."
    [reply] = await ChatMessage.filter(body="Then hold their order 7")
    assert reply.internal is True
    for dealer_person in ("alice@test.example", "viewer@test.example"):
        assert "Then hold their order 7" not in await room_bodies(
            app_client, dealer_person, room.id
        )
    await run_pipeline()
    for who in ("alice", "viewer", "bob", "holly"):
        notes = await Notification.filter(person_id=world.people[who].id, kind=K.CHAT_MESSAGE)
        assert not any("hold their order" in n.params for n in notes), who


async def test_manager_unassigned_after_a_mirror_cannot_reply_into_that_dealers_room(
    world, app_client, telegram, worker_ctx
):
    await english(world, "manager")
    await link_phone(telegram, app_client, world, "manager", MANAGER_PHONE)
    alice = await world.actor("alice")
    room = await rooms.open_dealer_room(alice)
    posted = await posting.post_message(alice, room.id, MessageCreate(body="Any news?"))
    mirrored = await mirror(worker_ctx, telegram, world.people["manager"], posted.id)
    await directory.unassign_manager(None, world.people["manager"].id, world.dealer_a.id)

    answer = await bot_says(telegram, app_client, MANAGER_PHONE, "Yes: shipped", reply_to=mirrored)
    assert answer == "Sorry, you may not write in this chat any more."
    assert not await ChatMessage.filter(body="Yes: shipped").exists()


async def test_subsidiary_person_cannot_reach_holding_or_sibling_orders_by_telegram(
    world, app_client, telegram
):
    await english(world, "sam")
    holdings = await place_draft(world, "holly", [("D-100:piece", 1)])
    siblings = await place_draft(world, "holly", [("D-100:piece", 1)], dealer=world.sub_2)
    for draft in (holdings, siblings):
        await service.submit_order(await world.actor("holly"), draft.id)
    sams = await place_draft(world, "sam", [("D-100:piece", 1)])
    await service.submit_order(await world.actor("sam"), sams.id)
    await link_phone(telegram, app_client, world, "sam", SAM_PHONE)

    listed = await bot_says(telegram, app_client, SAM_PHONE, "/orders")
    assert sams.number in listed
    for foreign in (holdings, siblings):
        assert foreign.number not in listed
        for typed in (foreign.number, str(int(foreign.number)), f"№{foreign.number}"):
            answer = await bot_says(telegram, app_client, SAM_PHONE, f"/order {typed}")
            assert "not found" in answer and "Gamma" not in answer, typed


async def test_alice_removed_from_her_only_dealer_sees_no_order_by_telegram(
    world, app_client, telegram
):
    await english(world, "alice")
    order = await confirmed_order(world, "alice")
    await link_phone(telegram, app_client, world, "alice", ALICE_PHONE)
    assert order.number in await bot_says(telegram, app_client, ALICE_PHONE, "/orders")
    await directory.remove_membership(None, world.people["alice"].id, world.dealer_a.id)

    assert await bot_says(telegram, app_client, ALICE_PHONE, "/orders") == (
        "You have no orders yet."
    )
    answer = await bot_says(telegram, app_client, ALICE_PHONE, f"/order {order.number}")
    assert answer == f"Order № {order.number} not found."


async def test_unassigned_manager_loses_the_dealers_orders_in_telegram_at_once(
    world, app_client, telegram
):
    await english(world, "manager")
    order = await confirmed_order(world, "alice")
    await link_phone(telegram, app_client, world, "manager", MANAGER_PHONE)
    assert "Alpha" in await bot_says(telegram, app_client, MANAGER_PHONE, f"/order {order.number}")
    await directory.unassign_manager(None, world.people["manager"].id, world.dealer_a.id)

    answer = await bot_says(telegram, app_client, MANAGER_PHONE, f"/order {order.number}")
    assert answer == f"Order № {order.number} not found."
    assert order.number not in await bot_says(telegram, app_client, MANAGER_PHONE, "/orders")


async def test_bob_cannot_link_with_the_stored_hash_or_a_mangled_copy_of_alices_token(
    world, app_client, telegram
):
    offer = await linking.offer_link(await world.actor("alice"))
    token = offer.url.rsplit("=", 1)[1]
    for guess in (digest(token), token[:-1], token + "A", token.swapcase()):
        answer = await bot_says(telegram, app_client, BOB_PHONE, f"/start {guess}")
        assert "This link is not valid." in answer, guess
    assert await linking.chat_of(world.people["alice"].id) is None
    assert await linking.linked_person(BOB_PHONE.id) is None
    # Nothing was spent: alice's own link still works, for her only.
    await telegram.user_sends(ALICE_PHONE, f"/start {token}", via=app_client)
    assert await linking.chat_of(world.people["alice"].id) == ALICE_PHONE.id


# --- the CRM sync -------------------------------------------------------------------------------


async def test_crm_change_to_bobs_deal_tells_only_dealer_b_and_notes_only_bobs_thread(
    world, app_client, crm: CrmStandIn, crm_client
):
    alices_order, _ = await order_with_deal(world, crm_client)
    bobs_order, bobs_deal = await order_with_deal(world, crm_client, who="bob")
    await rooms.open_order_room(await world.actor("alice"), alices_order.id)
    await run_pipeline()
    before = {
        who: await Notification.filter(person_id=world.people[who].id).count()
        for who in world.people
    }
    crm.manager_sets_comment(bobs_deal, "Beta gets 7% off, do not tell Alpha")
    assert await deliver(app_client, crm.manager_sets_stage(bobs_deal, "PREPARATION")) == 200
    await run_sync(crm_client)
    await run_pipeline()

    told = {
        who
        for who in world.people
        if await Notification.filter(person_id=world.people[who].id).count() > before[who]
    }
    assert told == {"bob", "bea"}
    assert K.DEAL_CHANGED in await kinds_of(world.people["bob"])
    notes = await ChatMessage.filter(body__contains="7% off")
    assert notes, "the comment reached the order's thread"
    note_rooms = await ChatRoom.filter(id__in=[n.room_id for n in notes])
    assert {r.dealer_id for r in note_rooms} == {world.dealer_b.id}
    assert {r.order_id for r in note_rooms} == {bobs_order.id}
    assert not any(
        "7% off" in n.params for n in await Notification.exclude(dealer_id=world.dealer_b.id)
    )


@pytest.mark.parametrize(
    "who", ["viewer@test.example", "bob@test.example", "holly@test.example", "idle_manager"]
)
async def test_non_supervisors_with_bearer_tokens_get_nothing_of_the_crm_sync(
    world, app_client, crm: CrmStandIn, crm_client, who
):
    order, _ = await order_with_deal(world, crm_client, who="bob")
    email = who if "@" in who else f"{who}@factory.example"
    headers = await bearer(email)
    overview = await app_client.get("/api/v1/crm/sync", headers=headers)
    assert overview.status_code == 403 and overview.json()["code"] == "supervisor_only"
    assert order.number not in overview.text
    retry = await app_client.post(f"/api/v1/crm/deals/{order.id}/retry", headers=headers)
    assert retry.status_code == 403 and retry.json()["code"] == "supervisor_only"
    page = await app_client.get("/manager/crm", headers=headers)
    assert page.status_code in (401, 403) or page.url.path == "/login"
    assert order.number not in page.text
