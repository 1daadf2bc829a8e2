"""HTML pages of orders: the dashboard, the order board, one order and its actions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery, QueryParameter

from app.accounts import directory
from app.accounts.actor import Actor, Permission
from app.chat.pages import order_chat
from app.errors import Conflict, Forbidden, InvalidInput
from app.orders import production, queries, service
from app.orders.events import board_topic, order_topic
from app.orders.models import OrderStatus, UnitStage
from app.orders.schemas import CancelRequest, OrderDetail, OrderQuery, OrderSort, UnitMoveRequest
from app.orders.state import DEALER_STAGE_MOVES
from app.page_texts import error_message
from app.params import PathId, QueryId
from app.web import PageActor, form_int, parse_input, redirect, render, url

OPEN_STATUSES = [
    OrderStatus.SUBMITTED,
    OrderStatus.CONFIRMED,
    OrderStatus.IN_PRODUCTION,
    OrderStatus.READY,
    OrderStatus.SHIPPED,
]
DASHBOARD_SAMPLE = 100
"""The dashboard summarises this many latest orders."""


@dataclass(frozen=True)
class BoardFilters:
    """The order board's query, and the values as typed to refill the form and build links."""

    query: OrderQuery
    form: dict[str, Any]


def _start_of_day(day: date | None, zone: ZoneInfo) -> datetime | None:
    return datetime.combine(day, time.min, tzinfo=zone) if day else None


def _kopecks(roubles: float | None) -> int | None:
    return round(roubles * 100) if roubles is not None else None


async def provide_board_filters(
    actor: PageActor,
    status: FromQuery[list[OrderStatus] | None] = None,
    date_from: FromQuery[date | None] = None,
    date_to: FromQuery[date | None] = None,
    created_by: QueryId = None,
    dealer_id: QueryId = None,
    amount_from: Annotated[float | None, QueryParameter(ge=0, le=1e11)] = None,
    amount_to: Annotated[float | None, QueryParameter(ge=0, le=1e11)] = None,
    number: Annotated[str | None, QueryParameter(max_length=20)] = None,
    sort: FromQuery[OrderSort] = "-created_at",
    cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
) -> BoardFilters:
    """The board's filters from the query string; dates are days in the actor's time zone."""
    zone = ZoneInfo(actor.time_zone)
    query = OrderQuery(
        status=status,
        created_from=_start_of_day(date_from, zone),
        created_to=_start_of_day(date_to + timedelta(days=1) if date_to else None, zone),
        created_by=created_by,
        dealer_id=dealer_id,
        amount_min=_kopecks(amount_from),
        amount_max=_kopecks(amount_to),
        number=number,
        sort=sort,
        cursor=cursor,
    )
    form = {
        "status": [s.value for s in status or []],
        "date_from": date_from,
        "date_to": date_to,
        "created_by": created_by,
        "dealer_id": dealer_id,
        "amount_from": amount_from,
        "amount_to": amount_to,
        "number": number,
        "sort": sort if sort != "-created_at" else None,
    }
    return BoardFilters(query=query, form=form)


def live_topics(
    position: Mapping[str, int], shown_dealer_ids: Iterable[int] = ()
) -> dict[str, int | None]:
    """The topics a live page follows, each from the position its rows were read at.

    A board read without positions (a supervisor's, over every dealer) still follows the
    boards of the dealers it shows, from the moment it subscribes (None): the page then
    fetches itself once, so nothing between render and subscription is lost.
    """
    topics: dict[str, int | None] = dict(position)
    for dealer_id in shown_dealer_ids:
        topics.setdefault(board_topic(dealer_id), None)
    return topics


async def _board(
    request: Request[Any, Any, Any], actor: Actor, filters: BoardFilters, *, staff_view: bool
) -> Response[Any]:
    page = await queries.list_orders(actor, filters.query)
    several = actor.dealer_ids is None or len(actor.dealer_ids) > 1
    dealers = await directory.list_dealers(actor) if several else []
    path = request.url.path
    return await render(
        request,
        "orders/list.html",
        page=page,
        filters=filters.form,
        dealers=dealers,
        employees=dict(sorted({(o.created_by_id, o.created_by_name) for o in page.items})),
        next_url=url(path, filters.form, cursor=page.next_cursor) if page.next_cursor else None,
        first_url=url(path, filters.form) if filters.query.cursor else None,
        staff_view=staff_view,
        show_amounts=actor.has(Permission.SEE_PRICES),
        live_topics=live_topics(page.position, (o.dealer_id for o in page.items)),
    )


async def render_order(
    request: Request[Any, Any, Any],
    actor: Actor,
    order: OrderDetail,
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response[Any]:
    """The order page, optionally with the message of a failed action."""
    dealer_targets = {target for _source, target in DEALER_STAGE_MOVES}
    targets = [s for s in UnitStage if actor.is_staff or s in dealer_targets]
    return await render(
        request,
        "orders/detail.html",
        status_code=status_code,
        order=order,
        actions=set(order.allowed_actions),
        move_targets=targets,
        items_by_id={item.id: item for item in order.items},
        error=error,
        chat=await order_chat(actor, order.id),
        live_topics={order_topic(order.id): order.position.get(order_topic(order.id))},
        live_source=f"/orders/{order.id}",
    )


def cancel_reason(form: Any) -> str:
    """The reason typed into a cancel form (an order's, an invoice's); required."""
    reason = str(form.get("reason", "")).strip()
    if not reason:
        raise InvalidInput("No reason given", code="no_reason", field="reason")
    return parse_input(CancelRequest, {"reason": reason}).reason


async def act_on_order(
    request: Request[Any, Any, Any],
    actor: Actor,
    order_id: int,
    action: Callable[[], Awaitable[Any]],
    notice: str,
) -> Response[Any]:
    """Run a form's action; back to the order with a notice, or the page with the refusal."""
    try:
        await action()
    except (Conflict, InvalidInput) as exc:
        order = await queries.get_order(actor, order_id)
        message = error_message(exc)
        return await render_order(request, actor, order, error=message, status_code=exc.status)
    return redirect(url(f"/orders/{order_id}", notice=notice))


class OrderPages(Controller):
    """The dashboard, the board, the manager console and one order with its actions."""

    include_in_schema = False
    dependencies = {"filters": Provide(provide_board_filters)}

    @get("/")
    async def dashboard(self, request: Request[Any, Any, Any], actor: PageActor) -> Response[Any]:
        """What needs attention: orders by status, or open orders by dealer for staff."""
        sample = OrderQuery(
            status=OPEN_STATUSES if actor.is_staff else None, limit=DASHBOARD_SAMPLE
        )
        recent = await queries.list_orders(actor, sample)
        open_by_dealer = Counter(o.dealer_id for o in recent.items)
        dealers = await directory.list_dealers(actor) if actor.is_staff else []
        return await render(
            request,
            "dashboard.html",
            recent=recent.items[:10],
            by_status=Counter(o.status for o in recent.items),
            sample_size=DASHBOARD_SAMPLE,
            sample_full=recent.next_cursor is not None,
            dealers=dealers,
            open_by_dealer=open_by_dealer,
            live_topics=live_topics(recent.position, open_by_dealer),
            live_source="/",
        )

    @get("/orders")
    async def board(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        filters: NamedDependency[BoardFilters],
    ) -> Response[Any]:
        """The order board with filters, sorting and a "next page" link."""
        return await _board(request, actor, filters, staff_view=actor.is_staff)

    @get("/manager/orders")
    async def manager_board(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        filters: NamedDependency[BoardFilters],
    ) -> Response[Any]:
        """The manager console: every order of the dealers in the manager's care."""
        if not actor.is_staff:
            raise Forbidden("Staff only", code="staff_only")
        return await _board(request, actor, filters, staff_view=True)

    @get("/orders/{order_id:int}")
    async def order(
        self, request: Request[Any, Any, Any], actor: PageActor, order_id: PathId
    ) -> Response[Any]:
        """One order: lines, totals, status history and every production unit."""
        return await render_order(request, actor, await queries.get_order(actor, order_id))

    @post("/orders/{order_id:int}/submit")
    async def submit(
        self, request: Request[Any, Any, Any], actor: PageActor, order_id: PathId
    ) -> Response[Any]:
        """Send the draft to the factory."""
        return await act_on_order(
            request, actor, order_id, lambda: service.submit_order(actor, order_id), "submitted"
        )

    @post("/orders/{order_id:int}/confirm")
    async def confirm(
        self, request: Request[Any, Any, Any], actor: PageActor, order_id: PathId
    ) -> Response[Any]:
        """The factory accepts the order."""
        return await act_on_order(
            request, actor, order_id, lambda: production.confirm_order(actor, order_id), "confirmed"
        )

    @post("/orders/{order_id:int}/cancel")
    async def cancel(
        self, request: Request[Any, Any, Any], actor: PageActor, order_id: PathId
    ) -> Response[Any]:
        """Cancel with a reason."""
        form = await request.form()

        async def cancel() -> None:
            await service.cancel_order(actor, order_id, cancel_reason(form))

        return await act_on_order(request, actor, order_id, cancel, "cancelled")

    @post("/orders/{order_id:int}/units")
    async def move_units(
        self, request: Request[Any, Any, Any], actor: PageActor, order_id: PathId
    ) -> Response[Any]:
        """Move the ticked units to a stage."""
        form = await request.form()
        unit_ids = [i for i in (form_int(v) for v in form.getall("unit_ids", [])) if i]

        async def move() -> None:
            if not unit_ids:
                raise InvalidInput("No units chosen", code="no_units", field="unit_ids")
            data = parse_input(
                UnitMoveRequest, {"stage": form.get("stage", ""), "unit_ids": unit_ids}
            )
            await production.move_units(actor, order_id, data.stage, data.unit_ids)

        return await act_on_order(request, actor, order_id, move, "moved")

    @post("/orders/{order_id:int}/copy")
    async def copy(self, actor: PageActor, order_id: PathId) -> Response[Any]:
        """A new draft with the same lines at today's prices."""
        draft = await service.copy_order(actor, order_id)
        return redirect(url(f"/orders/{draft.id}", notice="copied"))

    @post("/orders/{order_id:int}/delete")
    async def delete(self, actor: PageActor, order_id: PathId) -> Response[Any]:
        """Throw a draft away."""
        await service.delete_draft(actor, order_id)
        return redirect(url("/orders", notice="deleted"))


ORDER_PAGES = [OrderPages]
