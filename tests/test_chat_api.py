"""Chat over the JSON API: a dealer and its manager talk, page back, edit, note and search."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.chat.events import dealer_chat_topic, room_topic, staff_topic, user_topic
from app.chat.history import list_messages
from app.chat.models import ChatMessage, ChatReadState
from app.chat.posting import post_message
from app.chat.schemas import MessageCreate
from app.chat.unread import count_unread
from app.orders import production
from app.orders import service as orders
from app.orders.models import Order, OrderStatus
from app.orders.service import transition
from app.orders.state import Mover
from realtime.relay import transaction
from tests.chat_helpers import PNG, attachments_dir, bearer, events_on, every_payload
from tests.factories import World, make_world, place_draft

__all__ = ["attachments_dir"]  # a fixture, used by name


@pytest.fixture
async def world(db) -> World:
    return await make_world()


async def open_dealer_room(app_client, headers, dealer_id=None) -> dict:
    answer = await app_client.post(
        "/api/v1/chat/rooms/dealer", json={"dealer_id": dealer_id}, headers=headers
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


async def say(app_client, headers, room_id, body, **extra) -> dict:
    answer = await app_client.post(
        f"/api/v1/chat/rooms/{room_id}/messages", json={"body": body, **extra}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_dealer_writes_and_manager_answers_with_unread_and_read_marks(world, app_client):
    alice = await bearer("alice@test.example")
    manager = await bearer("manager@factory.example")
    room = await open_dealer_room(app_client, alice)
    assert room["topics"] == [room_topic(room["id"])]
    first = await say(app_client, alice, room["id"], "  Hello, when is the delivery?  ")
    assert first["body"] == "Hello, when is the delivery?"
    assert first["author_side"] == "dealer" and first["author_name"] == "Alice"

    inbox = (await app_client.get("/api/v1/chat/rooms", headers=manager)).json()
    [row] = inbox["items"]
    assert row["id"] == room["id"] and row["unread"] == 1
    assert row["waiting_since"] == first["created_at"]
    assert row["topics"] == [room_topic(room["id"]), staff_topic(room["id"])]
    assert row["last_message"]["id"] == first["id"]

    reply = await say(app_client, manager, room["id"], "Friday")
    inbox = (await app_client.get("/api/v1/chat/rooms", headers=manager)).json()
    assert inbox["items"][0]["unread"] == 0, "answering reads the thread"
    assert inbox["items"][0]["waiting_since"] is None
    page = (await app_client.get(f"/api/v1/chat/rooms/{room['id']}/messages", headers=alice)).json()
    assert [m["id"] for m in page["items"]] == [first["id"], reply["id"]]
    assert page["items"][0]["read_by_staff"], "the manager has read the question"
    assert not page["items"][1]["read_by_dealer"]
    assert (await app_client.get("/api/v1/chat/unread", headers=alice)).json()["total"] == 1

    marked = await app_client.post(f"/api/v1/chat/rooms/{room['id']}/read", json={}, headers=alice)
    assert marked.json() == {
        "room_id": room["id"],
        "last_read_message_id": reply["id"],
        "unread": 0,
    }
    summary = (await app_client.get("/api/v1/chat/unread", headers=alice)).json()
    counted_from = dealer_chat_topic(room["dealer_id"])  # one event per message for them all
    assert summary["total"] == 0 and list(summary["position"]) == [counted_from]
    assert summary["position"][counted_from] == 3, "two messages, and alice's read"
    staff_summary = (await app_client.get("/api/v1/chat/unread", headers=manager)).json()
    assert list(staff_summary["position"]) == [user_topic(world.people["manager"].id)]
    told = await events_on(counted_from)
    assert [(kind, data.get("person_id")) for kind, data in told] == [
        ("chat.activity", None),
        ("chat.activity", None),
        ("chat.unread_changed", world.people["alice"].id),
    ]
    again = (await app_client.get(f"/api/v1/chat/messages/{reply['id']}", headers=alice)).json()
    assert again["read_by_dealer"]
    kinds = [kind for kind, _ in await events_on(room_topic(room["id"]))]
    assert kinds == [
        "chat.message_posted",
        "chat.message_posted",
        "chat.read",  # staff read the question by answering
        "chat.read",
    ]


async def test_a_resent_message_with_its_client_id_is_stored_once(world, app_client):
    alice = await bearer("alice@test.example")
    room = await open_dealer_room(app_client, alice)
    first = await say(app_client, alice, room["id"], "Once", client_id="a-1")
    retry = await say(app_client, alice, room["id"], "Once (retry)", client_id="a-1")
    assert retry == first
    assert await ChatMessage.filter(room_id=room["id"]).count() == 1
    other = await say(app_client, alice, room["id"], "Twice", client_id="a-2")
    assert other["id"] != first["id"] and other["seq"] == 2


async def test_history_pages_back_by_cursor_without_gaps_or_repeats(world, app_client):
    alice = await world.actor("alice")
    room = await open_dealer_room(app_client, await bearer("alice@test.example"))
    sent = [
        (await post_message(alice, room["id"], MessageCreate(body=f"m{i}"))).id for i in range(7)
    ]
    seen, before, pages = [], None, 0
    while True:
        page = await list_messages(alice, room["id"], before=before, limit=3)
        seen = [m.id for m in page.items] + seen
        pages += 1
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == sent and pages == 3
    answer = await app_client.get(
        f"/api/v1/chat/rooms/{room['id']}/messages",
        params={"limit": 2},
        headers=await bearer("alice@test.example"),
    )
    body = answer.json()
    assert [m["body"] for m in body["items"]] == ["m5", "m6"]
    assert body["next_before"] == sent[5]
    assert body["position"] == {room_topic(room["id"]): 7}


async def test_author_edits_and_deletes_live_within_the_window_only(world, app_client):
    alice = await bearer("alice@test.example")
    manager = await bearer("manager@factory.example")
    room = await open_dealer_room(app_client, alice)
    message = await say(app_client, alice, room["id"], "Helo")
    edited = await app_client.patch(
        f"/api/v1/chat/messages/{message['id']}", json={"body": "Hello"}, headers=alice
    )
    assert edited.status_code == 200 and edited.json()["body"] == "Hello"
    assert edited.json()["edited_at"] is not None
    not_mine = await app_client.patch(
        f"/api/v1/chat/messages/{message['id']}", json={"body": "x"}, headers=manager
    )
    assert (not_mine.status_code, not_mine.json()["code"]) == (403, "not_author")

    await ChatMessage.filter(id=message["id"]).update(
        created_at=(await ChatMessage.get(id=message["id"])).created_at - timedelta(minutes=16)
    )
    late = await app_client.patch(
        f"/api/v1/chat/messages/{message['id']}", json={"body": "Too late"}, headers=alice
    )
    assert (late.status_code, late.json()["code"]) == (409, "edit_window_closed")
    late_delete = await app_client.delete(f"/api/v1/chat/messages/{message['id']}", headers=alice)
    assert late_delete.status_code == 409
    assert (await ChatMessage.get(id=message["id"])).body == "Hello"

    second = await say(app_client, alice, room["id"], "Wrong chat, sorry")
    manager_id = world.people["manager"].id
    state = await ChatReadState.get(room_id=room["id"], person_id=manager_id)
    assert state.unread == 2
    gone = await app_client.delete(f"/api/v1/chat/messages/{second['id']}", headers=alice)
    assert gone.status_code == 204
    shown = (await app_client.get(f"/api/v1/chat/messages/{second['id']}", headers=manager)).json()
    assert shown["body"] == "" and shown["deleted_at"] is not None
    state = await ChatReadState.get(room_id=room["id"], person_id=manager_id)
    assert state.unread == 1 == await count_unread(room["id"], manager_id, staff=True, after=0)
    kinds = [kind for kind, _ in await events_on(room_topic(room["id"]))]
    assert "chat.message_edited" in kinds and kinds[-1] == "chat.message_deleted"
    unread_events = [d for k, d in await events_on(user_topic(manager_id))]
    assert [(d["reason"], d["unread"]) for d in unread_events][-1] == ("deleted", 1)


async def test_internal_notes_never_reach_the_dealer(world, app_client):
    alice = await bearer("alice@test.example")
    manager = await bearer("manager@factory.example")
    room = await open_dealer_room(app_client, alice)
    await say(app_client, alice, room["id"], "Can you give a discount?")
    note = await say(
        app_client, manager, room["id"], "Check their debt first SECRET-42", internal=True
    )
    assert note["internal"]
    supervisor = await bearer("supervisor@factory.example")
    seen_by_staff = (
        await app_client.get(f"/api/v1/chat/rooms/{room['id']}/messages", headers=supervisor)
    ).json()
    assert note["id"] in [m["id"] for m in seen_by_staff["items"]]

    page = (await app_client.get(f"/api/v1/chat/rooms/{room['id']}/messages", headers=alice)).json()
    assert [m["internal"] for m in page["items"]] == [False]
    assert (
        await app_client.get(f"/api/v1/chat/messages/{note['id']}", headers=alice)
    ).status_code == 404
    found = (await app_client.get("/api/v1/chat/search?q=secret-42", headers=alice)).json()
    assert found["items"] == []
    rooms = (await app_client.get("/api/v1/chat/rooms", headers=alice)).json()
    assert rooms["items"][0]["last_message"]["internal"] is False
    assert rooms["items"][0]["waiting_since"] is not None, "a note is not an answer"
    assert (await app_client.get("/api/v1/chat/unread", headers=alice)).json()["total"] == 0
    refused = await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/messages",
        json={"body": "me too", "internal": True},
        headers=alice,
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "staff_only")

    on_room = str(await events_on(room_topic(room["id"])))
    assert "SECRET-42" not in on_room
    [(kind, data)] = await events_on(staff_topic(room["id"]))
    assert kind == "chat.message_posted" and data["message"]["body"].endswith("SECRET-42")
    dealer_topics = [user_topic(world.people[p].id) for p in ("alice", "viewer")]
    for topic in dealer_topics:
        assert "SECRET-42" not in str(await events_on(topic))
    holders = [p for p in await every_payload() if "SECRET-42" in p]
    assert len(holders) == 1, "the note is in its staff-topic event and nowhere else"


async def test_manager_inbox_newest_first_with_unread_waiting_and_pages(world, app_client):
    manager = await bearer("manager@factory.example")
    alice = await bearer("alice@test.example")
    holly = await bearer("holly@test.example")
    room_a = await open_dealer_room(app_client, alice)
    room_h = await open_dealer_room(app_client, holly)
    empty = await open_dealer_room(app_client, holly, world.sub_1.id)
    await say(app_client, alice, room_a["id"], "first")
    await say(app_client, holly, room_h["id"], "second")
    inbox = (await app_client.get("/api/v1/chat/rooms", headers=manager)).json()
    assert [r["id"] for r in inbox["items"]] == [room_h["id"], room_a["id"]]
    assert empty["id"] not in [r["id"] for r in inbox["items"]], "empty threads are left out"
    await say(app_client, manager, room_h["id"], "answered")
    await say(app_client, alice, room_a["id"], "still waiting")
    inbox = (await app_client.get("/api/v1/chat/rooms", headers=manager)).json()
    assert [(r["id"], r["unread"]) for r in inbox["items"]] == [
        (room_a["id"], 2),
        (room_h["id"], 0),
    ]
    waiting = (await app_client.get("/api/v1/chat/rooms?show=waiting", headers=manager)).json()
    assert [r["id"] for r in waiting["items"]] == [room_a["id"]]
    unread = (await app_client.get("/api/v1/chat/rooms?show=unread", headers=manager)).json()
    assert [r["id"] for r in unread["items"]] == [room_a["id"]]
    first = (await app_client.get("/api/v1/chat/rooms?limit=1", headers=manager)).json()
    second = (
        await app_client.get(
            "/api/v1/chat/rooms",
            params={"limit": 1, "cursor": first["next_cursor"]},
            headers=manager,
        )
    ).json()
    assert [r["id"] for r in first["items"] + second["items"]] == [room_a["id"], room_h["id"]]
    assert second["next_cursor"] is None
    idle = await bearer("idle_manager@factory.example")
    assert (await app_client.get("/api/v1/chat/rooms", headers=idle)).json()["items"] == []


async def test_search_matches_any_case_and_script_newest_first(world, app_client):
    alice = await bearer("alice@test.example")
    room = await open_dealer_room(app_client, alice)
    older = await say(app_client, alice, room["id"], "Привет, нужна ДВЕРЬ 80%")
    newer = await say(app_client, alice, room["id"], "Ещё одна дверь")
    await say(app_client, alice, room["id"], "Unrelated")
    found = (await app_client.get("/api/v1/chat/search?q=дверь", headers=alice)).json()
    assert [h["message"]["id"] for h in found["items"]] == [newer["id"], older["id"]]
    assert found["items"][0]["dealer_name"] == "OOO Alpha Doors"
    percent = await app_client.get("/api/v1/chat/search", params={"q": "80%"}, headers=alice)
    assert [h["message"]["id"] for h in percent.json()["items"]] == [older["id"]]
    paged = (await app_client.get("/api/v1/chat/search?q=дверь&limit=1", headers=alice)).json()
    assert paged["next_before"] == newer["id"]
    manager = await bearer("manager@factory.example")
    assert (
        len((await app_client.get("/api/v1/chat/search?q=ДВЕРЬ", headers=manager)).json()["items"])
        == 2
    )
    bob = await bearer("bob@test.example")
    assert (await app_client.get("/api/v1/chat/search?q=дверь", headers=bob)).json()["items"] == []
    blank = await app_client.get("/api/v1/chat/search?q=%20%20", headers=alice)
    assert (blank.status_code, blank.json()["field"]) == (422, "q")


async def test_order_status_changes_are_told_in_the_order_thread(world, app_client):
    alice, manager = await world.actor("alice"), await world.actor("manager")
    order = await place_draft(world, "alice", [("D-100:piece", 2)])
    await orders.submit_order(alice, order.id)
    await production.confirm_order(manager, order.id)
    headers = await bearer("alice@test.example")
    opened = await app_client.post(f"/api/v1/chat/rooms/order/{order.id}", headers=headers)
    room = opened.json()
    assert room["kind"] == "order" and room["order_number"] == order.number
    page = (
        await app_client.get(f"/api/v1/chat/rooms/{room['id']}/messages", headers=headers)
    ).json()
    assert [(m["author_side"], m["system"]["to_status"]) for m in page["items"]] == [
        ("system", "submitted"),
        ("system", "confirmed"),
    ]
    assert page["items"][1]["system"]["from_status"] == "submitted"
    assert room["unread"] == 0, "system messages count as unread for nobody"
    inbox = (
        await app_client.get("/api/v1/chat/rooms", headers=await bearer("manager@factory.example"))
    ).json()
    assert inbox["items"] == [], "a thread with status changes alone is not a conversation"

    # The message belongs to the status change's transaction: no change, no message.
    row = await Order.get(id=order.id)
    with pytest.raises(RuntimeError):
        async with transaction():
            await transition(row, OrderStatus.CANCELLED, manager, Mover.STAFF, reason="test")
            raise RuntimeError("the change fails after the transition")
    assert await ChatMessage.filter(room_id=room["id"]).count() == 2
    assert [k for k, _ in await events_on(room_topic(room["id"]))] == ["chat.message_posted"] * 2


async def test_typing_and_files_reach_the_room(world, app_client, attachments_dir):
    alice = await bearer("alice@test.example")
    manager = await bearer("manager@factory.example")
    room = await open_dealer_room(app_client, alice)
    typed = await app_client.post(f"/api/v1/chat/rooms/{room['id']}/typing", json={}, headers=alice)
    assert typed.status_code == 204
    again = await app_client.post(f"/api/v1/chat/rooms/{room['id']}/typing", json={}, headers=alice)
    assert again.status_code == 204, "a repeat is answered, and not published again"
    [(kind, data)] = await events_on(room_topic(room["id"]))
    assert (kind, data["person_name"], data["side"]) == ("chat.typing", "Alice", "dealer")

    uploaded = await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/attachments",
        files={"file": ("plan.png", PNG, "image/png")},
        headers=alice,
    )
    assert uploaded.status_code == 201, uploaded.text
    file = uploaded.json()
    assert (file["content_type"], file["size"], file["filename"]) == (
        "image/png",
        len(PNG),
        "plan.png",
    )
    early = await app_client.get(f"/api/v1/chat/attachments/{file['id']}", headers=manager)
    assert early.status_code == 404, "an unsent file is its uploader's alone"
    message = await say(app_client, alice, room["id"], "", attachment_ids=[file["id"]])
    assert [a["id"] for a in message["attachments"]] == [file["id"]]
    download = await app_client.get(f"/api/v1/chat/attachments/{file['id']}", headers=manager)
    assert download.status_code == 200 and download.content == PNG
    assert download.headers["content-type"] == "image/png"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith("inline;")
    reuse = await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/messages",
        json={"body": "again", "attachment_ids": [file["id"]]},
        headers=alice,
    )
    assert (reuse.status_code, reuse.json()["code"]) == (422, "invalid_attachment")
    await app_client.delete(f"/api/v1/chat/messages/{message['id']}", headers=alice)
    gone = await app_client.get(f"/api/v1/chat/attachments/{file['id']}", headers=manager)
    assert gone.status_code == 404, "a deleted message's files go with it"
