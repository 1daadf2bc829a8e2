"""Backdating the demo's order histories (demo only: nothing else may rewrite the past).

The services stamp every row with the moment they run, so a freshly loaded demo would
have six months of orders all placed within the same minute. Here each order's rows are
moved to the moments its story chose, with direct UPDATEs: order dates, the status and
stage histories, the units' current-stage times, the invoices' times (an invoice is
issued with its story's date already) and the audit entries of orders and invoices. Outbox
events keep their real time: they are the event stream's own record of when they were
written, and their payloads are not rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from app.accounts.models import AuditEntry
from app.orders.models import InvoiceStatus, OrderStatus, UnitStage
from realtime.relay import transaction

# A stage that every unit reaches in one move brings the order to this status.
_STATUS_BY_STAGE = {
    UnitStage.CUTTING: OrderStatus.IN_PRODUCTION,
    UnitStage.PACKED: OrderStatus.READY,
    UnitStage.SHIPPED: OrderStatus.SHIPPED,
    UnitStage.AT_DEALER: OrderStatus.COMPLETED,
}


@dataclass
class OrderTimeline:
    """When each step of one order's story happened (each status and stage is reached once)."""

    order_id: int
    created: datetime
    submitted: datetime | None = None
    statuses: dict[OrderStatus, datetime] = field(default_factory=dict)
    stages: dict[UnitStage, datetime] = field(default_factory=dict)
    invoices: list[tuple[int, InvoiceStatus, datetime]] = field(default_factory=list)
    """(invoice id, the status it reached, when)."""

    def status(self, status: OrderStatus, at: datetime, *, submitted: bool = False) -> None:
        """The order reached a status at `at`."""
        self.statuses[status] = at
        if submitted:
            self.submitted = at

    def stage(self, stage: UnitStage, at: datetime) -> None:
        """Units reached a stage at `at` (and the order the status that follows from it)."""
        self.stages[stage] = at
        if stage in _STATUS_BY_STAGE and _STATUS_BY_STAGE[stage] not in self.statuses:
            self.statuses[_STATUS_BY_STAGE[stage]] = at

    def invoice(self, invoice_id: int, status: InvoiceStatus, at: datetime) -> None:
        """An invoice of the order was issued, paid or cancelled at `at`."""
        self.invoices.append((invoice_id, status, at))

    @property
    def last(self) -> datetime:
        """The latest moment of the story: the order's `updated_at`."""
        moments = [at for _, _, at in self.invoices]
        return max([self.created, *self.statuses.values(), *self.stages.values(), *moments])


def _sql(conn: BaseDBAsyncClient, text: str) -> str:
    """`?` placeholders as the connection's driver wants them ($1, $2 ... for asyncpg)."""
    if conn.capabilities.dialect != "postgres":
        return text
    parts = text.split("?")
    return "".join(f"{part}${i}" for i, part in enumerate(parts[:-1], start=1)) + parts[-1]


async def backdate(timelines: list[OrderTimeline]) -> None:
    """Move every row written for these orders to the moment its story says it happened."""
    orders, statuses, stages, audits, audits_of_invoices = [], [], [], [], []
    for t in timelines:
        orders.append([t.created, t.last, t.submitted, t.order_id])
        audits.append([t.created, str(t.order_id), "order.create"])
        for status, at in t.statuses.items():
            statuses.append([at, t.order_id, status.value])
            audits.append([at, str(t.order_id), f"order.{status.value}"])
        stages += [[at, t.order_id, stage.value] for stage, at in t.stages.items()]
    invoice_times: dict[InvoiceStatus, list[list[object]]] = {s: [] for s in InvoiceStatus}
    for t in timelines:
        for invoice_id, invoice_status, at in t.invoices:
            invoice_times[invoice_status].append([at, invoice_id])
            audits_of_invoices.append([at, str(invoice_id), f"invoice.{invoice_status.value}"])
    by_order = {str(t.order_id): t for t in timelines}
    moves = []
    for entry_id, object_id, after in await AuditEntry.filter(
        object_type="order", action="order.units_move", object_id__in=list(by_order)
    ).values_list("id", "object_id", "after"):
        moves.append([by_order[object_id].stages[UnitStage(after["stage"])], entry_id])
    async with transaction() as conn:
        for text, rows in (
            ('UPDATE "order" SET created_at=?, updated_at=?, submitted_at=? WHERE id=?', orders),
            ("UPDATE order_status_change SET at=? WHERE order_id=? AND to_status=?", statuses),
            ("UPDATE unit_stage_move SET at=? WHERE order_id=? AND to_stage=?", stages),
            ("UPDATE production_unit SET stage_changed_at=? WHERE order_id=? AND stage=?", stages),
            (
                "UPDATE audit_entry SET at=? "
                "WHERE object_type='order' AND object_id=? AND action=?",
                audits,
            ),
            ("UPDATE audit_entry SET at=? WHERE id=?", moves),
            ("UPDATE invoice SET created_at=? WHERE id=?", invoice_times[InvoiceStatus.ISSUED]),
            ("UPDATE invoice SET paid_at=? WHERE id=?", invoice_times[InvoiceStatus.PAID]),
            (
                "UPDATE invoice SET cancelled_at=? WHERE id=?",
                invoice_times[InvoiceStatus.CANCELLED],
            ),
            (
                "UPDATE audit_entry SET at=? "
                "WHERE object_type='invoice' AND object_id=? AND action=?",
                audits_of_invoices,
            ),
        ):
            if rows:
                await conn.execute_many(_sql(conn, text), rows)
