"""Which files chat accepts, told by their content: a few magic numbers of our own.

Only images, PDF and Excel workbooks are accepted, so a handful of signatures (and, for
.xlsx, a look at the ZIP's table of contents) decide it; a general-purpose detector
(libmagic, `filetype`) would add a dependency to recognise hundreds of types we refuse
anyway. The name's extension (and a declared content type, when the client sends one)
must agree with the content: a file that says it is one thing and is another is refused.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass

from app.errors import InvalidInput

MAX_FILENAME_CHARS = 200


@dataclass(frozen=True)
class FileType:
    """An accepted type: its MIME type, the extensions that name it, and if it may be shown."""

    mime: str
    extensions: tuple[str, ...]
    inline: bool = False
    """Browsers may show it in the page (images); everything else is downloaded."""


PNG = FileType("image/png", (".png",), inline=True)
JPEG = FileType("image/jpeg", (".jpg", ".jpeg"), inline=True)
GIF = FileType("image/gif", (".gif",), inline=True)
WEBP = FileType("image/webp", (".webp",), inline=True)
PDF = FileType("application/pdf", (".pdf",))
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
XLS = FileType("application/vnd.ms-excel", (".xls",))

ACCEPTED = (PNG, JPEG, GIF, WEBP, PDF, XLSX, XLS)
_BY_EXTENSION = {ext: t for t in ACCEPTED for ext in t.extensions}
_BY_MIME = {t.mime: t for t in ACCEPTED} | {"image/jpg": JPEG, "image/pjpeg": JPEG}
_GENERIC_MIMES = {"", "application/octet-stream", "binary/octet-stream"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _is_xlsx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())  # the central directory only: nothing is inflated
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def sniff(content: bytes) -> FileType | None:
    """The accepted type this content is, or None."""
    head = content[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04") and _is_xlsx(content):
        return XLSX
    # An OLE2 compound file is also a Word or Outlook file: a workbook names its stream.
    if head.startswith(_OLE2) and "Workbook".encode("utf-16-le") in content[: 1 << 20]:
        return XLS
    return None


def clean_filename(name: str) -> str:
    """The last path part, without control characters, at most MAX_FILENAME_CHARS long."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip(" .")
    if len(base) > MAX_FILENAME_CHARS:
        _, dot, ext = base.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        base = base[: MAX_FILENAME_CHARS - len(keep) - 1] + ("." + keep if keep else "")
    return base


def _extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def check_file(
    filename: str, content: bytes, declared_type: str | None = None
) -> tuple[str, FileType]:
    """The file's clean name and its type, or InvalidInput when it is refused.

    A name without an extension gets the one of its content.
    """
    name = clean_filename(filename)
    found = sniff(content)
    extension = _extension(name)
    claimed = _BY_EXTENSION.get(extension)
    declared = (declared_type or "").split(";")[0].strip().lower()
    if found is None:
        if claimed is not None or declared in _BY_MIME:
            raise InvalidInput(
                "The file's content does not match its type", code="type_mismatch", field="file"
            )
        raise InvalidInput(
            "Send images (PNG, JPEG, GIF, WebP), PDF or Excel files",
            code="forbidden_type",
            field="file",
        )
    if extension and claimed is not found:
        raise InvalidInput(
            f"The file's name says {extension}, its content is {found.mime}",
            code="type_mismatch",
            field="file",
        )
    if declared not in _GENERIC_MIMES and _BY_MIME.get(declared) is not found:
        raise InvalidInput(
            f"The file was sent as {declared}, its content is {found.mime}",
            code="type_mismatch",
            field="file",
        )
    if not extension:
        name = f"{name or 'file'}{found.extensions[0]}"
    return name, found


def file_type(mime: str) -> FileType | None:
    """The accepted type of a stored attachment's MIME type."""
    return _BY_MIME.get(mime)
