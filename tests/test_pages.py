"""The server-rendered cabinet: logging in, languages, tenancy on pages, the order actions."""

from __future__ import annotations

import re

from app.accounts import directory
from app.accounts.models import MembershipRole
from app.orders.models import ProductionUnit
from tests.factories import PASSWORD, make_person, make_world, place_draft


async def csrf(client) -> str:
    """The CSRF token of the client's cookie (fetching a page first sets it)."""
    if "csrftoken" not in client.cookies:
        await client.get("/login")
    return client.cookies["csrftoken"]


async def post_form(client, path: str, data: dict) -> object:
    """Post a form the way a browser does, with the hidden CSRF field."""
    return await client.post(path, data={**data, "_csrf_token": await csrf(client)})


async def log_in(client, who: str, password: str = PASSWORD, next_url: str = "/"):
    """Fill in and send the login form."""
    email = who if "@" in who else f"{who}@test.example"
    return await post_form(
        client, "/login", {"email": email, "password": password, "next": next_url}
    )


async def test_visitor_is_sent_to_login_and_lands_on_a_russian_dashboard(db, app_client):
    await make_world()
    page = await app_client.get("/orders?status=draft")
    assert page.url.path == "/login"
    assert page.url.params["next"] == "/orders?status=draft"
    assert "Вход" in page.text and 'name="_csrf_token"' in page.text

    home = await log_in(app_client, "alice", next_url="/")
    assert home.status_code == 200 and home.url.path == "/"
    assert '<html lang="ru">' in home.text
    assert "Здравствуйте, Alice" in home.text and "Заказы по статусам" in home.text
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', home.text)
    assert token and len(token.group(1)) > 20


async def test_lang_parameter_switches_to_english_and_sticks(db, app_client):
    await make_world()
    await log_in(app_client, "alice")
    english = await app_client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Orders by status" in english.text
    again = await app_client.get("/orders")
    assert "Filters and sorting" in again.text
    back = await app_client.get("/orders?lang=ru")
    assert "Фильтры и сортировка" in back.text


async def test_dealer_order_list_shows_only_its_own_orders(db, app_client):
    world = await make_world()
    mine = await place_draft(world, "alice", [("D-100:piece", 2)])
    foreign = await place_draft(world, "bob", [("D-100:piece", 1)])
    await log_in(app_client, "alice")
    board = await app_client.get("/orders")
    assert f"/orders/{mine.id}" in board.text
    assert f"/orders/{foreign.id}" not in board.text
    assert "24 690,00 ₽" in board.text.replace("\xa0", " ")


async def test_board_filters_by_status_and_number(db, app_client):
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-100:piece", 1)])
    submitted = await place_draft(world, "alice", [("H-1:box", 1)])
    await log_in(app_client, "alice")
    await post_form(app_client, f"/orders/{submitted.id}/submit", {})
    only_submitted = await app_client.get("/orders?status=submitted&number=&date_from=")
    assert only_submitted.status_code == 200
    assert f"/orders/{submitted.id}" in only_submitted.text
    assert f"/orders/{draft.id}" not in only_submitted.text
    by_number = await app_client.get(f"/orders?number={draft.number}")
    assert f"/orders/{draft.id}" in by_number.text
    assert f"/orders/{submitted.id}" not in by_number.text


async def test_foreign_order_page_is_a_friendly_404(db, app_client):
    world = await make_world()
    foreign = await place_draft(world, "bob", [("D-100:piece", 1)])
    await log_in(app_client, "alice")
    page = await app_client.get(f"/orders/{foreign.id}")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Не найдено" in page.text and "D-100" not in page.text


async def test_manager_console_shows_only_assigned_dealers_orders(db, app_client):
    world = await make_world()
    assigned = await place_draft(world, "alice", [("D-100:piece", 1)])
    subsidiary = await place_draft(world, "sam", [("D-100:piece", 1)])
    unassigned = await place_draft(world, "bob", [("D-100:piece", 1)])
    await log_in(app_client, "manager@factory.example")
    console = await app_client.get("/manager/orders")
    assert console.status_code == 200
    assert f"/orders/{assigned.id}" in console.text
    assert f"/orders/{subsidiary.id}" in console.text
    assert f"/orders/{unassigned.id}" not in console.text
    assert "OOO Beta Doors" not in console.text
    one_dealer = await app_client.get(f"/manager/orders?dealer_id={world.sub_1.id}")
    assert f"/orders/{subsidiary.id}" in one_dealer.text
    assert f"/orders/{assigned.id}" not in one_dealer.text


async def test_dealer_may_not_open_the_manager_console(db, app_client):
    await make_world()
    await log_in(app_client, "alice")
    page = await app_client.get("/manager/orders")
    assert page.status_code == 403 and "Нет доступа" in page.text


async def test_repeated_wrong_passwords_show_the_throttling_message(db, app_client):
    await make_world()
    for _ in range(5):
        wrong = await log_in(app_client, "alice", password="wrong")
        assert wrong.status_code == 401 and "Неверный адрес почты или пароль" in wrong.text
    throttled = await log_in(app_client, "alice")
    assert throttled.status_code == 429
    assert "Слишком много неудачных попыток. Попробуйте снова через 15 минут." in throttled.text
    assert "dc_session" not in app_client.cookies


async def test_logout_ends_the_session(db, app_client):
    await make_world()
    await log_in(app_client, "alice")
    page = await post_form(app_client, "/logout", {})
    assert page.url.path == "/login"
    assert "dc_session" not in app_client.cookies
    again = await app_client.get("/")
    assert again.url.path == "/login"


async def test_form_post_without_csrf_token_is_refused(db, app_client):
    await make_world()
    await log_in(app_client, "alice")
    refused = await app_client.post("/logout", data={})
    assert refused.status_code == 403
    assert "Форма устарела" in refused.text


async def test_person_with_two_dealers_switches_between_them(db, app_client):
    world = await make_world()
    both = await make_person("both@test.example", name="Both")
    await directory.add_membership(None, both.id, world.dealer_a.id, MembershipRole.EMPLOYEE)
    await directory.add_membership(None, both.id, world.dealer_b.id, MembershipRole.EMPLOYEE)
    of_a = await place_draft(world, "alice", [("D-100:piece", 1)])
    of_b = await place_draft(world, "bob", [("D-100:piece", 1)])
    await log_in(app_client, "both")
    board = await app_client.get("/orders")
    assert 'name="dealer_id"' in board.text and f"/orders/{of_a.id}" in board.text
    switched = await post_form(
        app_client, "/active-dealer", {"dealer_id": world.dealer_b.id, "next": "/orders"}
    )
    assert f"/orders/{of_b.id}" in switched.text
    assert f"/orders/{of_a.id}" not in switched.text


async def test_dealer_composes_submits_and_manager_confirms_and_moves_units(db, app_client):
    world = await make_world()
    await log_in(app_client, "alice")
    form = await app_client.get("/orders/new?q=D-200")
    assert "Door Modern 90" in form.text
    pallet = world.unit("D-200:pallet")
    created = await post_form(
        app_client, "/orders/new", {f"qty_{pallet}": "1", "comment": "К пятнице", "q": "D-200"}
    )
    assert "Черновик сохранён" in created.text
    order_id = int(created.url.path.rsplit("/", 1)[1])
    submitted = await post_form(app_client, f"/orders/{order_id}/submit", {})
    assert "Заказ отправлен на завод" in submitted.text
    assert "Отправлен" in submitted.text

    await log_in(app_client, "manager@factory.example")
    confirmed = await post_form(app_client, f"/orders/{order_id}/confirm", {})
    assert "Заказ подтверждён" in confirmed.text
    units = await ProductionUnit.filter(order_id=order_id).order_by("serial")
    assert len(units) == 10
    moved = await post_form(
        app_client,
        f"/orders/{order_id}/units",
        {"stage": "painting", "unit_ids": [str(units[0].id), str(units[1].id)]},
    )
    assert "Покраска: 2" in moved.text and "В очереди: 8" in moved.text
    nothing_chosen = await post_form(app_client, f"/orders/{order_id}/units", {"stage": "packed"})
    assert (
        nothing_chosen.status_code == 422 and "Выберите хотя бы одно изделие" in nothing_chosen.text
    )


async def test_catalog_add_to_order_builds_a_draft_and_cancel_needs_a_reason(db, app_client):
    world = await make_world()
    await log_in(app_client, "alice")
    catalog = await app_client.get("/catalog?q=Handle")
    assert "<code>H-1</code>" in catalog.text and "<code>D-100</code>" not in catalog.text
    assert "Коробка (100 штук)" in catalog.text
    draft = await post_form(
        app_client, "/orders/new", {"unit": world.unit("H-1:box"), "quantity": "2"}
    )
    order_id = int(draft.url.path.rsplit("/", 1)[1])
    added = await post_form(
        app_client,
        f"/orders/{order_id}/items",
        {"unit": world.unit("D-100:piece"), "quantity": "3", "next": f"/catalog?draft={order_id}"},
    )
    assert added.url.path == "/catalog" and "Товар добавлен в черновик" in added.text
    detail = await app_client.get(f"/orders/{order_id}")
    assert "D-100" in detail.text and "H-1" in detail.text
    await post_form(app_client, f"/orders/{order_id}/submit", {})
    no_reason = await post_form(app_client, f"/orders/{order_id}/cancel", {"reason": " "})
    assert no_reason.status_code == 422 and "Укажите причину отмены" in no_reason.text
    cancelled = await post_form(app_client, f"/orders/{order_id}/cancel", {"reason": "Передумали"})
    assert "Заказ отменён" in cancelled.text and "Передумали" in cancelled.text


async def test_draft_is_edited_copied_and_deleted_through_forms(db, app_client):
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-100:piece", 2), ("H-1:piece", 5)])
    await log_in(app_client, "alice")
    form = await app_client.get(f"/orders/{draft.id}/edit?q=Modern")
    assert form.status_code == 200 and "Door Modern 90" in form.text
    door, handle, modern = (world.unit(k) for k in ("D-100:piece", "H-1:piece", "D-200:piece"))
    saved = await post_form(
        app_client,
        f"/orders/{draft.id}/edit",
        {f"qty_{door}": "3", f"qty_{handle}": "0", f"qty_{modern}": "1", "comment": "Срочно"},
    )
    assert "Черновик сохранён." in saved.text and "Срочно" in saved.text
    assert "H-1" not in saved.text and "D-200" in saved.text
    emptied = await post_form(app_client, f"/orders/{draft.id}/edit", {f"qty_{door}": "0"})
    assert emptied.status_code == 422 and "Добавьте хотя бы один товар" in emptied.text

    copied = await post_form(app_client, f"/orders/{draft.id}/copy", {})
    assert "скопированный из заказа" in copied.text and copied.url.path != f"/orders/{draft.id}"
    deleted = await post_form(app_client, f"/orders/{draft.id}/delete", {})
    assert deleted.url.path == "/orders" and "Черновик удалён" in deleted.text
    gone = await app_client.get(f"/orders/{draft.id}")
    assert gone.status_code == 404
