"""A websocket client that writes whatever bytes it is given (for protocol-abuse tests).

It performs a normal upgrade handshake, then sends hand-built frames: masked or not,
reserved bits and opcodes, any fragmentation, any close body. Plain non-blocking sockets
rather than asyncio streams: when the server fails a connection while our bytes are still
arriving, its kernel resets the connection, and a stream reader would raise that before
handing over the close frame that came first.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import struct
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import urlsplit

from websockets.utils import accept_key, apply_mask

CONT, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
RFC_MASK = b"\x37\xfa\x21\x3d"  # the masking key of RFC 6455's examples


def frame(
    opcode: int,
    payload: bytes = b"",
    *,
    fin: bool = True,
    rsv: int = 0,
    masked: bool = True,
    key: bytes = RFC_MASK,
    length: int | None = None,
    width: int | None = None,
) -> bytes:
    """One frame as a client puts it on the wire, right or wrong.

    `length` overrides the announced payload length; `width` (0, 2 or 8 extra bytes)
    overrides the shortest length encoding RFC 6455 asks senders to use.
    """
    announced = len(payload) if length is None else length
    if width is None:
        width = 0 if announced < 126 else 2 if announced < 1 << 16 else 8
    head = bytes([(0x80 if fin else 0) | rsv << 4 | opcode])
    mask_bit = 0x80 if masked else 0
    if width == 0:
        head += bytes([mask_bit | announced])
    elif width == 2:
        head += bytes([mask_bit | 126]) + struct.pack("!H", announced)
    else:
        head += bytes([mask_bit | 127]) + struct.pack("!Q", announced)
    if not masked:
        return head + payload
    return head + key + apply_mask(payload, key)


def close_payload(code: int, reason: bytes = b"") -> bytes:
    """The body of a close frame: the code in network order, then the reason."""
    return struct.pack("!H", code) + reason


def ping_message(frame_id: str) -> bytes:
    """The gateway's own `ping` frame as JSON, answered with a `pong` of the same id."""
    return json.dumps({"type": "ping", "id": frame_id}, ensure_ascii=False).encode()


def fragments(payload: bytes, cuts: Sequence[int]) -> list[bytes]:
    """`payload` cut at the given offsets (empty fragments included)."""
    bounds = [0, *sorted(cuts), len(payload)]
    return [payload[start:end] for start, end in pairwise(bounds)]


def message_frames(opcode: int, parts: list[bytes], between: list[bytes] | None = None) -> bytes:
    """One data message sent as fragments, with `between[i]` written after fragment `i`."""
    wire = b""
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        wire += frame(opcode if n == 0 else CONT, part, fin=last)
        if between and not last:
            wire += between[n]
    return wire


@dataclass(frozen=True)
class Closed:
    """How the server ended a connection: its close frame (if any) and what came before."""

    code: int | None
    """The close code; 1005 for a close frame without one; None when no close frame came."""
    payload: bytes | None
    before: list[tuple[int, bytes]]


class RawSocket:
    """A websocket client that writes bytes as given and reads the server's frames.

    On a plain socket, not asyncio streams: when the server fails a connection while our
    bytes are still arriving, its kernel answers them with a reset, and a stream reader
    would raise that before handing out the close frame that came first.
    """

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()
        self.loop = asyncio.get_running_loop()

    @classmethod
    async def open(cls, base_url: str, token: str) -> RawSocket:
        """Connect and upgrade with a bearer token, as any app does."""
        address = urlsplit(base_url)
        sock = socket.socket()
        sock.setblocking(False)
        raw = cls(sock)
        await raw.loop.sock_connect(sock, (address.hostname, address.port))
        key = base64.b64encode(os.urandom(16)).decode()
        await raw.send(
            f"GET /ws/v1 HTTP/1.1\r\nHost: {address.netloc}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Authorization: Bearer {token}\r\n\r\n".encode()
        )
        async with asyncio.timeout(5):
            while b"\r\n\r\n" not in raw.buffer:
                assert await raw._receive(), "closed during the handshake"
        response, _, rest = bytes(raw.buffer).partition(b"\r\n\r\n")
        raw.buffer[:] = rest
        status, *header_lines = response.decode("latin-1").split("\r\n")
        assert status.startswith("HTTP/1.1 101 "), response
        headers = dict(line.lower().split(": ", 1) for line in header_lines)
        assert headers["sec-websocket-accept"] == accept_key(key).lower()
        return raw

    async def send(self, *frames: bytes) -> None:
        """Write frames (or any bytes) in one go; a server that hung up ends the write."""
        with suppress(ConnectionError):
            await self.loop.sock_sendall(self.sock, b"".join(frames))

    async def _receive(self) -> bool:
        try:
            chunk = await self.loop.sock_recv(self.sock, 1 << 16)
        except ConnectionResetError:
            chunk = b""
        self.buffer += chunk
        return bool(chunk)

    async def _read_exact(self, size: int) -> bytes | None:
        while len(self.buffer) < size:
            if not await self._receive():
                return None
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    async def read_frame(self, timeout: float = 5) -> tuple[int, bytes] | None:
        """The next server frame (opcode, payload); None when the server ended TCP."""
        async with asyncio.timeout(timeout):
            head = await self._read_exact(2)
            if head is None:
                return None
            length = head[1] & 0x7F
            if length >= 126:
                extended = await self._read_exact(2 if length == 126 else 8)
                if extended is None:
                    return None
                length = int.from_bytes(extended, "big")
            payload = await self._read_exact(length)
            return None if payload is None else (head[0] & 0x0F, payload)

    async def request(self, message: dict[str, object], timeout: float = 5) -> dict[str, object]:
        """Send one of the gateway's frames as a text frame; its answer."""
        await self.send(frame(TEXT, json.dumps(message).encode()))
        _, answer = await self.answer_to(str(message["id"]), timeout)
        return answer

    async def answer_to(
        self, frame_id: str, timeout: float = 5
    ) -> tuple[list[tuple[int, bytes]], dict[str, object]]:
        """The gateway's answer to the frame `frame_id`, and every frame that came first."""
        before: list[tuple[int, bytes]] = []
        while True:
            got = await self.read_frame(timeout)
            assert got is not None, f"closed instead of answering {frame_id!r}: {before}"
            if got[0] == TEXT and (answer := json.loads(got[1])).get("id") == frame_id:
                return before, answer
            before.append(got)

    async def closed(self, timeout: float = 5) -> Closed:
        """Read until the server closes; it must then also end the TCP connection."""
        before: list[tuple[int, bytes]] = []
        while True:
            got = await self.read_frame(timeout)
            if got is None:
                return Closed(None, None, before)
            opcode, payload = got
            if opcode == CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if payload else 1005
                assert await self.read_frame(timeout) is None, "TCP left open after close"
                return Closed(code, payload, before)
            before.append(got)

    def hang_up(self) -> None:
        """Send EOF (half-close): the client will write nothing more."""
        self.sock.shutdown(socket.SHUT_WR)

    def abort(self) -> None:
        """Drop the TCP connection."""
        self.sock.close()
