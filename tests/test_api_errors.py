"""Bad requests get one structured answer (status, code, message, field) and change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from app.config import Settings
from app.orders import production, service
from app.orders.models import UnitStage
from tests.factories import World, make_world, place_draft
from tests.test_tenancy import bearer, snapshot

ORDERS = "/api/v1/orders"
LINE = {"shipment_unit_id": "<unit>", "quantity": 1}

# fmt: off
BAD_REQUESTS: list[tuple[str, str, str, Any, int, str, str | None]] = [
    # id, method, path, body (bytes go as they are), status, code, field at fault
    ("malformed-json", "POST", ORDERS, b"{bad", 400, "bad_request", None),
    ("truncated-json", "POST", ORDERS, b'{"items": [', 400, "bad_request", None),
    ("body-is-a-list", "POST", ORDERS, [], 422, "invalid", "data"),
    ("body-is-null", "POST", ORDERS, b"null", 422, "invalid", "data"),
    ("quantity-text", "POST", ORDERS, {"items": [{**LINE, "quantity": "x"}]}, 422, "invalid",
     "items[0].quantity"),
    ("quantity-float", "POST", ORDERS, {"items": [{**LINE, "quantity": 1.5}]}, 422, "invalid",
     "items[0].quantity"),
    ("quantity-zero", "POST", ORDERS, {"items": [{**LINE, "quantity": 0}]}, 422, "invalid",
     "items[0].quantity"),
    ("quantity-too-big", "POST", ORDERS, {"items": [{**LINE, "quantity": 10_001}]}, 422,
     "invalid", "items[0].quantity"),
    ("no-lines", "POST", ORDERS, {"items": []}, 422, "invalid", "items"),
    ("missing-lines", "POST", ORDERS, {"comment": "hi"}, 422, "invalid", "items"),
    ("unknown-field", "POST", ORDERS, {"items": [LINE], "surprise": 1}, 422, "invalid",
     "surprise"),
    ("unknown-line-field", "POST", ORDERS, {"items": [{**LINE, "price": 1}]}, 422, "invalid",
     "items[0]"),
    ("dealer-id-zero", "POST", ORDERS, {"items": [LINE], "dealer_id": 0}, 422, "invalid",
     "dealer_id"),
    ("unknown-product", "POST", ORDERS, {"items": [{**LINE, "shipment_unit_id": 99_999}]}, 422,
     "unavailable", "items[0].shipment_unit_id"),
    ("comment-too-long", "PATCH", f"{ORDERS}/<draft>", {"comment": "x" * 2001}, 422, "invalid",
     "comment"),
    ("update-unknown-field", "PATCH", f"{ORDERS}/<draft>", {"status": "confirmed"}, 422,
     "invalid", "status"),
    ("limit-1000", "GET", f"{ORDERS}?limit=1000", None, 422, "invalid", "limit"),
    ("limit-0", "GET", f"{ORDERS}?limit=0", None, 422, "invalid", "limit"),
    ("limit-text", "GET", f"{ORDERS}?limit=many", None, 422, "invalid", "limit"),
    ("status-unknown", "GET", f"{ORDERS}?status=lost", None, 422, "invalid", "status"),
    ("sort-unknown", "GET", f"{ORDERS}?sort=colour", None, 422, "invalid", "sort"),
    ("cursor-garbage", "GET", f"{ORDERS}?cursor=!!!", None, 422, "invalid", "cursor"),
    ("amount-negative", "GET", f"{ORDERS}?amount_min=-1", None, 422, "invalid", "amount_min"),
    ("catalog-page-size-1000", "GET", "/api/v1/catalog/products?page_size=1000", None, 422,
     "invalid", "page_size"),
    ("audit-limit-1000", "GET", "/api/v1/audit?limit=1000", None, 422, "invalid", "limit"),
    ("cancel-without-reason", "POST", f"{ORDERS}/<submitted>/cancel", {}, 422, "invalid",
     "reason"),
    ("cancel-empty-reason", "POST", f"{ORDERS}/<submitted>/cancel", {"reason": ""}, 422,
     "invalid", "reason"),
    ("move-to-nowhere", "POST", f"{ORDERS}/<draft>/units/move", {"stage": "moon"}, 422,
     "invalid", "stage"),
    ("move-no-units", "POST", f"{ORDERS}/<draft>/units/move", {"stage": "sold", "unit_ids": []},
     422, "invalid", "unit_ids"),
    ("switch-to-text", "PUT", "/api/v1/me/active-dealer", {"dealer_id": "a"}, 422, "invalid",
     "dealer_id"),
    ("profile-language", "PATCH", "/api/v1/me", {"language": "xx"}, 422, "invalid", "language"),
    ("profile-time-zone", "PATCH", "/api/v1/me", {"time_zone": "Mars/Olympus"}, 422, "invalid",
     "time_zone"),
    ("token-without-email", "POST", "/api/v1/auth/tokens", {"password": "x", "device_name": "x"},
     422, "invalid", "email"),
    ("oversized-body", "POST", ORDERS, b"[" + b"1," * (1024 * 1024) + b"1]", 413,
     "payload_too_large", None),
    ("unknown-route", "GET", "/api/v1/nowhere", None, 404, "not_found", None),
    ("order-id-not-a-number", "GET", f"{ORDERS}/abc", None, 404, "not_found", None),
    ("wrong-method", "PUT", ORDERS, {"items": [LINE]}, 405, "method_not_allowed", None),
    ("wrong-method-on-order", "PUT", f"{ORDERS}/<draft>", {"comment": "x"}, 405,
     "method_not_allowed", None),
    ("submit-by-get", "GET", f"{ORDERS}/<draft>/submit", None, 405, "method_not_allowed", None),
    ("invalid-transition", "POST", f"{ORDERS}/<draft>/cancel", {"reason": "x"}, 409,
     "invalid_transition", None),
    ("not-in-production", "POST", f"{ORDERS}/<draft>/units/move", {"stage": "sold"}, 409,
     "not_in_production", None),
]

OUT_OF_RANGE: list[tuple[str, str, str, Any]] = [
    # id, method, path, body; sent by alice, then by the supervisor (whose reach is unbounded,
    # so that ids reach the database instead of failing a membership check first)
    ("order-id-past-int64", "GET", f"{ORDERS}/99999999999999999999", None),
    ("order-id-past-int32", "GET", f"{ORDERS}/2147483648", None),
    ("order-id-past-int32-submit", "POST", f"{ORDERS}/2147483648/submit", None),
    ("token-id-past-int32", "DELETE", "/api/v1/auth/tokens/2147483648", None),
    ("dealer-id-past-int64", "GET", "/api/v1/dealers/99999999999999999999", None),
    ("board-created-by-past-int32", "GET", f"{ORDERS}?created_by=2147483648", None),
    ("board-dealer-past-int64", "GET", f"{ORDERS}?dealer_id=99999999999999999999", None),
    ("board-amount-past-int64", "GET", f"{ORDERS}?amount_min=9223372036854775808", None),
    ("catalog-dealer-past-int64", "GET", "/api/v1/catalog/products?dealer_id=99999999999999999999",
     None),
    ("line-unit-past-int32", "POST", ORDERS,
     {"items": [{**LINE, "shipment_unit_id": 2**31}]}),
    ("move-unit-past-int64", "POST", f"{ORDERS}/<shipped>/units/move",
     {"stage": "sold", "unit_ids": [2**63]}),
    ("catalog-product-past-int32", "GET", "/api/v1/catalog/products/2147483648", None),
    ("catalog-category-past-int32", "GET", "/api/v1/catalog/products?category_id=2147483648",
     None),
    ("audit-person-past-int64", "GET", "/api/v1/audit?person_id=99999999999999999999", None),
    ("audit-cursor-past-int64", "GET", "/api/v1/audit?cursor=99999999999999999999", None),
    ("switch-dealer-past-int64", "PUT", "/api/v1/me/active-dealer", {"dealer_id": 2**70}),
    ("stock-product-past-int32", "PUT", "/api/v1/catalog/stock",
     {"product_id": 2**31, "warehouse_id": 1, "quantity": 1}),
    ("price-list-past-int32", "PUT", "/api/v1/catalog/prices",
     {"price_list_id": 2**31, "product_id": 1, "amount_kopecks": 1}),
    ("naive-audit-since", "GET", "/api/v1/audit?since=2026-01-01T00:00:00", None),
    ("naive-created-from", "GET", f"{ORDERS}?created_from=2026-01-01T00:00:00", None),
    ("naive-cursor", "GET", f"{ORDERS}?cursor=WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwxXQ", None),
    ("cursor-id-past-int64", "GET",
     f"{ORDERS}?cursor=WyIyMDI2LTAxLTAxVDAwOjAwOjAwWiIsOTk5OTk5OTk5OTk5OTk5OTk5OTk5XQ", None),
]
# fmt: on
"""Numbers no column can hold and times without an offset: each a client's mistake, so a
4xx naming it, never a 500 from the database driver."""


@pytest.fixture
async def world(db: Settings) -> World:
    return await make_world()


async def _send(
    client: Any, world: World, method: str, path: str, body: Any, who: str = "alice"
) -> Any:
    """Send the request as `who`, with the placeholders filled in."""
    headers = await bearer(client, world.people[who].email)
    if "<draft>" in path:
        draft = await place_draft(world, "alice", [("H-1:box", 1)])
        path = path.replace("<draft>", str(draft.id))
    for status in ("submitted", "shipped"):
        if f"<{status}>" in path:
            path = path.replace(f"<{status}>", str(await _order_in(world, status)))
    if isinstance(body, bytes):
        kwargs: dict[str, Any] = {"content": body}
        headers = {**headers, "Content-Type": "application/json"}
    else:
        unit = world.unit("D-100:piece")
        filled = _fill(body, unit)
        kwargs = {} if filled is None else {"json": filled}
    before = await snapshot()
    answer = await client.request(method, path, headers=headers, **kwargs)
    assert await snapshot() == before, "a bad request changed data"
    return answer


async def _order_in(world: World, status: str) -> int:
    draft = await place_draft(world, "alice", [("D-100:piece", 2)])
    await service.submit_order(await world.actor("alice"), draft.id)
    if status == "shipped":
        await production.confirm_order(await world.actor("supervisor"), draft.id)
        await production.move_units(None, draft.id, UnitStage.SHIPPED, by_system="erp")
    return draft.id


def _fill(body: Any, unit: int) -> Any:
    if body == "<unit>":
        return unit
    if isinstance(body, dict):
        return {k: _fill(v, unit) for k, v in body.items()}
    if isinstance(body, list):
        return [_fill(v, unit) for v in body]
    return body


def _assert_structured(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    error = answer.json()
    assert set(error) <= {"status", "code", "message", "field"}, error
    assert error["status"] == status and error["code"] and error["message"]
    return dict(error)


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code", "field"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_REQUESTS],
)
async def test_a_bad_request_gets_a_structured_error_and_changes_nothing(
    world: World,
    app_client: Any,
    method: str,
    path: str,
    body: Any,
    status: int,
    code: str,
    field: str | None,
) -> None:
    answer = await _send(app_client, world, method, path, body)
    error = _assert_structured(answer, status)
    assert error["code"] == code, error
    assert error.get("field") == field, error


@pytest.mark.parametrize("who", ["alice", "supervisor"])
@pytest.mark.parametrize(
    ("method", "path", "body"), [pytest.param(*case[1:], id=case[0]) for case in OUT_OF_RANGE]
)
async def test_out_of_range_numbers_and_naive_times_are_the_clients_error(
    world: World, app_client: Any, method: str, path: str, body: Any, who: str
) -> None:
    answer = await _send(app_client, world, method, path, body, who)
    assert answer.status_code < 500, answer.text
    if answer.status_code != 200:  # a time without an offset may fairly be read as UTC
        _assert_structured(answer, answer.status_code)
        assert 400 <= answer.status_code < 500


async def test_the_openapi_documents_the_errors_the_api_sends(
    world: World, app_client: Any
) -> None:
    """Clients generated from the schema must expect {status, code, message, field}, and 422."""
    schema = (await app_client.get("/schema/openapi.json")).json()
    wrong = []
    for path, operations in schema["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            label = f"{method.upper()} {path}"
            takes_input = operation.get("parameters") or operation.get("requestBody")
            if takes_input and "422" not in operation["responses"]:
                wrong.append(f"{label}: 422 not documented")
            for status, response in operation["responses"].items():
                if status < "400":
                    continue
                content = response.get("content", {}).get("application/json", {})
                documented = _resolve(schema, content.get("schema", {}))
                if not {"status", "code", "message"} <= set(documented.get("properties", {})):
                    wrong.append(f"{label}: {status} documented as {sorted(documented)}")
    assert not wrong, "\n".join(wrong)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node
