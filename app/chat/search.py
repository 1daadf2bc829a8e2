"""Searching messages: text in the caller's rooms, any case and any script, newest first."""

from __future__ import annotations

from typing import Any

from app.accounts.actor import Actor, Permission
from app.chat.access import visible_messages
from app.chat.history import message_reads
from app.chat.schemas import SearchHit, SearchPage
from app.errors import InvalidInput

MAX_SEARCH_CHARS = 200


async def search_messages(
    actor: Actor,
    text: str,
    *,
    room_id: int | None = None,
    before: int | None = None,
    limit: int = 20,
) -> SearchPage:
    """Messages containing `text` (any case, any script) in the caller's rooms, newest first."""
    actor.require(Permission.CHAT)
    needle = text.strip().casefold()
    if not needle or len(needle) > MAX_SEARCH_CHARS:
        raise InvalidInput(f"Search for 1 to {MAX_SEARCH_CHARS} characters", field="q")
    query: Any = visible_messages(actor).filter(deleted_at=None, search_text__contains=needle)
    if room_id is not None:
        query = query.filter(room_id=room_id)
    if before is not None:
        query = query.filter(id__lt=before)
    rows = (
        await query.select_related("author", "room", "room__dealer", "room__order")
        .order_by("-id")
        .limit(limit + 1)
    )
    page = rows[:limit]
    reads = await message_reads(page, {m.room_id: m.room for m in page})
    items = [
        SearchHit(
            message=read,
            room_kind=m.room.kind,
            dealer_id=m.room.dealer_id,
            dealer_name=m.room.dealer.legal_name,
            order_id=m.room.order_id,
            order_number=m.room.order.number if m.room.order_id and m.room.order else None,
        )
        for m, read in zip(page, reads, strict=True)
    ]
    return SearchPage(items=items, next_before=page[-1].id if len(rows) > limit else None)
