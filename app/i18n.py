"""Interface language and time zone of the current request, and gettext catalogs.

Catalogs live in `frontend/locale/<lang>/LC_MESSAGES/messages.po`; they are compiled
in memory at first use, so there is no build step and no binary file in the tree.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from app.config import PROJECT_ROOT

LOCALE_DIR = PROJECT_ROOT / "frontend" / "locale"
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"

current_language: ContextVar[str] = ContextVar("current_language", default=DEFAULT_LANGUAGE)
current_time_zone: ContextVar[str] = ContextVar("current_time_zone", default="Europe/Moscow")


@contextmanager
def speaking(language: str, time_zone: str) -> Iterator[None]:
    """Translate and show times in this language and time zone within the block.

    Outside a request (workers rendering an email or a bot message for one person) nothing
    else sets the current language; the previous values come back when the block ends.
    """
    language_token = current_language.set(pick_language(language))
    time_zone_token = current_time_zone.set(time_zone)
    try:
        yield
    finally:
        current_time_zone.reset(time_zone_token)
        current_language.reset(language_token)


@cache
def translations(language: str) -> Translations:
    """The compiled catalog for a language (English falls back to the msgids)."""
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return Translations()
    with po_path.open("rb") as po:
        catalog = read_po(po, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def gettext(message: str) -> str:
    """Translate into the current request's language."""
    return translations(current_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count into the current request's language."""
    return translations(current_language.get()).ngettext(singular, plural, n)


def pick_language(*candidates: str | None) -> str:
    """The first supported language among the candidates, else the default."""
    for candidate in candidates:
        if candidate and candidate[:2].lower() in LANGUAGES:
            return candidate[:2].lower()
    return DEFAULT_LANGUAGE


def format_money(kopecks: int | None) -> str:
    """Roubles with kopecks in the current language: `1 234,50 ₽`."""
    if kopecks is None:
        return "—"
    roubles = format_decimal(
        kopecks / 100, format="#,##0.00", locale=Locale.parse(current_language.get())
    )
    return f"{roubles} ₽"


def format_local_datetime(value: datetime | None, fmt: str = "short") -> str:
    """A UTC timestamp shown in the current user's time zone and language."""
    if value is None:
        return "—"
    local = value.astimezone(ZoneInfo(current_time_zone.get()))
    return babel_format_datetime(local, format=fmt, locale=current_language.get())


def format_day(value: date | datetime | None) -> str:
    """A calendar day in the current language; a UTC timestamp's day in the user's zone."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(current_time_zone.get())).date()
    return babel_format_date(value, format="medium", locale=current_language.get())
