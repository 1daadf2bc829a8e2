"""The Telegram section of the profile: link status, the one-time deep link, unlinking."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post

from app.telegram import linking
from app.telegram.schemas import TelegramLinkOffer
from app.web import PageActor, redirect, render

PAGE = "/profile/telegram"


async def _page(
    request: Request[Any, Any, Any],
    actor: PageActor,
    offer: TelegramLinkOffer | None = None,
    *,
    unlinked: bool = False,
) -> Response[Any]:
    status = await linking.telegram_status(actor)
    return await render(
        request, "telegram/profile.html", telegram=status, offer=offer, unlinked=unlinked
    )


class TelegramPages(Controller):
    """`/profile/telegram` and its two forms."""

    include_in_schema = False

    @get(PAGE)
    async def profile(self, request: Request[Any, Any, Any], actor: PageActor) -> Response[Any]:
        """Linked or not; when no bot is configured the page says so."""
        return await _page(request, actor, unlinked=request.query_params.get("unlinked") == "1")

    @post(PAGE + "/link")
    async def offer_link(self, request: Request[Any, Any, Any], actor: PageActor) -> Response[Any]:
        """Show a fresh deep link (rendered, not redirected: the token stays out of URLs)."""
        if not linking.telegram_configured():
            return await _page(request, actor)
        return await _page(request, actor, await linking.offer_link(actor))

    @post(PAGE + "/unlink")
    async def unlink(self, actor: PageActor) -> Response[Any]:
        """Unlink the chat and come back to the page."""
        await linking.unlink_person(actor)
        return redirect(PAGE + "?unlinked=1")


TELEGRAM_PAGES = [TelegramPages]
