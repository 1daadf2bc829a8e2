"""Builders of real rows through the services, shared by the tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.accounts import directory
from app.accounts.actor import Actor
from app.accounts.models import Dealer, MembershipRole, Person, StaffRole
from app.accounts.service import build_actor
from app.catalog import changes as catalog_changes
from app.catalog.models import PriceList, ShipmentUnit, Warehouse
from app.orders.schemas import ItemInput, OrderCreate, OrderDetail
from app.orders.service import create_draft

PASSWORD = "correct horse battery"


async def make_person(
    email: str, *, staff_role: StaffRole | None = None, name: str | None = None
) -> Person:
    """A person who can log in with PASSWORD."""
    return await directory.create_person(
        None,
        email=email,
        full_name=name or email.split("@")[0].title(),
        password=PASSWORD,
        staff_role=staff_role,
    )


async def actor_for(person: Person, dealer_id: int | None = None) -> Actor:
    """The actor a request by this person (acting for `dealer_id`) would get."""
    return await build_actor(person, dealer_id)


@dataclass
class World:
    """Two independent dealers, a holding with two subsidiaries, staff and a small catalog."""

    warehouse: Warehouse
    base_list: PriceList
    dealer_a: Dealer
    dealer_b: Dealer
    holding: Dealer
    sub_1: Dealer
    sub_2: Dealer
    people: dict[str, Person] = field(default_factory=dict)
    units: dict[str, ShipmentUnit] = field(default_factory=dict)
    """Shipment units by `<sku>:<code>`."""

    async def actor(self, who: str, dealer: Dealer | None = None) -> Actor:
        """Actor for a named person of the world."""
        return await actor_for(self.people[who], dealer.id if dealer else None)

    def unit(self, key: str) -> int:
        """Shipment unit id by `<sku>:<code>`."""
        return self.units[key].id


async def make_world() -> World:
    """Build the standard cast used by domain and tenancy tests."""
    warehouse = await Warehouse.create(code="MSK", name="Moscow", region="Moscow")
    base_list = await PriceList.create(name="Base", is_base=True)

    async def dealer(name: str, inn: str, parent: Dealer | None = None) -> Dealer:
        return await directory.create_dealer(
            None,
            legal_name=name,
            inn=inn,
            kpp="770101001",
            warehouse_id=warehouse.id,
            parent_id=parent.id if parent else None,
        )

    dealer_a = await dealer("OOO Alpha Doors", "7701000001")
    dealer_b = await dealer("OOO Beta Doors", "7701000002")
    holding = await dealer("Holding Gamma", "7701000003")
    sub_1 = await dealer("Gamma North", "7701000004", holding)
    sub_2 = await dealer("Gamma South", "7701000005", holding)
    world = World(warehouse, base_list, dealer_a, dealer_b, holding, sub_1, sub_2)

    async def member(
        key: str, d: Dealer, role: MembershipRole = MembershipRole.OWNER, **perms: bool
    ):
        person = await make_person(f"{key}@test.example")
        await directory.add_membership(None, person.id, d.id, role, **perms)
        world.people[key] = person

    await member("alice", dealer_a)
    await member(
        "viewer", dealer_a, MembershipRole.VIEWER, can_place_orders=False, can_see_prices=False
    )
    await member("bob", dealer_b)
    await member("holly", holding)
    await member("sam", sub_1)
    for key, role in (
        ("manager", StaffRole.MANAGER),
        ("idle_manager", StaffRole.MANAGER),
        ("supervisor", StaffRole.SUPERVISOR),
    ):
        world.people[key] = await make_person(f"{key}@factory.example", staff_role=role)
    for d in (dealer_a, holding, sub_1, sub_2):
        await directory.assign_manager(None, world.people["manager"].id, d.id)

    category = await catalog_changes.create_category(None, "Doors")
    for sku, name, price, units in (
        ("D-100", "Door Classic 80", 12_345_00, [("piece", 1)]),
        ("D-200", "Door Modern 90", 20_000_00, [("piece", 1), ("pallet", 10)]),
        ("H-1", "Handle Chrome", 150_50, [("piece", 1), ("box", 100)]),
    ):
        product = await catalog_changes.create_product(None, sku, name, category.id, units=units)
        await catalog_changes.set_price(None, base_list.id, product.id, price)
        await catalog_changes.set_stock(None, product.id, warehouse.id, 500)
    for unit in await ShipmentUnit.all().select_related("product"):
        world.units[f"{unit.product.sku}:{unit.code}"] = unit
    return world


async def place_draft(
    world: World,
    who: str,
    lines: list[tuple[str, int]],
    dealer: Dealer | None = None,
    comment: str = "",
) -> OrderDetail:
    """A draft by a named person with (`<sku>:<code>`, quantity) lines."""
    actor = await world.actor(who)
    return await create_draft(
        actor,
        OrderCreate(
            items=[ItemInput(shipment_unit_id=world.unit(k), quantity=q) for k, q in lines],
            comment=comment,
            dealer_id=dealer.id if dealer else None,
        ),
    )
