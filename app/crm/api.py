"""the CRM's webhook endpoint (being built: issue 5)."""

from __future__ import annotations

from typing import Any

CRM_API: list[Any] = []
