"""Notification storage: the feed, what each person wants, and each channel's delivery."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from app.accounts.models import Person


class NotificationKind(StrEnum):
    """What a notification is about; preferences are kept per kind."""

    ORDER_CONFIRMED = "order_confirmed"
    ORDER_STATUS = "order_status"
    """Any other status change a person follows (submitted, ready, completed, cancelled)."""
    UNIT_STAGE = "unit_stage"
    ORDER_SHIPPED = "order_shipped"
    CHAT_MESSAGE = "chat_message"
    INVOICE_ISSUED = "invoice_issued"
    DEAL_CHANGED = "deal_changed"


class Channel(StrEnum):
    """Where a notification is delivered."""

    CABINET = "cabinet"
    EMAIL = "email"
    TELEGRAM = "telegram"


class DeliveryState(StrEnum):
    """A delivery's life: pending → sending → sent, or failed / skipped / uncertain."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    """Given up after its attempts (the error is kept)."""
    SKIPPED = "skipped"
    """Nothing to send to (no address, no Telegram link, channel switched off meanwhile)."""
    UNCERTAIN = "uncertain"
    """A worker died while the message was on its way: never re-sent, to never send twice."""


class Notification(Model):
    """One thing one person is told about, once (`event_key` makes a retry a no-op)."""

    id = fields.BigIntField(primary_key=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="notifications", on_delete=fields.CASCADE
    )
    person_id: int
    kind = fields.CharEnumField(NotificationKind, max_length=32)
    event_key = fields.CharField(max_length=80)
    """Where it came from, e.g. `outbox:1234`; unique per person."""
    dealer_id = fields.IntField(null=True)
    order_id = fields.IntField(null=True)
    room_id = fields.IntField(null=True)
    chat_message_id = fields.BigIntField(null=True)
    params = fields.TextField(default="{}")
    """JSON with what the text needs (order number, statuses, stage, counts, author, excerpt)."""
    created_at = fields.DatetimeField()
    read_at = fields.DatetimeField(null=True)
    shown = fields.BooleanField(default=True)
    """False when the person switched the cabinet off for this kind: the row then only
    carries the email or Telegram deliveries and stays out of the centre and the bell."""

    class Meta:
        table = "notification"
        unique_together = (("person", "event_key"),)
        indexes = (("person", "shown", "read_at"), ("person", "shown", "id"))


class NotificationPreference(Model):
    """A person's channels for one kind; no row means the defaults of `preferences.py`."""

    id = fields.IntField(primary_key=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="notification_preferences", on_delete=fields.CASCADE
    )
    person_id: int
    kind = fields.CharEnumField(NotificationKind, max_length=32)
    cabinet = fields.BooleanField(default=True)
    email = fields.BooleanField(default=False)
    telegram = fields.BooleanField(default=False)

    class Meta:
        table = "notification_preference"
        unique_together = (("person", "kind"),)


class NotificationSettings(Model):
    """A person's quiet hours and the production stages they want to hear about."""

    person: fields.OneToOneRelation[Person] = fields.OneToOneField(
        "models.Person",
        related_name="notification_settings",
        on_delete=fields.CASCADE,
        primary_key=True,
    )
    person_id: int
    quiet_from_minute = fields.SmallIntField(null=True)
    """Start of quiet hours, minutes after midnight in the person's time zone (null: none)."""
    quiet_to_minute = fields.SmallIntField(null=True)
    """End of quiet hours (may be before the start: quiet over midnight)."""
    unit_stages = fields.CharField(max_length=200, default="painting,packed,shipped")
    """Comma-separated stages whose unit moves the person is told about."""

    class Meta:
        table = "notification_settings"


class Delivery(Model):
    """One notification on one outside channel (email, Telegram), with its attempts."""

    id = fields.BigIntField(primary_key=True)
    notification: fields.ForeignKeyRelation[Notification] = fields.ForeignKeyField(
        "models.Notification", related_name="deliveries", on_delete=fields.CASCADE
    )
    notification_id: int
    channel = fields.CharEnumField(Channel, max_length=16)
    state = fields.CharEnumField(DeliveryState, max_length=16, default=DeliveryState.PENDING)
    not_before = fields.DatetimeField()
    """Not sent before this time (quiet hours, backoff, a 429's retry_after)."""
    attempts = fields.SmallIntField(default=0)
    lease_until = fields.DatetimeField(null=True)
    """While `sending`: the worker holding it must finish by then."""
    handed_over_at = fields.DatetimeField(null=True)
    """When this attempt's sender began the step that cannot be taken back (the mail's
    DATA, the bot's sendMessage). A lease that runs out before it is retried safely;
    after it, the message may have gone out and the delivery becomes uncertain."""
    sent_at = fields.DatetimeField(null=True)
    external_id = fields.CharField(max_length=200, default="")
    """The channel's id of what was sent: the mail's Message-ID, the bot message's id."""
    last_error = fields.TextField(default="")

    class Meta:
        table = "notification_delivery"
        unique_together = (("notification", "channel"),)
        indexes = (("state", "not_before"), ("channel", "external_id"))


class TelegramLink(Model):
    """A person's Telegram chat, linked through a one-time deep link."""

    person: fields.OneToOneRelation[Person] = fields.OneToOneField(
        "models.Person", related_name="telegram_link", on_delete=fields.CASCADE, primary_key=True
    )
    person_id: int
    chat_id = fields.BigIntField(unique=True)
    username = fields.CharField(max_length=64, default="")
    linked_at = fields.DatetimeField()

    class Meta:
        table = "telegram_link"


class TelegramLinkToken(Model):
    """A one-time deep-link token for `start`; only its hash is kept."""

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name=False, on_delete=fields.CASCADE
    )
    person_id: int
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "telegram_link_token"


class TelegramUpdateSeen(Model):
    """Bot updates already handled: Telegram re-delivers an update it thinks was missed."""

    update_id = fields.BigIntField(primary_key=True)
    seen_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "telegram_update_seen"
