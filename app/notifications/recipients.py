"""Who hears about an order or a chat: the tenancy rule of notifications.

An order's audience is the people acting for its dealer, or for the holding the dealer
belongs to (an active membership of an active dealer, an active person), and the
managers assigned to the dealer. A chat message's audience is the same with the chat
permission (`can_chat`); an internal note's is the managers alone. Supervisors see
everything on their pages and are not notified of every dealer's every change. Nobody
of another dealer is ever in an audience, and the person who made the change is left out.
"""

from __future__ import annotations

from typing import cast

from tortoise.expressions import Q

from app.accounts.models import Dealer, DealerMembership, ManagerAssignment, StaffRole
from app.notifications.models import NotificationKind


async def _dealers_with_holding(dealer_id: int) -> list[int]:
    """The dealer and its holding parent; none when the dealer is deactivated (then its
    orders are out of everyone's sight, the holding's people included)."""
    rows = await Dealer.filter(id=dealer_id, is_active=True).values_list("parent_id", flat=True)
    if not rows:
        return []
    parent_id = cast("list[int | None]", rows)[0]
    return [dealer_id] if parent_id is None else [dealer_id, parent_id]


async def dealer_people(dealer_id: int, *, chat: bool = False) -> set[int]:
    """People acting for the dealer or its holding now (with `can_chat` when `chat`)."""
    dealers = await _dealers_with_holding(dealer_id)
    if not dealers:
        return set()
    query = DealerMembership.filter(
        dealer_id__in=dealers,
        dealer__is_active=True,
        person__is_active=True,
        person__staff_role__isnull=True,
    )
    if chat:
        query = query.filter(can_chat=True)
    return {int(pid) for pid in await query.values_list("person_id", flat=True)}  # type: ignore[call-overload]


async def dealer_managers(dealer_id: int) -> set[int]:
    """Active managers assigned to the dealer (a person who is no longer a manager is not
    one, whatever assignment rows are left behind)."""
    rows = await ManagerAssignment.filter(
        Q(dealer_id=dealer_id), manager__is_active=True, manager__staff_role=StaffRole.MANAGER
    ).values_list("manager_id", flat=True)
    return {int(pid) for pid in rows}  # type: ignore[call-overload]


async def order_audience(dealer_id: int, *, exclude: int | None) -> list[int]:
    """Who is told about a change to an order of this dealer, in ascending order."""
    people = await dealer_people(dealer_id) | await dealer_managers(dealer_id)
    return sorted(people - {exclude})


async def audience_of(
    dealer_id: int, *, kind: NotificationKind, internal: bool, exclude: int | None
) -> list[int]:
    """The audience of a notification of this kind about this dealer, as of now."""
    if kind is NotificationKind.CHAT_MESSAGE:
        return await chat_audience(dealer_id, internal=internal, exclude=exclude)
    return await order_audience(dealer_id, exclude=exclude)


async def chat_audience(dealer_id: int, *, internal: bool, exclude: int | None) -> list[int]:
    """Who is told about a message in a room of this dealer (internal notes: staff only)."""
    people = await dealer_managers(dealer_id)
    if not internal:
        people |= await dealer_people(dealer_id, chat=True)
    return sorted(people - {exclude})
