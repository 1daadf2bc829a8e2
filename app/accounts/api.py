"""JSON API: tokens, the caller, dealers and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from litestar import Controller, Request, delete, get, patch, post, put
from litestar.di import Provide
from litestar.params import FromQuery, JSONBody, QueryParameter

from app.accounts import directory, service
from app.accounts.auth import CurrentActor, client_address, provide_actor
from app.accounts.schemas import (
    ActiveDealerUpdate,
    AuditPage,
    DealerRead,
    MeRead,
    ProfileUpdate,
    TokenCreate,
    TokenIssued,
    TokenRead,
)
from app.params import PathId, QueryBigId, QueryId, as_utc


def _token_read(t: Any) -> TokenRead:
    return TokenRead(
        id=t.id,
        name=t.name,
        prefix=t.prefix,
        created_at=t.created_at,
        last_used_at=t.last_used_at,
        revoked_at=t.revoked_at,
    )


class AuthController(Controller):
    """Personal API tokens for mobile apps."""

    path = "/api/v1/auth"
    tags = ["auth"]

    @post("/tokens", status_code=201)
    async def create_token(
        self, request: Request[Any, Any, Any], data: JSONBody[TokenCreate]
    ) -> TokenIssued:
        """Exchange email and password for a bearer token; the secret is shown only here."""
        secret, token = await service.issue_api_token(
            data.email,
            data.password,
            data.device_name,
            client_address(request),
            request.headers.get("user-agent", ""),
        )
        return TokenIssued(id=token.id, token=secret, name=token.name, created_at=token.created_at)

    @get("/tokens", dependencies={"actor": Provide(provide_actor)})
    async def list_tokens(self, actor: CurrentActor) -> list[TokenRead]:
        """The caller's tokens, newest first (secrets are never shown again)."""
        return [_token_read(t) for t in await service.list_api_tokens(actor)]

    @delete(
        "/tokens/{token_id:int}", status_code=204, dependencies={"actor": Provide(provide_actor)}
    )
    async def revoke_token(self, actor: CurrentActor, token_id: PathId) -> None:
        """Revoke one of the caller's tokens."""
        await service.revoke_api_token(actor, token_id)


class MeController(Controller):
    """The caller: identity, dealers they act for, profile."""

    path = "/api/v1/me"
    tags = ["me"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/")
    async def me(self, actor: CurrentActor) -> MeRead:
        """Who the caller is and whom they act for."""
        return await directory.describe_me(actor)

    @put("/active-dealer")
    async def switch_dealer(
        self, actor: CurrentActor, data: JSONBody[ActiveDealerUpdate]
    ) -> MeRead:
        """Act for another dealer the caller is a member of."""
        return await directory.describe_me(
            await service.switch_active_dealer(actor, data.dealer_id)
        )

    @patch("/")
    async def update_profile(self, actor: CurrentActor, data: JSONBody[ProfileUpdate]) -> MeRead:
        """Change one's language or time zone."""
        await directory.update_profile(actor, data)
        return await directory.describe_me(actor)


class DealerController(Controller):
    """Dealers within the caller's reach."""

    path = "/api/v1/dealers"
    tags = ["dealers"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/")
    async def list_dealers(self, actor: CurrentActor) -> list[DealerRead]:
        """Dealers the caller may see: their own (and subsidiaries), assigned, or all."""
        return await directory.list_dealers(actor)

    @get("/{dealer_id:int}")
    async def get_dealer(self, actor: CurrentActor, dealer_id: PathId) -> DealerRead:
        """One dealer's legal details."""
        return await directory.get_dealer(actor, dealer_id)


class AuditController(Controller):
    """The audit log, for supervisors."""

    path = "/api/v1/audit"
    tags = ["audit"]
    dependencies = {"actor": Provide(provide_actor)}

    @get("/")
    async def query(
        self,
        actor: CurrentActor,
        person_id: QueryId = None,
        dealer_id: QueryId = None,
        action: Annotated[str | None, QueryParameter(max_length=64)] = None,
        object_type: Annotated[str | None, QueryParameter(max_length=32)] = None,
        object_id: Annotated[str | None, QueryParameter(max_length=64)] = None,
        since: FromQuery[datetime | None] = None,
        until: FromQuery[datetime | None] = None,
        cursor: QueryBigId = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> AuditPage:
        """Who did what, newest first, with filters and keyset pagination."""
        return await directory.query_audit(
            actor,
            person_id=person_id,
            dealer_id=dealer_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            since=as_utc(since),
            until=as_utc(until),
            cursor=cursor,
            limit=limit,
        )


ACCOUNTS_API = [AuthController, MeController, DealerController, AuditController]
