"""Every HTML page of the cabinet under one Router with the page plumbing of `app.web`.

The pages live with their domains (`app/<domain>/pages.py`); this module only mounts them,
so that `app.web` stays free of imports from the pages that use it.
"""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide

from app.accounts.pages import ACCOUNT_PAGES
from app.catalog.pages import CATALOG_PAGES
from app.chat.pages import CHAT_PAGES
from app.crm.pages import CRM_PAGES
from app.notifications.pages import NOTIFICATION_PAGES
from app.orders.draft_pages import DRAFT_PAGES
from app.orders.invoice_pages import INVOICE_PAGES
from app.orders.pages import ORDER_PAGES
from app.telegram.pages import TELEGRAM_PAGES
from app.web import PAGE_EXCEPTION_HANDLERS, prepare_page, provide_actor

PAGES = [
    Router(
        path="/",
        route_handlers=[
            *ACCOUNT_PAGES,
            *CATALOG_PAGES,
            *ORDER_PAGES,
            *DRAFT_PAGES,
            *INVOICE_PAGES,
            *CHAT_PAGES,
            *NOTIFICATION_PAGES,
            *TELEGRAM_PAGES,
            *CRM_PAGES,
        ],
        before_request=prepare_page,
        exception_handlers=PAGE_EXCEPTION_HANDLERS,
        dependencies={"actor": Provide(provide_actor)},
        include_in_schema=False,
    )
]
