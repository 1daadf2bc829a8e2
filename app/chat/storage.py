"""Where attachment files live: a small interface and its on-disk implementation.

The chat service only saves, opens and deletes files by key, so another backend (an S3
bucket, say) is one class that implements `AttachmentStorage`, installed with
`use_attachment_storage`.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import BinaryIO, Protocol

from app.config import get_settings

CHUNK_BYTES = 64 * 1024


class AttachmentStorage(Protocol):
    """Files by key; keys are the service's random tokens (no paths, no client names)."""

    async def save(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, completely or not at all."""

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """The file's content in chunks; raises FileNotFoundError when there is none."""

    async def delete(self, key: str) -> None:
        """Remove the file; a missing file is not an error."""


class DiskStorage:
    """Files in a directory, two levels deep (`ab/abcdef...`) to keep directories small."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not key.isalnum():
            raise ValueError("storage keys are alphanumeric")
        return self.root / key[:2] / key

    async def save(self, key: str, data: bytes) -> None:
        """Write to a temporary name and rename: a reader never sees half a file."""
        await asyncio.to_thread(self._write, self._path(key), data)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
        try:
            with partial.open("xb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    async def open(self, key: str) -> AsyncIterator[bytes]:
        """Open now (so a missing file fails here), then read chunk by chunk off the loop."""
        file = await asyncio.to_thread(self._path(key).open, "rb")
        return self._chunks(file)

    @staticmethod
    async def _chunks(file: BinaryIO) -> AsyncIterator[bytes]:
        try:
            while chunk := await asyncio.to_thread(file.read, CHUNK_BYTES):
                yield chunk
        finally:
            await asyncio.to_thread(file.close)

    async def delete(self, key: str) -> None:
        """Remove the file if it is there."""
        await asyncio.to_thread(self._path(key).unlink, missing_ok=True)

    def exists(self, key: str) -> bool:
        """True when a file is stored under `key` (for checks and sweeps)."""
        return self._path(key).is_file()


_storage: AttachmentStorage | None = None


def attachment_storage() -> AttachmentStorage:
    """The storage in use: the directory from settings unless another was installed."""
    global _storage
    if _storage is None:
        _storage = DiskStorage(Path(get_settings().chat_attachments_dir))
    return _storage


def use_attachment_storage(storage: AttachmentStorage | None) -> None:
    """Install another storage (None: back to the settings' directory on next use)."""
    global _storage
    _storage = storage
