"""CRM events: what an order's subscribers are told when its deal changed in the CRM.

The event goes to the order's own topic and to its dealer's board (`order:{id}`,
`dealer:{id}:orders`), in the transaction that applies the deal's change to the order; the
order's own events (status changed, items updated) accompany it. The notifications part
turns it into a "deal changed" notification.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

DealChange = Literal["stage", "items", "amount", "comment"]
"""What about a deal changed: its stage, its product rows, its amount, its comment."""


class DealChanged(msgspec.Struct, tag="crm.deal_changed", tag_field="type", kw_only=True):
    """A manager changed the order's deal in the CRM and the change reached the cabinet.

    `changes` lists what changed in the deal, applied to the order or not (a stage the
    order's lifecycle refuses is recorded but changes nothing: the order's own events say
    what did change). `stage_id` is the deal's stage as read from the CRM.
    """

    order_id: int
    number: str
    dealer_id: int
    deal_id: int
    stage_id: str
    changes: list[DealChange]
    at: datetime


CrmEvent = DealChanged
"""Every event the CRM sync emits (a union as more appear)."""
