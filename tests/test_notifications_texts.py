"""A notification reads the same in every channel, in its reader's language and time zone."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from jinja2 import Environment

from app import i18n
from app.notifications.models import Notification, NotificationKind
from app.notifications.texts import (
    RenderedNotification,
    excerpt,
    render_notification,
)
from app.templating import template_environment
from tests.factories import make_person

AT = datetime(2025, 3, 1, 21, 30, tzinfo=UTC)
BASE = "https://cabinet.example"


async def notification(kind: NotificationKind, **params: object) -> Notification:
    person = await make_person(f"reader-{kind}@test.example")
    return await Notification.create(
        person=person,
        kind=kind,
        event_key=f"test:{kind}",
        order_id=params.pop("order_id", 7),
        room_id=params.pop("room_id", None),
        chat_message_id=params.pop("chat_message_id", None),
        params=json.dumps(params),
        created_at=AT,
    )


def render(n: Notification, language: str = "ru", zone: str = "Europe/Moscow"):
    return render_notification(n, language=language, time_zone=zone, base_url=BASE + "/")


async def test_order_confirmed_in_russian_and_english_with_an_absolute_link(db):
    n = await notification(NotificationKind.ORDER_CONFIRMED, number="000007")
    ru, en = render(n), render(n, "en")
    assert ru.title == "Заказ № 000007 подтверждён"
    assert en.title == "Order № 000007 is confirmed"
    assert ru.url == en.url == "https://cabinet.example/orders/7"
    assert not ru.read and ru.kind is NotificationKind.ORDER_CONFIRMED


async def test_time_is_shown_in_the_readers_time_zone(db):
    n = await notification(NotificationKind.ORDER_SHIPPED, number="000007", at=AT.isoformat())
    moscow = render(n, "en", "Europe/Moscow")
    vladivostok = render(n, "en", "Asia/Vladivostok")
    assert "12:30" in moscow.body and "12:30" in moscow.time  # 21:30 UTC is 00:30 in Moscow
    assert "7:30" in vladivostok.time  # and 07:30 in Vladivostok (UTC+10)
    assert render(n).title == "Заказ № 000007 отгружен"


async def test_status_change_names_both_statuses_and_the_reason(db):
    n = await notification(
        NotificationKind.ORDER_STATUS,
        number="000007",
        **{"from": "submitted", "to": "cancelled", "reason": "duplicate"},
    )
    ru = render(n)
    assert ru.title == "Заказ № 000007: Отменён"
    assert "«Отправлен» → «Отменён»" in ru.body and "Причина: duplicate" in ru.body
    assert render(n, "en").title == "Order № 000007: Cancelled"


async def test_units_at_a_stage_use_russian_plurals(db):
    for count, word in ((1, "изделие перешло"), (3, "изделия перешли"), (5, "изделий перешли")):
        n = await notification(
            NotificationKind.UNIT_STAGE, number="7", stage="painting", count=count
        )
        assert f"{count} {word} на этап «Покраска»" in render(n).body
        await n.person.delete()


async def test_chat_message_names_its_author_shows_an_excerpt_and_links_to_the_message(db):
    n = await notification(
        NotificationKind.CHAT_MESSAGE,
        order_id=None,
        room_id=3,
        chat_message_id=41,
        author="Anna",
        excerpt=excerpt("When   will\nthe doors be ready? " * 20),
        number="000007",
    )
    en = render(n, "en")
    assert en.title == "New message from Anna · order № 000007"
    assert en.body.startswith("When will the doors be ready?") and en.body.endswith("…")
    assert len(en.body) <= 141
    assert en.url == "https://cabinet.example/chat/rooms/3#m41"


async def test_deal_changed_lists_what_changed_and_invoice_renders_from_its_params(db):
    deal = await notification(
        NotificationKind.DEAL_CHANGED, number="8", changes=["stage", "amount"]
    )
    assert render(deal).body == "Изменено: этап, сумма."
    assert render(deal, "en").body == "Changed: stage, amount."
    invoice = await notification(
        NotificationKind.INVOICE_ISSUED, number="8", invoice_number="INV-5"
    )
    assert render(invoice).title == "Счёт INV-5 по заказу № 8"


async def test_the_shared_item_template_shows_one_rendered_notification(db):
    n = await notification(NotificationKind.ORDER_CONFIRMED, number="000009")
    item: RenderedNotification = render(n, "en")
    env: Environment = template_environment()
    with i18n.speaking("en", "Europe/Moscow"):
        html = env.get_template("notifications/_item.html").render(item=item)
    assert 'href="https://cabinet.example/orders/7"' in html
    assert "Order № 000009 is confirmed" in html and f'data-notification-id="{n.id}"' in html
