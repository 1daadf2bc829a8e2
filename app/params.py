"""Request parameters shared by the API and the pages, bounded by what the columns hold.

A number no column can hold or a time without an offset is the client's mistake: it is
answered with a 422 naming the parameter, never with a 500 from the database driver.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import msgspec
from litestar.params import Parameter, QueryParameter

ID_MAX = 2**31 - 1
"""Largest value of an `integer` primary key (ids of dealers, orders, products...)."""

BIG_ID_MAX = 2**63 - 1
"""Largest value of a `bigint` column (audit entries, outbox events, amounts)."""

Id = Annotated[int, msgspec.Meta(ge=1, le=ID_MAX)]
"""An id in a request body."""

BigId = Annotated[int, msgspec.Meta(ge=1, le=BIG_ID_MAX)]
"""A 64-bit id (chat messages, audit entries) in a request body."""

PathId = Annotated[int, Parameter(ge=1, le=ID_MAX)]
PathBigId = Annotated[int, Parameter(ge=1, le=BIG_ID_MAX)]
QueryId = Annotated[int | None, QueryParameter(ge=1, le=ID_MAX)]
QueryBigId = Annotated[int | None, QueryParameter(ge=1, le=BIG_ID_MAX)]
QueryKopecks = Annotated[int | None, QueryParameter(ge=0, le=BIG_ID_MAX)]


def as_utc(moment: datetime | None) -> datetime | None:
    """A time from a query string; one without an offset is read as UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
