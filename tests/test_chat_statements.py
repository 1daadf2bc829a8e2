"""What a chat message costs the database: a fixed number of statements, whatever the room.

Every reader of a room is told when their unread count changes, so a naive post writes
once per reader; these tests keep the cost of a post and of a read flat as the room grows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from app.accounts import directory
from app.accounts.actor import Actor
from app.accounts.models import MembershipRole
from app.chat import posting, read_marks
from app.chat.events import user_topic
from app.chat.rooms import open_dealer_room
from app.chat.schemas import MessageCreate, ReadMark
from app.group_commit import SAVEPOINT
from tests.chat_helpers import events_on
from tests.factories import World, make_person, make_world

_EXECUTE = ("execute_query", "execute_query_dict", "execute_insert", "execute_many")


@pytest.fixture
async def statements(db: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement sent from here on, inside transactions or not (transaction control
    aside: BEGIN and COMMIT, and the savepoint each writer of a SQLite group commit gets).
    Each method is wrapped once, on the class that defines it."""
    async with in_transaction() as transaction:
        classes = (type(connections.get("default")), type(transaction))
    seen: list[str] = []
    owners = {
        (next(k for k in cls.__mro__ if name in vars(k)), name)
        for cls in classes
        for name in _EXECUTE
    }
    for owner, name in owners:

        def counted(original: Any) -> Any:
            async def execute(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
                if SAVEPOINT not in str(query):
                    seen.append(str(query))
                return await original(self, query, *args, **kwargs)

            return execute

        monkeypatch.setattr(owner, name, counted(vars(owner)[name]))
    return seen


async def room_with_clerks(world: World, clerks: int) -> tuple[int, Actor, Actor]:
    """The dealer's room with `clerks` more employees, each with a counter already."""
    alice, manager = await world.actor("alice"), await world.actor("manager")
    room = await open_dealer_room(alice)
    for n in range(clerks):
        person = await make_person(f"clerk{n}@test.example")
        await directory.add_membership(None, person.id, world.dealer_a.id, MembershipRole.EMPLOYEE)
    await posting.post_message(alice, room.id, MessageCreate(body="first"))
    await posting.post_message(manager, room.id, MessageCreate(body="answer"))
    return room.id, alice, manager


@pytest.mark.parametrize("clerks", [0, 10])
async def test_a_message_costs_the_same_statements_in_a_small_and_a_large_room(
    db, statements, clerks
):
    world = await make_world()
    room_id, alice, _ = await room_with_clerks(world, clerks)
    statements.clear()
    await posting.send_message(alice, room_id, MessageCreate(body="third", client_id="c3"))
    assert len(statements) == 9, "\n".join(statements)
    # ... and still every reader is told, on their own topic.
    manager_events = await events_on(user_topic(world.people["manager"].id))
    assert [(d["reason"], d["unread"]) for _, d in manager_events][-1] == ("posted", 1)


async def test_reading_a_room_costs_a_fixed_number_of_statements(db, statements):
    world = await make_world()
    room_id, _, manager = await room_with_clerks(world, 10)
    await posting.post_message(await world.actor("alice"), room_id, MessageCreate(body="more"))
    statements.clear()
    state = await read_marks.mark_read(manager, room_id, ReadMark(None))
    assert state.unread == 0
    assert len(statements) == 8, "\n".join(statements)
