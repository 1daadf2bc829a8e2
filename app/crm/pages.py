"""the supervisor's CRM sync page (being built: issue 5)."""

from __future__ import annotations

from typing import Any

CRM_PAGES: list[Any] = []
