"""A person's dealer scope: the dealer they act for, the dealers they see, their rights.

What decides it (memberships in active dealers, those dealers' active subsidiaries, a
manager's assignments) is read for any number of people in one statement, `SCOPE_ROWS`,
so that a bearer-token handshake costs one statement with its token
(`app.accounts.tokens`); the rule that turns those rows into a scope is `scope_of`, the
only one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from app.accounts.actor import Actor, Permission
from app.accounts.models import StaffRole
from app.statements import fetch, in_list

ALL_PERMISSIONS = frozenset(p.value for p in Permission)

SCOPE_ROWS = """
SELECT m.person_id AS person_id, 'member' AS kind, m.id AS membership_id,
       m.dealer_id AS dealer_id, NULL AS parent_id,
       m.can_place_orders AS can_place_orders, m.can_see_prices AS can_see_prices,
       m.can_see_finance AS can_see_finance, m.can_chat AS can_chat
FROM dealer_membership m JOIN dealer d ON d.id = m.dealer_id
WHERE m.person_id IN {people} AND d.is_active = ?
UNION ALL
SELECT m.person_id, 'subsidiary', NULL, c.id, c.parent_id, NULL, NULL, NULL, NULL
FROM dealer_membership m JOIN dealer c ON c.parent_id = m.dealer_id
WHERE m.person_id IN {people} AND c.is_active = ?
UNION ALL
SELECT a.manager_id, 'assigned', NULL, a.dealer_id, NULL, NULL, NULL, NULL, NULL
FROM manager_assignment a
WHERE a.manager_id IN {people}
"""
"""One row per membership in an active dealer, per active subsidiary of a dealer the
person is a member of, and per dealer assigned to a manager. `{people}` is the set of
person ids (an IN list or a subquery); the two `?` take True."""


class DealerScope(NamedTuple):
    """(the dealer acted for, the dealers visible (None: all), the permissions)."""

    active_dealer_id: int | None
    dealer_ids: frozenset[int] | None
    permissions: frozenset[str]


class PersonFields(NamedTuple):
    """What an actor shows of its person (from a `Person` or a row of a statement)."""

    id: int
    email: str
    full_name: str
    language: str
    time_zone: str
    staff_role: str | None


def permissions_of(
    *, can_place_orders: Any, can_see_prices: Any, can_see_finance: Any, can_chat: Any
) -> frozenset[str]:
    """The permission names a membership's flags grant (SQLite gives 0/1)."""
    flags = {
        Permission.PLACE_ORDERS: can_place_orders,
        Permission.SEE_PRICES: can_see_prices,
        Permission.SEE_FINANCE: can_see_finance,
        Permission.CHAT: can_chat,
    }
    return frozenset(p.value for p, allowed in flags.items() if allowed)


def scope_of(
    staff_role: str | None, active_dealer_id: int | None, rows: Iterable[Mapping[str, Any]]
) -> DealerScope:
    """The scope of one person from their `SCOPE_ROWS`."""
    if staff_role == StaffRole.SUPERVISOR:
        return DealerScope(None, None, ALL_PERMISSIONS)
    rows = list(rows)
    if staff_role == StaffRole.MANAGER:
        assigned = frozenset(int(r["dealer_id"]) for r in rows if r["kind"] == "assigned")
        return DealerScope(None, assigned, ALL_PERMISSIONS)
    members = sorted((r for r in rows if r["kind"] == "member"), key=lambda r: r["membership_id"])
    if not members:
        return DealerScope(None, frozenset(), frozenset())
    chosen = next((m for m in members if m["dealer_id"] == active_dealer_id), members[0])
    dealer = int(chosen["dealer_id"])
    # A holding's parent acts for its subsidiaries; never the other way round.
    subsidiaries = [
        int(r["dealer_id"]) for r in rows if r["kind"] == "subsidiary" and r["parent_id"] == dealer
    ]
    permissions = permissions_of(
        can_place_orders=chosen["can_place_orders"],
        can_see_prices=chosen["can_see_prices"],
        can_see_finance=chosen["can_see_finance"],
        can_chat=chosen["can_chat"],
    )
    return DealerScope(dealer, frozenset([dealer, *subsidiaries]), permissions)


async def dealer_scopes(people: Sequence[tuple[int, str | None, int | None]]) -> list[DealerScope]:
    """Scopes of (person id, staff role, dealer asked for) in one statement, in that order."""
    if not people:
        return []
    ids = list(dict.fromkeys(person_id for person_id, _, _ in people))
    sql = SCOPE_ROWS.format(people=in_list(ids))
    rows = await fetch(sql, [*ids, True, *ids, True, *ids])
    by_person: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_person.setdefault(int(row["person_id"]), []).append(row)
    return [scope_of(role, active, by_person.get(pid, ())) for pid, role, active in people]


def actor_of(
    person: PersonFields,
    scope: DealerScope,
    *,
    session_id: int | None = None,
    token_id: int | None = None,
    csrf_token: str = "",
    ip: str = "",
    user_agent: str = "",
) -> Actor:
    """The actor of a person within a scope."""
    return Actor(
        person_id=person.id,
        email=person.email,
        full_name=person.full_name,
        language=person.language,
        time_zone=person.time_zone,
        staff_role=str(person.staff_role) if person.staff_role else None,
        active_dealer_id=scope.active_dealer_id,
        dealer_ids=scope.dealer_ids,
        permissions=scope.permissions,
        session_id=session_id,
        token_id=token_id,
        csrf_token=csrf_token,
        ip=ip,
        user_agent=user_agent,
    )
