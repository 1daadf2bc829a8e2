"""A stand-in for a Bitrix24-style CRM: its REST methods over HTTP, its outbound webhook.

An aiohttp.web server that speaks the documented protocol (an inbound webhook URL
`/rest/<user>/<key>/<method>.json`; answers `{"result": ..., "time": {...}}` or
`{"error": ..., "error_description": ...}` with the CRM's status codes) over an in-memory
store of deals, their product rows, companies and contacts. Tests use it to:
- see what the cabinet pushed (`deals`, `rows`, `calls`);
- make the CRM unavailable for a while (`go_down("503")`, `go_down("refuse")`, `come_up()`)
  or over its call limit (`limit_calls()`);
- act as a manager in the CRM (`manager_sets_stage`, `manager_sets_rows`,
  `manager_sets_comment`), which changes the deal and returns the outbound webhook's form,
  then deliver that form to the cabinet (`post_form`, or the app's test client): genuine,
  forged, duplicated or out of order, all up to the test; `echoes` are the webhooks the
  CRM raised for the cabinet's own pushes;
- answer one read from a lagging replica (`serve_previous_read_once`);
- give the next deal an id the cabinet cannot store (`next_deal_id`), or keep a row field
  the CRM sends in a form the cabinet cannot read (write it into `rows` directly).
"""

from __future__ import annotations

import copy
import dataclasses
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from app.config import Settings, get_settings
from app.crm import applying, inbound, outbound, supervision
from app.crm.client import CrmClient
from realtime.consumer import DurableConsumer
from tests.live_fixtures import free_port

MSK = timezone(timedelta(hours=3))
"""The portal's time zone: DATE_MODIFY carries its offset, as Bitrix24's does."""
USER_ID = 1
WEBHOOK_KEY = "s3cr3tk3y"
APPLICATION_TOKEN = "51856fefc120afa4b628cc82d3935cce"
DOMAIN = "factory.bitrix24.example"

Form = list[tuple[str, str]]


def _error(status: int, code: str, description: str) -> web.Response:
    return web.json_response({"error": code, "error_description": description}, status=status)


def _matches(entity: dict[str, Any], conditions: dict[str, Any]) -> bool:
    for key, wanted in conditions.items():
        field = key.lstrip("=")
        if str(entity.get(field, "")) != str(wanted):
            return False
    return True


class CrmStandIn:
    """The stand-in CRM server and its store; `await start()`, then `base_url`."""

    def __init__(self) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/rest/{USER_ID}/{WEBHOOK_KEY}/"
        self.deals: dict[int, dict[str, Any]] = {}
        self.rows: dict[int, list[dict[str, Any]]] = {}
        self.companies: dict[int, dict[str, Any]] = {}
        self.contacts: dict[int, dict[str, Any]] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        """Every REST call that reached the store, in order (method, params)."""
        self.refused_calls = 0
        """Calls answered with an outage or a limit instead."""
        self.echoes: list[Form] = []
        """Webhook forms the CRM raised for changes made over REST (the cabinet's pushes)."""
        self._history: dict[int, list[tuple[dict[str, Any], list[dict[str, Any]]]]] = {}
        self._lagging: set[int] = set()
        self._next_id = 100
        self.next_deal_id: int | None = None
        """The id `crm.deal.add` gives the next deal (once), instead of the next in turn."""
        self._clock = datetime.now(MSK).replace(microsecond=0)
        self._outage: str | None = None
        self._limited = False
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    # --- the server -------------------------------------------------------------------

    async def start(self) -> None:
        """Serve on `self.port` (again, after `go_down("refuse")`)."""
        if self._runner is None:
            app = web.Application()
            app.router.add_post("/rest/{user}/{key}/{method}", self._handle)
            self._runner = web.AppRunner(app, access_log=None)
            await self._runner.setup()
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await self._site.start()

    async def stop(self) -> None:
        """Stop serving for good."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = self._site = None

    async def go_down(self, how: str = "503") -> None:
        """Be unavailable: "503" answers Service Unavailable, "refuse" stops listening."""
        self._outage = how
        if how == "refuse" and self._site is not None:
            await self._site.stop()
            self._site = None

    async def come_up(self) -> None:
        """Answer again."""
        if self._outage == "refuse":
            await self.start()
        self._outage = None

    def limit_calls(self, on: bool = True) -> None:
        """Answer every call with QUERY_LIMIT_EXCEEDED (HTTP 503) while on."""
        self._limited = on

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if self._outage == "503":
            self.refused_calls += 1
            return web.Response(status=503, text="Service Unavailable")
        if self._limited:
            self.refused_calls += 1
            return _error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")
        if request.match_info["key"] != WEBHOOK_KEY:
            return _error(401, "INVALID_CREDENTIALS", "Invalid request credentials")
        method = request.match_info["method"].removesuffix(".json")
        params = await request.json() if request.can_read_body else {}
        handler = self._methods().get(method)
        if handler is None:
            return _error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
        self.calls.append((method, params))
        started = time.time()
        try:
            result = handler(params)
        except LookupError:
            return _error(400, "", "Not found")
        except ValueError as exc:
            return _error(400, "", str(exc))
        finish = time.time()
        timing = {"start": started, "finish": finish, "duration": finish - started}
        return web.json_response({"result": result, "time": timing})

    def _methods(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {
            "crm.deal.add": self._deal_add,
            "crm.deal.update": self._deal_update,
            "crm.deal.get": self._deal_get,
            "crm.deal.list": lambda p: self._list(self.deals, p),
            "crm.deal.productrows.set": self._rows_set,
            "crm.deal.productrows.get": self._rows_get,
            "crm.company.add": lambda p: self._add(self.companies, p),
            "crm.company.list": lambda p: self._list(self.companies, p),
            "crm.contact.add": lambda p: self._add(self.contacts, p),
            "crm.contact.list": lambda p: self._list(self.contacts, p),
        }

    # --- the store ----------------------------------------------------------------------

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _tick(self) -> str:
        """DATE_MODIFY of a change now: a second after the last one at least."""
        now = datetime.now(MSK).replace(microsecond=0)
        self._clock = max(now, self._clock + timedelta(seconds=1))
        return self._clock.isoformat()

    def _touch(self, deal_id: int) -> None:
        self._history.setdefault(deal_id, []).append(
            (copy.deepcopy(self.deals[deal_id]), copy.deepcopy(self.rows.get(deal_id, [])))
        )
        self.deals[deal_id]["DATE_MODIFY"] = self._tick()

    def _add(self, store: dict[int, dict[str, Any]], params: dict[str, Any]) -> int:
        entity_id = self._new_id()
        store[entity_id] = {**params["fields"], "ID": str(entity_id)}
        return entity_id

    def _list(self, store: dict[int, dict[str, Any]], params: dict[str, Any]) -> list[Any]:
        conditions = params.get("filter", {})
        return [copy.deepcopy(entity) for entity in store.values() if _matches(entity, conditions)]

    def _deal(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.deals[int(params["id"])]

    def _deal_add(self, params: dict[str, Any]) -> int:
        fields = dict(params["fields"])
        contact_ids = fields.pop("CONTACT_IDS", [])
        deal_id, self.next_deal_id = self.next_deal_id or self._new_id(), None
        self.deals[deal_id] = {
            "ID": str(deal_id),
            "STAGE_ID": "NEW",
            "OPPORTUNITY": "0.00",
            "CURRENCY_ID": "RUB",
            "COMMENTS": "",
            **{k: str(v) for k, v in fields.items()},
            "CONTACT_ID": str(contact_ids[0]) if contact_ids else None,
            "DATE_CREATE": self._tick(),
        }
        self.deals[deal_id]["DATE_MODIFY"] = self.deals[deal_id]["DATE_CREATE"]
        self.rows[deal_id] = []
        return deal_id

    def _deal_update(self, params: dict[str, Any]) -> bool:
        deal = self._deal(params)
        self._touch(int(deal["ID"]))
        deal.update({k: str(v) for k, v in params["fields"].items()})
        self._echo(int(deal["ID"]))
        return True

    def _deal_get(self, params: dict[str, Any]) -> dict[str, Any]:
        deal_id = int(params["id"])
        if deal_id not in self.deals:
            raise LookupError(deal_id)
        if deal_id in self._lagging and self._history.get(deal_id):
            self._lagging.discard(deal_id)
            return copy.deepcopy(self._history[deal_id][-1][0])
        return copy.deepcopy(self.deals[deal_id])

    def _rows_set(self, params: dict[str, Any]) -> bool:
        deal_id = int(params["id"])
        if deal_id not in self.deals:
            raise LookupError(deal_id)
        self._touch(deal_id)
        self._store_rows(deal_id, params["rows"])
        self._echo(deal_id)
        return True

    def _store_rows(self, deal_id: int, rows: list[dict[str, Any]]) -> None:
        stored = []
        for sort, row in enumerate(rows, start=1):
            stored.append(
                {
                    "ID": str(self._new_id()),
                    "OWNER_ID": str(deal_id),
                    "OWNER_TYPE": "D",
                    "PRODUCT_ID": row.get("PRODUCT_ID", 0),
                    "PRODUCT_NAME": row.get("PRODUCT_NAME", ""),
                    "PRICE": float(row.get("PRICE", 0)),
                    "QUANTITY": float(row.get("QUANTITY", 1)),
                    "MEASURE_NAME": row.get("MEASURE_NAME", ""),
                    "SORT": int(row.get("SORT", sort * 10)),
                }
            )
        self.rows[deal_id] = stored
        total = sum(Decimal(str(r["PRICE"])) * Decimal(str(r["QUANTITY"])) for r in stored)
        self.deals[deal_id]["OPPORTUNITY"] = f"{total:.2f}"

    def _rows_get(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        deal_id = int(params["id"])
        if deal_id not in self.deals:
            raise LookupError(deal_id)
        return copy.deepcopy(self.rows[deal_id])

    # --- the outbound webhook -----------------------------------------------------------

    def webhook_form(
        self,
        deal_id: int,
        *,
        token: str = APPLICATION_TOKEN,
        ts: int | None = None,
        event: str = "ONCRMDEALUPDATE",
    ) -> Form:
        """The form Bitrix24 posts for an event about a deal (`ts`: now unless given)."""
        return [
            ("event", event),
            ("event_handler_id", "7"),
            ("data[FIELDS][ID]", str(deal_id)),
            ("ts", str(int(time.time()) if ts is None else ts)),
            ("auth[domain]", DOMAIN),
            ("auth[client_endpoint]", f"https://{DOMAIN}/rest/"),
            ("auth[server_endpoint]", "https://oauth.bitrix.info/rest/"),
            ("auth[member_id]", "a223c6b3710f85df22e9377d6c4f7553"),
            ("auth[application_token]", token),
        ]

    def _echo(self, deal_id: int) -> None:
        """Like Bitrix24, a change made over REST raises ONCRMDEALUPDATE too."""
        self.echoes.append(self.webhook_form(deal_id))

    # --- a manager at work in the CRM ---------------------------------------------------

    def manager_sets_stage(self, deal_id: int, stage_id: str) -> Form:
        """Move the deal to a stage; returns the outbound webhook's form."""
        self._touch(deal_id)
        self.deals[deal_id]["STAGE_ID"] = stage_id
        return self.webhook_form(deal_id)

    def manager_sets_comment(self, deal_id: int, text: str) -> Form:
        """Write the deal's comment; returns the outbound webhook's form."""
        self._touch(deal_id)
        self.deals[deal_id]["COMMENTS"] = text
        return self.webhook_form(deal_id)

    def manager_sets_rows(self, deal_id: int, rows: list[dict[str, Any]]) -> Form:
        """Replace the deal's product rows (the amount is recounted); returns the form."""
        self._touch(deal_id)
        self._store_rows(deal_id, rows)
        return self.webhook_form(deal_id)

    def serve_previous_read_once(self, deal_id: int) -> None:
        """The next `crm.deal.get` of the deal answers the state before its last change,
        as a lagging replica might."""
        self._lagging.add(deal_id)

    # --- reading the store --------------------------------------------------------------

    def deal_of_order(self, order_id: int) -> dict[str, Any] | None:
        """The deal the cabinet created for an order (by ORIGIN_ID), if any."""
        found = [d for d in self.deals.values() if d.get("ORIGIN_ID") == str(order_id)]
        assert len(found) <= 1, f"{len(found)} deals for order {order_id}"
        return found[0] if found else None

    def methods_called(self) -> list[str]:
        """The REST methods called so far, in order."""
        return [method for method, _ in self.calls]


async def post_form(url: str, form: Form) -> int:
    """POST a form-encoded webhook to a served cabinet; the HTTP status."""
    async with aiohttp.ClientSession() as session, session.post(url, data=form) as response:
        return response.status


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture
async def crm(db: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[CrmStandIn]:
    """The stand-in CRM, serving; the cabinet (in this process, and the web and worker
    processes a test starts afterwards) configured to use it."""
    standin = CrmStandIn()
    await standin.start()
    settings = dataclasses.replace(
        get_settings(), crm_base_url=standin.base_url, crm_application_token=APPLICATION_TOKEN
    )
    for module in (inbound, supervision):
        monkeypatch.setattr(module, "get_settings", lambda: settings)
    monkeypatch.setenv("CRM_BASE_URL", standin.base_url)
    monkeypatch.setenv("CRM_APPLICATION_TOKEN", APPLICATION_TOKEN)
    try:
        yield standin
    finally:
        await standin.stop()


@pytest.fixture
async def crm_client(crm: CrmStandIn) -> AsyncIterator[CrmClient]:
    """The cabinet's CRM client, pointed at the stand-in (short timeout)."""
    async with aiohttp.ClientSession() as session:
        yield CrmClient(session, crm.base_url, timeout=5)


async def run_sync(client: CrmClient) -> None:
    """What the worker's sync loop does once, in this process: consume order events, push
    every due deal, apply every due webhook call."""
    consumer = DurableConsumer(
        outbound.CONSUMER, outbound.note_order_event, prefixes=outbound.TOPIC_PREFIXES
    )
    await consumer.run_once()
    now = datetime.now(UTC)
    for order_id in await outbound.due_pushes(now):
        await outbound.push_deal(client, order_id)
    for inbound_id in await applying.due_inbound(now):
        await applying.apply_inbound(client, inbound_id)
