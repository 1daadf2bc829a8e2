"""Invoices of orders: the factory issues them, marks them paid or cancels them.

Only the factory changes invoices: its staff by hand, the ERP through a staff API token
(both `actor`), or a job inside the cabinet (`actor=None`, named by `by_system`). Each
change is one transaction with the invoice row, the order's new version, an audit entry
and an event on the order's topics, so the dealer's board and order page see it live and
the notification pipeline tells the dealer's people of a new invoice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError

from app.accounts import audit
from app.accounts.actor import Actor, Permission
from app.errors import Conflict, Forbidden, InvalidInput, NotFound
from app.orders.events import InvoiceChanged, InvoiceIssued, order_topic
from app.orders.invoice_queries import invoice_read, order_invoices
from app.orders.models import Invoice, InvoiceStatus, Order
from app.orders.queries import load_visible_order, topic_positions
from app.orders.schemas import InvoiceCreate, InvoiceList, InvoiceRead
from app.orders.service import event_head, order_topics
from app.orders.state import INVOICEABLE
from app.params import as_utc
from realtime.outbox import append_event
from realtime.relay import transaction

CLOCK_SKEW = timedelta(minutes=5)
"""How far in the future an invoice's own time may be (the ERP's clock against ours)."""


def _now() -> datetime:
    return datetime.now(UTC)


def _require_factory(actor: Actor | None) -> None:
    if actor is not None and not actor.is_staff:
        raise Forbidden("Only the factory issues and settles invoices", code="staff_only")


def _may_see_amounts(actor: Actor | None) -> bool:
    return actor is None or actor.has(Permission.SEE_PRICES)


async def _load_order(actor: Actor | None, order_id: int) -> Order:
    """The order, locked for the change; a person must be able to see it (else 404)."""
    if actor is not None:
        return await load_visible_order(actor, order_id, for_update=True)
    order = await Order.filter(id=order_id).select_for_update().first()
    if order is None:
        raise NotFound("Order not found")
    return order


async def _bump(order: Order, now: datetime) -> None:
    """A new version of the order: its detail now shows the invoice as it is."""
    order.version += 1
    order.updated_at = now
    await Order.filter(id=order.id).update(version=order.version, updated_at=now)


async def _read(invoice_id: int, actor: Actor | None) -> InvoiceRead:
    invoice = await Invoice.filter(id=invoice_id).select_related("issued_by_person").get()
    return invoice_read(invoice, may_see_prices=_may_see_amounts(actor))


def _checked(data: InvoiceCreate, now: datetime) -> tuple[str, datetime]:
    """The number as stored and the invoice's time, or the input error."""
    number = data.number.strip()
    if not number:
        raise InvalidInput("The invoice number is empty", field="number")
    issued_at = as_utc(data.issued_at) or now
    if issued_at > now + CLOCK_SKEW:
        raise InvalidInput(
            "An invoice cannot be dated in the future", code="issued_in_future", field="issued_at"
        )
    if data.due_on is not None and data.due_on < issued_at.date():
        raise InvalidInput(
            "The due date is before the invoice's date", code="due_before_issue", field="due_on"
        )
    return number, issued_at


async def list_invoices(actor: Actor, order_id: int) -> InvoiceList:
    """An order's invoices for anyone who may see the order (amounts need `see_prices`)."""
    position = await topic_positions([order_topic(order_id)])
    order = await load_visible_order(actor, order_id)
    items = await order_invoices(order.id, may_see_prices=_may_see_amounts(actor))
    return InvoiceList(order_id=order.id, items=items, position=position)


async def issue_invoice(
    actor: Actor | None, order_id: int, data: InvoiceCreate, *, by_system: str = ""
) -> InvoiceRead:
    """Record a factory invoice for a confirmed (or later), not cancelled order."""
    _require_factory(actor)
    now = _now()
    number, issued_at = _checked(data, now)
    person_id = actor.person_id if actor else None
    async with transaction():
        order = await _load_order(actor, order_id)
        if order.status not in INVOICEABLE:
            raise Conflict(
                f"An invoice cannot be issued for an order that is {order.status}",
                code="not_invoiceable",
            )
        duplicate = Conflict(
            "The order already has an invoice with this number",
            code="duplicate_invoice",
            field="number",
        )
        if await Invoice.filter(order_id=order.id, number=number).exists():
            raise duplicate
        try:
            invoice = await Invoice.create(
                order_id=order.id,
                number=number,
                amount_kopecks=data.amount_kopecks,
                issued_at=issued_at,
                due_on=data.due_on,
                issued_by_person_id=person_id,
                issued_by_system=by_system,
                created_at=now,
            )
        except IntegrityError as exc:  # the same number, committed meanwhile
            raise duplicate from exc
        await _bump(order, now)
        await append_event(
            InvoiceIssued(
                **event_head(order),
                invoice_id=invoice.id,
                invoice_number=number,
                amount_kopecks=invoice.amount_kopecks,
                issued_at=issued_at,
                due_on=data.due_on,
                by_person_id=person_id,
                by_system=by_system,
            ),
            order_topics(order),
        )
        await audit.record(
            actor,
            "invoice.issued",
            "invoice",
            invoice.id,
            dealer_id=order.dealer_id,
            after={
                "order_id": order.id,
                "number": number,
                "amount_kopecks": invoice.amount_kopecks,
                "issued_at": issued_at,
                "due_on": data.due_on,
                "by_system": by_system,
            },
        )
    return await _read(invoice.id, actor)


async def _close(
    actor: Actor | None,
    order_id: int,
    invoice_id: int,
    target: InvoiceStatus,
    *,
    reason: str = "",
    by_system: str = "",
) -> InvoiceRead:
    """Take an issued invoice to `target` (paid or cancelled), whatever the order's status."""
    _require_factory(actor)
    async with transaction():
        order = await _load_order(actor, order_id)
        invoice = await Invoice.filter(id=invoice_id, order_id=order.id).first()
        if invoice is None:
            raise NotFound("Invoice not found")
        source = invoice.status
        if source is not InvoiceStatus.ISSUED:
            raise Conflict(f"The invoice is already {source}", code="invoice_closed")
        now = _now()
        changes: dict[str, object] = (
            {"paid_at": now}
            if target is InvoiceStatus.PAID
            else {"cancelled_at": now, "cancel_reason": reason}
        )
        updated = await Invoice.filter(id=invoice.id, status=source).update(
            status=target, **changes
        )
        if not updated:
            raise Conflict("The invoice was changed meanwhile; reload it", code="stale")
        await _bump(order, now)
        person_id = actor.person_id if actor else None
        await append_event(
            InvoiceChanged(
                **event_head(order),
                invoice_id=invoice.id,
                invoice_number=invoice.number,
                amount_kopecks=invoice.amount_kopecks,
                from_status=source,
                to_status=target,
                by_person_id=person_id,
                by_system=by_system,
                reason=reason,
            ),
            order_topics(order),
        )
        await audit.record(
            actor,
            f"invoice.{target.value}",
            "invoice",
            invoice.id,
            dealer_id=order.dealer_id,
            before={"status": source.value},
            after={
                "order_id": order.id,
                "status": target.value,
                "reason": reason,
                "by_system": by_system,
            },
        )
    return await _read(invoice.id, actor)


async def mark_invoice_paid(
    actor: Actor | None, order_id: int, invoice_id: int, *, by_system: str = ""
) -> InvoiceRead:
    """The factory received the money for an issued invoice."""
    return await _close(actor, order_id, invoice_id, InvoiceStatus.PAID, by_system=by_system)


async def cancel_invoice(
    actor: Actor | None, order_id: int, invoice_id: int, reason: str, *, by_system: str = ""
) -> InvoiceRead:
    """Withdraw an issued invoice (it will not be paid), with a reason the dealer reads."""
    return await _close(
        actor, order_id, invoice_id, InvoiceStatus.CANCELLED, reason=reason, by_system=by_system
    )
