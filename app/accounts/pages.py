"""HTML pages for logging in and out and for choosing the dealer one acts for."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.params import FromQuery

from app.accounts import service
from app.accounts.auth import SESSION_COOKIE, client_address
from app.config import get_settings
from app.errors import AuthenticationRequired, TooManyRequests
from app.page_texts import error_message
from app.web import PageActor, form_int, redirect, render, safe_next


class SessionPages(Controller):
    """The login form, logging out and the dealer switcher."""

    include_in_schema = False

    @get("/login")
    async def login_form(
        self, request: Request[Any, Any, Any], next: FromQuery[str] = "/"
    ) -> Response[Any]:
        """The login form; someone already logged in goes straight on."""
        if request.state.get("actor") is not None:
            return redirect(safe_next(next))
        return await render(request, "login.html", next=safe_next(next), email="", error=None)

    @post("/login")
    async def login(self, request: Request[Any, Any, Any]) -> Response[Any]:
        """Check the password, open a session and go where the visitor was heading."""
        form = await request.form()
        email = str(form.get("email", "")).strip()
        target = safe_next(str(form.get("next", "")))
        ip = client_address(request)
        try:
            person = await service.authenticate(email, str(form.get("password", "")), ip)
        except (AuthenticationRequired, TooManyRequests) as exc:
            return await render(
                request,
                "login.html",
                status_code=exc.status,
                next=target,
                email=email,
                error=error_message(exc),
            )
        key, _ = await service.open_session(person, ip, request.headers.get("user-agent", ""))
        settings = get_settings()
        response = redirect(target)
        response.set_cookie(
            SESSION_COOKIE,
            key,
            max_age=int(timedelta(days=settings.session_days).total_seconds()),
            httponly=True,
            samesite="lax",
            secure=settings.secure_cookies,
        )
        return response

    @post("/logout")
    async def logout(self, actor: PageActor) -> Response[Any]:
        """End the session everywhere and go back to the login form."""
        await service.close_session(actor)
        response = redirect("/login")
        response.delete_cookie(SESSION_COOKIE)
        return response

    @post("/active-dealer")
    async def switch_dealer(
        self, request: Request[Any, Any, Any], actor: PageActor
    ) -> Response[Any]:
        """Act for another dealer the person is a member of."""
        form = await request.form()
        await service.switch_active_dealer(actor, form_int(form.get("dealer_id")) or 0)
        return redirect(safe_next(str(form.get("next", ""))))


ACCOUNT_PAGES = [SessionPages]
