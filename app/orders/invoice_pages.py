"""The order page's invoice forms: factory staff issue, mark paid and cancel invoices.

The invoices themselves are shown by the order page (`orders/_invoices.html`); these
handlers only take the forms, call `app.orders.invoices` and go back to the order.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from litestar import Controller, Request, Response, post

from app.errors import InvalidInput
from app.orders import invoices
from app.orders.pages import act_on_order, cancel_reason
from app.orders.schemas import InvoiceCreate
from app.params import PathId
from app.web import PageActor, parse_input

CENT = Decimal("0.01")


def kopecks_from_form(value: Any) -> int:
    """An amount typed in roubles (`12 345,67` or `12345.67`) as whole kopecks."""
    text = "".join(str(value or "").split()).replace(",", ".")
    try:
        amount = Decimal(text[:32])
        exact = amount.is_finite() and amount > 0 and amount == amount.quantize(CENT)
    except InvalidOperation:  # not a number, or one too long to round to kopecks
        exact = False
    if not exact or len(text) > 32:
        raise InvalidInput("Type the amount in roubles", code="invalid_amount", field="amount")
    return int(amount * 100)


class InvoicePages(Controller):
    """Form posts from the invoices block of the order page."""

    include_in_schema = False

    @post("/orders/{order_id:int}/invoices")
    async def issue(
        self, request: Request[Any, Any, Any], actor: PageActor, order_id: PathId
    ) -> Response[Any]:
        """Issue an invoice typed by a factory person."""
        form = await request.form()

        async def issue() -> None:
            data = parse_input(
                InvoiceCreate,
                {
                    "number": str(form.get("number", "")).strip(),
                    "amount_kopecks": kopecks_from_form(form.get("amount")),
                    "due_on": str(form.get("due_on", "")).strip() or None,
                },
            )
            await invoices.issue_invoice(actor, order_id, data)

        return await act_on_order(request, actor, order_id, issue, "invoice_issued")

    @post("/orders/{order_id:int}/invoices/{invoice_id:int}/paid")
    async def mark_paid(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        order_id: PathId,
        invoice_id: PathId,
    ) -> Response[Any]:
        """Mark an issued invoice as paid."""

        async def mark() -> None:
            await invoices.mark_invoice_paid(actor, order_id, invoice_id)

        return await act_on_order(request, actor, order_id, mark, "invoice_paid")

    @post("/orders/{order_id:int}/invoices/{invoice_id:int}/cancel")
    async def cancel(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        order_id: PathId,
        invoice_id: PathId,
    ) -> Response[Any]:
        """Cancel an issued invoice with a reason."""
        form = await request.form()

        async def cancel() -> None:
            await invoices.cancel_invoice(actor, order_id, invoice_id, cancel_reason(form))

        return await act_on_order(request, actor, order_id, cancel, "invoice_cancelled")


INVOICE_PAGES = [InvoicePages]
