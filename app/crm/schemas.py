"""What the CRM sync's JSON API answers (and the supervisor's page shows)."""

from __future__ import annotations

from datetime import datetime

import msgspec

from app.crm.models import InboundOutcome, SyncState


class DealSyncRead(msgspec.Struct, kw_only=True):
    """One order's deal and the state of pushing the order to it."""

    order_id: int
    order_number: str
    dealer_id: int
    dealer_name: str
    deal_id: int | None
    state: SyncState
    stage_id: str
    attempts: int
    last_error: str
    next_attempt_at: datetime | None
    wanted_version: int
    pushed_version: int
    synced_at: datetime | None


class InboundRead(msgspec.Struct, kw_only=True):
    """One webhook call from the CRM and what became of it."""

    id: int
    event: str
    deal_id: int | None
    order_id: int | None
    order_number: str | None
    outcome: InboundOutcome
    detail: str
    changes: list[str]
    calls: int
    """How many calls the row stands for (forged calls are counted in a row a minute)."""
    attempts: int
    received_at: datetime
    finished_at: datetime | None


class SyncOverview(msgspec.Struct, kw_only=True):
    """The sync at a glance: deals by state, those that need attention, recent calls."""

    configured: bool
    """False when CRM_BASE_URL is empty: nothing is pushed."""
    deals_by_state: dict[SyncState, int]
    inbound_last_day: dict[InboundOutcome, int]
    attention: list[DealSyncRead]
    """Failed deals first, then pending ones by next attempt (at most `ATTENTION_LIMIT`)."""
    recent_inbound: list[InboundRead]


class WebhookAnswer(msgspec.Struct):
    """What the CRM's webhook call gets back (the CRM only looks at the status)."""

    outcome: InboundOutcome
