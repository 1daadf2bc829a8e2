"""Storage for people, dealers and who may act for whom."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:  # annotations only
    from app.catalog.models import PriceList, Warehouse


class StaffRole(StrEnum):
    """Manufacturer-side roles; dealer people have none."""

    MANAGER = "manager"
    SUPERVISOR = "supervisor"


class MembershipRole(StrEnum):
    """A person's role within one dealer."""

    OWNER = "owner"
    ADMIN = "admin"
    EMPLOYEE = "employee"
    VIEWER = "viewer"


class Person(Model):
    """Someone who logs in: a dealer employee, a manager or a supervisor."""

    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True)
    full_name = fields.CharField(max_length=200)
    phone = fields.CharField(max_length=32, default="")
    password_hash = fields.CharField(max_length=255)
    time_zone = fields.CharField(max_length=64, default="Europe/Moscow")
    language = fields.CharField(max_length=8, default="ru")
    staff_role = fields.CharEnumField(StaffRole, max_length=16, null=True)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "person"


class Dealer(Model):
    """A legal entity that buys from the factory; `parent` makes it part of a holding."""

    id = fields.IntField(primary_key=True)
    legal_name = fields.CharField(max_length=300)
    inn = fields.CharField(max_length=12, unique=True)
    kpp = fields.CharField(max_length=9, default="")
    legal_address = fields.CharField(max_length=500, default="")
    delivery_address = fields.CharField(max_length=500, default="")
    parent: fields.ForeignKeyNullableRelation[Dealer] = fields.ForeignKeyField(
        "models.Dealer", related_name="subsidiaries", null=True, on_delete=fields.RESTRICT
    )
    warehouse: fields.ForeignKeyNullableRelation[Warehouse] = fields.ForeignKeyField(
        "models.Warehouse", related_name="dealers", null=True, on_delete=fields.SET_NULL
    )
    price_list: fields.ForeignKeyNullableRelation[PriceList] = fields.ForeignKeyField(
        "models.PriceList", related_name="dealers", null=True, on_delete=fields.SET_NULL
    )
    discount_bp = fields.IntField(default=0)
    """Discount off the applicable list price, in basis points (100 = 1 %)."""
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    parent_id: int | None
    warehouse_id: int | None
    price_list_id: int | None

    class Meta:
        table = "dealer"


class DealerMembership(Model):
    """A person acting for a dealer, with a role and explicit permissions."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="memberships", on_delete=fields.CASCADE
    )
    dealer: fields.ForeignKeyRelation[Dealer] = fields.ForeignKeyField(
        "models.Dealer", related_name="memberships", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(MembershipRole, max_length=16, default=MembershipRole.EMPLOYEE)
    can_place_orders = fields.BooleanField(default=True)
    can_see_prices = fields.BooleanField(default=True)
    can_see_finance = fields.BooleanField(default=False)
    can_chat = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    person_id: int
    dealer_id: int

    class Meta:
        table = "dealer_membership"
        unique_together = (("person", "dealer"),)


class ManagerAssignment(Model):
    """A manager looks after a dealer."""

    id = fields.IntField(primary_key=True)
    manager: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="assignments", on_delete=fields.CASCADE
    )
    dealer: fields.ForeignKeyRelation[Dealer] = fields.ForeignKeyField(
        "models.Dealer", related_name="manager_assignments", on_delete=fields.CASCADE
    )

    manager_id: int
    dealer_id: int

    class Meta:
        table = "manager_assignment"
        unique_together = (("manager", "dealer"),)


class LoginSession(Model):
    """A browser login; the cookie holds a random key, the table its SHA-256."""

    id = fields.IntField(primary_key=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="sessions", on_delete=fields.CASCADE
    )
    active_dealer: fields.ForeignKeyNullableRelation[Dealer] = fields.ForeignKeyField(
        "models.Dealer", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    csrf_token = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField(db_index=True)
    ip = fields.CharField(max_length=64, default="")
    user_agent = fields.CharField(max_length=300, default="")

    person_id: int
    active_dealer_id: int | None

    class Meta:
        table = "login_session"


class ApiToken(Model):
    """A personal bearer token for a mobile app; only its SHA-256 is stored."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="api_tokens", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    token_hash = fields.CharField(max_length=64, unique=True)
    prefix = fields.CharField(max_length=12)
    active_dealer: fields.ForeignKeyNullableRelation[Dealer] = fields.ForeignKeyField(
        "models.Dealer", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    person_id: int
    active_dealer_id: int | None

    class Meta:
        table = "api_token"


class LoginFailure(Model):
    """One failed login, counted per email and per address to throttle guessing."""

    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, db_index=True)
    ip = fields.CharField(max_length=64, db_index=True)
    at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "login_failure"


class AuditEntry(Model):
    """Who did what, acting for which dealer, with the state before and after."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(db_index=True)
    person: fields.ForeignKeyNullableRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    dealer: fields.ForeignKeyNullableRelation[Dealer] = fields.ForeignKeyField(
        "models.Dealer", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    action = fields.CharField(max_length=64, db_index=True)
    object_type = fields.CharField(max_length=32)
    object_id = fields.CharField(max_length=64, default="")
    before: Any = fields.JSONField(null=True)
    after: Any = fields.JSONField(null=True)
    ip = fields.CharField(max_length=64, default="")
    user_agent = fields.CharField(max_length=300, default="")

    person_id: int | None
    dealer_id: int | None

    class Meta:
        table = "audit_entry"
