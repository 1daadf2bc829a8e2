"""Reading an order's invoices (one query, whatever their number).

Kept apart from `invoices.py` (the changes) so that the order detail in `queries.py` can
show them without importing the service that imports `queries.py`.
"""

from __future__ import annotations

from app.orders.models import Invoice
from app.orders.schemas import InvoiceRead


def invoice_read(invoice: Invoice, *, may_see_prices: bool) -> InvoiceRead:
    """An invoice as a caller sees it; `issued_by_person` must be fetched with it."""
    return InvoiceRead(
        id=invoice.id,
        order_id=invoice.order_id,
        number=invoice.number,
        amount_kopecks=invoice.amount_kopecks if may_see_prices else None,
        status=invoice.status,
        issued_at=invoice.issued_at,
        due_on=invoice.due_on,
        issued_by_person_id=invoice.issued_by_person_id,
        issued_by_person_name=(
            invoice.issued_by_person.full_name if invoice.issued_by_person else None
        ),
        issued_by_system=invoice.issued_by_system,
        paid_at=invoice.paid_at,
        cancelled_at=invoice.cancelled_at,
        cancel_reason=invoice.cancel_reason,
        created_at=invoice.created_at,
    )


async def order_invoices(order_id: int, *, may_see_prices: bool) -> list[InvoiceRead]:
    """Every invoice of the order, oldest first (call only after the tenancy check)."""
    rows = (
        await Invoice.filter(order_id=order_id)
        .select_related("issued_by_person")
        .order_by("issued_at", "id")
    )
    return [invoice_read(i, may_see_prices=may_see_prices) for i in rows]
