"""The order lifecycle as one table: which status may follow which, and who moves it.

`in_production`, `ready`, `shipped` and `completed` follow the production units (see
`status_for_stages`), so nobody sets them by hand and the status can never contradict
what the units say.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from app.orders.models import OrderStatus, UnitStage

S = OrderStatus


class Mover(StrEnum):
    """Who may make a transition."""

    DEALER = "dealer"
    STAFF = "staff"
    SYSTEM = "system"
    """Derived from the production units."""


TRANSITIONS: dict[tuple[OrderStatus, OrderStatus], frozenset[Mover]] = {
    (S.DRAFT, S.SUBMITTED): frozenset({Mover.DEALER, Mover.STAFF}),
    (S.SUBMITTED, S.CONFIRMED): frozenset({Mover.STAFF}),
    (S.SUBMITTED, S.CANCELLED): frozenset({Mover.DEALER, Mover.STAFF}),
    (S.CONFIRMED, S.IN_PRODUCTION): frozenset({Mover.SYSTEM}),
    (S.CONFIRMED, S.CANCELLED): frozenset({Mover.STAFF}),
    (S.IN_PRODUCTION, S.READY): frozenset({Mover.SYSTEM}),
    (S.IN_PRODUCTION, S.CANCELLED): frozenset({Mover.STAFF}),
    (S.READY, S.SHIPPED): frozenset({Mover.SYSTEM}),
    (S.SHIPPED, S.COMPLETED): frozenset({Mover.SYSTEM}),
}

EDITABLE = frozenset({S.DRAFT})
"""Statuses in which items and comment may change (and the order may be deleted)."""

PRODUCTION = frozenset({S.CONFIRMED, S.IN_PRODUCTION, S.READY, S.SHIPPED, S.COMPLETED})
"""Statuses in which the order has production units that may move."""

INVOICEABLE = PRODUCTION
"""Statuses in which the factory may issue an invoice: from confirmation on. Before it the
lines and prices may still change (the dealer's draft, the CRM's edits to a submitted
order), so there is no fixed amount to bill; a cancelled order is owed nothing. Paying or
cancelling an invoice already issued is allowed in any status (a prepayment may arrive,
or need cancelling, after the order was cancelled)."""

STAGE_ORDER = {stage: index for index, stage in enumerate(UnitStage)}

DEALER_STAGE_MOVES = frozenset(
    {(UnitStage.SHIPPED, UnitStage.AT_DEALER), (UnitStage.AT_DEALER, UnitStage.SOLD)}
)
"""A dealer reports receiving and selling pieces; everything else is the factory's."""


def may_transition(source: OrderStatus, target: OrderStatus, mover: Mover) -> bool:
    """True when the lifecycle lets `mover` take the order from `source` to `target`."""
    return mover in TRANSITIONS.get((source, target), frozenset())


def status_for_stages(stages: Iterable[UnitStage]) -> OrderStatus:
    """The production status that a set of unit stages implies."""
    ranks = [STAGE_ORDER[s] for s in stages]
    if not ranks:
        return S.CONFIRMED
    lowest, highest = min(ranks), max(ranks)
    if lowest >= STAGE_ORDER[UnitStage.AT_DEALER]:
        return S.COMPLETED
    if lowest >= STAGE_ORDER[UnitStage.SHIPPED]:
        return S.SHIPPED
    if lowest >= STAGE_ORDER[UnitStage.PACKED]:
        return S.READY
    if highest > STAGE_ORDER[UnitStage.QUEUED]:
        return S.IN_PRODUCTION
    return S.CONFIRMED


def derived_path(current: OrderStatus, target: OrderStatus) -> list[OrderStatus]:
    """The system transitions that lead from `current` to the unit-implied `target`.

    Empty when the order is already there (or further: statuses never go back).
    """
    path: list[OrderStatus] = []
    status = current
    while status != target:
        step = next(
            (
                dst
                for (src, dst), movers in TRANSITIONS.items()
                if src == status and Mover.SYSTEM in movers
            ),
            None,
        )
        if step is None:
            return []
        path.append(step)
        status = step
    return path


def may_move_unit(source: UnitStage, target: UnitStage, mover: Mover) -> bool:
    """Units only move forward; dealers only report receipt and sale."""
    if STAGE_ORDER[target] <= STAGE_ORDER[source]:
        return False
    if mover is Mover.DEALER:
        return (source, target) in DEALER_STAGE_MOVES
    return True
