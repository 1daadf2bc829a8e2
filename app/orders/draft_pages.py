"""HTML pages for composing drafts: a new order, editing a draft, adding from the catalog."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qsl

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import FormMultiDict
from litestar.params import QueryParameter

from app.accounts import directory
from app.accounts.actor import Actor
from app.catalog import service as catalog
from app.catalog.schemas import ProductPage, ProductQuery
from app.errors import Conflict, InvalidInput
from app.orders import queries, service
from app.orders.schemas import OrderCreate, OrderDetail, OrderUpdate
from app.page_texts import error_message
from app.params import PathId
from app.web import (
    PageActor,
    form_int,
    parse_input,
    redirect,
    render,
    safe_next,
    url,
)

SEARCH_SIZE = 20
Search = Annotated[str, QueryParameter(max_length=100)]


def lines_from_form(form: FormMultiDict) -> list[dict[str, Any]]:
    """Order lines typed into a form, in form order, blank or zero quantities left out.

    A line is `qty_<shipment unit id>` (with an optional `note_<id>`), or the catalog's
    single `unit` + `quantity` pair.
    """
    lines: dict[int, dict[str, Any]] = {}
    pairs = [(k, v) for k, v in form.multi_items() if k.startswith("qty_")]
    if form.get("unit"):
        pairs.append((f"qty_{form.get('unit')}", form.get("quantity", "1")))
    for key, value in pairs:
        unit_id, quantity = form_int(key.removeprefix("qty_")), form_int(value)
        if unit_id and quantity and quantity > 0:
            line = lines.setdefault(
                unit_id, {"shipment_unit_id": unit_id, "quantity": 0, "comment": ""}
            )
            line["quantity"] += quantity
            line["comment"] = str(form.get(f"note_{unit_id}", "")).strip()
    if not lines:
        raise InvalidInput("No lines", code="no_items", field="items")
    return list(lines.values())


async def _search(actor: Actor, q: str) -> ProductPage | None:
    if not q.strip():
        return None
    return await catalog.search_products(actor, ProductQuery(q=q, page_size=SEARCH_SIZE))


async def _new_form(
    request: Request[Any, Any, Any],
    actor: Actor,
    q: str,
    *,
    comment: str = "",
    error: str | None = None,
    status_code: int = 200,
) -> Response[Any]:
    several = actor.dealer_ids is not None and len(actor.dealer_ids) > 1
    return await render(
        request,
        "orders/form.html",
        status_code=status_code,
        order=None,
        results=await _search(actor, q),
        q=q,
        comment=comment,
        dealers=await directory.list_dealers(actor) if several else [],
        error=error,
    )


async def _edit_form(
    request: Request[Any, Any, Any],
    actor: Actor,
    order: OrderDetail,
    q: str,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response[Any]:
    if "edit" not in order.allowed_actions:
        raise Conflict("Only a draft can be changed", code="not_editable")
    return await render(
        request,
        "orders/form.html",
        status_code=status_code,
        order=order,
        results=await _search(actor, q),
        q=q,
        comment=order.comment,
        dealers=[],
        error=error,
    )


class DraftPages(Controller):
    """Composing and changing drafts (the actions on placed orders are in `pages`)."""

    path = "/orders"
    include_in_schema = False

    @get("/new")
    async def new_order(
        self, request: Request[Any, Any, Any], actor: PageActor, q: Search = ""
    ) -> Response[Any]:
        """Pick products by article or name, units and quantities."""
        return await _new_form(request, actor, q)

    @post("/new")
    async def create_order(
        self, request: Request[Any, Any, Any], actor: PageActor
    ) -> Response[Any]:
        """Save the picked lines as a new draft (from this form or from the catalog)."""
        form = await request.form()
        comment = str(form.get("comment", "")).strip()
        try:
            data = parse_input(
                OrderCreate,
                {
                    "items": lines_from_form(form),
                    "comment": comment,
                    "dealer_id": form_int(form.get("dealer_id", "")),
                },
            )
            draft = await service.create_draft(actor, data)
        except InvalidInput as exc:
            q = str(form.get("q", ""))[:100]
            return await _new_form(
                request, actor, q, comment=comment, error=error_message(exc), status_code=422
            )
        return redirect(url(f"/orders/{draft.id}", notice="created"))

    @get("/{order_id:int}/edit")
    async def edit_order(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        order_id: PathId,
        q: Search = "",
    ) -> Response[Any]:
        """A draft's lines and comment, with a product search to add more."""
        return await _edit_form(request, actor, await queries.get_order(actor, order_id), q)

    @post("/{order_id:int}/edit")
    async def save_order(
        self, request: Request[Any, Any, Any], actor: PageActor, order_id: PathId
    ) -> Response[Any]:
        """Replace the draft's lines and comment with the form's."""
        form = await request.form()
        try:
            data = parse_input(
                OrderUpdate,
                {"items": lines_from_form(form), "comment": str(form.get("comment", "")).strip()},
            )
            await service.update_draft(actor, order_id, data)
        except InvalidInput as exc:
            order = await queries.get_order(actor, order_id)
            q = str(form.get("q", ""))[:100]
            return await _edit_form(
                request, actor, order, q, error=error_message(exc), status_code=422
            )
        return redirect(url(f"/orders/{order_id}", notice="saved"))

    @post("/{order_id:int}/items")
    async def add_to_order(
        self, request: Request[Any, Any, Any], actor: PageActor, order_id: PathId
    ) -> Response[Any]:
        """Add a catalog line to a draft (the quantity adds up with the same unit's line)."""
        form = await request.form()
        order = await queries.get_order(actor, order_id)
        current = {f"qty_{i.shipment_unit_id}": str(i.quantity) for i in order.items} | {
            f"note_{i.shipment_unit_id}": i.comment for i in order.items
        }
        merged = FormMultiDict([*current.items(), *form.multi_items()])
        data = parse_input(OrderUpdate, {"items": lines_from_form(merged)})
        await service.update_draft(actor, order_id, data)
        back = safe_next(str(form.get("next", "")), f"/orders/{order_id}")
        return redirect(url(back.partition("?")[0], _query(back), notice="added"))


def _query(path: str) -> dict[str, Any]:
    """The query of a local path as a dict (a repeated parameter keeps its last value)."""
    return {k: v for k, v in parse_qsl(path.partition("?")[2]) if k != "notice"}


DRAFT_PAGES = [DraftPages]
