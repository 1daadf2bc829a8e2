"""Fifty people writing in one thread at once, over real websockets.

Every message is stored once, every reader receives all of them in one and the same
order (the room's), and the unread counters agree with the messages afterwards.
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack

from app.accounts import directory
from app.accounts.models import MembershipRole, Person
from app.chat.events import room_topic
from app.chat.models import ChatMessage, ChatReadState
from app.chat.rooms import open_dealer_room
from app.chat.unread import count_unread
from realtime.client import LiveClient
from tests.chat_helpers import posted, token
from tests.factories import make_person, make_world
from tests.live_helpers import ws_url

SENDERS = 50


async def test_fifty_concurrent_senders_one_order_for_all_and_exact_unread(db, live_server):
    world = await make_world()
    room = await open_dealer_room(await world.actor("alice"))
    topic = room_topic(room.id)
    emails = ["alice@test.example", "viewer@test.example", "manager@factory.example"]
    for n in range(SENDERS - len(emails)):
        person = await make_person(f"clerk{n}@test.example")
        await directory.add_membership(None, person.id, world.dealer_a.id, MembershipRole.EMPLOYEE)
        emails.append(person.email)
    tokens = [await token(email) for email in [*emails, "supervisor@factory.example"]]
    url = ws_url(live_server)
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(LiveClient(url, token=secret)) for secret in tokens
        ]
        await asyncio.gather(*(c.subscribe(topic, position=0) for c in clients))
        senders = clients[:SENDERS]  # the supervisor only reads
        acks = await asyncio.gather(
            *(
                c.command(
                    "chat.send",
                    {"room_id": room.id, "client_id": f"c{i}", "body": f"from sender {i}"},
                )
                for i, c in enumerate(senders)
            )
        )
        received = await asyncio.gather(*(posted(c, topic, SENDERS) for c in clients))

    messages = await ChatMessage.filter(room_id=room.id).order_by("id")
    assert len(messages) == SENDERS
    assert sorted(m.client_id for m in messages) == sorted(f"c{i}" for i in range(SENDERS))
    assert [m.seq for m in messages] == list(range(1, SENDERS + 1))
    order = [m.id for m in messages]
    for seen in received:
        assert [m["id"] for m in seen] == order, "every reader gets the room's one order"
    by_id = {m.id: m for m in messages}
    for ack in (a.result for a in acks):
        assert by_id[ack["message_id"]].position == ack["position"]
        assert by_id[ack["message_id"]].seq == ack["seq"]

    # Each sender has read up to their own message; the supervisor has read nothing.
    people = {p.id: p for p in await Person.filter(email__in=emails)}
    states = {s.person_id: s for s in await ChatReadState.filter(room_id=room.id)}
    supervisor = world.people["supervisor"].id
    assert states[supervisor].unread == SENDERS
    for person_id in people:
        own = next(m for m in messages if m.author_id == person_id)
        assert states[person_id].last_read_message_id == own.id
        assert states[person_id].unread == SENDERS - order.index(own.id) - 1
    for person_id, state in states.items():
        staff = person_id in (supervisor, world.people["manager"].id)
        rule = await count_unread(room.id, person_id, staff=staff, after=state.last_read_message_id)
        assert state.unread == rule
