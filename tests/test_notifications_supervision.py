"""The supervisor sees which notification messages did not go out, and why; nobody else does."""

from __future__ import annotations

import pytest

from app.notifications.models import Channel, Delivery, DeliveryState
from tests.factories import make_world
from tests.mail_fixtures import mail_ctx, smtp_server
from tests.notification_helpers import confirmed_order, deliveries_of, run_pipeline
from tests.test_pages import log_in
from workers.notify import deliver_notification

__all__ = ["smtp_server"]


async def refused_mail(db, smtp_server) -> Delivery:
    """Viewer's "order confirmed" mail, refused for good by the mail server."""
    world = await make_world()
    viewer = world.people["viewer"]
    smtp_server.reply_to_recipient(viewer.email, "550 5.1.1 No such user here")
    await confirmed_order(world, "alice")
    await run_pipeline()
    [delivery] = [d for d in await deliveries_of(viewer) if d.channel == Channel.EMAIL]
    assert await deliver_notification(mail_ctx(smtp_server.mail_settings(db)), delivery.id) == (
        "failed"
    )
    return delivery


async def test_supervisor_sees_a_refused_mail_with_its_reason(db, app_client, smtp_server):
    delivery = await refused_mail(db, smtp_server)
    await log_in(app_client, "supervisor@factory.example")
    overview = (await app_client.get("/api/v1/notifications/deliveries")).json()
    counts = {(c["channel"], c["state"]): c["count"] for c in overview["counts"]}
    assert counts[("email", "failed")] == 1
    [problem] = overview["problems"]
    assert problem["delivery_id"] == delivery.id and problem["state"] == DeliveryState.FAILED
    assert "No such user" in problem["last_error"]
    assert problem["person_email"] == "viewer@test.example"
    page = await app_client.get("/manager/notifications")
    assert page.status_code == 200
    assert f'data-delivery="{delivery.id}"' in page.text and "No such user" in page.text


@pytest.mark.parametrize("who", ["alice@test.example", "manager@factory.example"])
async def test_nobody_but_a_supervisor_sees_the_deliveries(db, app_client, smtp_server, who):
    await refused_mail(db, smtp_server)
    await log_in(app_client, who)
    page = await app_client.get("/manager/notifications")
    assert page.status_code == 403 and "No such user" not in page.text
    api = await app_client.get("/api/v1/notifications/deliveries")
    assert api.status_code == 403 and api.json()["code"] == "supervisor_only"


async def test_a_visitor_is_sent_to_log_in(db, app_client):
    assert (await app_client.get("/manager/notifications")).url.path == "/login"
    assert (await app_client.get("/api/v1/notifications/deliveries")).status_code == 401
