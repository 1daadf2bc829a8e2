"""Whose eyes the catalog is seen through, and which sections those eyes may see.

Staff see everything; a dealer sees the public sections and the private ones it holds a
grant on (or on a section above). Every catalog read passes through here: it is the
catalog's tenancy boundary.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from app.accounts.actor import Actor, Permission
from app.accounts.models import Dealer
from app.catalog.models import Category, CategoryAccess
from app.errors import Forbidden, NotFound


@dataclass(frozen=True)
class CatalogView:
    """Whose eyes the catalog is seen through: a dealer's, or staff's unrestricted one."""

    dealer: Dealer | None
    see_prices: bool


async def catalog_view(actor: Actor, dealer_id: int | None) -> CatalogView:
    """A dealer's view: the named one (the caller must act for it), else the caller's own.

    Staff who name no dealer get the unrestricted view.
    """
    see_prices = actor.has(Permission.SEE_PRICES)
    if dealer_id is None and actor.is_staff:
        return CatalogView(None, see_prices)
    if dealer_id is None:
        dealer_id = actor.active_dealer_id
        if dealer_id is None:
            raise Forbidden("You act for no dealer", code="no_active_dealer")
    else:
        actor.require_dealer(dealer_id, field="dealer_id")
    dealer = await Dealer.get_or_none(id=dealer_id, is_active=True)
    if dealer is None:
        raise NotFound("Dealer not found", field="dealer_id")
    return CatalogView(dealer, see_prices)


async def visible_categories(dealer: Dealer | None) -> list[Category]:
    """Sections in display order: all of them, or those the dealer may see.

    A private section hides itself and its subtree unless the dealer holds a grant on it
    or on a section above it; a grant below an ungranted private section opens nothing.
    """
    categories = await Category.all().order_by("position", "name", "id")
    if dealer is None:
        return categories
    granted = set(
        await CategoryAccess.filter(dealer_id=dealer.id).values_list("category_id", flat=True)
    )
    children: dict[int | None, list[Category]] = defaultdict(list)
    for category in categories:
        children[category.parent_id].append(category)
    visible: set[int] = set()
    stack = [(root, False) for root in children[None]]
    while stack:
        category, granted_above = stack.pop()
        is_granted = granted_above or category.id in granted
        if category.is_private and not is_granted:
            continue
        visible.add(category.id)
        stack.extend((child, is_granted) for child in children[category.id])
    return [c for c in categories if c.id in visible]


def subtree(categories: Sequence[Category], root_id: int) -> list[int]:
    """Ids of a section and every section under it, among the given ones."""
    if not any(c.id == root_id for c in categories):
        raise NotFound("Category not found", field="category_id")
    children: dict[int | None, list[int]] = defaultdict(list)
    for category in categories:
        children[category.parent_id].append(category.id)
    found, stack = [], [root_id]
    while stack:
        found.append(current := stack.pop())
        stack.extend(children[current])
    return found
