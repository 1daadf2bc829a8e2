"""What the chat benchmark's clients send and read: commands, frames, stamped client ids.

A command's `client_id` is `{prefix}{person}_{serial}_{send time}`: unique, and it tells
every receiving process who sent the message and when, so latency is taken from the
event itself (all processes share the machine's clock).
"""

from __future__ import annotations

import msgspec

MESSAGE_EVENTS = ("chat.message_posted", "bench.note")
BODIES = (
    "Good afternoon! When will order 004211 be ready for pickup?",
    "The customer asks to move the delivery to Friday, is that possible?",
    "Invoice received, thank you. We will pay tomorrow morning.",
    "Please check the glazing on item 3: the customer wants tempered glass.",
    "Confirmed, production starts Monday; painting takes about five days.",
    "Can we get the RAL 7016 colour on the whole order instead of white?",
)


class _Posted(msgspec.Struct):
    client_id: str | None = None


class _Data(msgspec.Struct):
    message: _Posted | None = None
    client_id: str | None = None


class Result(msgspec.Struct):
    message_id: int | None = None
    position: int | None = None


class Incoming(msgspec.Struct):
    """The fields a client looks at in any server frame (others are ignored)."""

    type: str
    id: str | None = None
    topic: str = ""
    seq: int = 0
    event: str = ""
    position: int | None = None
    data: _Data | None = None
    result: Result | None = None
    code: str = ""


decode_frame = msgspec.json.Decoder(Incoming).decode
_encode = msgspec.json.Encoder().encode


def command_frame(cid: str, command: str, room_id: int, body: str) -> str:
    """A `command` frame as JSON text (the server reads binary frames as MessagePack)."""
    data = {"room_id": room_id, "client_id": cid, "body": body}
    return _encode({"type": "command", "id": cid, "name": command, "data": data}).decode()


def client_id(prefix: str, person_id: int, serial: int, sent: float) -> str:
    """`{prefix}{person}_{serial}_{send time}`: unique, and carries who sent it and when."""
    return f"{prefix}{person_id}_{serial}_{sent:.6f}"


def parse_client_id(value: str) -> tuple[int, float]:
    """(sender's person id, send time) from a `client_id`."""
    head, _, rest = value.partition("_")
    return int(head[1:]), float(rest.partition("_")[2])
