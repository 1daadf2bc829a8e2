"""The one map from domain errors to HTTP answers and websocket error frames.

Every error body has the same shape: status, code, message and, where one input is at
fault, the field it came from.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import msgspec
from litestar import Controller, Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    NotFoundException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import ResponseSpec
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from realtime.hooks import CommandError

logger = logging.getLogger(__name__)


class ErrorBody(msgspec.Struct, omit_defaults=True):
    """What every failed request gets back."""

    status: int
    code: str
    message: str
    field: str | None = None


class DomainError(Exception):
    """Base of the errors services raise; subclasses fix the status and default code."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.field = field

    def body(self) -> ErrorBody:
        """This error as the structured body."""
        return ErrorBody(status=self.status, code=self.code, message=self.message, field=self.field)


class InvalidInput(DomainError):
    """The request is well-formed but a value breaks a rule."""

    status = 422
    code = "invalid"


class AuthenticationRequired(DomainError):
    """No valid session or token."""

    status = 401
    code = "authentication_required"


class Forbidden(DomainError):
    """The caller is known but may not do this (used where existence is no secret)."""

    status = 403
    code = "forbidden"


class NotFound(DomainError):
    """No such object, or one the caller may not see: the two answers are identical."""

    status = 404
    code = "not_found"


class Conflict(DomainError):
    """The object's state forbids the change (for example a forbidden status transition)."""

    status = 409
    code = "conflict"


class TooManyRequests(DomainError):
    """Throttled; `retry_after` seconds until the next attempt may succeed."""

    status = 429
    code = "too_many_requests"

    def __init__(self, message: str, *, retry_after: int, code: str | None = None):
        super().__init__(message, code=code)
        self.retry_after = retry_after


def _json(body: ErrorBody, headers: dict[str, str] | None = None) -> Response[Any]:
    return Response(
        content=msgspec.json.encode(body),
        status_code=body.status,
        media_type="application/json",
        headers=headers,
    )


def domain_error_handler(_: Request[Any, Any, Any], exc: DomainError) -> Response[Any]:
    """Turn a service's error into its structured answer."""
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyRequests) else None
    return _json(exc.body(), headers)


_NAMED_FIELD = re.compile(r"field `([^`]+)`")
_AT_PATH = re.compile(r"at `\$\.([^`]+)`")


@contextmanager
def command_errors() -> Iterator[None]:
    """Run a websocket command's body: its domain and validation errors become error frames.

    The codes are the HTTP answers' codes (`invalid`, `not_found`, `forbidden`, ...).
    """
    try:
        yield
    except DomainError as exc:
        raise CommandError(exc.code, exc.message, exc.field) from exc
    except msgspec.ValidationError as exc:
        text = str(exc)
        named = _AT_PATH.search(text) or _NAMED_FIELD.search(text)
        raise CommandError("invalid", text, named.group(1) if named else None) from exc


def _field_from_validation(extra: Any) -> tuple[str | None, str | None]:
    if isinstance(extra, list) and extra and isinstance(extra[0], dict):
        first = extra[0]
        key = first.get("key")
        message = first.get("message")
        # A missing or unknown body field is reported at the body itself ("data");
        # the field's name is only in msgspec's message.
        named = _NAMED_FIELD.search(message) if isinstance(message, str) else None
        if key == "data" and named:
            return named.group(1), message
        if isinstance(key, str) and key:
            return key, message
        return None, message
    return None, None


def validation_error_handler(_: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    """msgspec and Litestar parameter validation: 422 naming the field at fault."""
    field, message = _field_from_validation(exc.extra)
    text = message or exc.detail or "Invalid input"
    if field and field.startswith("$."):
        field = field[2:]
    return _json(ErrorBody(status=422, code="invalid", message=text, field=field))


_HTTP_CODES: dict[type[HTTPException], str] = {
    NotAuthorizedException: "authentication_required",
    PermissionDeniedException: "forbidden",
    NotFoundException: "not_found",
}


def http_error_handler(_: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    """Framework errors (unknown route, wrong method, oversized body) in the same shape."""
    code = _HTTP_CODES.get(type(exc)) or {
        405: "method_not_allowed",
        413: "payload_too_large",
        429: "too_many_requests",
    }.get(exc.status_code, "bad_request" if exc.status_code < 500 else "server_error")
    return _json(ErrorBody(status=exc.status_code, code=code, message=str(exc.detail)))


def unexpected_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Anything unplanned: logged with its traceback, answered without internals."""
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _json(
        ErrorBody(
            status=HTTP_500_INTERNAL_SERVER_ERROR, code="server_error", message="Internal error"
        )
    )


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error_handler,
    ValidationException: validation_error_handler,
    HTTPException: http_error_handler,
    Exception: unexpected_error_handler,
}


_ERROR_STATUSES = {
    400: "Malformed request",
    401: "Authentication required",
    403: "Not allowed for this person or dealer",
    404: "No such object within the caller's reach",
    409: "The object's state forbids the change",
    422: "Invalid input; `field` names the input at fault",
    429: "Too many attempts; see Retry-After",
}


def document_errors(*controllers: type[Controller]) -> list[type[Controller]]:
    """Declare the error body on every API operation, so generated clients expect it.

    Litestar documents its own validation error (400, another shape) by default; our
    handlers answer every error with `ErrorBody`, and the OpenAPI says so.
    """
    for controller in controllers:
        for handler in vars(controller).values():
            if isinstance(handler, HTTPRouteHandler):
                declared = dict(handler.responses or {})
                for status, description in _ERROR_STATUSES.items():
                    declared.setdefault(
                        status, ResponseSpec(data_container=ErrorBody, description=description)
                    )
                handler.responses = declared
    return list(controllers)
