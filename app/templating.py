"""The Jinja2 environment of the cabinet's pages, shared with mail rendered by workers."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app import i18n
from app.config import PROJECT_ROOT

FRONTEND = PROJECT_ROOT / "frontend"


def template_environment() -> Environment:
    """Jinja2 with gettext bound to the current request's language."""
    env = Environment(
        loader=FileSystemLoader(FRONTEND / "templates"),
        autoescape=select_autoescape(),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["money"] = i18n.format_money
    env.filters["localtime"] = i18n.format_local_datetime
    env.filters["day"] = i18n.format_day
    return env
