"""The supervisor's CRM sync page: state counts, deals that need attention, recent calls."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.params import QueryParameter

from app.crm import supervision
from app.params import PathId
from app.web import PageActor, redirect, render, url


class CrmPages(Controller):
    """/manager/crm (supervisors only: everyone else gets the app's 403 page)."""

    include_in_schema = False

    @get("/manager/crm")
    async def sync_page(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        retried: Annotated[str | None, QueryParameter(max_length=20)] = None,
    ) -> Response[Any]:
        """The sync at a glance, with a "retry now" button on each waiting deal."""
        overview = await supervision.sync_overview(actor)
        return await render(request, "crm/sync.html", overview=overview, retried=retried)

    @post("/manager/crm/deals/{order_id:int}/retry")
    async def retry(self, actor: PageActor, order_id: PathId) -> Response[Any]:
        """Push this order's deal at the next opportunity."""
        deal = await supervision.retry_deal_now(actor, order_id)
        return redirect(url("/manager/crm", retried=deal.order_number))


CRM_PAGES: list[Any] = [CrmPages]
