"""create_app(): the Litestar application, wired from the domain packages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.csrf import CSRFConfig
from litestar.logging import LoggingConfig
from litestar.openapi import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from app.accounts.api import ACCOUNTS_API
from app.catalog.api import CATALOG_API
from app.chat.api import CHAT_API
from app.collector import collector_tuned
from app.config import Settings, get_settings
from app.crm.api import CRM_API
from app.db import close_db, init_db
from app.errors import EXCEPTION_HANDLERS, document_errors
from app.live import live_lifespan, live_socket
from app.notifications.api import NOTIFICATIONS_API
from app.orders.api import ORDERS_API
from app.pages import PAGES
from app.telegram.api import TELEGRAM_API, load_bot
from app.templating import FRONTEND, template_environment
from realtime.log_noise import quiet_client_noise


def create_app(settings: Settings | None = None, *, manage_database: bool = True) -> Litestar:
    """The web application; `manage_database=False` when the caller opened the ORM already."""
    settings = settings or get_settings()
    quiet_client_noise()
    load_bot(settings)

    @asynccontextmanager
    async def database(_: Litestar) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        await init_db(settings)
        try:
            yield
        finally:
            await close_db()

    return Litestar(
        route_handlers=[
            *document_errors(
                *ACCOUNTS_API,
                *CATALOG_API,
                *ORDERS_API,
                *CHAT_API,
                *NOTIFICATIONS_API,
                *CRM_API,
                *TELEGRAM_API,
            ),
            *PAGES,
            live_socket,
            create_static_files_router(path="/static", directories=[FRONTEND / "static"]),
        ],
        lifespan=[database, live_lifespan(settings), collector_tuned],
        exception_handlers=EXCEPTION_HANDLERS,
        template_config=TemplateConfig(
            instance=JinjaTemplateEngine.from_environment(template_environment())
        ),
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_secure=settings.secure_cookies,
            cookie_samesite="lax",
            exclude=["/api/", "/schema", "/static/", "/ws/"],
        ),
        openapi_config=OpenAPIConfig(title="Dealer cabinet API", version="1.0.0"),
        logging_config=LoggingConfig(log_exceptions="debug"),
        request_max_body_size=2 * 1024 * 1024,
        debug=settings.debug,
    )
