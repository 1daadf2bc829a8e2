"""Who is asking: the person, the dealer they act for and what they may see."""

from __future__ import annotations

from enum import StrEnum

import msgspec

from app.errors import Forbidden, NotFound


class Permission(StrEnum):
    """Rights a dealer membership grants; staff hold all of them for their dealers."""

    PLACE_ORDERS = "place_orders"
    SEE_PRICES = "see_prices"
    SEE_FINANCE = "see_finance"
    CHAT = "chat"


class Actor(msgspec.Struct, frozen=True, kw_only=True):
    """The authenticated caller of one request, resolved once from its session or token."""

    person_id: int
    email: str
    full_name: str
    language: str
    time_zone: str
    staff_role: str | None = None
    active_dealer_id: int | None = None
    """The dealer a dealer person acts for now (switchable); None for staff."""
    dealer_ids: frozenset[int] | None = frozenset()
    """Dealers whose data this actor may see; None means all of them (supervisor)."""
    permissions: frozenset[str] = frozenset()
    session_id: int | None = None
    token_id: int | None = None
    csrf_token: str = ""
    ip: str = ""
    user_agent: str = ""

    @property
    def is_staff(self) -> bool:
        """Manager or supervisor."""
        return self.staff_role is not None

    @property
    def is_supervisor(self) -> bool:
        """Sees and may do everything."""
        return self.staff_role == "supervisor"

    @property
    def is_manager(self) -> bool:
        """Manufacturer manager looking after an assigned set of dealers."""
        return self.staff_role == "manager"

    def may_see_dealer(self, dealer_id: int) -> bool:
        """True when the dealer is within this actor's reach."""
        return self.dealer_ids is None or dealer_id in self.dealer_ids

    def require_dealer(self, dealer_id: int, *, field: str | None = None) -> None:
        """Raise NotFound (never Forbidden: existence is no one else's business)."""
        if not self.may_see_dealer(dealer_id):
            raise NotFound("Dealer not found", field=field)

    def has(self, permission: Permission) -> bool:
        """True when this actor holds the permission."""
        return self.is_staff or permission.value in self.permissions

    def require(self, permission: Permission) -> None:
        """Raise Forbidden unless the actor holds the permission."""
        if not self.has(permission):
            raise Forbidden(f"Missing permission: {permission.value}", code="missing_permission")

    def require_supervisor(self) -> None:
        """Raise Forbidden unless the actor is a supervisor."""
        if not self.is_supervisor:
            raise Forbidden("Supervisors only", code="supervisor_only")
