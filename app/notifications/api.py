"""JSON API of the notification centre (being built: issue 5)."""

from __future__ import annotations

from typing import Any

NOTIFICATIONS_API: list[Any] = []
