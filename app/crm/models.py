"""CRM sync storage: which deal an order is, what was pushed, and what came in."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from app.orders.models import Order


class SyncState(StrEnum):
    """Where an order's deal stands with the CRM."""

    PENDING = "pending"
    """The cabinet has changes the CRM has not taken yet (retried with backoff)."""
    SYNCED = "synced"
    FAILED = "failed"
    """The CRM refused the change itself (not an outage); a supervisor must look."""


class DealLink(Model):
    """An order's deal in the CRM and the state of pushing the order to it."""

    order: fields.OneToOneRelation[Order] = fields.OneToOneField(
        "models.Order", related_name="deal_link", on_delete=fields.CASCADE, primary_key=True
    )
    deal_id = fields.BigIntField(null=True, unique=True)
    state = fields.CharEnumField(SyncState, max_length=16, default=SyncState.PENDING)
    wanted_version = fields.IntField(default=0)
    """The order version the CRM should reflect."""
    pushed_version = fields.IntField(default=0)
    """The order version the CRM last took."""
    attempts = fields.SmallIntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(default="")
    stage_id = fields.CharField(max_length=64, default="")
    """The deal's stage as last read from the CRM."""
    remote_modified_at = fields.DatetimeField(null=True)
    """The deal's DATE_MODIFY last applied: an older read is out of order and ignored."""
    synced_at = fields.DatetimeField(null=True)

    class Meta:
        table = "crm_deal_link"
        indexes = (("state", "next_attempt_at"),)


class InboundOutcome(StrEnum):
    """What became of one webhook call from the CRM."""

    APPLIED = "applied"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    STALE = "stale"
    FORGED = "forged"
    UNKNOWN_DEAL = "unknown_deal"
    ERROR = "error"


class CrmInbound(Model):
    """A webhook call from the CRM, kept for deduplication and for the supervisor's page."""

    id = fields.BigIntField(primary_key=True)
    delivery_key = fields.CharField(max_length=128, null=True, unique=True)
    """event:deal:ts of a genuine call; null for a rejected one."""
    event = fields.CharField(max_length=64, default="")
    deal_id = fields.BigIntField(null=True)
    outcome = fields.CharEnumField(InboundOutcome, max_length=16)
    detail = fields.TextField(default="")
    received_at = fields.DatetimeField()

    class Meta:
        table = "crm_inbound"
        indexes = (("received_at",),)
