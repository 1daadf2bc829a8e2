"""Tenancy over HTTP: who may touch whose orders, prices and dealers, as one matrix.

The matrix is data: each grid below lists endpoints and targets down the side and the
callers across the top; every cell becomes one test. A denied cell must write nothing
at all and, when the caller may not see the target, answer exactly as it would for an
object that does not exist, so that a probe learns nothing about other dealers.

Legend: `ok` allowed (2xx); `401` authentication_required; `404` not_found; `perm` 403
missing_permission; `staff` 403 staff_only; `sup` 403 supervisor_only; `409` the
object's state forbids it (still nothing written); `-` no cell (the path is covered by
another one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from app.accounts import directory
from app.accounts.models import ApiToken, AuditEntry, Dealer, LoginSession, Person
from app.accounts.service import open_session
from app.catalog import changes as catalog_changes
from app.catalog.models import PriceList
from app.config import Settings
from app.orders import production, service
from app.orders.models import (
    Order,
    OrderItem,
    OrderStatusChange,
    ProductionUnit,
    UnitStage,
    UnitStageMove,
)
from realtime.outbox import OutboxEvent
from tests.factories import PASSWORD, World, make_world, place_draft

MISSING = 999_999
"""An id that no row has: what a foreign object must be indistinguishable from."""

# --- the matrix -------------------------------------------------------------------------

DEALER_A_GRID = """
endpoint  target              anon bob   viewer idle manager supervisor alice alice_ck bob_ck
list      dealer_a            401  404   ok     404  ok      ok         ok    -        404
detail    dealer_a.submitted  401  404   ok     404  ok      ok         ok    ok       404
create    dealer_a            401  404   perm   404  ok      -          ok    -        404
update    dealer_a.draft      401  404   perm   404  ok      -          ok    ok       404
update    dealer_a.submitted  -    404   perm   404  409     -          409   -        -
delete    dealer_a.draft      401  404   perm   404  ok      -          ok    ok       -
submit    dealer_a.draft      401  404   perm   404  ok      -          ok    -        404
confirm   dealer_a.submitted  401  staff staff  404  ok      ok         staff staff    staff
cancel    dealer_a.submitted  401  404   perm   404  ok      -          ok    ok       404
cancel    dealer_a.confirmed  -    404   perm   404  ok      ok         409   -        -
copy      dealer_a.submitted  401  404   perm   404  ok      -          ok    -        404
move      dealer_a.confirmed  401  404   perm   404  ok      ok         409   -        -
move      dealer_a.shipped    -    404   perm   404  ok      -          ok    ok       404
"""
"""dealer_a's orders and board (alice owns them; viewer may look but neither order nor see
prices; `manager` is assigned to dealer_a, `idle` to nobody; `_ck` callers use a cookie
session with its CSRF header instead of a bearer token)."""

DEALER_B_GRID = """
endpoint  target              alice manager holly
list      dealer_b            404   404     404
detail    dealer_b.submitted  404   404     404
create    dealer_b            404   404     404
update    dealer_b.draft      404   404     404
confirm   dealer_b.submitted  staff 404     staff
cancel    dealer_b.submitted  404   404     404
move      dealer_b.confirmed  404   404     404
"""
"""dealer_b's orders, which only bob and the supervisor may see: the manager looks after
other dealers, and a holding's reach ends at its own subsidiaries."""

HOLDING_GRID = """
endpoint  target              sam   holly manager
list      holding             404   ok    ok
list      sub_1               ok    ok    -
list      sub_2               404   ok    -
detail    holding.submitted   404   ok    ok
detail    sub_1.submitted     ok    ok    -
detail    sub_2.submitted     404   ok    ok
create    holding             404   ok    -
create    sub_1               ok    ok    ok
create    sub_2               404   ok    -
update    holding.draft       404   ok    -
update    sub_1.draft         ok    ok    -
delete    holding.draft       404   ok    -
delete    sub_2.draft         404   ok    -
submit    holding.draft       404   ok    -
submit    sub_1.draft         -     ok    ok
confirm   holding.submitted   staff staff ok
confirm   sub_1.submitted     staff staff ok
cancel    holding.submitted   404   ok    -
cancel    sub_1.submitted     ok    ok    -
copy      holding.submitted   404   ok    -
copy      sub_2.submitted     404   ok    -
move      holding.shipped     404   ok    -
move      sub_1.shipped       ok    ok    ok
"""
"""A holding and its subsidiaries: the parent (holly) acts for sub_1 and sub_2, a
subsidiary's person (sam) never for the parent nor for a sibling."""

DIRECTORY_GRID = """
endpoint         target        anon bob viewer sam holly idle manager supervisor alice
categories       dealer_a      401  404 ok     404 -     404  ok      -          ok
categories       sub_1         -    404 -      ok  ok    -    -       -          404
products         dealer_a      -    404 ok     404 404   404  ok      ok         ok
products         sub_1         -    -   404    ok  ok    -    ok      -          -
product          dealer_a      -    404 ok     -   -     404  -       -          ok
product          holding       -    -   -      404 ok    -    ok      -          404
private_product  private       -    404 ok     404 404   ok   -       -          ok
section          private       -    404 ok     404 -     ok   -       -          ok
dealer           dealer_a      401  404 ok     404 404   404  ok      ok         ok
dealer           holding       -    404 -      404 ok    404  ok      -          404
dealer           sub_1         -    -   -      ok  ok    -    -       -          -
dealer           dealer_b      -    ok  404    -   404   404  404     ok         -
audit            -             401  sup sup    sup sup   sup  sup     ok         sup
revoke           alice.token   401  404 404    -   -     -    404     404        ok
switch           dealer_a      401  404 ok     -   -     404  404     404        ok
switch           sub_1         -    -   -      ok  404   -    -       -          404
switch           holding       -    -   -      404 ok    -    -       -          -
"""
"""The catalog seen through a dealer's eyes (`dealer_id`), dealers' details, the audit
log, somebody else's API token and switching the active dealer. `private` is a product in
a private section (`section`: searching in it) granted to dealer_a only; staff see the
whole catalog."""

EXPECTED_ANSWERS = {
    "401": (401, "authentication_required"),
    "404": (404, "not_found"),
    "perm": (403, "missing_permission"),
    "staff": (403, "staff_only"),
    "sup": (403, "supervisor_only"),
    "409": (409, None),
}

CALLERS = {
    "anon": None,
    "alice": ("alice", False),
    "alice_ck": ("alice", True),
    "bob": ("bob", False),
    "bob_ck": ("bob", True),
    "viewer": ("viewer", False),
    "sam": ("sam", False),
    "holly": ("holly", False),
    "idle": ("idle_manager", False),
    "manager": ("manager", False),
    "supervisor": ("supervisor", False),
}
"""Column name -> (person of the world, authenticates with a cookie session)."""

ALL_DEALERS = frozenset({"dealer_a", "dealer_b", "holding", "sub_1", "sub_2"})
VISIBLE = {
    "anon": frozenset(),
    "alice": frozenset({"dealer_a"}),
    "viewer": frozenset({"dealer_a"}),
    "bob": frozenset({"dealer_b"}),
    "sam": frozenset({"sub_1"}),
    "holly": frozenset({"holding", "sub_1", "sub_2"}),
    "idle": frozenset(),
    "manager": frozenset({"dealer_a", "holding", "sub_1", "sub_2"}),
    "supervisor": ALL_DEALERS,
}
"""The dealers whose existence and data each caller may know of."""

OWNERS = {
    "dealer_a": "alice",
    "dealer_b": "bob",
    "holding": "holly",
    "sub_1": "sam",
    "sub_2": "holly",
}
"""Who places a dealer's orders when the scene needs one (holly orders for sub_2)."""

STAGE_FOR = {"confirmed": UnitStage.CUTTING, "shipped": UnitStage.AT_DEALER}
"""Where `move` sends the units of a target: the factory's next step, or the dealer's."""


def _cells(grid: str) -> list[tuple[str, str, str, str]]:
    header, *rows = [line.split() for line in grid.strip().splitlines()]
    callers = header[2:]
    assert set(callers) <= set(CALLERS), callers
    cells = []
    for endpoint, target, *outcomes in rows:
        assert len(outcomes) == len(callers), (endpoint, target)
        for caller, outcome in zip(callers, outcomes, strict=True):
            assert outcome in ("ok", "-") or outcome in EXPECTED_ANSWERS, outcome
            if outcome != "-":
                cells.append((caller, endpoint, target, outcome))
    return cells


MATRIX = [
    *_cells(DEALER_A_GRID),
    *_cells(DEALER_B_GRID),
    *_cells(HOLDING_GRID),
    *_cells(DIRECTORY_GRID),
]

# --- helpers shared with the other HTTP test modules ------------------------------------


async def bearer(client: Any, email: str, device: str = "test phone") -> dict[str, str]:
    """Log in like the mobile app does and return the Authorization header."""
    response = await client.post(
        "/api/v1/auth/tokens",
        json={"email": email, "password": PASSWORD, "device_name": device},
    )
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


async def cookie_session(person: Person) -> tuple[dict[str, str], str]:
    """A browser session: the cookie header and the CSRF token its changes must carry."""
    key, session = await open_session(person, "127.0.0.1", "testclient")
    return {"Cookie": f"dc_session={key}"}, session.csrf_token


async def snapshot() -> dict[str, Any]:
    """Everything a request might write: counts, and the rows a denied request might alter."""
    return {
        "orders": sorted(
            await Order.all().values_list(
                "id",
                "dealer_id",
                "status",
                "version",
                "comment",
                "total_kopecks",
                "cancel_reason",
                "updated_at",
            )
        ),
        "items": sorted(await OrderItem.all().values_list("id", "quantity", "unit_price_kopecks")),
        "units": sorted(await ProductionUnit.all().values_list("id", "stage")),
        "unit_moves": await UnitStageMove.all().count(),
        "status_changes": await OrderStatusChange.all().count(),
        "audit": await AuditEntry.all().count(),
        "outbox": await OutboxEvent.all().count(),
        "tokens": sorted(await ApiToken.all().values_list("id", "revoked_at", "active_dealer_id")),
        "sessions": sorted(await LoginSession.all().values_list("id", "active_dealer_id")),
    }


# --- the scene --------------------------------------------------------------------------


@dataclass
class Scene:
    """The standard world, with orders in the statuses a cell needs, made on demand."""

    world: World
    client: Any
    orders: dict[str, int] = field(default_factory=dict)
    refs: dict[str, int] = field(default_factory=dict)

    def dealer(self, key: str) -> int:
        return int(getattr(self.world, key).id)

    async def order(self, dealer_key: str, status: str) -> int:
        """An order of the dealer in the status, placed by the dealer's own person."""
        name = f"{dealer_key}.{status}"
        if name in self.orders:
            return self.orders[name]
        who = OWNERS[dealer_key]
        dealer = getattr(self.world, dealer_key)
        draft = await place_draft(self.world, who, [("D-200:piece", 2)], dealer=dealer)
        if status != "draft":
            await service.submit_order(await self.world.actor(who), draft.id)
        if status in ("confirmed", "shipped"):
            await production.confirm_order(await self.world.actor("supervisor"), draft.id)
        if status == "shipped":
            await production.move_units(None, draft.id, UnitStage.SHIPPED, by_system="erp")
        self.orders[name] = draft.id
        return draft.id

    async def resolve(self, target: str, endpoint: str = "") -> int | None:
        """The id a target names: an order, a dealer, a token, a product or a section."""
        if target == "-":
            return None
        if target == "alice.token":
            await bearer(self.client, self.world.people["alice"].email, "alice's tablet")
            ref = (await ApiToken.filter(name="alice's tablet").first()).id  # type: ignore[union-attr]
        elif target == "private":
            ref = await self.private_product()
            if endpoint == "section":
                ref = self.refs["private_section"]
        elif "." in target:
            ref = await self.order(*target.split(".", 1))
        else:
            ref = self.dealer(target)
        return ref

    async def credentials(self, caller: str) -> dict[str, str]:
        """Headers that authenticate the caller (cookie callers also send their CSRF token)."""
        spec = CALLERS[caller]
        if spec is None:
            return {}
        person_key, with_cookie = spec
        person = self.world.people[person_key]
        if with_cookie:
            cookie, csrf = await cookie_session(person)
            return {**cookie, "X-CSRF-Token": csrf}
        return await bearer(self.client, person.email)

    async def private_product(self) -> int:
        """A product in a private section that only dealer_a was granted."""
        if "private_product" not in self.refs:
            section = await catalog_changes.create_category(
                None, "Dealer A exclusives", is_private=True
            )
            await catalog_changes.grant_category(None, section.id, self.world.dealer_a.id)
            product = await catalog_changes.create_product(
                None, "X-1", "Exclusive door", section.id
            )
            await catalog_changes.set_price(None, self.world.base_list.id, product.id, 99_000_00)
            self.refs["private_product"] = product.id
            self.refs["private_section"] = section.id
        return self.refs["private_product"]

    async def request(self, endpoint: str, target: str, ref: int | None) -> tuple[str, str, Any]:
        """(method, path, JSON body) of the endpoint applied to the target's id `ref`."""
        orders = "/api/v1/orders"
        door = self.world.units["D-100:piece"].product_id
        line = {"shipment_unit_id": self.world.unit("D-100:piece"), "quantity": 1}
        status = target.split(".", 1)[-1]
        match endpoint:
            case "list":
                return "GET", f"{orders}?dealer_id={ref}", None
            case "detail":
                return "GET", f"{orders}/{ref}", None
            case "create":
                return "POST", orders, {"items": [line], "dealer_id": ref}
            case "update":
                return "PATCH", f"{orders}/{ref}", {"comment": "changed by the matrix"}
            case "delete":
                return "DELETE", f"{orders}/{ref}", None
            case "submit" | "confirm" | "copy":
                return "POST", f"{orders}/{ref}/{endpoint}", None
            case "cancel":
                return "POST", f"{orders}/{ref}/cancel", {"reason": "matrix"}
            case "move":
                return "POST", f"{orders}/{ref}/units/move", {"stage": STAGE_FOR[status]}
            case "categories":
                return "GET", f"/api/v1/catalog/categories?dealer_id={ref}", None
            case "products":
                return "GET", f"/api/v1/catalog/products?dealer_id={ref}", None
            case "product":
                return "GET", f"/api/v1/catalog/products/{door}?dealer_id={ref}", None
            case "private_product":
                return "GET", f"/api/v1/catalog/products/{ref}", None
            case "section":
                return "GET", f"/api/v1/catalog/products?category_id={ref}", None
            case "dealer":
                return "GET", f"/api/v1/dealers/{ref}", None
            case "audit":
                return "GET", "/api/v1/audit", None
            case "revoke":
                return "DELETE", f"/api/v1/auth/tokens/{ref}", None
            case "switch":
                return "PUT", "/api/v1/me/active-dealer", {"dealer_id": ref}
        raise AssertionError(endpoint)


@pytest.fixture
async def scene(db: Settings, app_client: Any) -> Scene:
    return Scene(await make_world(), app_client)


def _dealer_of(target: str) -> str | None:
    head = target.split(".", 1)[0]
    return head if head in ALL_DEALERS else None


def _assert_allowed(answer: Any, endpoint: str, dealer_id: int | None) -> None:
    assert 200 <= answer.status_code < 300, answer.text
    if dealer_id is None or answer.status_code == 204:
        return
    body = answer.json()
    if endpoint == "list":
        assert body["items"], "an allowed board of a dealer with orders is not empty"
        assert {row["dealer_id"] for row in body["items"]} == {dealer_id}
    elif endpoint in ("detail", "create", "update", "submit", "confirm", "cancel", "copy"):
        assert body["dealer_id"] == dealer_id
    elif endpoint == "switch":
        assert body["active_dealer_id"] == dealer_id
    elif endpoint == "dealer":
        assert body["id"] == dealer_id


@pytest.mark.parametrize(
    ("caller", "endpoint", "target", "expected"),
    MATRIX,
    ids=[f"{c}-{e}-{t}" for c, e, t, _ in MATRIX],
)
async def test_tenancy_matrix(
    scene: Scene, caller: str, endpoint: str, target: str, expected: str
) -> None:
    ref = await scene.resolve(target, endpoint)
    if endpoint == "list":
        await scene.order(target, "draft")  # a board with something on it
    method, path, body = await scene.request(endpoint, target, ref)
    headers = await scene.credentials(caller)
    dealer_key = _dealer_of(target)
    before = await snapshot()

    answer = await scene.client.request(method, path, json=body, headers=headers)

    if expected == "ok":
        _assert_allowed(answer, endpoint, scene.dealer(dealer_key) if dealer_key else None)
        return
    status, code = EXPECTED_ANSWERS[expected]
    assert answer.status_code == status, answer.text
    error = answer.json()
    assert set(error) <= {"status", "code", "message", "field"} and error["status"] == status
    if code is not None:
        assert error["code"] == code, error

    if ref is not None:
        method, ghost_path, ghost_body = await scene.request(endpoint, target, MISSING)
        ghost = await scene.client.request(method, ghost_path, json=ghost_body, headers=headers)
        secret = dealer_key is None or dealer_key not in VISIBLE.get(caller.split("_ck")[0], ())
        if secret:
            # A foreign object is indistinguishable from one that does not exist.
            assert (ghost.status_code, ghost.json()) == (answer.status_code, error)
        else:
            assert ghost.status_code in (status, 404), ghost.text
    assert await snapshot() == before, "a denied request wrote something"


# --- boards, searches and counts never show foreign rows --------------------------------


@pytest.fixture
async def boards(scene: Scene) -> dict[str, list[int]]:
    """Two orders on every dealer's board; returns their ids by dealer."""
    ids: dict[str, list[int]] = {}
    for dealer_key in sorted(ALL_DEALERS):
        ids[dealer_key] = [await scene.order(dealer_key, s) for s in ("draft", "submitted")]
    return ids


@pytest.mark.parametrize("caller", sorted(VISIBLE.keys() - {"anon"}))
async def test_the_board_shows_exactly_the_callers_dealers(
    scene: Scene, boards: dict[str, list[int]], caller: str
) -> None:
    headers = await scene.credentials(caller)
    visible = VISIBLE[caller]
    expected = sorted(i for d in visible for i in boards[d])

    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = await scene.client.get("/api/v1/orders", params=params, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        seen += [row["id"] for row in body["items"]]
        if caller != "supervisor":
            # Stream positions name only the caller's own boards.
            assert set(body["position"]) == {f"dealer:{scene.dealer(d)}:orders" for d in visible}
        if not (cursor := body["next_cursor"]):
            break
    assert sorted(seen) == expected

    dealers = await scene.client.get("/api/v1/dealers", headers=headers)
    assert {d["id"] for d in dealers.json()} == {scene.dealer(d) for d in visible}


@pytest.mark.parametrize("caller", ["bob", "sam", "idle", "viewer"])
async def test_filters_never_reach_foreign_rows(
    scene: Scene, boards: dict[str, list[int]], caller: str
) -> None:
    """Searching by another dealer's order number or author finds nothing."""
    headers = await scene.credentials(caller)
    foreign = [d for d in sorted(ALL_DEALERS) if d not in VISIBLE[caller]]
    for dealer_key in foreign:
        order = await Order.get(id=boards[dealer_key][0])
        for params in (
            {"number": order.number},
            {"created_by": order.created_by_id},
            {"status": "submitted", "created_by": order.created_by_id},
        ):
            page = await scene.client.get("/api/v1/orders", params=params, headers=headers)
            assert page.status_code == 200, page.text
            assert page.json()["items"] == [], (dealer_key, params)


async def test_catalog_totals_and_prices_are_the_callers_own(scene: Scene) -> None:
    """A private section and a dealer's own price list show to that dealer only."""
    private = await scene.private_product()
    special = await PriceList.create(name="Alpha special", is_base=False)
    door = scene.world.units["D-100:piece"].product_id
    await catalog_changes.set_price(None, special.id, door, 10_000_00)
    await Dealer.filter(id=scene.world.dealer_a.id).update(price_list_id=special.id)

    alice = await scene.credentials("alice")
    bob = await scene.credentials("bob")
    mine = (await scene.client.get("/api/v1/catalog/products", headers=alice)).json()
    theirs = (await scene.client.get("/api/v1/catalog/products", headers=bob)).json()
    assert mine["total"] == 4 and private in {p["id"] for p in mine["items"]}
    assert theirs["total"] == 3 and private not in {p["id"] for p in theirs["items"]}
    price = {p["id"]: p["price_per_piece_kopecks"] for p in theirs["items"]}
    assert price[door] == 12_345_00, "bob sees the base price, never alpha's special one"
    assert {p["id"]: p["price_per_piece_kopecks"] for p in mine["items"]}[door] == 10_000_00

    found = await scene.client.get("/api/v1/catalog/products", params={"q": "X-1"}, headers=bob)
    assert found.json()["total"] == 0


async def test_a_viewer_never_sees_amounts(scene: Scene) -> None:
    """Without the see-prices right, no total, price or amount filter or sort answers."""
    order_id = await scene.order("dealer_a", "submitted")
    headers = await scene.credentials("viewer")
    board = (await scene.client.get("/api/v1/orders", headers=headers)).json()
    assert [row["total_kopecks"] for row in board["items"]] == [None]
    detail = (await scene.client.get(f"/api/v1/orders/{order_id}", headers=headers)).json()
    assert detail["total_kopecks"] is None
    assert {i["unit_price_kopecks"] for i in detail["items"]} == {None}
    assert {i["line_total_kopecks"] for i in detail["items"]} == {None}
    for params in ({"amount_min": 1}, {"amount_max": 10**9}, {"sort": "-total"}):
        probe = await scene.client.get("/api/v1/orders", params=params, headers=headers)
        assert (probe.status_code, probe.json()["code"]) == (403, "missing_permission")
    products = (await scene.client.get("/api/v1/catalog/products", headers=headers)).json()
    assert {p["price_per_piece_kopecks"] for p in products["items"]} == {None}


# --- fields slipped into bodies ---------------------------------------------------------

SMUGGLED: list[tuple[str, dict[str, Any], int]] = [
    ("create", {"dealer_id": "dealer_b"}, 404),
    ("create", {"created_by_id": "bob"}, 422),
    ("create", {"status": "confirmed"}, 422),
    ("create", {"total_kopecks": 1}, 422),
    ("update", {"dealer_id": "dealer_b"}, 422),
    ("update", {"status": "completed"}, 422),
    ("update", {"version": 99}, 422),
    ("update", {"created_by_id": "bob"}, 422),
    ("cancel", {"dealer_id": "dealer_b"}, 422),
    ("move", {"order_id": "dealer_b.shipped"}, 422),
    ("move", {"dealer_id": "dealer_b"}, 422),
    ("switch", {"person_id": "bob"}, 422),
]
"""(endpoint, extra field, answer): a field no schema has is refused, never applied."""


@pytest.mark.parametrize(("endpoint", "extra", "status"), SMUGGLED, ids=str)
async def test_smuggled_fields_are_refused_and_write_nothing(
    scene: Scene, endpoint: str, extra: dict[str, Any], status: int
) -> None:
    target = {
        "create": "dealer_a",
        "update": "dealer_a.draft",
        "cancel": "dealer_a.submitted",
        "move": "dealer_a.shipped",
        "switch": "dealer_a",
    }[endpoint]
    ref = await scene.resolve(target)
    method, path, body = await scene.request(endpoint, target, ref)
    [(name, value)] = extra.items()
    if not isinstance(value, str):
        resolved: Any = value
    elif value in OWNERS:
        resolved = scene.dealer(value)
    elif value in scene.world.people:
        resolved = scene.world.people[value].id
    elif "." in value:
        resolved = await scene.resolve(value)
    else:
        resolved = value
    body = {**body, name: resolved}
    headers = await scene.credentials("alice")
    before = await snapshot()

    answer = await scene.client.request(method, path, json=body, headers=headers)

    assert answer.status_code == status, answer.text
    assert answer.json()["field"] == name
    assert await snapshot() == before


async def test_a_holding_orders_for_its_subsidiary_and_the_row_is_the_subsidiarys(
    scene: Scene,
) -> None:
    headers = await scene.credentials("holly")
    method, path, body = await scene.request("create", "sub_2", scene.dealer("sub_2"))
    created = await scene.client.request(method, path, json=body, headers=headers)
    assert created.status_code == 201, created.text
    order = await Order.get(id=created.json()["id"])
    assert (order.dealer_id, order.created_by_id) == (
        scene.dealer("sub_2"),
        scene.world.people["holly"].id,
    )
    sam = await scene.credentials("sam")
    hidden = await scene.client.get(f"/api/v1/orders/{order.id}", headers=sam)
    assert hidden.status_code == 404


async def test_losing_a_membership_or_a_dealer_ends_access_on_the_next_request(
    scene: Scene,
) -> None:
    """Rights are resolved per request: nothing cached in a token or session outlives them."""
    order_a = await scene.order("dealer_a", "draft")
    order_sub = await scene.order("sub_1", "draft")
    alice = await scene.credentials("alice")
    holly = await scene.credentials("holly")
    assert (await scene.client.get(f"/api/v1/orders/{order_a}", headers=alice)).status_code == 200

    await directory.remove_membership(
        None, scene.world.people["alice"].id, scene.dealer("dealer_a")
    )
    gone = await scene.client.get(f"/api/v1/orders/{order_a}", headers=alice)
    assert gone.status_code == 404
    board = (await scene.client.get("/api/v1/orders", headers=alice)).json()
    assert board["items"] == []
    me = (await scene.client.get("/api/v1/me", headers=alice)).json()
    assert (me["active_dealer_id"], me["dealer_ids"], me["permissions"]) == (None, [], [])
    method, path, body = await scene.request("create", "dealer_a", scene.dealer("dealer_a"))
    refused = await scene.client.request(method, path, json=body, headers=alice)
    assert (refused.status_code, refused.json()["code"]) == (403, "missing_permission")

    assert (await scene.client.get(f"/api/v1/orders/{order_sub}", headers=holly)).status_code == 200
    await Dealer.filter(id=scene.dealer("sub_1")).update(is_active=False)
    hidden = await scene.client.get(f"/api/v1/orders/{order_sub}", headers=holly)
    assert hidden.status_code == 404, "an inactive subsidiary drops out of its parent's reach"


async def test_units_of_another_order_cannot_be_moved_through_ones_own(scene: Scene) -> None:
    """Naming a foreign order's unit ids under one's own order finds no such units."""
    mine = await scene.order("dealer_a", "shipped")
    foreign = await scene.order("dealer_b", "shipped")
    foreign_units = await ProductionUnit.filter(order_id=foreign).values_list("id", flat=True)
    headers = await scene.credentials("alice")
    before = await snapshot()
    answer = await scene.client.post(
        f"/api/v1/orders/{mine}/units/move",
        json={"stage": "at_dealer", "unit_ids": list(foreign_units)},
        headers=headers,
    )
    assert answer.status_code == 404, answer.text
    assert (answer.json()["code"], answer.json()["field"]) == ("not_found", "unit_ids")
    assert await snapshot() == before


# --- cookie sessions need their CSRF token for changes ----------------------------------


@pytest.mark.parametrize(
    ("csrf", "status", "code"),
    [(None, 403, "csrf_failed"), ("wrong", 403, "csrf_failed"), ("", 403, "csrf_failed")],
    ids=["missing", "wrong", "empty"],
)
async def test_a_cookie_change_without_its_csrf_token_is_refused(
    scene: Scene, csrf: str | None, status: int, code: str
) -> None:
    draft = await scene.order("dealer_a", "draft")
    cookie, _ = await cookie_session(scene.world.people["alice"])
    headers = cookie if csrf is None else {**cookie, "X-CSRF-Token": csrf}
    before = await snapshot()
    for method, path, body in (
        ("PATCH", f"/api/v1/orders/{draft}", {"comment": "forged"}),
        ("POST", f"/api/v1/orders/{draft}/submit", None),
        ("DELETE", f"/api/v1/orders/{draft}", None),
        ("PUT", "/api/v1/me/active-dealer", {"dealer_id": scene.dealer("dealer_a")}),
    ):
        answer = await scene.client.request(method, path, json=body, headers=headers)
        assert (answer.status_code, answer.json()["code"]) == (status, code), path
    assert await snapshot() == before
    read = await scene.client.get(f"/api/v1/orders/{draft}", headers=cookie)
    assert read.status_code == 200, "reading needs no CSRF token"


async def test_another_sessions_csrf_token_does_not_fit(scene: Scene) -> None:
    draft = await scene.order("dealer_a", "draft")
    cookie, _ = await cookie_session(scene.world.people["alice"])
    _, bobs_csrf = await cookie_session(scene.world.people["bob"])
    answer = await scene.client.patch(
        f"/api/v1/orders/{draft}",
        json={"comment": "forged"},
        headers={**cookie, "X-CSRF-Token": bobs_csrf},
    )
    assert (answer.status_code, answer.json()["code"]) == (403, "csrf_failed")
