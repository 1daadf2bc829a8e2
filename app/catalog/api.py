"""JSON API: the catalog as the caller sees it, and stock and prices for supervisors."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, put
from litestar.di import Provide
from litestar.params import FromQuery, JSONBody, QueryParameter

from app.accounts.auth import CurrentActor, provide_actor
from app.catalog import changes, service
from app.catalog.schemas import (
    MAX_PAGE_SIZE,
    CategoryRead,
    PriceRead,
    PriceUpdate,
    ProductPage,
    ProductQuery,
    ProductRead,
    StockLevelRead,
    StockUpdate,
    WarehouseRead,
)
from app.params import ID_MAX, PathId, QueryId

DealerId = Annotated[
    int | None,
    QueryParameter(
        ge=1, le=ID_MAX, description="See the catalog as this dealer does (staff, holdings)"
    ),
]


class CatalogController(Controller):
    """Sections, products with the caller's prices and stock, warehouses."""

    path = "/api/v1/catalog"
    tags = ["catalog"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/categories")
    async def list_categories(
        self, actor: CurrentActor, dealer_id: DealerId = None
    ) -> list[CategoryRead]:
        """The sections the caller may see, in display order (a tree by `parent_id`)."""
        return await service.list_categories(actor, dealer_id)

    @get("/products")
    async def search_products(
        self,
        actor: CurrentActor,
        q: Annotated[
            str, QueryParameter(max_length=100, description="SKU prefix or name part")
        ] = "",
        category_id: QueryId = None,
        in_stock: FromQuery[bool] = False,
        dealer_id: DealerId = None,
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        page_size: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE_SIZE)] = 20,
    ) -> ProductPage:
        """Search visible products by SKU or name, within a section, in pages."""
        query = ProductQuery(
            q=q,
            category_id=category_id,
            in_stock=in_stock,
            dealer_id=dealer_id,
            page=page,
            page_size=page_size,
        )
        return await service.search_products(actor, query)

    @get("/products/{product_id:int}")
    async def get_product(
        self, actor: CurrentActor, product_id: PathId, dealer_id: DealerId = None
    ) -> ProductRead:
        """One product with the caller's prices and stock."""
        return await service.get_product(actor, product_id, dealer_id)

    @get("/warehouses")
    async def list_warehouses(self, actor: CurrentActor) -> list[WarehouseRead]:
        """Every regional warehouse."""
        return await service.list_warehouses(actor)

    @put("/stock")
    async def set_stock(self, actor: CurrentActor, data: JSONBody[StockUpdate]) -> StockLevelRead:
        """Set a product's stock in a warehouse (supervisors)."""
        return await changes.set_stock(actor, data.product_id, data.warehouse_id, data.quantity)

    @put("/prices")
    async def set_price(self, actor: CurrentActor, data: JSONBody[PriceUpdate]) -> PriceRead:
        """Set a product's price per piece in a price list (supervisors)."""
        return await changes.set_price(
            actor, data.price_list_id, data.product_id, data.amount_kopecks
        )


CATALOG_API = [CatalogController]
