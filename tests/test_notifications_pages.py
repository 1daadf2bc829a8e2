"""The bell, the notification centre and its settings as pages, in Russian and English."""

from __future__ import annotations

import re

from app.notifications.models import Notification, NotificationSettings
from tests.factories import make_world
from tests.notification_helpers import confirmed_order, run_pipeline
from tests.test_pages import log_in, post_form


def bell_count(html: str) -> str:
    found = re.search(r'id="notification-bell"[^>]*>(\d+)</span>', html, re.S)
    assert found, "no bell"
    return found.group(1)


async def test_the_bell_counts_and_the_centre_lists_and_marks_read_in_russian(db, app_client):
    world = await make_world()
    await confirmed_order(world, "alice")
    await run_pipeline()
    home = await log_in(app_client, "viewer")
    assert bell_count(home.text) == "2" and "Уведомления" in home.text
    centre = await app_client.get("/notifications")
    assert "Заказ № " in centre.text and "подтверждён" in centre.text
    assert "Отметить все прочитанными" in centre.text

    note = await Notification.filter(person_id=world.people["viewer"].id).order_by("id").first()
    assert note is not None
    after = await post_form(
        app_client, f"/notifications/{note.id}/read", {"next": "/notifications"}
    )
    assert after.url.path == "/notifications" and bell_count(after.text) == "1"
    newest = await Notification.filter(person_id=world.people["viewer"].id).order_by("-id").first()
    assert newest is not None
    done = await post_form(app_client, "/notifications/read-all", {"up_to": str(newest.id)})
    assert bell_count(done.text) == "0" and "Непрочитанных" not in done.text


async def test_the_centre_in_english_and_nobody_marks_anothers_notification(db, app_client):
    world = await make_world()
    await confirmed_order(world, "alice")
    await run_pipeline()
    alices = await Notification.filter(person_id=world.people["alice"].id).first()
    assert alices is not None
    await log_in(app_client, "bob")
    page = await app_client.get("/notifications?lang=en")
    assert "No notifications yet." in page.text and 'lang="en"' in page.text
    refused = await post_form(app_client, f"/notifications/{alices.id}/read", {})
    assert refused.status_code == 404
    await alices.refresh_from_db()
    assert alices.read_at is None


async def test_settings_page_saves_the_grid_quiet_hours_and_stages(db, app_client):
    world = await make_world()
    await log_in(app_client, "alice")
    page = await app_client.get("/notifications/settings")
    assert "Тихие часы" in page.text and 'href="/profile/telegram"' in page.text
    assert 'value="order_confirmed:email"' not in page.text or "checked" in page.text
    saved = await post_form(
        app_client,
        "/notifications/settings",
        {
            "channel": ["order_confirmed:cabinet", "chat_message:email"],
            "quiet": "1",
            "quiet_start": "23:00",
            "quiet_end": "06:30",
            "stage": ["packed"],
        },
    )
    assert saved.url.path == "/notifications/settings" and "Настройки сохранены." in saved.text
    settings = await NotificationSettings.get(person_id=world.people["alice"].id)
    assert (settings.quiet_from_minute, settings.quiet_to_minute) == (23 * 60, 6 * 60 + 30)
    assert settings.unit_stages == "packed"
    english = await app_client.get("/notifications/settings?lang=en")
    assert "Quiet hours" in english.text and 'value="23:00"' in english.text
