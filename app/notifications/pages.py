"""pages of the notification centre and its settings (being built: issue 5)."""

from __future__ import annotations

from typing import Any

NOTIFICATION_PAGES: list[Any] = []
