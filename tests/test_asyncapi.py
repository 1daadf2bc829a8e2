"""The websocket API's documents stay true to the code.

docs/asyncapi.json is generated from the frame and event Structs; docs/websocket-api.md is
written by hand. A frame, event, error code, close code or limit added to the code without
touching the docs fails here, and so does an example in the prose that no longer decodes.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import json
import operator
import re
from pathlib import Path
from typing import Any

import msgspec
import pytest

from app.catalog.events import dealer_catalog_topic, price_list_topic, warehouse_stock_topic
from app.orders.events import board_topic, order_topic
from realtime.asyncapi import event_types, frame_types, struct_tag
from realtime.connection import Limits
from realtime.history import DEFAULT_KEEP_LAST, DEFAULT_RETENTION
from realtime.protocol import (
    JSON_SUBPROTOCOL,
    MSGPACK_SUBPROTOCOL,
    ClientFrame,
    Event,
    ServerFrame,
)
from scripts.write_asyncapi import DOCUMENT, EVENT_PAYLOADS, asyncapi_text

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "docs" / "websocket-api.md"
REALTIME = ROOT / "realtime"
_EXAMPLE = re.compile(r"^```json (client-frame|server-frame|event-data)\n(.*?)^```", re.M | re.S)
_ALL_EVENTS = [event for payload in EVENT_PAYLOADS.values() for event in event_types(payload)]


@functools.cache
def spec_text() -> str:
    return SPEC.read_text(encoding="utf-8")


@functools.cache
def document() -> dict[str, Any]:
    return json.loads(DOCUMENT.read_text(encoding="utf-8"))


def examples(kind: str) -> list[str]:
    return [body for found, body in _EXAMPLE.findall(spec_text()) if found == kind]


def realtime_sources() -> list[ast.Module]:
    return [ast.parse(path.read_text(encoding="utf-8")) for path in sorted(REALTIME.glob("*.py"))]


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _str(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def error_codes_in_code() -> set[str]:
    """Every `code="..."` the gateway puts in an error frame."""
    return {
        code
        for tree in realtime_sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "code" and (code := _str(keyword.value)) is not None
    }


def close_codes_in_code() -> set[int]:
    """Codes passed to `close_soon(...)` / `close(code=...)`, and `(code, "reason")` pairs."""
    codes: set[int] = set()
    for tree in realtime_sources():
        for node in ast.walk(tree):
            candidates: list[ast.expr] = []
            if isinstance(node, ast.Call) and _call_name(node) in ("close", "close_soon"):
                candidates += node.args[:1] + [k.value for k in node.keywords if k.arg == "code"]
            if (
                isinstance(node, ast.Tuple)
                and len(node.elts) == 2
                and _str(node.elts[1]) is not None
            ):
                candidates.append(node.elts[0])
            codes |= {
                c.value
                for c in candidates
                if isinstance(c, ast.Constant)
                and isinstance(c.value, int)
                and 1000 <= c.value <= 4999
            }
    return codes


def reasons_in_code() -> set[str]:
    """Reasons of `reset` (`_reset(topic, "...")`) and `unsubscribed` frames."""
    reasons: set[str] = set()
    for tree in realtime_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in ("_reset", "_unsubscribe"):
                reasons |= {r for arg in node.args if (r := _str(arg)) is not None}
            if isinstance(node, ast.Tuple) and node.elts and _str(node.elts[0]) == "unsubscribe":
                reasons |= {r for r in [_str(node.elts[-1])] if r is not None}
    return reasons


def _limit_value(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def test_committed_asyncapi_matches_the_structs() -> None:
    assert DOCUMENT.exists(), (
        "docs/asyncapi.json is missing: run `python scripts/write_asyncapi.py`"
    )
    assert asyncapi_text() == DOCUMENT.read_text(encoding="utf-8"), (
        "docs/asyncapi.json no longer matches the frame and event Structs: "
        "run `python scripts/write_asyncapi.py` and commit the result"
    )


def test_asyncapi_names_every_frame_and_event() -> None:
    doc = document()
    messages = doc["components"]["messages"]
    for direction, union in (("client", ClientFrame), ("server", ServerFrame)):
        for frame in frame_types(union):
            key = f"{direction}.{struct_tag(frame)}"
            assert key in messages, f"{frame.__name__} has no message {key}"
            assert key in doc["channels"]["live"]["messages"]
            operation = doc["operations"]["send" if direction == "client" else "receive"]
            assert {"$ref": f"#/channels/live/messages/{key}"} in operation["messages"]
    schemas = doc["components"]["schemas"]
    event_data = {ref["$ref"].rsplit("/", 1)[1] for ref in schemas["EventData"]["anyOf"]}
    tags = {schemas[name]["properties"]["type"]["enum"][0] for name in event_data}
    assert tags == {struct_tag(event) for event in _ALL_EVENTS}
    assert schemas["Event"]["properties"]["data"] == {"$ref": "#/components/schemas/EventData"}


def test_asyncapi_references_resolve() -> None:
    doc = document()

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
            return own + [r for value in node.values() for r in refs(value)]
        if isinstance(node, list):
            return [r for value in node for r in refs(value)]
        return []

    for ref in refs(doc):
        target: Any = doc
        for part in ref.removeprefix("#/").split("/"):
            assert isinstance(target, dict) and part in target, f"dangling reference {ref}"
            target = target[part]
    assert doc["asyncapi"] == "3.0.0"
    assert doc["channels"]["live"]["address"] == "/ws/v1"


def test_spec_names_every_frame_with_an_example() -> None:
    decoded = {
        "client-frame": [
            msgspec.json.decode(b, type=ClientFrame) for b in examples("client-frame")
        ],
        "server-frame": [
            msgspec.json.decode(b, type=ServerFrame) for b in examples("server-frame")
        ],
    }
    for kind, union in (("client-frame", ClientFrame), ("server-frame", ServerFrame)):
        shown = {type(frame) for frame in decoded[kind]}
        for frame in frame_types(union):
            tag = struct_tag(frame)
            assert f"#### `{tag}`" in spec_text(), f"no section for the {kind} `{tag}`"
            assert frame in shown, f"no ```json {kind} example of `{tag}`"


def test_spec_shows_every_event_type_with_an_example_that_decodes() -> None:
    any_event = msgspec.json.Decoder(functools.reduce(operator.or_, _ALL_EVENTS))
    shown = {type(any_event.decode(body)) for body in examples("event-data")}
    for frame in examples("server-frame"):
        decoded = msgspec.json.decode(frame, type=ServerFrame)
        if isinstance(decoded, Event):
            data = any_event.decode(msgspec.json.encode(decoded.data))
            assert decoded.event == struct_tag(type(data))
    headings = [line for line in spec_text().splitlines() if line.startswith("### ")]
    for event in _ALL_EVENTS:
        tag = struct_tag(event)
        assert any(f"`{tag}`" in heading for heading in headings), f"no section for `{tag}`"
        assert event in shown, f"no ```json event-data example of `{tag}`"


def test_spec_names_every_error_code() -> None:
    codes = error_codes_in_code()
    assert {"invalid_frame", "forbidden"} <= codes, "the parser no longer finds error codes"
    for code in codes:
        assert f"`{code}`" in spec_text(), f"docs/websocket-api.md does not explain `{code}`"


def test_spec_names_every_close_code() -> None:
    codes = close_codes_in_code()
    assert {1009, 4008} <= codes, "the parser no longer finds close codes"
    for code in codes:
        assert f"| `{code}` |" in spec_text(), f"the close-code table lacks `{code}`"


def test_spec_names_every_reset_and_unsubscribe_reason() -> None:
    reasons = reasons_in_code()
    assert {"history_expired", "access_revoked"} <= reasons, "the parser no longer finds reasons"
    for reason in reasons:
        assert f"`{reason}`" in spec_text(), f"docs/websocket-api.md does not explain `{reason}`"


def test_spec_limits_table_matches_the_defaults() -> None:
    rows = {
        line.split("|")[1].strip(): line
        for line in spec_text().splitlines()
        if line.startswith("| `")
    }
    for name, value in dataclasses.asdict(Limits()).items():
        row = rows.get(f"`{name}`")
        assert row is not None, f"the limits table lacks `{name}`"
        numbers = re.findall(r"\d+(?:\.\d+)?", row.split("|")[2].replace(",", ""))
        assert _limit_value(value) in numbers, f"`{name}` is {value} in the code, not in the docs"
    hours = int(DEFAULT_RETENTION.total_seconds() // 3600)
    assert f"**{hours} hours**" in spec_text()
    assert f"**{DEFAULT_KEEP_LAST:,} events**" in spec_text()


def test_spec_names_subprotocols_and_topics() -> None:
    for subprotocol in (JSON_SUBPROTOCOL, MSGPACK_SUBPROTOCOL):
        assert f"`{subprotocol}`" in spec_text()
    # The app's own topic helpers, given "{id}" for the id, spell the documented pattern.
    helpers = (
        board_topic,
        order_topic,
        dealer_catalog_topic,
        warehouse_stock_topic,
        price_list_topic,
    )
    for helper in helpers:
        pattern = helper("{id}")  # type: ignore[arg-type]
        assert f"`{pattern}`" in spec_text(), f"topic {pattern} is not in the topics table"


@pytest.mark.parametrize("kind", ["client-frame", "server-frame", "event-data"])
def test_spec_has_examples(kind: str) -> None:
    assert examples(kind), f"the example parser finds no ```json {kind} blocks"


def test_spec_examples_match_the_asyncapi_schemas() -> None:
    # The same examples, checked against the generated JSON Schemas instead of the decoders:
    # what a client generated from asyncapi.json accepts is what the server sends.
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    doc = document()

    def valid(name: str, instance: Any) -> bool:
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": f"#/components/schemas/{name}",
            "components": doc["components"],
        }
        return bool(jsonschema_rs.validator_for(schema).is_valid(instance))

    for kind, direction in (("client-frame", "client"), ("server-frame", "server")):
        for body in examples(kind):
            frame = json.loads(body)
            message = doc["components"]["messages"][f"{direction}.{frame['type']}"]
            assert valid(message["payload"]["$ref"].rsplit("/", 1)[1], frame), body
    for body in examples("event-data"):
        assert valid("EventData", json.loads(body)), body
    assert not valid("EventData", {"type": "order.created"})
