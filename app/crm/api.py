"""The CRM's webhook endpoint and the supervisors' JSON API of the sync."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import Provide

from app.accounts.auth import CurrentActor, client_address, provide_actor
from app.crm import inbound, supervision
from app.crm.schemas import DealSyncRead, SyncOverview, WebhookAnswer
from app.params import PathId


class CrmWebhookController(Controller):
    """Where the CRM's outbound webhook calls (`ONCRMDEALUPDATE`), form-encoded.

    Not part of the clients' API (left out of the OpenAPI): the caller is the CRM, known
    by its application token, not a person.
    """

    path = "/crm"
    include_in_schema = False

    @post("/webhook", status_code=200, opt={"exclude_from_csrf": True})
    async def webhook(self, request: Request[Any, Any, Any]) -> WebhookAnswer:
        """Check and record the call; a worker re-reads the deal and applies it."""
        form = await request.form()
        fields = {key: str(form.get(key, "")) for key in form}
        outcome = await inbound.receive_webhook(fields, remote=client_address(request))
        return WebhookAnswer(outcome=outcome)


class CrmSyncController(Controller):
    """The CRM sync's state, for supervisors."""

    path = "/api/v1/crm"
    tags = ["crm"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/sync")
    async def overview(self, actor: CurrentActor) -> SyncOverview:
        """Deals by sync state, deals that need attention, and recent webhook calls."""
        return await supervision.sync_overview(actor)

    @post("/deals/{order_id:int}/retry", status_code=200)
    async def retry(self, actor: CurrentActor, order_id: PathId) -> DealSyncRead:
        """Push the order's deal at the next opportunity (a failed one gets a new chance)."""
        return await supervision.retry_deal_now(actor, order_id)


CRM_API: list[Any] = [CrmWebhookController, CrmSyncController]
