"""the Telegram section of the profile (being built: issue 5)."""

from __future__ import annotations

from typing import Any

TELEGRAM_PAGES: list[Any] = []
