"""Helpers of the chat tests: logins, sample files, and what the outbox holds for a topic."""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from websockets.exceptions import ConnectionClosed

from app.accounts.service import issue_api_token
from app.chat.storage import DiskStorage, use_attachment_storage
from realtime.client import LiveClient
from realtime.outbox import OutboxEvent
from realtime.protocol import Event
from tests.factories import PASSWORD

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120)
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


def xlsx(*, workbook: bool = True) -> bytes:
    """A minimal Office Open XML workbook (or a plain ZIP that only looks like one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if workbook:
            archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


async def bearer(email: str) -> dict[str, str]:
    """The Authorization header of a fresh API token for `email`."""
    secret, _ = await issue_api_token(email, PASSWORD, "test", "127.0.0.1", "test")
    return {"Authorization": f"Bearer {secret}"}


async def token(email: str) -> str:
    """A bearer token's secret, for a websocket client."""
    secret, _ = await issue_api_token(email, PASSWORD, "test", "127.0.0.1", "test")
    return secret


async def events_on(topic: str) -> list[tuple[str, dict[str, Any]]]:
    """Every event committed to `topic`, oldest first: (type, data)."""
    rows = await OutboxEvent.filter(topic=topic).order_by("seq")
    return [(row.type, msgspec.json.decode(row.payload)) for row in rows]


async def every_payload() -> list[str]:
    """The payload text of every event in the outbox (to prove a secret reached none)."""
    return list(await OutboxEvent.all().values_list("payload", flat=True))


@pytest.fixture
def attachments_dir(tmp_path: Path) -> Iterator[Path]:
    """Attachments go to the test's own directory (never the project's var/)."""
    root = tmp_path / "attachments"
    use_attachment_storage(DiskStorage(root))
    try:
        yield root
    finally:
        use_attachment_storage(None)


def stored_files(root: Path) -> list[Path]:
    """Files the disk storage holds (temporary ones included)."""
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


async def send(client: LiveClient, room_id: int, client_id: str, body: str) -> dict[str, Any]:
    """`chat.send` as an app does it: on a lost connection, the same send again."""
    data = {"room_id": room_id, "client_id": client_id, "body": body}
    for _ in range(50):
        try:
            ack = await client.command("chat.send", data)
            return ack.result
        except (ConnectionClosed, ConnectionError, TimeoutError):
            await asyncio.sleep(0.05)
    raise AssertionError(f"{client_id} was never acknowledged")


async def posted(client: LiveClient, topic: str, count: int) -> list[dict[str, Any]]:
    """The next `count` chat messages posted on `topic`, as handed out, in order."""
    messages: list[dict[str, Any]] = []
    async with asyncio.timeout(20):
        while len(messages) < count:
            frame = await client.next_frame(20)
            assert isinstance(frame, Event), frame
            if frame.topic == topic and frame.event == "chat.message_posted":
                messages.append({**frame.data["message"], "position": frame.seq})
    return messages


class BadgeModel:
    """What a client counts from its unread topics, as frontend/static/chat.js does.

    Starts from an unread summary (counts and the positions they are as of) and applies
    the events after those positions: `chat.activity` is one more unread message (0 for
    its author), the person's own `chat.unread_changed` sets the room's count."""

    def __init__(self, me: int, summary: Any) -> None:
        self.me = me
        self.rooms = {r.room_id: r.unread for r in summary.rooms}
        self.as_of = dict(summary.position)

    def apply(self, topic: str, seq: int, kind: str, data: dict[str, Any]) -> None:
        if seq <= self.as_of.get(topic, 0):
            return
        self.as_of[topic] = seq
        room = data["room_id"]
        if kind == "chat.activity":
            self.rooms[room] = 0 if data["author_id"] == self.me else self.rooms.get(room, 0) + 1
        elif kind == "chat.unread_changed" and data["person_id"] == self.me:
            self.rooms[room] = data["unread"]

    async def replay(self) -> None:
        """Apply everything committed on the topics since the summary, from the outbox."""
        for topic in list(self.as_of):
            rows = await OutboxEvent.filter(topic=topic).order_by("seq")
            for row in rows:
                self.apply(topic, row.seq, row.type, msgspec.json.decode(row.payload))

    def counts(self) -> dict[int, int]:
        return {room: n for room, n in self.rooms.items() if n}
