"""Chat pages without JavaScript: a dealer writes to its manager, the manager's inbox, tenancy."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from app.chat import posting, rooms
from app.chat.models import ChatAttachment, ChatMessage
from app.chat.schemas import MessageCreate
from app.orders.service import submit_order
from tests.factories import make_world, place_draft
from tests.test_pages import csrf, log_in, post_form


async def as_person(client, who: str):
    """The same browser, now logged in as someone else."""
    client.cookies.clear()
    return await log_in(client, who)


def form_value(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)


async def dealer_room_id(world, who: str = "alice") -> int:
    return (await rooms.open_dealer_room(await world.actor(who))).id


async def test_dealer_writes_to_the_manager_who_answers_and_reads_it(db, app_client):
    await make_world()
    await log_in(app_client, "alice")
    chat = await app_client.get("/chat")
    assert chat.status_code == 200 and "Чат с менеджером" in chat.text
    room_id = int(re.search(r'data-chat-room="(\d+)"', chat.text).group(1))

    sent = await post_form(
        app_client,
        f"/chat/rooms/{room_id}/messages",
        {
            "body": "Когда будет отгрузка?",
            "client_id": form_value(chat.text, "client_id"),
            "next": "/chat",
        },
    )
    assert sent.status_code == 200 and sent.url.path == "/chat"
    assert "Когда будет отгрузка?" in sent.text and "Доставлено" in sent.text
    assert "Вы" in sent.text  # the reader's own messages are signed "You"

    manager = await as_person(app_client, "manager@factory.example")
    assert '<span id="chat-badge"' in manager.text and ">1</span>" in manager.text
    inbox = await app_client.get("/manager/chat")
    assert "OOO Alpha Doors" in inbox.text and "Когда будет отгрузка?" in inbox.text
    assert "Ждёт ответа с" in inbox.text
    room = await app_client.get(f"/chat/rooms/{room_id}")
    assert "Alice" in room.text and "Когда будет отгрузка?" in room.text
    answered = await post_form(
        app_client,
        f"/chat/rooms/{room_id}/messages",
        {
            "body": "В пятницу.",
            "client_id": form_value(room.text, "client_id"),
            "next": f"/chat/rooms/{room_id}",
        },
    )
    assert "В пятницу." in answered.text and "Ждёт ответа с" not in answered.text

    await as_person(app_client, "alice")
    again = await app_client.get("/chat")
    assert "В пятницу." in again.text and "Manager" in again.text
    assert "Прочитано менеджером" in again.text
    english = await app_client.get("/chat?lang=en")
    assert "Chat with manager" in english.text and "Read by the manager" in english.text


async def test_a_form_sent_twice_is_one_message(db, app_client):
    world = await make_world()
    room_id = await dealer_room_id(world)
    await log_in(app_client, "alice")
    chat = await app_client.get("/chat")
    form = {"body": "Один раз", "client_id": form_value(chat.text, "client_id")}
    for _ in range(2):
        sent = await post_form(app_client, f"/chat/rooms/{room_id}/messages", form)
        assert sent.status_code == 200
    assert await ChatMessage.filter(room_id=room_id).count() == 1


async def test_an_empty_message_is_refused_with_a_reason(db, app_client):
    world = await make_world()
    room_id = await dealer_room_id(world)
    await log_in(app_client, "alice")
    refused = await post_form(app_client, f"/chat/rooms/{room_id}/messages", {"body": "   "})
    assert refused.status_code == 422 and "Напишите сообщение" in refused.text
    assert await ChatMessage.filter(room_id=room_id).count() == 0


async def test_internal_notes_are_for_staff_only(db, app_client):
    world = await make_world()
    room_id = await dealer_room_id(world)
    await log_in(app_client, "manager@factory.example")
    noted = await post_form(
        app_client,
        f"/chat/rooms/{room_id}/messages",
        {"body": "Дилер задерживает оплату", "internal": "on"},
    )
    assert "Дилер задерживает оплату" in noted.text and "Внутренняя заметка" in noted.text

    await as_person(app_client, "alice")
    chat = await app_client.get("/chat")
    assert "Дилер задерживает оплату" not in chat.text
    assert 'name="internal"' not in chat.text
    for path in (f"/chat/rooms/{room_id}", f"/chat/rooms/{room_id}/messages"):
        assert "Дилер задерживает оплату" not in (await app_client.get(path)).text
    pretending = await post_form(
        app_client, f"/chat/rooms/{room_id}/messages", {"body": "Я тоже", "internal": "on"}
    )
    assert pretending.status_code == 403
    assert await ChatMessage.filter(room_id=room_id).count() == 1


async def test_another_dealers_room_is_not_found(db, app_client):
    world = await make_world()
    room_id = await dealer_room_id(world)
    alice = await world.actor("alice")
    secret = await posting.post_message(alice, room_id, MessageCreate(body="Секрет Альфы"))
    await log_in(app_client, "bob")
    for path in (f"/chat/rooms/{room_id}", f"/chat/rooms/{room_id}/messages"):
        page = await app_client.get(path)
        assert page.status_code == 404 and "Секрет Альфы" not in page.text
    for path, form in (
        (f"/chat/rooms/{room_id}/messages", {"body": "Привет"}),
        (f"/chat/messages/{secret.id}/edit", {"body": "Взлом"}),
        (f"/chat/messages/{secret.id}/delete", {}),
    ):
        assert (await post_form(app_client, path, form)).status_code == 404
    assert (await app_client.get("/manager/chat")).status_code == 403
    bobs = await app_client.get("/chat")
    assert "Секрет Альфы" not in bobs.text
    message = await ChatMessage.get(id=secret.id)
    assert message.body == "Секрет Альфы" and message.deleted_at is None


async def test_author_edits_and_deletes_within_the_window_only(db, app_client):
    world = await make_world()
    room_id = await dealer_room_id(world)
    alice = await world.actor("alice")
    typo = await posting.post_message(alice, room_id, MessageCreate(body="Дверь 80 см"))
    old = await posting.post_message(alice, room_id, MessageCreate(body="Давнее"))
    await ChatMessage.filter(id=old.id).update(created_at=datetime.now(UTC) - timedelta(days=1))
    await log_in(app_client, "alice")

    chat = await app_client.get("/chat")
    assert f'action="/chat/messages/{typo.id}/edit"' in chat.text
    assert f'action="/chat/messages/{old.id}/edit"' not in chat.text
    edited = await post_form(
        app_client, f"/chat/messages/{typo.id}/edit", {"body": "Дверь 90 см", "next": "/chat"}
    )
    assert "Дверь 90 см" in edited.text and "изменено" in edited.text
    late = await post_form(app_client, f"/chat/messages/{old.id}/edit", {"body": "Поздно"})
    assert late.status_code == 409
    deleted = await post_form(app_client, f"/chat/messages/{typo.id}/delete", {"next": "/chat"})
    assert "Дверь 90 см" not in deleted.text and "Сообщение удалено." in deleted.text

    await as_person(app_client, "manager@factory.example")
    foreign = await post_form(app_client, f"/chat/messages/{old.id}/delete", {})
    assert foreign.status_code == 403


async def test_order_page_holds_the_orders_thread(db, app_client):
    world = await make_world()
    draft = await place_draft(world, "alice", [("D-100:piece", 1)])
    await submit_order(await world.actor("alice"), draft.id)
    await log_in(app_client, "alice")
    page = await app_client.get(f"/orders/{draft.id}")
    assert page.status_code == 200 and "Чат по заказу" in page.text
    # The status change is told in the thread, in the reader's language.
    assert f"Заказ № {draft.number}: Черновик → Отправлен" in page.text
    room_id = int(re.search(r'data-chat-room="(\d+)"', page.text).group(1))
    sent = await post_form(
        app_client,
        f"/chat/rooms/{room_id}/messages",
        {"body": "Можно ускорить?", "next": f"/orders/{draft.id}"},
    )
    assert sent.url.path == f"/orders/{draft.id}" and "Можно ускорить?" in sent.text

    await as_person(app_client, "manager@factory.example")
    inbox = await app_client.get("/manager/chat?show=unread")
    assert f"заказ № {draft.number}" in inbox.text and "Можно ускорить?" in inbox.text
    found = await app_client.get("/manager/chat?q=УСКОРИТЬ")
    assert f"/chat/rooms/{room_id}?before=" in found.text


async def test_inbox_lists_newest_activity_first_and_filters_waiting(db, app_client):
    world = await make_world()
    alpha, gamma = await dealer_room_id(world), await dealer_room_id(world, "sam")
    await posting.post_message(await world.actor("alice"), alpha, MessageCreate(body="Первый"))
    await posting.post_message(await world.actor("sam"), gamma, MessageCreate(body="Второй"))
    manager = await world.actor("manager")
    await posting.post_message(manager, alpha, MessageCreate(body="Ответ"))
    await log_in(app_client, "manager@factory.example")

    inbox = await app_client.get("/manager/chat")
    assert inbox.text.index("OOO Alpha Doors") < inbox.text.index("Gamma North")
    waiting = await app_client.get("/manager/chat?show=waiting")
    assert "Gamma North" in waiting.text and "OOO Alpha Doors" not in waiting.text
    assert '"user:' in inbox.text  # the inbox follows the manager's own topic


async def test_history_pages_back_with_load_older(db, app_client):
    world = await make_world()
    room_id = await dealer_room_id(world)
    alice = await world.actor("alice")
    sent = [
        await posting.post_message(alice, room_id, MessageCreate(body=f"Сообщение {n}"))
        for n in range(55)
    ]
    await log_in(app_client, "alice")
    chat = await app_client.get("/chat")
    assert "Сообщение 54" in chat.text and "Сообщение 4<" not in chat.text
    older = re.search(r'href="(/chat/rooms/\d+\?before=\d+)#chat" data-chat-older', chat.text)
    assert older
    page = await app_client.get(older.group(1))
    assert "Сообщение 4<" in page.text and "Сообщение 0<" in page.text
    fragment = await app_client.get(f"/chat/rooms/{room_id}/messages?before={sent[5].id}")
    assert fragment.text.count("data-message-id=") == 5 and "<html" not in fragment.text


async def test_files_go_with_the_form_and_only_to_the_rooms_readers(db, app_client):
    world = await make_world()
    room_id = await dealer_room_id(world)
    await log_in(app_client, "alice")
    token = {"_csrf_token": await csrf(app_client), "next": "/chat"}
    pdf = ("счёт.pdf", b"%PDF-1.4\n% a tiny invoice\n", "application/pdf")
    sent = await app_client.post(
        f"/chat/rooms/{room_id}/messages", data={**token, "body": ""}, files={"files": pdf}
    )
    assert sent.status_code == 200 and "счёт.pdf" in sent.text
    link = re.search(r'href="(/api/v1/chat/attachments/\d+)"', sent.text).group(1)
    download = await app_client.get(link)
    assert download.status_code == 200 and download.content.startswith(b"%PDF-")

    lying = ("photo.png", b"MZ\x90\x00 not a picture", "image/png")
    refused = await app_client.post(
        f"/chat/rooms/{room_id}/messages",
        data={**token, "body": "Фото"},
        files=[("files", pdf), ("files", lying)],
    )
    assert refused.status_code == 422 and "Содержимое файла не соответствует" in refused.text
    assert await ChatAttachment.filter(room_id=room_id).count() == 1  # the first message's

    await as_person(app_client, "bob")
    assert (await app_client.get(link)).status_code == 404
