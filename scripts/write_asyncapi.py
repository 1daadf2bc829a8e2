"""Write docs/asyncapi.json: the websocket API's AsyncAPI document, from the Structs.

Run it after changing a frame in `realtime/protocol.py` or an event Struct, and commit
the result with the change; `tests/test_asyncapi.py` fails while the file is stale.

    python scripts/write_asyncapi.py          # rewrite docs/asyncapi.json
    python scripts/write_asyncapi.py --check  # write nothing; exit 1 when it is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.accounts.auth import SESSION_COOKIE
from app.catalog.events import CatalogEvent
from app.chat.events import ChatEvent
from app.crm.events import CrmEvent
from app.notifications.events import NotificationEvent
from app.orders.events import OrderEvent
from realtime.asyncapi import asyncapi_document, render_document
from realtime.hooks import PrincipalChanged

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "asyncapi.json"

EVENT_PAYLOADS: dict[str, Any] = {
    "orders": OrderEvent,
    "catalog": CatalogEvent,
    "chat": ChatEvent,
    "crm": CrmEvent,
    "notifications": NotificationEvent,
    "control": PrincipalChanged,
}
"""Every event the cabinet emits, by family (`control` stays inside the servers)."""


def asyncapi_text() -> str:
    """The document as it should be committed."""
    document = asyncapi_document(
        title="Dealer cabinet live API",
        version="1.0.0",
        server_url_example="wss://cabinet.example.com",
        event_payloads=EVENT_PAYLOADS,
        session_cookie=SESSION_COOKIE,
    )
    return render_document(document)


def main(argv: list[str] | None = None) -> int:
    """Write the document, or with --check only compare it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = asyncapi_text()
    current = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.exists() else ""
    if args.check:
        if current != text:
            print(f"{DOCUMENT} is stale: run `python scripts/write_asyncapi.py`")
            return 1
        return 0
    if current != text:
        DOCUMENT.write_text(text, encoding="utf-8")
        print(f"wrote {DOCUMENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
