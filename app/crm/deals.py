"""What an order looks like as a deal, and what a deal's rows ask of an order.

Pure functions, no I/O: money in kopecks on our side, roubles in the CRM; product rows
matched to order lines by SORT (a line's position × 10, which the CRM keeps when a
manager edits a row); digests so that "the deal as we last knew it" is cheap to keep.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import msgspec

from app.crm.client import ProductRow
from app.orders.external_changes import LineTerms

SORT_STEP = 10
"""Row SORT = line position × SORT_STEP."""


def roubles(kopecks: int) -> Decimal:
    """Kopecks as an exact amount of roubles (12345 → 123.45)."""
    return Decimal(kopecks).scaleb(-2)


def to_kopecks(amount: Decimal) -> int:
    """An amount of roubles as whole kopecks (half a kopeck rounds up)."""
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class OrderLine:
    """One line of an order as the deal shows it."""

    position: int
    sku: str
    product_name: str
    unit_code: str
    quantity: int
    unit_price_kopecks: int


def product_rows(lines: list[OrderLine]) -> list[ProductRow]:
    """The deal's product rows for the order's lines (price per unit of shipment)."""
    return [
        ProductRow(
            product_name=f"{line.sku} {line.product_name}",
            price=roubles(line.unit_price_kopecks),
            quantity=Decimal(line.quantity),
            sort=line.position * SORT_STEP,
            measure_name=line.unit_code,
        )
        for line in lines
    ]


def rows_digest(rows: list[ProductRow]) -> str:
    """A digest of what matters in product rows (position, price, quantity), in SORT order.

    Names are left out: a manager renaming a row changes nothing the order keeps.
    """
    terms = sorted((r.sort, to_kopecks(r.price), str(r.quantity.normalize())) for r in rows)
    return hashlib.sha256(msgspec.json.encode(terms)).hexdigest()


def comments_digest(text: str | None) -> str:
    """A digest of a deal's comment (blank and missing are the same)."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()


def deal_time(date_modify: str) -> datetime | None:
    """The CRM's DATE_MODIFY (ISO 8601 with an offset) in UTC; None when absent or bad."""
    try:
        value = datetime.fromisoformat(date_modify)
    except ValueError:
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


class RowsUnreadable(Exception):
    """The deal's rows cannot be read as terms for the order's lines."""


def wanted_lines(rows: list[ProductRow]) -> dict[int, LineTerms]:
    """The line terms a deal's rows ask for, by line position.

    A row with quantity 0 asks for its line's removal (it is left out). Raises
    RowsUnreadable for a row that names no position, a repeated position, or a quantity
    that is not a whole number of units.
    """
    wanted: dict[int, LineTerms] = {}
    for row in rows:
        position, rest = divmod(row.sort, SORT_STEP)
        if rest or position < 1:
            raise RowsUnreadable(f"row {row.product_name!r} is not a line of the order")
        if position in wanted:
            raise RowsUnreadable(f"two rows for line {position}")
        if row.quantity != row.quantity.to_integral_value() or row.quantity < 0:
            raise RowsUnreadable(f"line {position}: quantity {row.quantity} is not whole")
        if row.price < 0:
            raise RowsUnreadable(f"line {position}: negative price")
        if row.quantity:
            wanted[position] = LineTerms(int(row.quantity), to_kopecks(row.price))
    return wanted
