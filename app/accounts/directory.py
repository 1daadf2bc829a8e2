"""People, dealers, memberships and manager assignments: reading and managing them."""

from __future__ import annotations

from datetime import datetime

from app.accounts import audit
from app.accounts.actor import Actor
from app.accounts.models import (
    AuditEntry,
    Dealer,
    DealerMembership,
    ManagerAssignment,
    MembershipRole,
    Person,
    StaffRole,
)
from app.accounts.schemas import (
    AuditEntryRead,
    AuditPage,
    DealerRead,
    MembershipRead,
    MeRead,
    ProfileUpdate,
)
from app.accounts.security import hash_password
from app.accounts.service import announce_rights_changed, membership_permissions
from app.errors import InvalidInput, NotFound
from realtime.relay import transaction


def dealer_read(d: Dealer) -> DealerRead:
    """A dealer row as its API shape."""
    return DealerRead(
        id=d.id,
        legal_name=d.legal_name,
        inn=d.inn,
        kpp=d.kpp,
        legal_address=d.legal_address,
        delivery_address=d.delivery_address,
        parent_id=d.parent_id,
        warehouse_id=d.warehouse_id,
    )


async def describe_me(actor: Actor) -> MeRead:
    """The caller with the dealers they may switch to."""
    memberships = (
        await DealerMembership.filter(person_id=actor.person_id, dealer__is_active=True)
        .select_related("dealer")
        .order_by("id")
    )
    return MeRead(
        id=actor.person_id,
        email=actor.email,
        full_name=actor.full_name,
        language=actor.language,
        time_zone=actor.time_zone,
        staff_role=actor.staff_role,
        active_dealer_id=actor.active_dealer_id,
        dealer_ids=sorted(actor.dealer_ids) if actor.dealer_ids is not None else None,
        permissions=sorted(actor.permissions),
        memberships=[
            MembershipRead(
                dealer_id=m.dealer_id,
                legal_name=m.dealer.legal_name,
                role=m.role.value,
                permissions=sorted(membership_permissions(m)),
                parent_id=m.dealer.parent_id,
            )
            for m in memberships
        ],
    )


async def update_profile(actor: Actor, change: ProfileUpdate) -> None:
    """Change the caller's own language or time zone."""
    values = {
        k: v for k, v in {"language": change.language, "time_zone": change.time_zone}.items() if v
    }
    if "time_zone" in values:
        from zoneinfo import available_timezones

        if values["time_zone"] not in available_timezones():
            raise InvalidInput("Unknown time zone", field="time_zone")
    if not values:
        return
    async with transaction():
        person = await Person.get(id=actor.person_id)
        before = {k: getattr(person, k) for k in values}
        await Person.filter(id=actor.person_id).update(**values)
        await audit.record(
            actor, "profile.update", "person", actor.person_id, before=before, after=values
        )


async def list_dealers(actor: Actor) -> list[DealerRead]:
    """Dealers within the caller's reach."""
    query = Dealer.filter(is_active=True)
    if actor.dealer_ids is not None:
        query = query.filter(id__in=list(actor.dealer_ids))
    return [dealer_read(d) for d in await query.order_by("id")]


async def get_dealer(actor: Actor, dealer_id: int) -> DealerRead:
    """One dealer within the caller's reach."""
    actor.require_dealer(dealer_id)
    dealer = await Dealer.get_or_none(id=dealer_id, is_active=True)
    if dealer is None:
        raise NotFound("Dealer not found")
    return dealer_read(dealer)


async def create_person(
    actor: Actor | None,
    *,
    email: str,
    full_name: str,
    password: str,
    phone: str = "",
    staff_role: StaffRole | None = None,
    language: str = "ru",
    time_zone: str = "Europe/Moscow",
) -> Person:
    """Register a person (by a supervisor, or by the demo loader with no actor)."""
    email = email.strip().lower()
    if await Person.exists(email=email):
        raise InvalidInput("Email already registered", code="duplicate", field="email")
    async with transaction():
        person = await Person.create(
            email=email,
            full_name=full_name,
            phone=phone,
            password_hash=hash_password(password),
            staff_role=staff_role,
            language=language,
            time_zone=time_zone,
        )
        await audit.record(
            actor,
            "person.create",
            "person",
            person.id,
            after={"email": email, "staff_role": staff_role},
        )
    return person


async def create_dealer(
    actor: Actor | None,
    *,
    legal_name: str,
    inn: str,
    kpp: str = "",
    legal_address: str = "",
    delivery_address: str = "",
    parent_id: int | None = None,
    warehouse_id: int | None = None,
    price_list_id: int | None = None,
    discount_bp: int = 0,
) -> Dealer:
    """Register a dealer (legal entity); `parent_id` makes it a holding's subsidiary."""
    async with transaction():
        dealer = await Dealer.create(
            legal_name=legal_name,
            inn=inn,
            kpp=kpp,
            legal_address=legal_address,
            delivery_address=delivery_address,
            parent_id=parent_id,
            warehouse_id=warehouse_id,
            price_list_id=price_list_id,
            discount_bp=discount_bp,
        )
        await audit.record(
            actor,
            "dealer.create",
            "dealer",
            dealer.id,
            dealer_id=dealer.id,
            after=dealer_read(dealer),
        )
    return dealer


async def add_membership(
    actor: Actor | None,
    person_id: int,
    dealer_id: int,
    role: MembershipRole = MembershipRole.EMPLOYEE,
    *,
    can_place_orders: bool = True,
    can_see_prices: bool = True,
    can_see_finance: bool = False,
    can_chat: bool = True,
) -> DealerMembership:
    """Let a person act for a dealer, with the rights given."""
    permissions = {
        "can_place_orders": can_place_orders,
        "can_see_prices": can_see_prices,
        "can_see_finance": can_see_finance,
        "can_chat": can_chat,
    }
    async with transaction():
        membership = await DealerMembership.create(
            person_id=person_id,
            dealer_id=dealer_id,
            role=role,
            can_place_orders=can_place_orders,
            can_see_prices=can_see_prices,
            can_see_finance=can_see_finance,
            can_chat=can_chat,
        )
        await audit.record(
            actor,
            "membership.add",
            "membership",
            membership.id,
            dealer_id=dealer_id,
            after={"person_id": person_id, "role": role.value, **permissions},
        )
        await announce_rights_changed(person_id)
    return membership


async def change_membership(
    actor: Actor | None,
    person_id: int,
    dealer_id: int,
    *,
    role: MembershipRole | None = None,
    can_place_orders: bool | None = None,
    can_see_prices: bool | None = None,
    can_see_finance: bool | None = None,
    can_chat: bool | None = None,
) -> DealerMembership:
    """Change a person's role or rights within a dealer (None leaves a field as it is).

    Their open connections follow at once, both ways: a right taken away ends the topics
    it opened and blanks what it showed in later events; a right given shows in them."""
    wanted = {
        "role": role,
        "can_place_orders": can_place_orders,
        "can_see_prices": can_see_prices,
        "can_see_finance": can_see_finance,
        "can_chat": can_chat,
    }
    async with transaction():
        membership = (
            await DealerMembership.filter(person_id=person_id, dealer_id=dealer_id)
            .select_for_update()
            .first()
        )
        if membership is None:
            raise NotFound("Membership not found")
        changed = {k: v for k, v in wanted.items() if v is not None and getattr(membership, k) != v}
        if not changed:
            return membership
        before = {k: getattr(membership, k) for k in changed}
        for name, value in changed.items():
            setattr(membership, name, value)
        await membership.save(update_fields=list(changed))
        await audit.record(
            actor,
            "membership.change",
            "membership",
            membership.id,
            dealer_id=dealer_id,
            before={"person_id": person_id, **before},
            after={"person_id": person_id, **changed},
        )
        await announce_rights_changed(person_id)
    return membership


async def remove_membership(actor: Actor | None, person_id: int, dealer_id: int) -> None:
    """Take away a person's right to act for a dealer."""
    async with transaction():
        deleted = await DealerMembership.filter(person_id=person_id, dealer_id=dealer_id).delete()
        if not deleted:
            raise NotFound("Membership not found")
        await audit.record(
            actor,
            "membership.remove",
            "membership",
            f"{person_id}:{dealer_id}",
            dealer_id=dealer_id,
            before={"person_id": person_id},
        )
        await announce_rights_changed(person_id)


async def assign_manager(actor: Actor | None, manager_id: int, dealer_id: int) -> None:
    """Put a dealer in a manager's care."""
    async with transaction():
        await ManagerAssignment.create(manager_id=manager_id, dealer_id=dealer_id)
        await audit.record(
            actor,
            "manager.assign",
            "dealer",
            dealer_id,
            dealer_id=dealer_id,
            after={"manager_id": manager_id},
        )
        await announce_rights_changed(manager_id)


async def unassign_manager(actor: Actor | None, manager_id: int, dealer_id: int) -> None:
    """Take a dealer out of a manager's care; their live subscriptions to it end."""
    async with transaction():
        removed = await ManagerAssignment.filter(
            manager_id=manager_id, dealer_id=dealer_id
        ).delete()
        if not removed:
            raise NotFound("Assignment not found")
        await audit.record(
            actor,
            "manager.unassign",
            "dealer",
            dealer_id,
            dealer_id=dealer_id,
            before={"manager_id": manager_id},
        )
        await announce_rights_changed(manager_id)


async def set_dealer_active(actor: Actor | None, dealer_id: int, active: bool) -> Dealer:
    """Deactivate a dealer (its people, and its holding's, lose it at once, live too) or
    activate it again. Factory staff keep what they see: an assignment is theirs to end."""
    async with transaction():
        dealer = await Dealer.filter(id=dealer_id).select_for_update().first()
        if dealer is None:
            raise NotFound("Dealer not found")
        if dealer.is_active == active:
            return dealer
        dealer.is_active = active
        await dealer.save(update_fields=["is_active"])
        await audit.record(
            actor,
            "dealer.activate" if active else "dealer.deactivate",
            "dealer",
            dealer_id,
            dealer_id=dealer_id,
            before={"is_active": not active},
            after={"is_active": active},
        )
        await announce_rights_changed(*await _people_who_see(dealer))
    return dealer


async def _people_who_see(dealer: Dealer) -> list[int]:
    """Whose rights a dealer's state decides: its people, its holding's, its managers."""
    acting = [dealer.id] if dealer.parent_id is None else [dealer.id, dealer.parent_id]
    members = await DealerMembership.filter(dealer_id__in=acting).values("person_id")
    managers = await ManagerAssignment.filter(dealer_id=dealer.id).values("manager_id")
    return [int(m["person_id"]) for m in members] + [int(m["manager_id"]) for m in managers]


async def set_person_active(actor: Actor | None, person_id: int, active: bool) -> Person:
    """Deactivate a person (every session, token and open connection of theirs stops
    working at once) or activate them again."""
    async with transaction():
        person = await Person.filter(id=person_id).select_for_update().first()
        if person is None:
            raise NotFound("Person not found")
        if person.is_active == active:
            return person
        person.is_active = active
        await person.save(update_fields=["is_active"])
        await audit.record(
            actor,
            "person.activate" if active else "person.deactivate",
            "person",
            person_id,
            before={"is_active": not active},
            after={"is_active": active},
        )
        await announce_rights_changed(person_id)
    return person


async def query_audit(
    actor: Actor,
    *,
    person_id: int | None = None,
    dealer_id: int | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    cursor: int | None = None,
    limit: int = 50,
) -> AuditPage:
    """The audit log for supervisors, newest first, filtered, in keyset pages."""
    actor.require_supervisor()
    filters = {
        "person_id": person_id,
        "dealer_id": dealer_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "at__gte": since,
        "at__lt": until,
        "id__lt": cursor,
    }
    query = AuditEntry.filter(**{k: v for k, v in filters.items() if v is not None})
    rows = await query.select_related("person").order_by("-id").limit(limit + 1)
    items = [
        AuditEntryRead(
            id=r.id,
            at=r.at,
            person_id=r.person_id,
            person_email=r.person.email if r.person else None,
            dealer_id=r.dealer_id,
            action=r.action,
            object_type=r.object_type,
            object_id=r.object_id,
            before=r.before,
            after=r.after,
            ip=r.ip,
        )
        for r in rows[:limit]
    ]
    return AuditPage(items=items, next_cursor=items[-1].id if len(rows) > limit else None)
