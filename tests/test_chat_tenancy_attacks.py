"""Attacks on the chat's tenancy and privacy: each one must leave the attacker with nothing.

Another dealer's thread, an internal note, a file not sent yet, a lost membership, a
borrowed `client_id`, a crafted cursor or an id past its column: whatever the channel
(JSON API, pages, websocket topics and commands, download URLs), the answer is the one a
missing object gets, and nothing is written.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any

import msgspec
import pytest

from app.accounts import directory
from app.accounts.models import MembershipRole
from app.chat.attachments import upload_attachment
from app.chat.editing import delete_message, edit_message
from app.chat.events import dealer_chat_topic, room_topic, user_topic
from app.chat.models import ChatAttachment, ChatMessage, ChatReadState, ChatRoom
from app.chat.posting import post_message, send_message
from app.chat.read_marks import mark_read
from app.chat.rooms import open_dealer_room, open_order_room
from app.chat.schemas import MessageCreate, MessageUpdate, ReadMark
from app.chat.typing_notices import send_typing
from app.live import COMMANDS, LivePrincipal, may_read_topic
from realtime.client import LiveClient, LiveError
from realtime.hooks import CommandError
from realtime.outbox import OutboxEvent
from realtime.protocol import Event, Unsubscribed
from tests.chat_helpers import PNG, attachments_dir, bearer, events_on, every_payload, token
from tests.factories import World, actor_for, make_person, make_world, place_draft
from tests.live_fixtures import events_until
from tests.live_helpers import running_relay, ws_url
from tests.test_pages import log_in, post_form

__all__ = ["attachments_dir"]  # a fixture, used by name

MISSING = 999_999
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
SECRET = "SECRET-debt-7"
"""The text of every internal note: it must show up nowhere a dealer person looks."""
REVOKED_PROMPTLY = 3.0


@dataclass
class Scene:
    """Dealer A's thread and an order's thread, dealer B's thread, each with a message and
    a file; the manager has answered A and read both of A's threads."""

    world: World
    room_id: int
    order_room_id: int
    order_id: int
    room_b_id: int
    message_id: int
    file_id: int
    message_b_id: int
    file_b_id: int


@pytest.fixture
async def scene(db, attachments_dir) -> Scene:
    world = await make_world()
    alice, bob = await world.actor("alice"), await world.actor("bob")
    manager = await world.actor("manager")
    room = await open_dealer_room(alice)
    file = await upload_attachment(alice, room.id, "plan.png", PNG)
    message = await post_message(
        alice, room.id, MessageCreate(body="our plan", client_id="plan-1", attachment_ids=[file.id])
    )
    await post_message(manager, room.id, MessageCreate(body="answer from the factory"))
    order = await place_draft(world, "alice", [("D-100:piece", 1)])
    order_room = await open_order_room(alice, order.id)
    await post_message(alice, order_room.id, MessageCreate(body="order question"))
    await mark_read(manager, order_room.id, ReadMark())
    room_b = await open_dealer_room(bob)
    file_b = await upload_attachment(bob, room_b.id, "beta.png", PNG)
    message_b = await post_message(
        bob, room_b.id, MessageCreate(body="beta plan", attachment_ids=[file_b.id])
    )
    return Scene(
        world,
        room.id,
        order_room.id,
        order.id,
        room_b.id,
        message.id,
        file.id,
        message_b.id,
        file_b.id,
    )


async def written() -> tuple[int, ...]:
    """What a refused attack must not have changed."""
    return (
        await ChatRoom.all().count(),
        await ChatMessage.all().count(),
        await ChatMessage.filter(edited_at__isnull=False).count(),
        await ChatMessage.filter(deleted_at__isnull=False).count(),
        await OutboxEvent.all().count(),
        await ChatAttachment.filter(message_id__isnull=False).count(),
        await ChatAttachment.all().count(),
        sum(await ChatReadState.all().values_list("last_read_message_id", flat=True)),
    )


async def like_missing(
    client, headers, method: str, path: str, missing: str, body=None, missing_body=None
) -> None:
    """`path` (naming a foreign object) is answered exactly as `missing` (naming none)."""
    answer = await client.request(method, path, json=body, headers=headers)
    nothing = await client.request(method, missing, json=missing_body or body, headers=headers)
    assert answer.status_code == 404, (method, path, answer.status_code, answer.text)
    assert answer.json() == nothing.json(), (method, path)


async def command(actor, name: str, data: dict[str, Any]) -> Any:
    """A websocket command as the gateway runs it for a connection of `actor`."""
    return await COMMANDS[name](LivePrincipal(actor), data)


async def refused_command(actor, name: str, data: dict[str, Any]) -> tuple[str, str | None]:
    """The (code, field) of the error frame a command gets."""
    with pytest.raises(CommandError) as refused:
        await command(actor, name, data)
    return refused.value.code, refused.value.field


def texts(value: Any) -> str:
    """Events or frames as one JSON text, to search for a secret in."""
    return msgspec.json.encode(value).decode()


async def listed_ids(client, headers) -> dict[str, set[int]]:
    """Room ids in the caller's room list, search (for "plan") and unread summary."""
    rooms = (await client.get("/api/v1/chat/rooms", headers=headers)).json()["items"]
    found = (await client.get("/api/v1/chat/search?q=plan", headers=headers)).json()["items"]
    unread = (await client.get("/api/v1/chat/unread", headers=headers)).json()["rooms"]
    return {
        "rooms": {r["id"] for r in rooms},
        "search": {h["message"]["room_id"] for h in found},
        "unread": {r["room_id"] for r in unread},
    }


async def add_ann(world: World) -> None:
    """Ann works for dealer A (acting for it) and for dealer B."""
    ann = await make_person("ann@test.example")
    world.people["ann"] = ann
    for dealer in (world.dealer_a, world.dealer_b):
        await directory.add_membership(None, ann.id, dealer.id, MembershipRole.EMPLOYEE)


# --- internal notes ---------------------------------------------------------------------


async def dealer_view(client, headers, s: Scene) -> dict[str, Any]:
    """Everything of the chat a dealer person reads over the JSON API."""
    paths = [
        "/api/v1/chat/rooms",
        "/api/v1/chat/rooms?show=unread",
        f"/api/v1/chat/rooms/{s.room_id}",
        f"/api/v1/chat/rooms/{s.room_id}/messages",
        f"/api/v1/chat/rooms/{s.order_room_id}",
        f"/api/v1/chat/rooms/{s.order_room_id}/messages",
        "/api/v1/chat/unread",
        "/api/v1/chat/search?q=e",
        f"/api/v1/chat/search?q={SECRET}",
    ]
    view = {}
    for path in paths:
        answer = await client.get(path, headers=headers)
        assert answer.status_code == 200, (path, answer.text)
        view[path] = answer.json()
    return view


async def write_notes(s: Scene) -> dict[str, int]:
    """Staff write, attach, type, edit and delete internal notes in both of A's threads."""
    manager = await s.world.actor("manager")
    supervisor = await s.world.actor("supervisor")
    file = await upload_attachment(manager, s.room_id, "debt.png", PNG)
    note = await post_message(
        manager, s.room_id, MessageCreate(body=SECRET, internal=True, attachment_ids=[file.id])
    )
    await send_typing(manager, s.room_id, internal=True)
    await edit_message(manager, note.id, MessageUpdate(body=f"{SECRET} (checked)"))
    gone = await post_message(supervisor, s.room_id, MessageCreate(body=SECRET, internal=True))
    await delete_message(supervisor, gone.id)
    order_note = await post_message(
        manager, s.order_room_id, MessageCreate(body=SECRET, internal=True)
    )
    await mark_read(manager, s.room_id, ReadMark(message_id=note.id))
    return {"note": note.id, "file": file.id, "deleted": gone.id, "order_note": order_note.id}


async def test_internal_notes_change_nothing_a_dealer_person_can_read(scene, app_client):
    dealers = [await bearer("alice@test.example"), await bearer("viewer@test.example")]
    before = [await dealer_view(app_client, h, scene) for h in dealers]

    notes = await write_notes(scene)

    staff = await bearer("supervisor@factory.example")
    staff_page = await app_client.get(f"/api/v1/chat/rooms/{scene.room_id}/messages", headers=staff)
    assert notes["note"] in [m["id"] for m in staff_page.json()["items"]], "the notes exist"
    api, missing = "/api/v1/chat", f"/api/v1/chat/messages/{MISSING}"
    for headers, seen in zip(dealers, before, strict=True):
        assert await dealer_view(app_client, headers, scene) == seen
        for method, path, body in (
            ("GET", f"/messages/{notes['note']}", None),
            ("GET", f"/messages/{notes['order_note']}", None),
            ("GET", f"/messages/{notes['deleted']}", None),
            ("PATCH", f"/messages/{notes['note']}", {"body": "x"}),
            ("DELETE", f"/messages/{notes['note']}", None),
        ):
            await like_missing(app_client, headers, method, api + path, missing, body)
        file, no_file = f"{api}/attachments/{notes['file']}", f"{api}/attachments/{MISSING}"
        await like_missing(app_client, headers, "GET", file, no_file)
        read = f"{api}/rooms/{scene.room_id}/read"
        note, nothing = {"message_id": notes["note"]}, {"message_id": MISSING}
        await like_missing(app_client, headers, "POST", read, read, note, nothing)
    note = await ChatMessage.get(id=notes["note"])
    assert note.body == f"{SECRET} (checked)" and note.deleted_at is None


async def test_internal_notes_stay_off_every_dealer_page(scene, app_client):
    await write_notes(scene)
    await log_in(app_client, "manager@factory.example")
    staff_room = await app_client.get(f"/chat/rooms/{scene.room_id}")
    assert SECRET in staff_room.text and "debt.png" in staff_room.text, "staff see the notes"

    app_client.cookies.clear()
    await log_in(app_client, "alice")
    badge = (await app_client.get("/chat/unread")).text
    rooms = re.search(r"data-rooms='([^']*)'", badge).group(1)
    assert msgspec.json.decode(rooms) == {str(scene.room_id): 1}, "the answer alone is unread"
    assert re.search(r">(\d+)</span>", badge).group(1) == "1"
    for path in (
        "/chat",
        f"/chat/rooms/{scene.room_id}",
        f"/chat/rooms/{scene.room_id}/messages",
        f"/chat/rooms/{scene.order_room_id}",
        f"/chat/rooms/{scene.order_room_id}/messages",
        f"/orders/{scene.order_id}",
        "/chat/unread",
    ):
        page = await app_client.get(path)
        assert page.status_code == 200, path
        assert SECRET not in page.text and "debt.png" not in page.text, path
    assert (await app_client.get("/manager/chat")).status_code == 403


async def test_a_dealer_socket_hears_nothing_of_internal_notes(scene, live_server, redis_url):
    alice = scene.world.people["alice"]
    chat, mine = room_topic(scene.room_id), dealer_chat_topic(scene.world.dealer_a.id)
    async with (
        running_relay(redis_url),
        LiveClient(ws_url(live_server), token=await token(alice.email)) as live,
    ):
        await live.subscribe(chat)
        await live.subscribe(mine)
        await write_notes(scene)
        manager = await scene.world.actor("manager")
        marker = await send_message(manager, scene.room_id, MessageCreate(body="public marker"))
        [last_mine] = await OutboxEvent.filter(topic=mine).order_by("-seq").limit(1)
        frames = await events_until(live, {chat: marker.position, mine: last_mine.seq})
    assert [(f.topic, f.event) for f in frames if f.topic == chat] == [
        (chat, "chat.message_posted")
    ]
    assert [(f.topic, f.event, f.data["message_id"]) for f in frames if f.topic == mine] == [
        (mine, "chat.activity", marker.message_id)
    ]
    assert SECRET not in texts([f.data for f in frames])
    for person in ("alice", "viewer"):
        assert SECRET not in texts(await events_on(user_topic(scene.world.people[person].id)))
    assert SECRET not in texts(await events_on(mine))
    assert SECRET not in texts(await events_on(room_topic(scene.room_id)))
    assert SECRET not in texts(await events_on(room_topic(scene.order_room_id)))
    assert any(SECRET in p for p in await every_payload()), "the notes' own events exist"


# --- foreign rooms, messages and files --------------------------------------------------


async def test_commands_and_read_marks_cannot_reach_a_foreign_room_message_or_file(
    scene, app_client
):
    alice, bob = await scene.world.actor("alice"), await scene.world.actor("bob")
    viewer = await scene.world.actor("viewer")
    unsent_b = await upload_attachment(bob, scene.room_b_id, "b.png", PNG)
    unsent_viewer = await upload_attachment(viewer, scene.room_id, "v.png", PNG)
    before = await written()
    into_a = {"room_id": scene.room_id}
    for name, data in (
        ("chat.send", {**into_a, "client_id": "b-1", "body": "hi"}),
        ("chat.typing", into_a),
        ("chat.read", into_a),
        ("chat.read", {**into_a, "message_id": scene.message_id}),
    ):
        assert await refused_command(bob, name, data) == ("not_found", "room_id"), (name, data)
    for message_id in (scene.message_b_id, MISSING):
        data = {**into_a, "message_id": message_id}
        assert await refused_command(alice, "chat.read", data) == ("not_found", "message_id")
    for file_id in (scene.file_b_id, unsent_b.id, unsent_viewer.id, scene.file_id, MISSING):
        data = {**into_a, "client_id": f"f-{file_id}", "body": "", "attachment_ids": [file_id]}
        refused = await refused_command(alice, "chat.send", data)
        assert refused == ("invalid_attachment", "attachment_ids"), file_id
    headers = await bearer("alice@test.example")
    read, foreign = f"/api/v1/chat/rooms/{scene.room_id}/read", {"message_id": scene.message_b_id}
    await like_missing(app_client, headers, "POST", read, read, foreign, {"message_id": MISSING})
    foreign_file = {"body": "look", "attachment_ids": [unsent_b.id]}
    answer = await app_client.post(
        f"/api/v1/chat/rooms/{scene.room_id}/messages", json=foreign_file, headers=headers
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_attachment")
    assert await written() == before
    assert await ChatReadState.filter(person_id=bob.person_id, room_id=scene.room_id).count() == 0


async def test_someone_elses_client_id_makes_a_message_of_ones_own(scene, app_client):
    fields = ("author_id", "body", "client_id", "edited_at", "deleted_at")
    original = await ChatMessage.filter(id=scene.message_id).values_list(*fields)
    viewer = await bearer("viewer@test.example")
    borrowed = {"body": "viewer's own words", "client_id": "plan-1"}
    first = await app_client.post(
        f"/api/v1/chat/rooms/{scene.room_id}/messages", json=borrowed, headers=viewer
    )
    again = await app_client.post(
        f"/api/v1/chat/rooms/{scene.room_id}/messages", json=borrowed, headers=viewer
    )
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json(), "still idempotent for its own sender"
    assert first.json()["id"] != scene.message_id
    assert first.json()["body"] == "viewer's own words" and first.json()["attachments"] == []
    assert first.json()["author_id"] == scene.world.people["viewer"].id
    for who, room_id in (("manager", scene.room_id), ("bob", scene.room_b_id)):
        actor = await scene.world.actor(who)
        data = {"room_id": room_id, "client_id": "plan-1", "body": f"{who} writes"}
        ack = await command(actor, "chat.send", data)
        assert ack.message_id != scene.message_id and ack.room_id == room_id
        mine = await ChatMessage.get(id=ack.message_id)
        assert (mine.author_id, mine.body) == (actor.person_id, f"{who} writes")
    assert await ChatMessage.filter(id=scene.message_id).values_list(*fields) == original
    assert await ChatMessage.filter(client_id="plan-1").count() == 4


async def test_only_the_author_edits_or_deletes_and_only_within_reach(scene, app_client):
    manager = await scene.world.actor("manager")
    note = await post_message(manager, scene.room_id, MessageCreate(body="note", internal=True))
    before = await written()
    own_room = f"/api/v1/chat/messages/{scene.message_id}"
    for who in ("viewer@test.example", "manager@factory.example", "supervisor@factory.example"):
        headers = await bearer(who)
        for method, body in (("PATCH", {"body": "rewritten"}), ("DELETE", None)):
            answer = await app_client.request(method, own_room, json=body, headers=headers)
            assert (answer.status_code, answer.json()["code"]) == (403, "not_author"), who
    supervisor = await bearer("supervisor@factory.example")
    answer = await app_client.patch(
        f"/api/v1/chat/messages/{note.id}", json={"body": "x"}, headers=supervisor
    )
    assert (answer.status_code, answer.json()["code"]) == (403, "not_author")
    missing = f"/api/v1/chat/messages/{MISSING}"
    for who, message_id in (
        ("bob@test.example", scene.message_id),
        ("idle_manager@factory.example", scene.message_id),
        ("alice@test.example", scene.message_b_id),
        ("alice@test.example", note.id),
    ):
        headers = await bearer(who)
        path = f"/api/v1/chat/messages/{message_id}"
        await like_missing(app_client, headers, "PATCH", path, missing, {"body": "mine"})
        await like_missing(app_client, headers, "DELETE", path, missing)
    await log_in(app_client, "viewer")
    form = await post_form(app_client, f"/chat/messages/{scene.message_id}/edit", {"body": "x"})
    assert form.status_code == 403
    assert await written() == before
    assert (await ChatMessage.get(id=scene.message_id)).body == "our plan"


async def test_crafted_cursors_and_ids_stay_in_ones_own_rooms(scene, app_client):
    foreign_room = await ChatRoom.get(id=scene.room_b_id)
    crafted = [
        (foreign_room.public_activity_at, foreign_room.id + 1),
        ("2999-01-01T00:00:00Z", INT32_MAX),
    ]
    headers = await bearer("alice@test.example")
    own = {scene.room_id, scene.order_room_id}
    for at, room_id in crafted:
        raw = msgspec.json.encode([at, room_id])
        cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
        page = await app_client.get(f"/api/v1/chat/rooms?cursor={cursor}", headers=headers)
        assert page.status_code == 200
        assert {r["id"] for r in page.json()["items"]} == own, "older rooms: A's only"
    manager = await bearer("manager@factory.example")
    page = await app_client.get(f"/api/v1/chat/rooms?cursor={cursor}", headers=manager)
    assert {r["id"] for r in page.json()["items"]} == own, "B is not the manager's"
    history = await app_client.get(
        f"/api/v1/chat/rooms/{scene.room_id}/messages?before={INT64_MAX}", headers=headers
    )
    assert {m["room_id"] for m in history.json()["items"]} == {scene.room_id}
    for query in (
        f"q=plan&room_id={scene.room_b_id}",
        f"q=plan&before={INT64_MAX}",
        "q=beta",
    ):
        found = await app_client.get(f"/api/v1/chat/search?{query}", headers=headers)
        assert all(h["dealer_id"] == scene.world.dealer_a.id for h in found.json()["items"])
        assert "beta" not in found.text, query
    found = await app_client.get("/api/v1/chat/search?q=plan", headers=headers)
    assert [h["message"]["id"] for h in found.json()["items"]] == [scene.message_id]
    refused = await app_client.get(
        f"/api/v1/chat/rooms?dealer_id={scene.world.dealer_b.id}", headers=headers
    )
    assert (refused.status_code, refused.json()["field"]) == (404, "dealer_id")
    opened = await app_client.post(
        "/api/v1/chat/rooms/dealer", json={"dealer_id": scene.world.dealer_b.id}, headers=headers
    )
    assert opened.status_code == 404


async def test_ids_past_their_columns_or_below_one_are_refused_not_crashing(scene, app_client):
    headers = await bearer("alice@test.example")
    room = f"/api/v1/chat/rooms/{scene.room_id}"
    for path in (
        "/api/v1/chat/rooms/-1",
        "/api/v1/chat/rooms/0",
        f"/api/v1/chat/rooms/{2**31}/messages",
        f"/api/v1/chat/rooms/{2**64}",
        "/api/v1/chat/messages/-5",
        f"/api/v1/chat/messages/{2**63}",
        "/api/v1/chat/attachments/-1",
        f"/api/v1/chat/attachments/{2**31}",
        f"{room}/messages?before=-1",
        f"{room}/messages?before={2**63}",
        f"/api/v1/chat/search?q=plan&room_id={2**31}",
        "/api/v1/chat/search?q=plan&before=0",
        "/api/v1/chat/rooms?dealer_id=-1",
    ):
        answer = await app_client.get(path, headers=headers)
        assert answer.status_code in (400, 422), (path, answer.status_code)
    for path in (
        f"/api/v1/chat/rooms/{INT32_MAX}",
        f"/api/v1/chat/messages/{INT64_MAX}",
        f"/api/v1/chat/attachments/{INT32_MAX}",
    ):
        assert (await app_client.get(path, headers=headers)).status_code == 404, path
    for body in ({"message_id": -1}, {"message_id": 2**63}, {"message_id": 0}):
        answer = await app_client.post(f"{room}/read", json=body, headers=headers)
        assert answer.status_code in (400, 422), body
    alice = await scene.world.actor("alice")
    before = await written()
    send = {"room_id": scene.room_id, "client_id": "n", "body": "x"}
    for name, data, field in (
        ("chat.send", {"room_id": -1, "client_id": "n", "body": "x"}, "room_id"),
        ("chat.send", {"room_id": 2**31, "client_id": "n", "body": "x"}, "room_id"),
        ("chat.send", {"room_id": True, "client_id": "n", "body": "x"}, "room_id"),
        ("chat.typing", {"room_id": 0}, "room_id"),
        ("chat.read", {"room_id": scene.room_id, "message_id": 2**63}, "message_id"),
        ("chat.read", {"room_id": scene.room_id, "message_id": -1}, "message_id"),
        ("chat.send", {**send, "attachment_ids": [-1]}, "attachment_ids[0]"),
        ("chat.send", {**send, "attachment_ids": [2**31]}, "attachment_ids[0]"),
    ):
        assert await refused_command(alice, name, data) == ("invalid", field), (name, data)
    assert await refused_command(alice, "chat.typing", {"room_id": INT32_MAX}) == (
        "not_found",
        "room_id",
    )
    for topic in (
        "chat:-1",
        "chat:0",
        f"chat:{INT32_MAX}",
        f"chat:{INT32_MAX}:staff",
        "chat:" + "9" * 13,
        f"chat:{scene.room_id}:dealer",
        f"chat:{scene.room_id}:",
        f"chat: {scene.room_id}",
        f"chat:{scene.room_id}:staff",
        "user:-1",
        f"user:{scene.world.people['bob'].id}",
    ):
        assert not await may_read_topic(alice, topic), topic
    assert await may_read_topic(alice, room_topic(scene.room_id)), "her own room's topic"
    assert await written() == before


# --- who belongs: holdings, managers, the chat right, lost memberships ------------------


async def test_a_holding_acts_for_its_subsidiaries_never_the_reverse(db, app_client):
    world = await make_world()
    holly, sam = await world.actor("holly"), await world.actor("sam")
    sue_person = await make_person("sue@test.example")
    await directory.add_membership(None, sue_person.id, world.sub_2.id, MembershipRole.OWNER)
    sub_room = await open_dealer_room(sam)
    sub_order = await place_draft(world, "sam", [("D-100:piece", 1)])
    holding_room = await open_dealer_room(holly)
    holding_order = await place_draft(world, "holly", [("D-100:piece", 1)])
    holding_order_room = await open_order_room(holly, holding_order.id)
    await post_message(holly, holding_room.id, MessageCreate(body="holding secret"))
    await post_message(sam, sub_room.id, MessageCreate(body="north asks"))

    parent = await bearer("holly@test.example")
    opened = await app_client.post(
        "/api/v1/chat/rooms/dealer", json={"dealer_id": world.sub_1.id}, headers=parent
    )
    assert opened.json()["id"] == sub_room.id
    answer = await app_client.post(
        f"/api/v1/chat/rooms/{sub_room.id}/messages", json={"body": "parent says"}, headers=parent
    )
    assert answer.status_code == 201
    order_room = await app_client.post(f"/api/v1/chat/rooms/order/{sub_order.id}", headers=parent)
    assert order_room.status_code == 200
    assert await may_read_topic(holly, room_topic(sub_room.id))

    child = await bearer("sam@test.example")
    page = await app_client.get(f"/api/v1/chat/rooms/{sub_room.id}/messages", headers=child)
    assert [m["body"] for m in page.json()["items"]] == ["north asks", "parent says"]
    assert (await app_client.get("/api/v1/chat/unread", headers=child)).json()["total"] == 1
    before = await written()
    sue = await bearer("sue@test.example")
    for headers, room_id in (
        (child, holding_room.id),
        (child, holding_order_room.id),
        (sue, sub_room.id),
    ):
        for method, tail, body in (
            ("GET", "", None),
            ("GET", "/messages", None),
            ("POST", "/messages", {"body": "up the tree"}),
            ("POST", "/read", {}),
            ("POST", "/typing", {}),
        ):
            path, missing = f"/api/v1/chat/rooms/{room_id}{tail}", f"/api/v1/chat/rooms/{MISSING}"
            await like_missing(app_client, headers, method, path, missing + tail, body)
    for path, body in (
        ("/api/v1/chat/rooms/dealer", {"dealer_id": world.holding.id}),
        (f"/api/v1/chat/rooms/order/{holding_order.id}", None),
    ):
        assert (await app_client.post(path, json=body, headers=child)).status_code == 404
    listed = await app_client.get("/api/v1/chat/rooms", headers=child)
    assert [r["id"] for r in listed.json()["items"]] == [sub_room.id]
    found = await app_client.get("/api/v1/chat/search?q=secret", headers=child)
    assert found.json()["items"] == []
    assert not await may_read_topic(sam, room_topic(holding_room.id))
    assert await written() == before


async def test_a_manager_reaches_assigned_dealers_only_and_loses_one_at_once(scene, app_client):
    manager = scene.world.people["manager"]
    headers = await bearer(manager.email)
    await like_missing(
        app_client,
        headers,
        "GET",
        f"/api/v1/chat/rooms/{scene.room_b_id}/messages",
        f"/api/v1/chat/rooms/{MISSING}/messages",
    )
    assert await listed_ids(app_client, headers) == {
        "rooms": {scene.room_id, scene.order_room_id},
        "search": {scene.room_id},
        "unread": set(),
    }

    await directory.unassign_manager(None, manager.id, scene.world.dealer_a.id)
    before = await written()
    for path, missing in (
        (f"/rooms/{scene.room_id}/messages", f"/rooms/{MISSING}/messages"),
        (f"/messages/{scene.message_id}", f"/messages/{MISSING}"),
        (f"/attachments/{scene.file_id}", f"/attachments/{MISSING}"),
    ):
        await like_missing(
            app_client, headers, "GET", f"/api/v1/chat{path}", f"/api/v1/chat{missing}"
        )
    for method, tail, body in (
        ("POST", "/messages", {"body": "still here?"}),
        ("POST", "/read", {}),
    ):
        path = f"/api/v1/chat/rooms/{scene.room_id}{tail}"
        missing = f"/api/v1/chat/rooms/{MISSING}{tail}"
        await like_missing(app_client, headers, method, path, missing, body)
    assert await listed_ids(app_client, headers) == {
        "rooms": set(),
        "search": set(),
        "unread": set(),
    }
    actor = await scene.world.actor("manager")
    assert not await may_read_topic(actor, room_topic(scene.room_id))
    assert not await may_read_topic(actor, f"chat:{scene.room_id}:staff")
    assert await written() == before
    told = len(await events_on(user_topic(manager.id)))
    await post_message(await scene.world.actor("alice"), scene.room_id, MessageCreate(body="hi"))
    assert len(await events_on(user_topic(manager.id))) == told, "no longer a reader"


async def test_a_removed_person_loses_the_dealers_rooms_at_once(scene, app_client):
    await add_ann(scene.world)
    ann = await scene.world.actor("ann")
    assert ann.active_dealer_id == scene.world.dealer_a.id
    file = await upload_attachment(ann, scene.room_id, "mine.png", PNG)
    own = await post_message(
        ann, scene.room_id, MessageCreate(body="ann's plan", attachment_ids=[file.id])
    )
    headers = await bearer("ann@test.example")
    assert (await listed_ids(app_client, headers))["search"] == {scene.room_id}

    await directory.remove_membership(None, ann.person_id, scene.world.dealer_a.id)
    before = await written()
    for method, path, missing, body in (
        ("GET", f"/rooms/{scene.room_id}", f"/rooms/{MISSING}", None),
        ("GET", f"/rooms/{scene.order_room_id}/messages", f"/rooms/{MISSING}/messages", None),
        ("POST", f"/rooms/{scene.room_id}/messages", f"/rooms/{MISSING}/messages", {"body": "x"}),
        ("POST", f"/rooms/{scene.room_id}/read", f"/rooms/{MISSING}/read", {}),
        ("GET", f"/messages/{own.id}", f"/messages/{MISSING}", None),
        ("PATCH", f"/messages/{own.id}", f"/messages/{MISSING}", {"body": "edited"}),
        ("DELETE", f"/messages/{own.id}", f"/messages/{MISSING}", None),
        ("GET", f"/attachments/{file.id}", f"/attachments/{MISSING}", None),
        ("GET", f"/attachments/{scene.file_id}", f"/attachments/{MISSING}", None),
    ):
        await like_missing(
            app_client, headers, method, f"/api/v1/chat{path}", f"/api/v1/chat{missing}", body
        )
    assert await listed_ids(app_client, headers) == {
        "rooms": {scene.room_b_id},
        "search": {scene.room_b_id},
        "unread": {scene.room_b_id},
    }
    now = await scene.world.actor("ann")
    assert not await may_read_topic(now, room_topic(scene.room_id))
    data = {"room_id": scene.room_id, "client_id": "after", "body": "x"}
    assert await refused_command(now, "chat.send", data) == ("not_found", "room_id")
    await log_in(app_client, "ann")
    for path in (f"/chat/rooms/{scene.room_id}", f"/orders/{scene.order_id}"):
        assert (await app_client.get(path)).status_code == 404, path
    assert await written() == before
    assert "our plan" not in (await app_client.get("/chat")).text  # her thread with B


async def test_a_removed_persons_live_subscription_ends_and_its_commands_are_refused(
    scene, live_server, redis_url
):
    await add_ann(scene.world)
    ann_id = scene.world.people["ann"].id
    chat, counts = room_topic(scene.room_id), dealer_chat_topic(scene.world.dealer_a.id)
    mine = dealer_chat_topic(scene.world.dealer_b.id)
    alice, bob = await scene.world.actor("alice"), await scene.world.actor("bob")
    async with (
        running_relay(redis_url),
        LiveClient(ws_url(live_server), token=await token("ann@test.example")) as live,
    ):
        await live.subscribe(chat)
        await live.subscribe(counts)
        await directory.remove_membership(None, ann_id, scene.world.dealer_a.id)
        ended = [await live.next_frame(REVOKED_PROMPTLY) for _ in range(2)]
        assert sorted(ended, key=lambda f: f.topic) == sorted(
            [Unsubscribed(topic=t, reason="access_revoked") for t in (chat, counts)],
            key=lambda f: f.topic,
        )
        await live.subscribe(mine)  # she acts for dealer B now
        with pytest.raises(LiveError) as refused:
            await live.command(
                "chat.send", {"room_id": scene.room_id, "client_id": "late", "body": "x"}
            )
        assert (refused.value.code, refused.value.frame.field) == ("not_found", "room_id")
        for topic in (chat, counts):
            with pytest.raises(LiveError) as refused:
                await live.subscribe(topic)
            assert refused.value.code == "forbidden"
        await post_message(alice, scene.room_id, MessageCreate(body="after ann left"))
        await post_message(bob, scene.room_b_id, MessageCreate(body="for dealer B"))
        told = await live.next_frame(REVOKED_PROMPTLY)
    assert isinstance(told, Event) and told.topic == mine
    assert told.data["room_id"] == scene.room_b_id, "nothing of dealer A came before it"
    assert await ChatMessage.filter(client_id="late").count() == 0


async def test_without_the_chat_right_nobody_posts_or_listens(scene, app_client):
    mute = await make_person("mute@test.example")
    await directory.add_membership(
        None, mute.id, scene.world.dealer_a.id, MembershipRole.EMPLOYEE, can_chat=False
    )
    actor = await actor_for(mute)
    headers = await bearer(mute.email)
    before = await written()
    room = f"/api/v1/chat/rooms/{scene.room_id}"
    for method, path, body in (
        ("POST", f"{room}/messages", {"body": "let me in"}),
        ("POST", f"{room}/typing", {}),
        ("POST", f"{room}/read", {}),
        ("POST", "/api/v1/chat/rooms/dealer", {}),
        ("POST", f"/api/v1/chat/rooms/order/{scene.order_id}", None),
        ("GET", "/api/v1/chat/rooms", None),
        ("GET", "/api/v1/chat/unread", None),
        ("GET", "/api/v1/chat/search?q=plan", None),
        ("GET", f"/api/v1/chat/messages/{scene.message_id}", None),
        ("PATCH", f"/api/v1/chat/messages/{scene.message_id}", {"body": "x"}),
        ("DELETE", f"/api/v1/chat/messages/{scene.message_id}", None),
    ):
        answer = await app_client.request(method, path, json=body, headers=headers)
        assert (answer.status_code, answer.json()["code"]) == (403, "missing_permission"), path
    upload = await app_client.post(
        f"{room}/attachments", files={"file": ("x.png", PNG, "image/png")}, headers=headers
    )
    assert upload.status_code == 403
    for name, data in (
        ("chat.send", {"room_id": scene.room_id, "client_id": "m-1", "body": "let me in"}),
        ("chat.typing", {"room_id": scene.room_id}),
        ("chat.read", {"room_id": scene.room_id}),
    ):
        assert (await refused_command(actor, name, data))[0] == "missing_permission", name
    assert not await may_read_topic(actor, room_topic(scene.room_id))
    await log_in(app_client, "mute")
    form = await post_form(app_client, f"/chat/rooms/{scene.room_id}/messages", {"body": "hi"})
    assert form.status_code == 403
    order_page = await app_client.get(f"/orders/{scene.order_id}")
    assert order_page.status_code == 200 and "order question" not in order_page.text
    assert await written() == before

    await post_message(await scene.world.actor("manager"), scene.room_id, MessageCreate(body="hi"))
    assert await ChatReadState.filter(person_id=mute.id).count() == 0, "not a reader"
    assert await events_on(user_topic(mute.id)) == []


async def test_an_unsent_file_is_its_uploaders_alone(scene, app_client):
    alice = await scene.world.actor("alice")
    file = await upload_attachment(alice, scene.room_id, "draft.png", PNG)
    url, missing = f"/api/v1/chat/attachments/{file.id}", f"/api/v1/chat/attachments/{MISSING}"
    others = [
        await bearer(who)
        for who in (
            "viewer@test.example",
            "manager@factory.example",
            "supervisor@factory.example",
            "bob@test.example",
        )
    ]
    for headers in others:
        await like_missing(app_client, headers, "GET", url, missing)
    own = await app_client.get(url, headers=await bearer("alice@test.example"))
    assert own.status_code == 200 and own.content == PNG
    before = await written()
    viewer = await bearer("viewer@test.example")
    taken = await app_client.post(
        f"/api/v1/chat/rooms/{scene.room_id}/messages",
        json={"body": "mine now", "attachment_ids": [file.id]},
        headers=viewer,
    )
    assert (taken.status_code, taken.json()["code"]) == (422, "invalid_attachment")
    data = {"room_id": scene.room_id, "client_id": "t", "body": "", "attachment_ids": [file.id]}
    refused = await refused_command(await scene.world.actor("manager"), "chat.send", data)
    assert refused == ("invalid_attachment", "attachment_ids")
    staff = await bearer("manager@factory.example")
    history = await app_client.get(f"/api/v1/chat/rooms/{scene.room_id}/messages", headers=staff)
    assert "draft.png" not in history.text
    assert "draft.png" not in texts(await every_payload())
    assert await written() == before

    await post_message(alice, scene.room_id, MessageCreate(body="", attachment_ids=[file.id]))
    for headers in others[:3]:
        assert (await app_client.get(url, headers=headers)).status_code == 200
    await like_missing(app_client, others[3], "GET", url, missing)
