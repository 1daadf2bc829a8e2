"""the bot's webhook and the linking endpoints (being built: issue 5)."""

from __future__ import annotations

from typing import Any

TELEGRAM_API: list[Any] = []
