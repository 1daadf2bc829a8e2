"""Reading orders: the board (filtered, sorted, keyset-paginated) and one order in full.

Each read issues a fixed number of queries whatever the page size: rows first, then one
aggregate per kind of detail for all rows at once.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from datetime import datetime
from typing import Annotated, Any

import msgspec
from tortoise.expressions import Q
from tortoise.functions import Count

from app.accounts.actor import Actor, Permission
from app.errors import Forbidden, InvalidInput, NotFound
from app.orders.events import board_topic, order_topic
from app.orders.invoice_queries import order_invoices
from app.orders.models import (
    Order,
    OrderItem,
    OrderStatusChange,
    ProductionUnit,
    UnitStage,
    UnitStageMove,
)
from app.orders.rules import allowed_actions_for
from app.orders.schemas import (
    ItemRead,
    OrderDetail,
    OrderPage,
    OrderQuery,
    OrderSummary,
    StageCount,
    StatusChangeRead,
    UnitMoveRead,
    UnitRead,
)
from app.params import BIG_ID_MAX, ID_MAX
from realtime.outbox import TopicSequence

_SORT_FIELDS = {"created_at": "created_at", "total": "total_kopecks", "number": "id"}


def scoped_orders(actor: Actor) -> Any:
    """Orders the actor may see at all (the tenancy boundary for every order read)."""
    if actor.dealer_ids is None:
        return Order.all()
    return Order.filter(dealer_id__in=list(actor.dealer_ids))


async def load_visible_order(actor: Actor, order_id: int, *, for_update: bool = False) -> Order:
    """The order if the actor may see it; otherwise the same 404 as a missing one."""
    query = scoped_orders(actor).filter(id=order_id)
    if for_update:
        query = query.select_for_update()
    order = await query.first()
    if order is None:
        raise NotFound("Order not found")
    return order


async def topic_positions(topics: list[str]) -> dict[str, int]:
    """Current event-stream position of each topic (0 when nothing was ever written).

    Read before the rows, so a client that subscribes from these positions misses
    nothing that happened after the read.
    """
    rows = await TopicSequence.filter(topic__in=topics).values_list("topic", "last_seq")
    known = dict(rows)
    return {topic: int(known.get(topic, 0)) for topic in topics}


CursorId = Annotated[int, msgspec.Meta(ge=1, le=ID_MAX)]
CursorAmount = Annotated[int, msgspec.Meta(ge=0, le=BIG_ID_MAX)]
AwareTime = Annotated[datetime, msgspec.Meta(tz=True)]


def _encode_cursor(value: Any, order_id: int) -> str:
    raw = msgspec.json.encode([value, order_id])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, is_time: bool) -> tuple[Any, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = base64.urlsafe_b64decode(padded)
        if is_time:
            return msgspec.json.decode(raw, type=tuple[AwareTime, CursorId])
        return msgspec.json.decode(raw, type=tuple[CursorAmount, CursorId])
    except (ValueError, msgspec.DecodeError) as exc:
        raise InvalidInput("Invalid cursor", field="cursor") from exc


def _keyset(query: Any, sort: str, cursor: str | None) -> tuple[Any, str, bool]:
    descending = sort.startswith("-")
    field = _SORT_FIELDS[sort.lstrip("-")]
    query = query.order_by(f"-{field}" if descending else field, "-id" if descending else "id")
    if cursor:
        value, last_id = _decode_cursor(cursor, field == "created_at")
        op = "lt" if descending else "gt"
        query = query.filter(
            Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"id__{op}": last_id})
        )
    return query, field, descending


async def _stage_counts(order_ids: list[int]) -> dict[int, list[StageCount]]:
    rows = (
        await ProductionUnit.filter(order_id__in=order_ids)
        .annotate(n=Count("id"))
        .group_by("order_id", "stage")
        .values_list("order_id", "stage", "n")
    )
    counts: dict[int, dict[UnitStage, int]] = defaultdict(dict)
    for order_id, stage, n in rows:
        counts[order_id][UnitStage(stage)] = n
    return {
        order_id: [StageCount(stage=s, count=by_stage[s]) for s in UnitStage if s in by_stage]
        for order_id, by_stage in counts.items()
    }


async def list_orders(actor: Actor, q: OrderQuery) -> OrderPage:
    """The order board: the actor's orders, filtered, sorted, one keyset page."""
    may_see_prices = actor.has(Permission.SEE_PRICES)
    if not may_see_prices and (
        q.amount_min is not None or q.amount_max is not None or q.sort.endswith("total")
    ):
        raise Forbidden("Amounts are hidden from you", code="missing_permission")
    query = scoped_orders(actor)
    if q.dealer_id is not None:
        actor.require_dealer(q.dealer_id, field="dealer_id")
        query = query.filter(dealer_id=q.dealer_id)
    filters = {
        "status__in": q.status or None,
        "created_at__gte": q.created_from,
        "created_at__lt": q.created_to,
        "created_by_id": q.created_by,
        "total_kopecks__gte": q.amount_min,
        "total_kopecks__lte": q.amount_max,
        "number__icontains": q.number.strip() if q.number else None,
    }
    query = query.filter(**{k: v for k, v in filters.items() if v is not None})
    query, field, _ = _keyset(query, q.sort, q.cursor)
    dealer_ids = [q.dealer_id] if q.dealer_id else sorted(actor.dealer_ids or [])
    position = (
        await topic_positions([board_topic(d) for d in dealer_ids])
        if actor.dealer_ids is not None or q.dealer_id
        else {}
    )
    rows = await query.select_related("dealer", "created_by").limit(q.limit + 1)
    page = rows[: q.limit]
    ids = [o.id for o in page]
    item_counts = (
        dict(
            await OrderItem.filter(order_id__in=ids)
            .annotate(n=Count("id"))
            .group_by("order_id")
            .values_list("order_id", "n")
        )
        if ids
        else {}
    )
    stages = await _stage_counts(ids) if ids else {}
    items = [
        OrderSummary(
            id=o.id,
            number=o.number,
            dealer_id=o.dealer_id,
            dealer_name=o.dealer.legal_name,
            status=o.status,
            created_by_id=o.created_by_id,
            created_by_name=o.created_by.full_name,
            total_kopecks=o.total_kopecks if may_see_prices else None,
            item_count=item_counts.get(o.id, 0),
            unit_count=sum(s.count for s in stages.get(o.id, [])),
            stages=stages.get(o.id, []),
            created_at=o.created_at,
            updated_at=o.updated_at,
            submitted_at=o.submitted_at,
            version=o.version,
        )
        for o in page
    ]
    next_cursor = None
    if len(rows) > q.limit:
        last = page[-1]
        value = getattr(last, field)
        next_cursor = _encode_cursor(
            value.isoformat() if isinstance(value, datetime) else value, last.id
        )
    return OrderPage(items=items, next_cursor=next_cursor, position=position)


async def get_order(actor: Actor, order_id: int) -> OrderDetail:
    """One order in full: lines, units with their histories, status history."""
    position = await topic_positions([order_topic(order_id)])
    order = (
        await scoped_orders(actor)
        .filter(id=order_id)
        .select_related("dealer", "created_by")
        .first()
    )
    if order is None:
        raise NotFound("Order not found")
    may_see_prices = actor.has(Permission.SEE_PRICES)
    items = (
        await OrderItem.filter(order_id=order.id)
        .select_related("product", "shipment_unit")
        .order_by("position")
    )
    units = await ProductionUnit.filter(order_id=order.id).order_by("serial")
    moves = await UnitStageMove.filter(order_id=order.id).select_related("by_person").order_by("id")
    changes = (
        await OrderStatusChange.filter(order_id=order.id).select_related("by_person").order_by("id")
    )
    invoices = await order_invoices(order.id, may_see_prices=may_see_prices)
    history: dict[int, list[UnitMoveRead]] = defaultdict(list)
    for m in moves:
        history[m.unit_id].append(
            UnitMoveRead(
                from_stage=m.from_stage,
                to_stage=m.to_stage,
                at=m.at,
                by_person_id=m.by_person_id,
                by_person_name=m.by_person.full_name if m.by_person else None,
                by_system=m.by_system,
            )
        )
    stage_totals: dict[UnitStage, int] = defaultdict(int)
    for u in units:
        stage_totals[u.stage] += 1
    return OrderDetail(
        id=order.id,
        number=order.number,
        dealer_id=order.dealer_id,
        dealer_name=order.dealer.legal_name,
        status=order.status,
        comment=order.comment,
        cancel_reason=order.cancel_reason,
        created_by_id=order.created_by_id,
        created_by_name=order.created_by.full_name,
        total_kopecks=order.total_kopecks if may_see_prices else None,
        created_at=order.created_at,
        updated_at=order.updated_at,
        submitted_at=order.submitted_at,
        version=order.version,
        items=[
            ItemRead(
                id=i.id,
                position=i.position,
                product_id=i.product_id,
                sku=i.product.sku,
                product_name=i.product.name,
                shipment_unit_id=i.shipment_unit_id,
                unit_code=i.shipment_unit.code,
                multiplicity=i.shipment_unit.multiplicity,
                quantity=i.quantity,
                unit_price_kopecks=i.unit_price_kopecks if may_see_prices else None,
                line_total_kopecks=i.unit_price_kopecks * i.quantity if may_see_prices else None,
                comment=i.comment,
            )
            for i in items
        ],
        units=[
            UnitRead(
                id=u.id,
                serial=u.serial,
                item_id=u.item_id,
                stage=u.stage,
                stage_changed_at=u.stage_changed_at,
                history=history.get(u.id, []),
            )
            for u in units
        ],
        stages=[StageCount(stage=s, count=stage_totals[s]) for s in UnitStage if s in stage_totals],
        status_history=[
            StatusChangeRead(
                from_status=c.from_status,
                to_status=c.to_status,
                at=c.at,
                by_person_id=c.by_person_id,
                by_person_name=c.by_person.full_name if c.by_person else None,
                by_system=c.by_system,
                reason=c.reason,
            )
            for c in changes
        ],
        invoices=invoices,
        allowed_actions=allowed_actions_for(actor, order),
        position=position,
    )
