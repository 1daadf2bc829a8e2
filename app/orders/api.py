"""JSON API for orders: the board, one order, drafts, the lifecycle, unit moves, invoices."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from litestar import Controller, delete, get, patch, post
from litestar.di import Provide
from litestar.params import FromQuery, JSONBody, QueryParameter

from app.accounts.auth import CurrentActor, provide_actor
from app.orders import invoices, production, queries, service
from app.orders.models import OrderStatus
from app.orders.schemas import (
    CancelRequest,
    InvoiceCreate,
    InvoiceList,
    InvoiceRead,
    OrderCreate,
    OrderDetail,
    OrderPage,
    OrderQuery,
    OrderSort,
    OrderUpdate,
    UnitMoveRequest,
)
from app.params import PathId, QueryId, QueryKopecks, as_utc


class OrderController(Controller):
    """Orders of the dealers the caller may see."""

    path = "/api/v1/orders"
    tags = ["orders"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/")
    async def list_orders(
        self,
        actor: CurrentActor,
        status: FromQuery[list[OrderStatus] | None] = None,
        created_from: FromQuery[datetime | None] = None,
        created_to: FromQuery[datetime | None] = None,
        created_by: QueryId = None,
        dealer_id: QueryId = None,
        amount_min: QueryKopecks = None,
        amount_max: QueryKopecks = None,
        number: Annotated[str | None, QueryParameter(max_length=20)] = None,
        sort: FromQuery[OrderSort] = "-created_at",
        cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 25,
    ) -> OrderPage:
        """The order board: filters, sorting and keyset pagination (`cursor`)."""
        query = OrderQuery(
            status=status,
            created_from=as_utc(created_from),
            created_to=as_utc(created_to),
            created_by=created_by,
            dealer_id=dealer_id,
            amount_min=amount_min,
            amount_max=amount_max,
            number=number,
            sort=sort,
            cursor=cursor,
            limit=limit,
        )
        return await queries.list_orders(actor, query)

    @post("/", status_code=201)
    async def create_draft(self, actor: CurrentActor, data: JSONBody[OrderCreate]) -> OrderDetail:
        """Start a draft order."""
        return await service.create_draft(actor, data)

    @get("/{order_id:int}")
    async def get_order(self, actor: CurrentActor, order_id: PathId) -> OrderDetail:
        """One order with items, units, their histories and the actions allowed now."""
        return await queries.get_order(actor, order_id)

    @patch("/{order_id:int}")
    async def update_draft(
        self, actor: CurrentActor, order_id: PathId, data: JSONBody[OrderUpdate]
    ) -> OrderDetail:
        """Change a draft's comment or lines."""
        return await service.update_draft(actor, order_id, data)

    @delete("/{order_id:int}", status_code=204)
    async def delete_draft(self, actor: CurrentActor, order_id: PathId) -> None:
        """Delete a draft."""
        await service.delete_draft(actor, order_id)

    @post("/{order_id:int}/submit", status_code=200)
    async def submit(self, actor: CurrentActor, order_id: PathId) -> OrderDetail:
        """Send the draft to the factory (prices are fixed now)."""
        return await service.submit_order(actor, order_id)

    @post("/{order_id:int}/confirm", status_code=200)
    async def confirm(self, actor: CurrentActor, order_id: PathId) -> OrderDetail:
        """Factory staff accept the order; its pieces become production units."""
        return await production.confirm_order(actor, order_id)

    @post("/{order_id:int}/cancel", status_code=200)
    async def cancel(
        self, actor: CurrentActor, order_id: PathId, data: JSONBody[CancelRequest]
    ) -> OrderDetail:
        """Cancel with a reason (where the lifecycle allows it)."""
        return await service.cancel_order(actor, order_id, data.reason)

    @post("/{order_id:int}/copy", status_code=201)
    async def copy(self, actor: CurrentActor, order_id: PathId) -> OrderDetail:
        """A new draft with the same lines at today's prices."""
        return await service.copy_order(actor, order_id)

    @post("/{order_id:int}/units/move", status_code=200)
    async def move_units(
        self, actor: CurrentActor, order_id: PathId, data: JSONBody[UnitMoveRequest]
    ) -> OrderDetail:
        """Move units (or all movable units) to a production stage."""
        detail = await production.move_units(actor, order_id, data.stage, data.unit_ids)
        assert detail is not None  # a person always gets the order back
        return detail


class InvoiceController(Controller):
    """An order's invoices: everyone who may see the order reads them, the factory writes."""

    path = "/api/v1/orders/{order_id:int}/invoices"
    tags = ["orders"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/")
    async def list_invoices(self, actor: CurrentActor, order_id: PathId) -> InvoiceList:
        """The order's invoices, oldest first (amounts need `see_prices`)."""
        return await invoices.list_invoices(actor, order_id)

    @post("/", status_code=201)
    async def issue(
        self, actor: CurrentActor, order_id: PathId, data: JSONBody[InvoiceCreate]
    ) -> InvoiceRead:
        """Factory staff (or the ERP with a staff token) issue an invoice for the order."""
        return await invoices.issue_invoice(actor, order_id, data)

    @post("/{invoice_id:int}/paid", status_code=200)
    async def mark_paid(
        self, actor: CurrentActor, order_id: PathId, invoice_id: PathId
    ) -> InvoiceRead:
        """The factory received the money for an issued invoice."""
        return await invoices.mark_invoice_paid(actor, order_id, invoice_id)

    @post("/{invoice_id:int}/cancel", status_code=200)
    async def cancel(
        self,
        actor: CurrentActor,
        order_id: PathId,
        invoice_id: PathId,
        data: JSONBody[CancelRequest],
    ) -> InvoiceRead:
        """Withdraw an issued invoice, with a reason the dealer reads."""
        return await invoices.cancel_invoice(actor, order_id, invoice_id, data.reason)


ORDERS_API = [OrderController, InvoiceController]
