"""Events become notifications for exactly the people who may see them, once."""

from __future__ import annotations

import msgspec

from app.accounts import directory
from app.accounts.models import MembershipRole
from app.chat import posting, rooms
from app.chat.schemas import MessageCreate
from app.notifications.events import NotificationCreated, user_topic
from app.notifications.models import Notification, NotificationKind
from app.notifications.pipeline import notifications_consumer
from app.orders.models import UnitStage
from realtime.outbox import OutboxEvent
from tests.factories import make_person, make_world
from tests.notification_helpers import confirmed_order, kinds_of, move_all, run_pipeline

K = NotificationKind


async def test_dealer_hears_of_confirmation_and_manager_of_submission_but_nobody_of_own_acts(db):
    world = await make_world()
    await confirmed_order(world, "alice")
    await run_pipeline()
    alice, viewer, manager = (world.people[k] for k in ("alice", "viewer", "manager"))
    # alice submitted (no notice for her), the manager confirmed (none for him).
    assert await kinds_of(alice) == [K.ORDER_CONFIRMED]
    assert await kinds_of(viewer) == [K.ORDER_STATUS, K.ORDER_CONFIRMED]
    assert await kinds_of(manager) == [K.ORDER_STATUS]  # submitted, by alice
    for outsider in ("bob", "holly", "sam", "idle_manager", "supervisor"):
        assert await kinds_of(world.people[outsider]) == [], outsider


async def test_a_unit_moved_to_a_followed_stage_notifies_and_one_not_followed_does_not(db):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    await run_pipeline()
    await move_all(world, order.id, UnitStage.CUTTING)  # not followed by default
    await run_pipeline()
    alice = world.people["alice"]
    assert K.UNIT_STAGE not in await kinds_of(alice)
    await move_all(world, order.id, UnitStage.PAINTING)
    await run_pipeline()
    [note] = await Notification.filter(person_id=alice.id, kind=K.UNIT_STAGE)
    assert '"stage": "painting"' in note.params and '"count": 2' in note.params
    assert note.order_id == order.id and note.event_key.startswith("outbox:")


async def test_shipping_every_unit_tells_of_the_stage_and_of_the_shipped_order(db):
    world = await make_world()
    order = await confirmed_order(world, "alice")
    for stage in (UnitStage.PAINTING, UnitStage.PACKED, UnitStage.SHIPPED):
        await move_all(world, order.id, stage)
    await run_pipeline()
    kinds = await kinds_of(world.people["alice"])
    assert kinds.count(K.UNIT_STAGE) == 3 and kinds.count(K.ORDER_SHIPPED) == 1


async def test_holding_people_hear_of_a_subsidiarys_order_other_dealers_do_not(db):
    world = await make_world()
    await confirmed_order(world, "sam")
    await run_pipeline()
    assert K.ORDER_CONFIRMED in await kinds_of(world.people["holly"])
    assert await kinds_of(world.people["alice"]) == []
    assert await kinds_of(world.people["bob"]) == []


async def test_one_event_makes_one_notification_per_person_even_when_run_again(db):
    world = await make_world()
    await confirmed_order(world, "alice")
    await run_pipeline()
    before = await Notification.all().count()
    assert await run_pipeline() == 0  # everything is consumed
    # A fresh consumer (a restart) over the same events changes nothing either.
    await notifications_consumer(settle_seconds=3600).run_once()
    assert await Notification.all().count() == before


async def test_new_notification_is_announced_on_the_persons_topic_with_the_unread_count(db):
    world = await make_world()
    await confirmed_order(world, "alice")
    await run_pipeline()
    viewer = world.people["viewer"]
    rows = await OutboxEvent.filter(topic=user_topic(viewer.id)).order_by("seq")
    events = [msgspec.json.decode(r.payload, type=NotificationCreated) for r in rows]
    assert [e.unread for e in events] == [1, 2]
    assert [e.kind for e in events] == [K.ORDER_STATUS, K.ORDER_CONFIRMED]


async def test_chat_message_reaches_the_other_side_and_internal_notes_only_staff(db):
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    room = await rooms.open_dealer_room(alice)
    await posting.post_message(alice, room.id, MessageCreate(body="Hello, where is my order?"))
    await posting.post_message(manager, room.id, MessageCreate(body="secret margin", internal=True))
    await run_pipeline()
    notes = {
        who: await Notification.filter(person_id=world.people[who].id, kind=K.CHAT_MESSAGE)
        for who in ("alice", "viewer", "manager", "bob", "holly", "idle_manager")
    }
    assert notes["alice"] == []  # her own message; the note is staff-only
    [seen] = notes["viewer"]
    assert '"author": "Alice"' in seen.params and "where is my order" in seen.params
    assert len(notes["manager"]) == 1  # alice's message, not his own note
    assert notes["bob"] == notes["holly"] == notes["idle_manager"] == []
    assert not any("secret" in n.params for n in await Notification.all())


async def test_a_person_without_the_chat_right_hears_nothing_of_the_chat(db):
    world = await make_world()
    mute = await make_person("mute@test.example")
    await directory.add_membership(
        None, mute.id, world.dealer_a.id, MembershipRole.EMPLOYEE, can_chat=False
    )
    alice = await world.actor("alice")
    room = await rooms.open_dealer_room(alice)
    await posting.post_message(alice, room.id, MessageCreate(body="hi"))
    await run_pipeline()
    assert await kinds_of(mute) == []
