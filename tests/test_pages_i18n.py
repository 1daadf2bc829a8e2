"""Every message the interface can show is translated into Russian, with correct plurals."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app import i18n
from app.config import PROJECT_ROOT

RUSSIAN_PLURALS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def used_messages() -> dict[str, tuple[str, ...]]:
    """Msgids in app code and templates as `pybabel extract -F babel.cfg` finds them."""
    with (PROJECT_ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[str, tuple[str, ...]] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        PROJECT_ROOT, method_map, options_map
    ):
        ids = message if isinstance(message, tuple) else (message,)
        found.setdefault(ids[0], tuple(ids))
        assert filename  # keeps the unpacking honest if babel's tuple changes
    return found


def russian_catalog() -> Catalog:
    with (i18n.LOCALE_DIR / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale="ru")


def test_templates_and_code_do_use_gettext():
    used = used_messages()
    assert "Log in" in used and "Painting" in used and "%(num)d piece" in used


def test_every_used_message_has_a_russian_translation():
    catalog = russian_catalog()
    untranslated = []
    for msgid, ids in used_messages().items():
        entry = catalog.get(ids if len(ids) > 1 else msgid)
        strings = entry.string if entry else None
        forms = strings if isinstance(strings, tuple | list) else (strings,)
        if not entry or entry.fuzzy or not all(f and f.strip() for f in forms):
            untranslated.append(msgid)
    assert untranslated == [], "add Russian translations (see docs/i18n.md)"


def test_translations_keep_the_placeholders_of_their_msgids():
    for entry in russian_catalog():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == expected, entry.id


def test_russian_catalog_declares_three_plural_forms():
    assert russian_catalog().plural_forms == RUSSIAN_PLURALS


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 штука"),
        (2, "2 штуки"),
        (5, "5 штук"),
        (11, "11 штук"),
        (21, "21 штука"),
        (22, "22 штуки"),
        (112, "112 штук"),
    ],
)
def test_russian_plurals_follow_the_number(n, expected):
    token = i18n.current_language.set("ru")
    try:
        assert i18n.ngettext("%(num)d piece", "%(num)d pieces", n) % {"num": n} == expected
    finally:
        i18n.current_language.reset(token)
