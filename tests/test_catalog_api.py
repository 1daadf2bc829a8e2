"""The catalog over HTTP: what a mobile app sees and how bad input is answered."""

from __future__ import annotations

from typing import Any

import pytest
from test_catalog import PASSWORD, Shop, open_shop

from realtime.outbox import OutboxEvent


@pytest.fixture
async def shop(db: object) -> Shop:
    return await open_shop()


async def _bearer(client: Any, email: str) -> dict[str, str]:
    response = await client.post(
        "/api/v1/auth/tokens",
        json={"email": email, "password": PASSWORD, "device_name": "test phone"},
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


async def test_dealer_app_browses_sections_products_and_warehouses(
    shop: Shop, app_client: Any
) -> None:
    headers = await _bearer(app_client, "alice@alpha.example")
    categories = await app_client.get("/api/v1/catalog/categories", headers=headers)
    assert [c["name"] for c in categories.json()] == ["Bricks", "Facing bricks"]

    page = await app_client.get(
        "/api/v1/catalog/products", params={"q": "brick", "page_size": 1}, headers=headers
    )
    assert page.status_code == 200, page.text
    body = page.json()
    assert (body["total"], body["page"], body["page_size"]) == (2, 1, 1)
    [red] = body["items"]
    assert (red["sku"], red["price_per_piece_kopecks"], red["stock_at_my_warehouse"]) == (
        "BR-100",
        14_85,
        1200,
    )
    assert [(u["code"], u["price_kopecks"]) for u in red["units"]] == [
        ("piece", 14_85),
        ("pallet", 14_85 * 400),
    ]

    one = await app_client.get(f"/api/v1/catalog/products/{red['id']}", headers=headers)
    assert one.json() == red
    hidden = await app_client.get(
        f"/api/v1/catalog/products/{shop.products['PR-1'].id}", headers=headers
    )
    assert hidden.status_code == 404 and hidden.json()["code"] == "not_found"
    warehouses = await app_client.get("/api/v1/catalog/warehouses", headers=headers)
    assert [w["code"] for w in warehouses.json()] == ["MSK", "SPB"]


async def test_catalog_needs_a_login(shop: Shop, app_client: Any) -> None:
    response = await app_client.get("/api/v1/catalog/products")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_required"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": 101}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page": 0}, "page"),
        ({"q": "x" * 101}, "q"),
        ({"category_id": "abc"}, "category_id"),
    ],
)
async def test_bad_search_parameters_are_named(
    shop: Shop, app_client: Any, params: dict[str, Any], field: str
) -> None:
    headers = await _bearer(app_client, "alice@alpha.example")
    response = await app_client.get("/api/v1/catalog/products", params=params, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid"
    assert response.json()["field"] == field


async def test_manager_asking_for_a_foreign_dealer_gets_not_found(
    shop: Shop, app_client: Any
) -> None:
    headers = await _bearer(app_client, "manager@factory.example")
    ok = await app_client.get(
        "/api/v1/catalog/products", params={"dealer_id": shop.alpha.id}, headers=headers
    )
    assert ok.status_code == 200
    foreign = await app_client.get(
        "/api/v1/catalog/categories", params={"dealer_id": shop.beta.id}, headers=headers
    )
    assert foreign.status_code == 404
    assert foreign.json() == {
        "status": 404,
        "code": "not_found",
        "message": "Dealer not found",
        "field": "dealer_id",
    }


async def test_supervisor_sets_stock_and_prices(shop: Shop, app_client: Any) -> None:
    headers = await _bearer(app_client, "boss@factory.example")
    red = shop.products["BR-100"].id
    spb_topic = OutboxEvent.filter(topic=f"warehouse:{shop.spb.id}:stock")
    events_before = await spb_topic.count()
    stock = await app_client.put(
        "/api/v1/catalog/stock",
        json={"product_id": red, "warehouse_id": shop.spb.id, "quantity": 0},
        headers=headers,
    )
    assert stock.status_code == 200, stock.text
    assert stock.json() == {
        "product_id": red,
        "warehouse_id": shop.spb.id,
        "quantity": 0,
        "changed": True,
    }
    price = await app_client.put(
        "/api/v1/catalog/prices",
        json={"price_list_id": shop.base.id, "product_id": red, "amount_kopecks": 21_00},
        headers=headers,
    )
    assert price.json()["changed"] is True
    assert await spb_topic.count() == events_before + 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"product_id": 1, "warehouse_id": 1, "quantity": -1}, "quantity"),
        ({"product_id": 0, "warehouse_id": 1, "quantity": 1}, "product_id"),
        ({"product_id": 1, "warehouse_id": 1}, "quantity"),
        ({"product_id": 1, "warehouse_id": 1, "quantity": 1, "note": "x"}, "note"),
    ],
)
async def test_bad_stock_changes_are_named(
    shop: Shop, app_client: Any, body: dict[str, Any], field: str
) -> None:
    headers = await _bearer(app_client, "boss@factory.example")
    response = await app_client.put("/api/v1/catalog/stock", json=body, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field


async def test_dealer_may_not_set_stock(shop: Shop, app_client: Any) -> None:
    headers = await _bearer(app_client, "alice@alpha.example")
    response = await app_client.put(
        "/api/v1/catalog/stock",
        json={"product_id": shop.products["BR-100"].id, "warehouse_id": 1, "quantity": 5},
        headers=headers,
    )
    assert response.status_code == 403
    assert response.json()["code"] == "supervisor_only"
