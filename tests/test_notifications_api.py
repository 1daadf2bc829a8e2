"""The notification centre over the JSON API: one's own notifications, and nobody else's."""

from __future__ import annotations

import pytest

from app.notifications.models import Notification, NotificationKind
from tests.chat_helpers import bearer
from tests.factories import World, make_world
from tests.notification_helpers import confirmed_order, run_pipeline

API = "/api/v1/me/notifications"


@pytest.fixture
async def world(db) -> World:
    world = await make_world()
    for _ in range(3):
        await confirmed_order(world, "alice")
    await run_pipeline()
    return world


async def test_viewer_pages_through_reads_one_and_then_all(world, app_client):
    viewer = await bearer("viewer@test.example")
    first = (await app_client.get(API, params={"limit": 4}, headers=viewer)).json()
    assert first["unread"] == 6 and len(first["items"]) == 4  # submitted + confirmed, 3 times
    newest = first["items"][0]
    assert newest["title"] == f"Заказ № {newest['order_id']:06d} подтверждён"
    assert newest["url"] == f"http://localhost:8000/orders/{newest['order_id']}"
    rest = (
        await app_client.get(API, params={"before": first["next_before"]}, headers=viewer)
    ).json()
    assert len(rest["items"]) == 2 and rest["next_before"] is None
    ids = [i["id"] for i in first["items"] + rest["items"]]
    assert ids == sorted(ids, reverse=True)

    one = await app_client.post(f"{API}/{ids[0]}/read", headers=viewer)
    assert one.json() == {"marked": 1, "unread": 5}
    again = await app_client.post(f"{API}/{ids[0]}/read", headers=viewer)
    assert again.json() == {"marked": 0, "unread": 5}
    unread = (await app_client.get(API, params={"unread": "true"}, headers=viewer)).json()
    assert ids[0] not in [i["id"] for i in unread["items"]] and len(unread["items"]) == 5

    # "All" up to what the person saw: a newer one stays unread.
    marked = await app_client.post(f"{API}/read-all", params={"up_to": ids[2]}, headers=viewer)
    assert marked.json() == {"marked": 4, "unread": 1}
    count = (await app_client.get(f"{API}/unread-count", headers=viewer)).json()
    assert count["unread"] == 1 and f"user:{world.people['viewer'].id}" in count["position"]


async def test_no_one_reads_or_marks_another_persons_notification(world, app_client):
    alice_note = await Notification.filter(person_id=world.people["alice"].id).first()
    assert alice_note is not None
    for who in ("bob@test.example", "viewer@test.example", "supervisor@factory.example"):
        headers = await bearer(who)
        answer = await app_client.post(f"{API}/{alice_note.id}/read", headers=headers)
        assert answer.status_code == 404 and answer.json()["code"] == "not_found", who
        listed = (await app_client.get(API, headers=headers)).json()
        assert alice_note.id not in [i["id"] for i in listed["items"]]
    await alice_note.refresh_from_db()
    assert alice_note.read_at is None
    bob = (await app_client.get(API, headers=await bearer("bob@test.example"))).json()
    assert bob["items"] == [] and bob["unread"] == 0
    assert (await app_client.get(API)).status_code == 401


async def test_preferences_start_from_the_defaults_and_are_saved(world, app_client):
    alice = await bearer("alice@test.example")
    prefs = (await app_client.get(f"{API}/preferences", headers=alice)).json()
    by_kind = {k["kind"]: k for k in prefs["kinds"]}
    assert by_kind["order_confirmed"] == {
        "kind": "order_confirmed",
        "cabinet": True,
        "email": True,
        "telegram": True,
    }
    assert by_kind["chat_message"]["email"] is False
    assert prefs["quiet_hours"] is None and prefs["telegram_linked"] is False
    assert prefs["unit_stages"] == ["painting", "packed", "shipped"]

    prefs["kinds"] = [{**by_kind["chat_message"], "email": True}]
    prefs["quiet_hours"] = {"start": "22:30", "end": "07:00"}
    prefs["unit_stages"] = ["shipped"]
    saved = await app_client.put(f"{API}/preferences", json=prefs, headers=alice)
    assert saved.status_code == 200, saved.text
    again = (await app_client.get(f"{API}/preferences", headers=alice)).json()
    assert {k["kind"]: k for k in again["kinds"]}["chat_message"]["email"] is True
    assert again["quiet_hours"] == {"start": "22:30", "end": "07:00"}
    assert again["unit_stages"] == ["shipped"]


async def test_bad_preferences_get_a_structured_error(world, app_client):
    alice = await bearer("alice@test.example")
    body = {"kinds": [], "quiet_hours": {"start": "25:00", "end": "07:00"}, "unit_stages": []}
    answer = await app_client.put(f"{API}/preferences", json=body, headers=alice)
    assert answer.status_code in (400, 422)
    assert {"status", "code", "message"} <= set(answer.json())
    bad_kind = {"kinds": [{"kind": "nope", "cabinet": 1}], "quiet_hours": None, "unit_stages": []}
    assert (
        await app_client.put(f"{API}/preferences", json=bad_kind, headers=alice)
    ).status_code in (
        400,
        422,
    )


async def test_a_kind_switched_off_in_the_cabinet_stays_out_of_the_bell(world, app_client):
    viewer = await bearer("viewer@test.example")
    body = {
        "kinds": [{"kind": "order_confirmed", "cabinet": False, "email": True, "telegram": False}],
        "quiet_hours": None,
        "unit_stages": [],
    }
    assert (
        await app_client.put(f"{API}/preferences", json=body, headers=viewer)
    ).status_code == 200
    await confirmed_order(world, "alice")
    await run_pipeline()
    hidden = await Notification.filter(
        person_id=world.people["viewer"].id, kind=NotificationKind.ORDER_CONFIRMED, shown=False
    ).count()
    assert hidden == 1  # it carries the email
    count = (await app_client.get(f"{API}/unread-count", headers=viewer)).json()
    assert count["unread"] == 7  # 6 before + the new "submitted"; not the hidden one


async def test_the_api_is_in_the_openapi_document_with_its_error_body(world, app_client):
    schema = (await app_client.get("/schema/openapi.json")).json()
    paths = schema["paths"]
    assert f"{API}" in paths and f"{API}/preferences" in paths
    assert "422" in paths[f"{API}/preferences"]["put"]["responses"]
