"""Page plumbing: who is asking, in which language, and rendering with a common context.

Every HTML page goes through `prepare_page` (a `before_request` hook) which resolves the
actor once and fixes the request's language and time zone; handlers then take `actor`
(which sends visitors to the login form) and finish with `render`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

import msgspec
from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.exceptions import HTTPException, ValidationException
from litestar.response import Redirect, Template
from litestar.types import ExceptionHandlersMap

from app import i18n
from app.accounts.actor import Actor, Permission
from app.accounts.auth import resolve_actor
from app.accounts.directory import describe_me
from app.chat.inbox import unread_summary
from app.config import get_settings
from app.errors import DomainError, InvalidInput
from app.notifications.feed import unread_count
from app.orders.models import OrderStatus, UnitStage
from app.page_texts import (
    STAGE_LABELS,
    STATUS_LABELS,
    UNIT_LABELS,
    error_message,
    http_error_message,
    label,
    notice_text,
)

logger = logging.getLogger(__name__)
T = TypeVar("T")

LANG_COOKIE = "lang"
LOGIN_PATH = "/login"
_LANG_COOKIE_AGE = int(timedelta(days=365).total_seconds())


def parse_input(kind: type[T], values: Mapping[str, Any]) -> T:
    """Validate form values against an API schema, as the JSON API would."""
    try:
        return msgspec.convert(values, kind)
    except msgspec.ValidationError as exc:
        raise InvalidInput(str(exc), code="invalid") from exc


def form_int(value: Any) -> int | None:
    """A whole number typed into a form, or None when empty or not a number."""
    try:
        return int(str(value).strip())
    except ValueError:
        return None


PageActor = NamedDependency[Actor]
"""How a page handler asks for the logged-in actor: `actor: PageActor`."""


class LoginRequired(Exception):
    """A page needs a logged-in person; answered with a redirect to the login form."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def here(request: Request[Any, Any, Any]) -> str:
    """The path and query of the current request, for links back to it."""
    query = request.url.query
    return f"{request.url.path}?{query}" if query else request.url.path


def safe_next(value: str | None, default: str = "/") -> str:
    """A local path to go to after a form (never another site)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default


def url(path: str, params: Mapping[str, Any] | None = None, **more: Any) -> str:
    """`path` with a query string of the given parameters, empty ones left out."""
    merged = {**(params or {}), **more}
    pairs = [
        (k, str(v))
        for k, value in merged.items()
        for v in (value if isinstance(value, list | tuple) else [value])
        if v is not None and v != ""
    ]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def _chosen_language(request: Request[Any, Any, Any]) -> str | None:
    asked = request.query_params.get("lang")
    return asked if asked in i18n.LANGUAGES else None


def _drop_blank_parameters(request: Request[Any, Any, Any]) -> None:
    # A GET form sends its empty fields too (`?status=&number=`); on pages a blank field
    # means "not given", so it is dropped before the parameters are parsed and validated.
    raw = request.scope.get("query_string", b"")
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if v.strip()]
    if len(kept) != len(pairs):
        request.scope["query_string"] = urlencode(kept).encode("latin-1")


async def prepare_page(request: Request[Any, Any, Any]) -> None:
    """Before every page: resolve the actor and set the request's language and time zone."""
    _drop_blank_parameters(request)
    actor = await resolve_actor(request)
    request.state.actor = actor
    settings = get_settings()
    language = i18n.pick_language(
        _chosen_language(request),
        request.cookies.get(LANG_COOKIE),
        actor.language if actor else None,
        settings.default_language,
    )
    request.state.language = language
    i18n.current_language.set(language)
    i18n.current_time_zone.set(actor.time_zone if actor else settings.default_time_zone)


async def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    """Dependency for pages: the logged-in actor, or a trip to the login form."""
    actor: Actor | None = request.state.get("actor")
    if actor is None:
        raise LoginRequired(here(request))
    return actor


def _language_cookies(request: Request[Any, Any, Any]) -> list[Cookie]:
    chosen = _chosen_language(request)
    if chosen is None:
        return []
    return [
        Cookie(
            key=LANG_COOKIE,
            value=chosen,
            max_age=_LANG_COOKIE_AGE,
            samesite="lax",
            secure=get_settings().secure_cookies,
        )
    ]


def base_context(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """What every template may use: the actor, language links and the label helpers."""
    actor: Actor | None = request.state.get("actor")
    language = request.state.get("language", i18n.DEFAULT_LANGUAGE)
    current = here(request)
    params = request.query_params
    query = {k: params.getall(k) for k in params if k not in ("lang", "notice")}
    return {
        "actor": actor,
        "me": None,
        "language": language,
        "languages": i18n.LANGUAGES,
        "lang_url": lambda code: url(request.url.path, query, lang=code),
        "here": current,
        "notice": notice_text(request.query_params.get("notice")),
        "path": request.url.path,
        "url": url,
        "session_csrf_token": actor.csrf_token if actor else "",
        "may_order": actor is not None
        and not actor.is_staff
        and actor.has(Permission.PLACE_ORDERS),
        "status_label": lambda s: label(STATUS_LABELS, s),
        "stage_label": lambda s: label(STAGE_LABELS, s),
        "unit_label": lambda c: label(UNIT_LABELS, c),
        "statuses": list(OrderStatus),
        "stages": list(UnitStage),
    }


async def render(
    request: Request[Any, Any, Any], template: str, *, status_code: int = 200, **context: Any
) -> Template:
    """A page with the common context (and the dealer switcher for dealer people)."""
    base = base_context(request)
    actor = base["actor"]
    if actor is not None and not actor.is_staff:
        base["me"] = await describe_me(actor)
    if actor is not None and actor.has(Permission.CHAT):
        # The header's unread badge (frontend/templates/chat/_badge.html).
        unread = await unread_summary(actor)
        base["chat_unread"] = unread
        base["chat_unread_rooms"] = {r.room_id: r.unread for r in unread.rooms}
    if actor is not None:
        # The header's notification bell (frontend/templates/base.html).
        base["bell"] = await unread_count(actor)
    return Template(
        template_name=template,
        context={**base, **context},
        status_code=status_code,
        cookies=_language_cookies(request),
    )


def redirect(path: str) -> Redirect:
    """See-other redirect after a form post (or to a page that needs no form)."""
    return Redirect(path=path, status_code=303)


def error_page(request: Request[Any, Any, Any], status_code: int, message: str) -> Template:
    """A friendly error page (synchronous: exception handlers cannot await)."""
    return Template(
        template_name="error.html",
        context={**base_context(request), "status_code": status_code, "message": message},
        status_code=status_code,
        cookies=_language_cookies(request),
    )


def _login_required(request: Request[Any, Any, Any], exc: LoginRequired) -> Response[Any]:
    return redirect(url(LOGIN_PATH, next=exc.next_url))


def _domain_error(request: Request[Any, Any, Any], exc: DomainError) -> Response[Any]:
    return error_page(request, exc.status, error_message(exc))


def _validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    return error_page(request, 400, http_error_message(400))


def _http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    return error_page(request, exc.status_code, http_error_message(exc.status_code))


def _unexpected_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    logger.exception("unhandled error on page %s", request.url.path, exc_info=exc)
    return error_page(request, 500, http_error_message(500))


PAGE_EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    LoginRequired: _login_required,
    DomainError: _domain_error,
    ValidationException: _validation_error,
    HTTPException: _http_error,
    Exception: _unexpected_error,
}
