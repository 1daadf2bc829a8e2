"""Bad input to chat: clear errors naming the field, and nothing stored half-way."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from app.chat import attachments
from app.chat.models import ChatAttachment, ChatMessage
from app.config import get_settings
from realtime.outbox import OutboxEvent
from tests.chat_helpers import (
    EXE,
    HTML,
    PDF,
    PNG,
    attachments_dir,
    bearer,
    stored_files,
    xlsx,
)
from tests.factories import make_world

__all__ = ["attachments_dir"]  # a fixture, used by name


@pytest.fixture
async def room(db, app_client) -> dict:
    """Alice's dealer thread, her headers, and the outbox size before the bad input."""
    await make_world()
    alice = await bearer("alice@test.example")
    opened = await app_client.post("/api/v1/chat/rooms/dealer", json={}, headers=alice)
    return {"id": opened.json()["id"], "alice": alice}


async def nothing_stored() -> bool:
    chat_events = await OutboxEvent.filter(type__startswith="chat.").count()
    return (
        await ChatMessage.all().count() == 0
        and await ChatAttachment.all().count() == 0
        and chat_events == 0
    )


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ("", "empty", "body"),
        (" \n\t ", "empty", "body"),
        ("x" * 4001, "too_long", "body"),
        ("x" * 16001, "invalid", "body"),  # beyond what the schema reads at all
    ],
)
async def test_empty_and_oversized_messages_are_refused(room, app_client, body, code, field):
    answer = await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/messages", json={"body": body}, headers=room["alice"]
    )
    assert answer.status_code == 422
    assert (answer.json()["code"], answer.json()["field"]) == (code, field)
    assert await nothing_stored()


async def test_a_message_of_exactly_the_limit_is_accepted(room, app_client):
    answer = await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/messages",
        json={"body": "я" * 4000},
        headers=room["alice"],
    )
    assert answer.status_code == 201


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": "hi", "client_id": "has spaces"}, "client_id"),
        ({"body": "hi", "client_id": "x" * 65}, "client_id"),
        ({"body": "hi", "attachment_ids": [2**31]}, "attachment_ids[0]"),
        ({"body": "hi", "attachment_ids": list(range(1, 12))}, "attachment_ids"),
        ({"body": "hi", "colour": "red"}, "colour"),
    ],
)
async def test_malformed_fields_are_named(room, app_client, payload, field):
    answer = await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/messages", json=payload, headers=room["alice"]
    )
    assert (answer.status_code, answer.json()["field"]) == (422, field)
    assert await nothing_stored()


async def test_ids_beyond_their_columns_are_422_not_500(room, app_client):
    for path in (
        f"/api/v1/chat/rooms/{2**31}",
        f"/api/v1/chat/messages/{2**63}",
        f"/api/v1/chat/attachments/{2**31}",
        f"/api/v1/chat/rooms/{room['id']}/messages?before={2**63}",
    ):
        answer = await app_client.get(path, headers=room["alice"])
        assert answer.status_code == 422, path


async def upload(app_client, room, name: str, content: bytes, mime: str = ""):
    return await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/attachments",
        files={"file": (name, content, mime or "application/octet-stream")},
        headers=room["alice"],
    )


@pytest.mark.parametrize(
    ("name", "content", "mime", "code"),
    [
        ("setup.exe", EXE, "", "forbidden_type"),
        ("page.html", HTML, "text/html", "forbidden_type"),
        ("invoice.pdf", EXE, "", "type_mismatch"),  # a program calling itself a PDF
        ("photo.png", HTML, "", "type_mismatch"),
        ("invoice.pdf", PNG, "", "type_mismatch"),  # a real image under another name
        ("photo.png", PNG, "application/pdf", "type_mismatch"),  # declared as something else
        ("prices.xlsx", xlsx(workbook=False), "", "type_mismatch"),  # a ZIP, not a workbook
        ("empty.pdf", b"", "", "empty_file"),
    ],
)
async def test_forbidden_and_lying_files_are_refused(
    room, app_client, attachments_dir, name, content, mime, code
):
    answer = await upload(app_client, room, name, content, mime)
    assert answer.status_code == 422, answer.text
    assert (answer.json()["code"], answer.json()["field"]) == (code, "file")
    assert await nothing_stored()
    assert stored_files(attachments_dir) == []


@pytest.mark.parametrize(
    ("name", "content", "mime", "stored_as"),
    [
        ("plan.PNG", PNG, "image/png", "image/png"),
        ("offer.pdf", PDF, "application/pdf", "application/pdf"),
        (
            "prices.xlsx",
            xlsx(),
            "",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("../../etc/scan", PDF, "", "application/pdf"),
    ],
)
async def test_accepted_files_keep_a_clean_name_and_their_real_type(
    room, app_client, attachments_dir, name, content, mime, stored_as
):
    answer = await upload(app_client, room, name, content, mime)
    assert answer.status_code == 201, answer.text
    assert answer.json()["content_type"] == stored_as
    assert "/" not in answer.json()["filename"]
    assert len(stored_files(attachments_dir)) == 1


async def test_files_over_the_size_limit_are_refused(
    room, app_client, attachments_dir, monkeypatch
):
    small = dataclasses.replace(get_settings(), chat_attachment_max_bytes=len(PDF) - 1)
    monkeypatch.setattr(attachments, "get_settings", lambda: small)
    answer = await upload(app_client, room, "offer.pdf", PDF)
    assert (answer.status_code, answer.json()["code"]) == (422, "too_large")
    assert await nothing_stored() and stored_files(attachments_dir) == []


async def test_a_message_with_a_foreign_attachment_stores_nothing(
    room, app_client, attachments_dir
):
    manager = await bearer("manager@factory.example")
    theirs = await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/attachments",
        files={"file": ("plan.png", PNG, "image/png")},
        headers=manager,
    )
    answer = await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/messages",
        json={"body": "look", "attachment_ids": [theirs.json()["id"]]},
        headers=room["alice"],
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_attachment")
    assert await ChatMessage.all().count() == 0
    assert (await ChatAttachment.get(id=theirs.json()["id"])).message_id is None


async def test_edits_after_the_time_limit_change_nothing(room, app_client):
    posted = await app_client.post(
        f"/api/v1/chat/rooms/{room['id']}/messages", json={"body": "v1"}, headers=room["alice"]
    )
    message_id = posted.json()["id"]
    window = timedelta(seconds=get_settings().chat_edit_window_seconds)
    message = await ChatMessage.get(id=message_id)
    await ChatMessage.filter(id=message_id).update(
        created_at=message.created_at - window - timedelta(seconds=1)
    )
    before = await OutboxEvent.all().count()
    for method, payload in (("PATCH", {"body": "v2"}), ("DELETE", None)):
        answer = await app_client.request(
            method, f"/api/v1/chat/messages/{message_id}", json=payload, headers=room["alice"]
        )
        assert (answer.status_code, answer.json()["code"]) == (409, "edit_window_closed")
    after = await ChatMessage.get(id=message_id)
    assert (after.body, after.edited_at, after.deleted_at) == ("v1", None, None)
    assert await OutboxEvent.all().count() == before
    empty = await app_client.patch(
        f"/api/v1/chat/messages/{message_id}", json={"body": " "}, headers=room["alice"]
    )
    assert (empty.status_code, empty.json()["code"]) == (422, "empty")
