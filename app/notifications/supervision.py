"""The supervisor's view of notification deliveries: what went out, what did not, and why.

Failed and uncertain deliveries are the ones a person may have missed (an address the
mail server refused, a bot the person blocked, a worker that died while a message was on
its way); the supervisor sees them here, newest first, with the reason kept on each.
Fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise.functions import Count

from app.accounts.actor import Actor
from app.notifications.models import Channel, Delivery, DeliveryState
from app.notifications.schemas import DeliveryOverview, DeliveryProblem, DeliveryStateCount

WINDOW = timedelta(days=7)
PROBLEMS_SHOWN = 50
NEED_ATTENTION = (DeliveryState.FAILED, DeliveryState.UNCERTAIN)


async def delivery_overview(actor: Actor, now: datetime | None = None) -> DeliveryOverview:
    """Deliveries of the last 7 days by channel and state, and the latest that need a look."""
    actor.require_supervisor()
    since = (now or datetime.now(UTC)) - WINDOW
    rows = (
        await Delivery.filter(notification__created_at__gte=since)
        .annotate(n=Count("id"))
        .group_by("channel", "state")
        .values("channel", "state", "n")
    )
    counts = [
        DeliveryStateCount(
            channel=Channel(r["channel"]), state=DeliveryState(r["state"]), count=r["n"]
        )
        for r in rows
    ]
    problems = (
        await Delivery.filter(notification__created_at__gte=since, state__in=NEED_ATTENTION)
        .order_by("-id")
        .limit(PROBLEMS_SHOWN)
        .values(
            "id",
            "channel",
            "state",
            "attempts",
            "last_error",
            "notification__kind",
            "notification__created_at",
            "notification__order_id",
            "notification__person__full_name",
            "notification__person__email",
        )
    )
    return DeliveryOverview(
        since=since,
        counts=sorted(counts, key=lambda c: (c.channel.value, c.state.value)),
        problems=[
            DeliveryProblem(
                delivery_id=p["id"],
                channel=Channel(p["channel"]),
                state=DeliveryState(p["state"]),
                attempts=p["attempts"],
                last_error=p["last_error"],
                kind=p["notification__kind"],
                created_at=p["notification__created_at"],
                order_id=p["notification__order_id"],
                person_name=p["notification__person__full_name"],
                person_email=p["notification__person__email"],
            )
            for p in problems
        ],
    )
