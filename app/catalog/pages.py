"""HTML page of the catalog: search, sections, prices, stock and "add to order"."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get
from litestar.params import FromQuery, QueryParameter
from litestar.response import Template

from app.catalog import service
from app.catalog.schemas import ProductQuery
from app.params import QueryId
from app.web import PageActor, render

PAGE_SIZE = 20


class CatalogPages(Controller):
    """The catalog as the actor (or the dealer they act for) sees it."""

    path = "/catalog"
    include_in_schema = False

    @get("/")
    async def catalog(
        self,
        request: Request[Any, Any, Any],
        actor: PageActor,
        q: Annotated[str, QueryParameter(max_length=100)] = "",
        category_id: QueryId = None,
        in_stock: FromQuery[bool] = False,
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        draft: QueryId = None,
    ) -> Template:
        """Search by article or name within a section, one page at a time."""
        query = ProductQuery(
            q=q, category_id=category_id, in_stock=in_stock, page=page, page_size=PAGE_SIZE
        )
        results = await service.search_products(actor, query)
        categories = await service.list_categories(actor)
        pages = max(1, -(-results.total // results.page_size))
        return await render(
            request,
            "catalog.html",
            results=results,
            categories=categories,
            filters={"q": q, "category_id": category_id, "in_stock": in_stock or None},
            pages=pages,
            draft=draft,
        )


CATALOG_PAGES = [CatalogPages]
