"""Whom a message counts for: the room's readers, read in one statement per message.

A room's readers are the people of its dealer and of its holding parent who may chat,
the managers assigned to the dealer and the supervisors; nobody else gets a counter or
an unread event, whatever else they are (another dealer's people, a member without the
chat right, someone deactivated, a manager of other dealers). Staff readers are told one
by one on their own topics; the dealer's side by one `chat.activity` on the dealer's chat
topic, which only its readers may follow.
"""

from __future__ import annotations

from app.accounts import directory
from app.accounts.models import Dealer, MembershipRole, Person
from app.chat import posting
from app.chat.access import room_members
from app.chat.events import dealer_chat_topic
from app.chat.inbox import unread_topics
from app.chat.models import ChatReadState, ChatRoom
from app.chat.rooms import open_dealer_room
from app.chat.schemas import MessageCreate
from app.live import may_read_topic
from realtime.outbox import OutboxEvent
from tests.chat_helpers import events_on
from tests.factories import actor_for, make_person, make_world


async def test_a_subsidiarys_message_counts_for_its_people_its_holding_and_its_staff(db):
    world = await make_world()
    sam = await world.actor("sam")
    room = await open_dealer_room(sam)
    mute = await make_person("mute@test.example")
    await directory.add_membership(
        None, mute.id, world.sub_1.id, MembershipRole.EMPLOYEE, can_chat=False
    )
    gone = await make_person("gone@test.example")
    await directory.add_membership(None, gone.id, world.sub_1.id, MembershipRole.EMPLOYEE)
    await Person.filter(id=gone.id).update(is_active=False)
    sister = await make_person("sister@test.example")
    await directory.add_membership(None, sister.id, world.sub_2.id, MembershipRole.EMPLOYEE)

    await posting.post_message(sam, room.id, MessageCreate(body="hello"))

    people = world.people
    counted = set(await ChatReadState.filter(room_id=room.id).values_list("person_id", flat=True))
    assert counted == {people[k].id for k in ("sam", "holly", "manager", "supervisor")}
    told = {
        int(topic.split(":")[1])
        for topic in await OutboxEvent.filter(topic__startswith="user:").values_list(
            "topic", flat=True
        )
    }
    assert told == {people[k].id for k in ("manager", "supervisor")}, "staff one by one"
    dealer_side = dealer_chat_topic(world.sub_1.id)
    assert [kind for kind, _ in await events_on(dealer_side)] == ["chat.activity"]
    for reader in ("sam", "holly"):  # the subsidiary's own people and its holding's
        actor = await world.actor(reader)
        assert dealer_side in unread_topics(actor) and await may_read_topic(actor, dealer_side)
    for outsider in (people["alice"], people["bob"], people["idle_manager"], mute, sister):
        assert not await may_read_topic(await actor_for(outsider), dealer_side), outsider.email
    assert gone.id not in told


async def test_an_inactive_holding_and_an_unassigned_manager_drop_out(db):
    world = await make_world()
    row = await ChatRoom.get(id=(await open_dealer_room(await world.actor("sam"))).id)
    people = world.people
    members = await room_members(row)
    assert members.dealer_people == {people["sam"].id, people["holly"].id}
    assert members.staff == {people["manager"].id, people["supervisor"].id}

    await Dealer.filter(id=world.holding.id).update(is_active=False)
    await directory.unassign_manager(None, people["manager"].id, world.sub_1.id)
    members = await room_members(row)
    assert members.dealer_people == {people["sam"].id}
    assert members.staff == {people["supervisor"].id}
