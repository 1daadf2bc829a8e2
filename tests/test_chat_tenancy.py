"""Tenancy of chat: another dealer's threads, messages, files and typing are out of reach.

A foreign object answers exactly like a missing one (404 over HTTP, `forbidden` for a
topic, `not_found` for a command), and a refused request writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from app.accounts import directory
from app.accounts.models import MembershipRole
from app.chat.attachments import upload_attachment
from app.chat.events import room_topic, staff_topic
from app.chat.models import ChatAttachment, ChatMessage, ChatReadState
from app.chat.posting import post_message
from app.chat.rooms import open_dealer_room, open_order_room
from app.chat.schemas import MessageCreate
from realtime.client import LiveClient, LiveError
from realtime.outbox import OutboxEvent
from tests.chat_helpers import PNG, attachments_dir, bearer, token
from tests.factories import make_person, make_world, place_draft
from tests.live_helpers import ws_url

__all__ = ["attachments_dir"]  # a fixture, used by name

MISSING = 999_999


@dataclass
class Scene:
    room_id: int
    order_room_id: int
    order_id: int
    message_id: int
    note_id: int
    attachment_id: int


@pytest.fixture
async def scene(db, attachments_dir) -> Scene:
    """Alice's dealer thread with a message carrying a file, and a manager's internal note."""
    world = await make_world()
    alice, manager = await world.actor("alice"), await world.actor("manager")
    room = await open_dealer_room(alice)
    order = await place_draft(world, "alice", [("D-100:piece", 1)])
    order_room = await open_order_room(alice, order.id)
    file = await upload_attachment(alice, room.id, "plan.png", PNG)
    message = await post_message(
        alice, room.id, MessageCreate(body="our plan", attachment_ids=[file.id])
    )
    note = await post_message(manager, room.id, MessageCreate(body="note", internal=True))
    return Scene(room.id, order_room.id, order.id, message.id, note.id, file.id)


def requests(s: Scene, room_id: int, message_id: int, attachment_id: int, order_id: int):
    """Every chat request that names a room, message, file or order."""
    return [
        ("GET", f"/api/v1/chat/rooms/{room_id}", None),
        ("GET", f"/api/v1/chat/rooms/{room_id}/messages", None),
        ("POST", f"/api/v1/chat/rooms/{room_id}/messages", {"body": "hi"}),
        ("POST", f"/api/v1/chat/rooms/{room_id}/read", {}),
        ("POST", f"/api/v1/chat/rooms/{room_id}/typing", {}),
        ("GET", f"/api/v1/chat/messages/{message_id}", None),
        ("PATCH", f"/api/v1/chat/messages/{message_id}", {"body": "mine now"}),
        ("DELETE", f"/api/v1/chat/messages/{message_id}", None),
        ("GET", f"/api/v1/chat/attachments/{attachment_id}", None),
        ("POST", f"/api/v1/chat/rooms/order/{order_id}", None),
    ]


async def snapshot() -> tuple[int, ...]:
    return (
        await ChatMessage.all().count(),
        await OutboxEvent.all().count(),
        await ChatReadState.all().count(),
        await ChatAttachment.all().count(),
    )


@pytest.mark.parametrize("who", ["bob@test.example", "idle_manager@factory.example"])
async def test_foreign_threads_answer_like_missing_ones(scene, app_client, who):
    headers = await bearer(who)
    before = await snapshot()
    foreign = requests(scene, scene.room_id, scene.message_id, scene.attachment_id, scene.order_id)
    missing = requests(scene, MISSING, MISSING, MISSING, MISSING)
    for (method, path, body), (_, missing_path, _) in zip(foreign, missing, strict=True):
        answer = await app_client.request(method, path, json=body, headers=headers)
        nothing = await app_client.request(method, missing_path, json=body, headers=headers)
        assert answer.status_code == 404, (method, path, answer.text)
        assert answer.json()["code"] == nothing.json()["code"] == "not_found"
        assert answer.json()["message"] == nothing.json()["message"], path
    upload = await app_client.post(
        f"/api/v1/chat/rooms/{scene.room_id}/attachments",
        files={"file": ("x.png", PNG, "image/png")},
        headers=headers,
    )
    assert upload.status_code == 404
    for listing in ("/api/v1/chat/rooms", "/api/v1/chat/search?q=plan", "/api/v1/chat/unread"):
        body = (await app_client.get(listing, headers=headers)).json()
        assert body.get("items", body.get("rooms")) == [], listing
    assert await snapshot() == before


async def test_managers_and_supervisors_reach_their_dealers_threads(scene, app_client):
    for who in ("manager@factory.example", "supervisor@factory.example"):
        headers = await bearer(who)
        page = await app_client.get(f"/api/v1/chat/rooms/{scene.room_id}/messages", headers=headers)
        assert [m["id"] for m in page.json()["items"]] == [scene.message_id, scene.note_id]
        download = await app_client.get(
            f"/api/v1/chat/attachments/{scene.attachment_id}", headers=headers
        )
        assert download.content == PNG


async def test_a_dealer_person_without_the_chat_right_is_told_so(scene, app_client):
    mute = await make_person("mute@test.example")
    dealer_id = (await ChatMessage.get(id=scene.message_id).select_related("room")).room.dealer_id
    await directory.add_membership(
        None, mute.id, dealer_id, MembershipRole.EMPLOYEE, can_chat=False
    )
    headers = await bearer("mute@test.example")
    answer = await app_client.get(f"/api/v1/chat/rooms/{scene.room_id}", headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (403, "missing_permission")
    download = await app_client.get(
        f"/api/v1/chat/attachments/{scene.attachment_id}", headers=headers
    )
    assert download.status_code == 403


async def test_foreign_topics_commands_and_download_urls_over_the_live_server(
    scene, live_server, redis_url
):
    bob = await token("bob@test.example")
    alice = await token("alice@test.example")
    async with LiveClient(ws_url(live_server), token=bob) as live:
        for topic in (
            room_topic(scene.room_id),
            staff_topic(scene.room_id),
            room_topic(scene.order_room_id),
            room_topic(MISSING),
        ):
            with pytest.raises(LiveError) as refused:
                await live.subscribe(topic)
            assert refused.value.code == "forbidden", topic
        for name, data in (
            ("chat.send", {"room_id": scene.room_id, "client_id": "b-1", "body": "hi"}),
            ("chat.typing", {"room_id": scene.room_id}),
            ("chat.read", {"room_id": scene.room_id}),
            ("chat.read", {"room_id": MISSING}),
        ):
            with pytest.raises(LiveError) as refused:
                await live.command(name, data)
            assert (refused.value.code, refused.value.frame.field) == ("not_found", "room_id")
    async with LiveClient(ws_url(live_server), token=alice) as live:
        await live.subscribe(room_topic(scene.room_id))
        with pytest.raises(LiveError) as refused:
            await live.subscribe(staff_topic(scene.room_id))
        assert refused.value.code == "forbidden", "internal notes are for staff only"
        with pytest.raises(LiveError) as refused:
            await live.command("chat.typing", {"room_id": scene.room_id, "internal": True})
        assert refused.value.code == "staff_only"
    async with httpx.AsyncClient(base_url=live_server) as http:
        url = f"/api/v1/chat/attachments/{scene.attachment_id}"
        assert (await http.get(url)).status_code == 401
        foreign = await http.get(url, headers={"Authorization": f"Bearer {bob}"})
        assert foreign.status_code == 404
        own = await http.get(url, headers={"Authorization": f"Bearer {alice}"})
        assert own.status_code == 200 and own.content == PNG
    assert await ChatMessage.filter(client_id="b-1").count() == 0
