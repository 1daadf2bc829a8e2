"""The audit log: every state-changing action, written inside the action's transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec

from app.accounts.actor import Actor
from app.accounts.models import AuditEntry


def _plain(value: Any) -> Any:
    return msgspec.to_builtins(value) if value is not None else None


async def record(
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: int | str = "",
    *,
    dealer_id: int | None = None,
    before: Any = None,
    after: Any = None,
) -> None:
    """Append an audit entry (call within the transaction that makes the change)."""
    await AuditEntry.create(
        at=datetime.now(UTC),
        person_id=actor.person_id if actor else None,
        dealer_id=dealer_id
        if dealer_id is not None
        else (actor.active_dealer_id if actor else None),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=_plain(before),
        after=_plain(after),
        ip=actor.ip if actor else "",
        user_agent=(actor.user_agent if actor else "")[:300],
    )
