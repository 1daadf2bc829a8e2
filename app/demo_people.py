"""The demo factory's people: 20 dealers with their staff, four managers and a supervisor.

Dealers, memberships, manager assignments and catalog grants go through the services, so
they carry their audit entries. People are inserted directly with one shared password
hash: Argon2 takes ~50-100 ms per hash on purpose, and every demo login has the same
password anyway.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.accounts import directory
from app.accounts.models import MembershipRole, Person, StaffRole
from app.accounts.security import hash_password
from app.catalog import changes as catalog_changes
from app.demo_catalog import CatalogSpec
from app.demo_names import (
    CITIES,
    DEALERS,
    STAFF,
    addresses,
    full_name,
    inn,
    kpp,
    phone,
    random_person,
)

DEMO_PASSWORD = "demo-password"
SUPERVISOR_EMAIL = "supervisor@demo.test"
PREMIER_DEALERS = (1, 5, 14, 15, 16)
"""Dealers (by number) who see the private «Премьер» collection."""
FIRE_DOOR_DEALERS = (3, 13)
"""Dealers (by number) who see the private fire-rated doors."""


@dataclass(frozen=True)
class Member:
    """A dealer person as the order generator needs them."""

    person_id: int
    may_order: bool


@dataclass
class Cast:
    """Who exists, by demo number: dealers 1..20, their members, the managers."""

    dealer_ids: dict[int, int] = field(default_factory=dict)
    members: dict[int, list[Member]] = field(default_factory=dict)
    """Dealer number -> its people, the owner first."""
    manager_of: dict[int, int] = field(default_factory=dict)
    """Dealer number -> the person id of its manager."""
    supervisor_id: int = 0
    people: int = 0


def _person(email: str, name: tuple[str, str, str], password_hash: str, **extra: object) -> Person:
    return Person(
        email=email,
        full_name=full_name(name),
        password_hash=password_hash,
        created_at=datetime.now(UTC),
        **extra,
    )


def _root(number: int) -> int:
    parent = DEALERS[number - 1].parent
    return parent if parent is not None else number


async def _create_dealers(rng: random.Random, catalog_spec: CatalogSpec, cast: Cast) -> None:
    for number, spec in enumerate(DEALERS, start=1):
        city = CITIES[spec.city]
        tax_id = inn(rng, city.region, person=spec.owner is not None)
        legal, delivery = addresses(rng, city)
        dealer = await directory.create_dealer(
            None,
            legal_name=spec.legal_name,
            inn=tax_id,
            kpp="" if spec.owner else kpp(tax_id),
            legal_address=legal,
            delivery_address=delivery,
            parent_id=cast.dealer_ids[spec.parent] if spec.parent else None,
            warehouse_id=catalog_spec.warehouses[city.warehouse],
            price_list_id=catalog_spec.price_lists[spec.price_list] if spec.price_list else None,
            discount_bp=spec.discount_bp,
        )
        cast.dealer_ids[number] = dealer.id


def _staff_of_dealers(rng: random.Random, password_hash: str) -> list[tuple[int, int, Person]]:
    """(dealer number, k, person): k = 0 is the owner, 1 and 2 employees or viewers."""
    rows = []
    for number, spec in enumerate(DEALERS, start=1):
        extra = 3 if number <= 2 else rng.choice((2, 2, 3))
        for k in range(extra):
            name = spec.owner if k == 0 and spec.owner else random_person(rng)
            email = (
                f"dealer{number}@demo.test" if k == 0 else f"dealer{number}.employee{k}@demo.test"
            )
            rows.append((number, k, _person(email, name, password_hash, phone=phone(rng))))
    return rows


def _membership(rng: random.Random, k: int) -> tuple[MembershipRole, dict[str, bool]]:
    """Owner with every right, then an employee who orders, then a viewer who mostly looks."""
    if k == 0:
        return MembershipRole.OWNER, {"can_see_finance": True}
    if k == 1:
        return MembershipRole.EMPLOYEE, {
            "can_see_finance": rng.random() < 0.4,
            "can_chat": rng.random() < 0.8,
        }
    return MembershipRole.VIEWER, {
        "can_place_orders": False,
        "can_see_prices": rng.random() < 0.5,
        "can_see_finance": False,
    }


async def load_people(rng: random.Random, catalog_spec: CatalogSpec) -> Cast:
    """Dealers, their people, managers and the supervisor; grants to private sections."""
    cast = Cast()
    await _create_dealers(rng, catalog_spec, cast)
    password_hash = hash_password(DEMO_PASSWORD)
    staff = [
        _person(email, name, password_hash, staff_role=StaffRole(role), phone=phone(rng))
        for email, name, role in STAFF
    ]
    dealer_people = _staff_of_dealers(rng, password_hash)
    await Person.bulk_create([*staff, *(p for _, _, p in dealer_people)], batch_size=200)
    ids = dict(await Person.filter(email__endswith="@demo.test").values_list("email", "id"))
    cast.people = len(staff) + len(dealer_people)
    cast.supervisor_id = ids[SUPERVISOR_EMAIL]
    for number, k, person in dealer_people:
        role, permissions = _membership(rng, k)
        await directory.add_membership(
            None, ids[person.email], cast.dealer_ids[number], role, **permissions
        )
        may_order = permissions.get("can_place_orders", True)
        cast.members.setdefault(number, []).append(Member(ids[person.email], may_order))
    managers = [ids[email] for email, _, role in STAFF if role == "manager"]
    for number in cast.dealer_ids:
        # A holding and its subsidiaries share one manager.
        cast.manager_of[number] = managers[(_root(number) - 1) % len(managers)]
        await directory.assign_manager(None, cast.manager_of[number], cast.dealer_ids[number])
    premier, fire = catalog_spec.private_sections
    for section, numbers in ((premier, PREMIER_DEALERS), (fire, FIRE_DOOR_DEALERS)):
        for number in numbers:
            await catalog_changes.grant_category(None, section, cast.dealer_ids[number])
    return cast
