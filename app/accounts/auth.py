"""Authentication at the edge: session cookie or bearer token to an `Actor`."""

from __future__ import annotations

import hmac
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency

from app.accounts.actor import Actor
from app.accounts.service import actor_from_session, actor_from_token
from app.errors import AuthenticationRequired, Forbidden

SESSION_COOKIE = "dc_session"
CSRF_HEADER = "x-csrf-token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def client_address(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The peer address (behind a proxy, run the server with --proxy-headers)."""
    return connection.client.host if connection.client else ""


async def resolve_actor(connection: ASGIConnection[Any, Any, Any, Any]) -> Actor | None:
    """The caller of a request or websocket: bearer token first, then the session cookie."""
    ip = client_address(connection)
    user_agent = connection.headers.get("user-agent", "")
    authorization = connection.headers.get("authorization", "")
    if authorization:
        scheme, _, secret = authorization.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return None
        return await actor_from_token(secret.strip(), ip, user_agent)
    key = connection.cookies.get(SESSION_COOKIE)
    if key:
        return await actor_from_session(key, ip, user_agent)
    return None


async def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    """Dependency for API handlers: the caller, or 401.

    Cookie-authenticated changes must carry the session's CSRF token in a header;
    bearer tokens are not sent by browsers on their own, so they need none.
    """
    actor = await resolve_actor(request)
    if actor is None:
        raise AuthenticationRequired("Log in or send a bearer token")
    if actor.session_id is not None and request.method not in _SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), actor.csrf_token.encode()):
            raise Forbidden("Missing or wrong CSRF token", code="csrf_failed")
    return actor


async def provide_optional_actor(request: Request[Any, Any, Any]) -> Actor | None:
    """Dependency for pages that also serve visitors who are not logged in."""
    return await resolve_actor(request)


CurrentActor = NamedDependency[Actor]
"""Handler parameter type for the `actor` dependency."""
