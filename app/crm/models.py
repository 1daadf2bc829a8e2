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
    """An order's deal in the CRM and the state of pushing the order to it.

    The `stage_id`, `rows_digest` and `comments_digest` are the deal as the cabinet last
    knew it (pushed by us or read and applied): a read that matches them is an echo of our
    own push or no news, and a push sends only what differs from them, so a change made in
    the CRM meanwhile is not overwritten by a push that did not touch that field.
    """

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
    """Failed pushes in a row (reset by a successful one)."""
    next_attempt_at = fields.DatetimeField(null=True)
    lease_until = fields.DatetimeField(null=True)
    """A push holds the link until then, so one order is pushed by one job at a time."""
    last_error = fields.TextField(default="")
    stage_id = fields.CharField(max_length=64, default="")
    """The deal's stage as the cabinet last knew it."""
    rows_digest = fields.CharField(max_length=64, default="")
    """Digest of the deal's product rows as the cabinet last knew them."""
    comments_digest = fields.CharField(max_length=64, default="")
    """Digest of the deal's comment as the cabinet last knew it."""
    remote_modified_at = fields.DatetimeField(null=True)
    """The deal's DATE_MODIFY last applied: an older read is out of order and ignored."""
    synced_at = fields.DatetimeField(null=True)

    order_id: int

    class Meta:
        table = "crm_deal_link"
        indexes = (("state", "next_attempt_at"),)


class InboundOutcome(StrEnum):
    """What became of one webhook call from the CRM."""

    RECEIVED = "received"
    """Genuine and new: waiting for a worker to read the deal and apply it."""
    APPLIED = "applied"
    UNCHANGED = "unchanged"
    """The deal read back as the cabinet knew it (an echo of our own push, or no news)."""
    OUT_OF_ORDER = "out_of_order"
    """The deal read back older than a change already applied."""
    REFUSED = "refused"
    """The change breaks an order rule: recorded, not forced; the deal is put back."""
    DUPLICATE = "duplicate"
    STALE = "stale"
    FORGED = "forged"
    UNKNOWN_DEAL = "unknown_deal"
    IGNORED = "ignored"
    """An event the cabinet does not act on."""
    ERROR = "error"


class CrmInbound(Model):
    """A webhook call from the CRM, kept for deduplication and for the supervisor's page."""

    id = fields.BigIntField(primary_key=True)
    delivery_key = fields.CharField(max_length=128, null=True, unique=True)
    """event:deal:ts of a genuine call; forged:<minute> for the forged calls of a minute;
    null for another rejected call or a repeat."""
    repeat_of = fields.BigIntField(null=True)
    """The call with the same key, already applied, that this one repeats: the CRM's ts
    has one-second resolution, so a repeat may be a second change made in the same second
    and the deal is read again (a repeat that finds nothing new is a duplicate)."""
    event = fields.CharField(max_length=64, default="")
    deal_id = fields.BigIntField(null=True)
    order_id = fields.IntField(null=True)
    """The order the deal is linked to (never taken from the payload)."""
    outcome = fields.CharEnumField(InboundOutcome, max_length=16)
    detail = fields.TextField(default="")
    changes = fields.CharField(max_length=64, default="")
    """What the applied read changed, comma-separated (stage, items, amount, comment)."""
    calls = fields.IntField(default=1)
    """Calls this row stands for: one, or every forged call of its minute (so that a
    stranger cannot fill the table; `detail` then names the last caller's address)."""
    attempts = fields.SmallIntField(default=0)
    """Failed attempts to read the deal and apply it."""
    next_attempt_at = fields.DatetimeField(null=True)
    received_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "crm_inbound"
        indexes = (("received_at",), ("outcome", "next_attempt_at"))
