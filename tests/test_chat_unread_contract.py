"""The dealer's people count their unread messages from one event per message.

A new message is one `chat.activity` on `dealer:{id}:chat` for all of the dealer's
people, not one `chat.unread_changed` per reader; reads and deletions still tell the
person whose count changed, on the same topic, so that everything a client counts from
comes in one order. The counts a client keeps (tests.chat_helpers.BadgeModel, the rules
of chat.js) must equal the server's after anything: concurrent posts by both sides,
internal notes, reads, deletions, and summaries read while messages are being committed.
"""

from __future__ import annotations

import asyncio
import random
from contextlib import AsyncExitStack

from app.accounts import directory
from app.accounts.models import MembershipRole
from app.chat import editing, posting, read_marks
from app.chat.events import dealer_chat_topic
from app.chat.inbox import unread_summary
from app.chat.rooms import open_dealer_room, open_order_room
from app.chat.schemas import MessageCreate, ReadMark
from realtime.client import LiveClient
from realtime.outbox import TopicSequence
from tests.chat_helpers import BadgeModel, token
from tests.factories import actor_for, make_person, make_world, place_draft
from tests.live_fixtures import events_until
from tests.live_helpers import running_relay, ws_url

CLERKS = 8


async def dealer_people(world):
    people = [world.people["alice"], world.people["viewer"]]
    for n in range(CLERKS):
        person = await make_person(f"clerk{n}@test.example")
        await directory.add_membership(None, person.id, world.dealer_a.id, MembershipRole.EMPLOYEE)
        people.append(person)
    return people


async def last_position(topic: str) -> int:
    rows = await TopicSequence.filter(topic=topic).values_list("last_seq", flat=True)
    return int(rows[0]) if rows else 0


async def test_live_counts_equal_the_servers_after_concurrent_posts_notes_reads_and_deletes(
    db, live_server, redis_url
):
    world = await make_world()
    people = await dealer_people(world)
    alice = await world.actor("alice")
    general = await open_dealer_room(alice)
    order = await place_draft(world, "alice", [("D-100:piece", 1)])
    thread = await open_order_room(alice, order.id)
    rooms = [general.id, thread.id]
    manager = await world.actor("manager")
    topic = dealer_chat_topic(world.dealer_a.id)
    actors = {p.id: await actor_for(p) for p in people}
    models = {p.id: BadgeModel(p.id, await unread_summary(actors[p.id])) for p in people}
    rng = random.Random(7)

    async def one(n: int) -> None:
        writer = rng.choice([manager, *actors.values()])
        room = rng.choice(rooms)
        internal = writer is manager and n % 4 == 0
        sent = await posting.post_message(
            writer, room, MessageCreate(body=f"m{n}", internal=internal)
        )
        if n % 5 == 0 and writer is not manager:
            await editing.delete_message(writer, sent.id)
        if n % 3 == 0:
            reader = actors[rng.choice(people).id]
            await read_marks.mark_read(reader, rng.choice(rooms), ReadMark())

    url = ws_url(live_server)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(running_relay(redis_url))
        clients = {
            p.id: await stack.enter_async_context(LiveClient(url, token=await token(p.email)))
            for p in people
        }
        for person_id, client in clients.items():
            await client.subscribe(topic, position=models[person_id].as_of[topic])
        await asyncio.gather(*(one(n) for n in range(60)))
        final = await last_position(topic)
        for person_id, client in clients.items():
            for frame in await events_until(client, {topic: final}, timeout=20):
                models[person_id].apply(frame.topic, frame.seq, frame.event, frame.data)

    for person in people:
        summary = await unread_summary(actors[person.id])
        expected = {r.room_id: r.unread for r in summary.rooms}
        assert models[person.id].counts() == expected, person.email
    assert any(m.counts() for m in models.values()), "some messages are left unread"


async def test_a_summary_read_while_messages_commit_is_exactly_what_the_events_add_to(db):
    """Positions and counts are read in one snapshot: an event is either in the counts
    or after the position, never both (with PostgreSQL's default READ COMMITTED a message
    committed between the two reads was counted twice)."""
    world = await make_world()
    people = await dealer_people(world)
    room = await open_dealer_room(await world.actor("alice"))
    writers = [await actor_for(p) for p in people[2:]]
    reader = await actor_for(people[0])
    summaries = []

    async def write() -> None:
        for n in range(40):
            await posting.post_message(writers[n % len(writers)], room.id, MessageCreate(body="x"))

    async def read() -> None:
        for _ in range(40):
            summaries.append(await unread_summary(reader))
            await asyncio.sleep(0)

    await asyncio.gather(write(), write(), read())
    expected = {r.room_id: r.unread for r in (await unread_summary(reader)).rooms}
    assert expected == {room.id: 80}
    for summary in summaries:
        model = BadgeModel(reader.person_id, summary)
        await model.replay()
        assert model.counts() == expected, summary
