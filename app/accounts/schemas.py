"""API contracts for people, dealers, tokens and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from app.params import Id

Email = Annotated[str, msgspec.Meta(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class TokenCreate(msgspec.Struct, forbid_unknown_fields=True):
    """Exchange email and password for a personal API token (mobile apps)."""

    email: Email
    password: Password
    device_name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]


class TokenIssued(msgspec.Struct):
    """The token itself is shown once, here; only its hash is stored."""

    id: int
    token: str
    name: str
    created_at: datetime


class TokenRead(msgspec.Struct):
    """A token as listed (never the secret)."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class MembershipRead(msgspec.Struct):
    """A dealer the person may act for, with the rights there."""

    dealer_id: int
    legal_name: str
    role: str
    permissions: list[str]
    parent_id: int | None


class MeRead(msgspec.Struct):
    """The caller: who they are and whom they act for."""

    id: int
    email: str
    full_name: str
    language: str
    time_zone: str
    staff_role: str | None
    active_dealer_id: int | None
    dealer_ids: list[int] | None
    permissions: list[str]
    memberships: list[MembershipRead]


class ActiveDealerUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Switch the dealer the caller acts for."""

    dealer_id: Id


class ProfileUpdate(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Change one's own interface language or time zone."""

    language: Annotated[str, msgspec.Meta(pattern=r"^(ru|en)$")] | None = None
    time_zone: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None


class DealerRead(msgspec.Struct):
    """A dealer's legal details."""

    id: int
    legal_name: str
    inn: str
    kpp: str
    legal_address: str
    delivery_address: str
    parent_id: int | None
    warehouse_id: int | None


class AuditEntryRead(msgspec.Struct):
    """One audit log line."""

    id: int
    at: datetime
    person_id: int | None
    person_email: str | None
    dealer_id: int | None
    action: str
    object_type: str
    object_id: str
    before: Any
    after: Any
    ip: str


class AuditPage(msgspec.Struct):
    """A page of the audit log, newest first; pass `next_cursor` as `cursor` for more."""

    items: list[AuditEntryRead]
    next_cursor: int | None
