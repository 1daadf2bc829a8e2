"""A small client of the CRM's REST methods (Bitrix24-style, through an inbound webhook URL).

Every call is `POST <base><method>.json` with a JSON body; the answer is
`{"result": ..., "time": {...}}` or `{"error": "...", "error_description": "..."}`. Failures
come out as one of two kinds, because the caller does different things with them:
`CrmUnavailable` (the CRM is away, slow, or asks us to slow down: try again later) and
`CrmRefused` (the CRM understood and said no: retrying the same call will not help).
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any, TypeVar

import aiohttp
import msgspec

logger = logging.getLogger(__name__)
T = TypeVar("T")

ORIGINATOR = "dealer-cabinet"
"""ORIGINATOR_ID of everything the cabinet creates in the CRM (with ORIGIN_ID = our id)."""

SLOW_DOWN_SECONDS = 2.0
"""How long to wait after QUERY_LIMIT_EXCEEDED (Bitrix24 allows about 2 calls a second)."""


class CrmUnavailable(Exception):
    """The CRM is away, too slow, or over its call limit: the call may succeed later."""

    def __init__(self, reason: str, *, after_seconds: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after_seconds = after_seconds


class CrmRefused(Exception):
    """The CRM answered with an error that repeating the call will not fix."""

    def __init__(self, status: int, code: str, description: str) -> None:
        super().__init__(f"{status} {code}: {description}".strip())
        self.status = status
        self.code = code
        self.description = description


class Deal(msgspec.Struct, rename="upper", kw_only=True):
    """A deal as `crm.deal.get` returns it (the fields the cabinet reads)."""

    id: int
    title: str = ""
    stage_id: str = ""
    opportunity: Decimal = Decimal(0)
    currency_id: str = ""
    comments: str | None = None
    date_modify: str = ""
    """ISO 8601 with the portal's offset, e.g. 2024-05-01T10:20:30+03:00."""
    company_id: int | None = None
    contact_id: int | None = None
    originator_id: str | None = None
    origin_id: str | None = None


class ProductRow(msgspec.Struct, rename="upper", kw_only=True, omit_defaults=True):
    """One product row of a deal (`crm.deal.productrows.get` / `.set`)."""

    product_name: str
    price: Decimal
    """Price of one unit, in roubles."""
    quantity: Decimal
    sort: int = 0
    product_id: int = 0
    measure_name: str = ""


class Entity(msgspec.Struct, rename="upper", kw_only=True):
    """A company or contact found by `crm.company.list` / `crm.contact.list`."""

    id: int


_ENCODER = msgspec.json.Encoder(decimal_format="number")
"""Prices and quantities go out as JSON numbers, as the CRM's own examples send them."""


class _Answer(msgspec.Struct):
    result: Any = None
    error: str | None = None
    error_description: str = ""


class CrmClient:
    """The CRM's REST methods the cabinet uses, over one aiohttp session."""

    def __init__(
        self, session: aiohttp.ClientSession, base_url: str, *, timeout: float = 10.0
    ) -> None:
        self.session = session
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    async def call(self, method: str, params: dict[str, Any]) -> Any:
        """Call one REST method and return its `result`, or raise one of the two kinds."""
        url = f"{self.base_url}{method}.json"
        body = _ENCODER.encode(params)
        headers = {"Content-Type": "application/json"}
        try:
            async with self.session.post(
                url, data=body, headers=headers, timeout=self.timeout
            ) as response:
                status, raw = response.status, await response.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise CrmUnavailable(f"{method}: {type(exc).__name__} {exc}".strip()) from exc
        try:
            answer = msgspec.json.decode(raw, type=_Answer)
        except msgspec.DecodeError:
            answer = None
        if answer is not None and status == 200 and answer.error is None:
            return answer.result
        code = (answer.error or "") if answer else ""
        description = answer.error_description if answer else raw[:200].decode(errors="replace")
        if code == "QUERY_LIMIT_EXCEEDED":
            raise CrmUnavailable(f"{method}: {code}", after_seconds=SLOW_DOWN_SECONDS)
        if status >= 500 or status in (408, 429) or (answer is None and status == 200):
            raise CrmUnavailable(f"{method}: HTTP {status} {code} {description}".strip())
        raise CrmRefused(status, code, f"{method}: {description}")

    async def _typed(self, kind: type[T], method: str, params: dict[str, Any]) -> T:
        result = await self.call(method, params)
        try:
            return msgspec.convert(result, kind, strict=False)
        except msgspec.ValidationError as exc:
            raise CrmRefused(200, "BAD_RESULT", f"{method}: {exc}") from exc

    # --- deals ----------------------------------------------------------------------

    async def add_deal(self, fields: dict[str, Any]) -> int:
        """`crm.deal.add`: the new deal's id."""
        params = {"fields": fields, "params": {"REGISTER_SONET_EVENT": "N"}}
        return await self._typed(int, "crm.deal.add", params)

    async def update_deal(self, deal_id: int, fields: dict[str, Any]) -> None:
        """`crm.deal.update`."""
        params = {"id": deal_id, "fields": fields, "params": {"REGISTER_SONET_EVENT": "N"}}
        await self.call("crm.deal.update", params)

    async def get_deal(self, deal_id: int) -> Deal:
        """`crm.deal.get`."""
        return await self._typed(Deal, "crm.deal.get", {"id": deal_id})

    async def find_deals(self, origin_id: str) -> list[Deal]:
        """`crm.deal.list` of the deals the cabinet created for `origin_id`."""
        params = {
            "filter": {"=ORIGINATOR_ID": ORIGINATOR, "=ORIGIN_ID": origin_id},
            "select": ["ID", "STAGE_ID", "DATE_MODIFY"],
        }
        return await self._typed(list[Deal], "crm.deal.list", params)

    async def set_product_rows(self, deal_id: int, rows: list[ProductRow]) -> None:
        """`crm.deal.productrows.set`: replaces the deal's rows (the CRM recounts its amount)."""
        await self.call("crm.deal.productrows.set", {"id": deal_id, "rows": rows})

    async def get_product_rows(self, deal_id: int) -> list[ProductRow]:
        """`crm.deal.productrows.get`."""
        return await self._typed(list[ProductRow], "crm.deal.productrows.get", {"id": deal_id})

    # --- the deal's client: the dealer as a company, the person as a contact -----------

    async def find_or_add(self, entity: str, origin_id: str, fields: dict[str, Any]) -> int:
        """The id of the company or contact (`entity`) the cabinet made for `origin_id`,
        created with `fields` when there is none yet (so a retried push adds no second)."""
        params = {
            "filter": {"=ORIGINATOR_ID": ORIGINATOR, "=ORIGIN_ID": origin_id},
            "select": ["ID"],
        }
        found = await self._typed(list[Entity], f"crm.{entity}.list", params)
        if found:
            return found[0].id
        fields = {**fields, "ORIGINATOR_ID": ORIGINATOR, "ORIGIN_ID": origin_id}
        return await self._typed(int, f"crm.{entity}.add", {"fields": fields})
