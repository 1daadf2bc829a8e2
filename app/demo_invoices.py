"""The ERP's invoices in the demo: half the order in advance on confirmation, the rest
once it is packed; paid before production and before shipping, cancelled with the order.

Invoices are issued with their story's date (`issued_at`, as the ERP would send it);
`app.demo_history` moves the other stamps (payment, cancellation, audit) back in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from app.demo_history import OrderTimeline
from app.orders import invoices
from app.orders.models import Invoice, InvoiceStatus
from app.orders.schemas import InvoiceCreate

PAY_WITHIN = timedelta(days=7)
"""An invoice's due date after its issue."""
ERP = "erp"
CANCELLED_WITH_ORDER = "Заказ отменён"


@dataclass
class InvoiceSeries:
    """The ERP numbers every invoice in one series."""

    issued: int = 0

    def next_number(self) -> str:
        """The next invoice number (`СЧ-00001`, ...)."""
        self.issued += 1
        return f"СЧ-{self.issued:05d}"


async def bill(
    kind: str,
    order_id: int,
    total: int,
    at: datetime,
    series: InvoiceSeries,
    timeline: OrderTimeline,
) -> None:
    """`invoice`: issue the order's next invoice; `pay` / `void`: pay or cancel the open ones."""
    if kind == "invoice":
        rows = await Invoice.filter(order_id=order_id).values_list("amount_kopecks", flat=True)
        billed = cast("list[int]", rows)
        amount = total - sum(billed) if billed else total // 2
        if amount <= 0:
            return
        data = InvoiceCreate(
            number=series.next_number(),
            amount_kopecks=amount,
            issued_at=at,
            due_on=(at + PAY_WITHIN).date(),
        )
        invoice = await invoices.issue_invoice(None, order_id, data, by_system=ERP)
        timeline.invoice(invoice.id, InvoiceStatus.ISSUED, at)
        return
    rows = await Invoice.filter(order_id=order_id, status=InvoiceStatus.ISSUED).values_list(
        "id", flat=True
    )
    for invoice_id in cast("list[int]", rows):
        if kind == "pay":
            await invoices.mark_invoice_paid(None, order_id, invoice_id, by_system=ERP)
            timeline.invoice(invoice_id, InvoiceStatus.PAID, at)
        else:
            await invoices.cancel_invoice(
                None, order_id, invoice_id, CANCELLED_WITH_ORDER, by_system=ERP
            )
            timeline.invoice(invoice_id, InvoiceStatus.CANCELLED, at)
