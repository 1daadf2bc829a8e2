"""The websocket API as an AsyncAPI 3.0 document, built from the frame Structs.

The frames come from `realtime.protocol`; the application passes its event payload types
in, so this package stays domain-free. `scripts/write_asyncapi.py` writes the result to
`docs/asyncapi.json`, and a test fails when the committed file no longer matches.

The document describes a *client* of the gateway (AsyncAPI 3 actions belong to the
application described): it `send`s client frames and `receive`s server frames.
"""

from __future__ import annotations

import json
from typing import Any, get_args
from urllib.parse import urlsplit

import msgspec

from realtime.protocol import (
    JSON_SUBPROTOCOL,
    MSGPACK_SUBPROTOCOL,
    ClientFrame,
    Event,
    ServerFrame,
)

ASYNCAPI_VERSION = "3.0.0"
WS_BINDING_VERSION = "0.1.0"
CHANNEL = "live"
EVENT_DATA = "EventData"
_SCHEMA_REF = "#/components/schemas/{name}"


def frame_types(union: Any) -> list[type[msgspec.Struct]]:
    """The Struct types of a frame union, in declaration order."""
    return list(get_args(union))


def struct_tag(struct: type[msgspec.Struct]) -> str:
    """The tag a tagged Struct is encoded with (its `type` on the wire)."""
    tag = struct.__struct_config__.tag
    if not isinstance(tag, str):
        raise TypeError(f"{struct.__name__} is not a tagged msgspec Struct")
    return tag


def event_types(payload: Any) -> list[type[msgspec.Struct]]:
    """The event Structs of one payload type: a tagged Struct or a union of them."""
    members = get_args(payload) or (payload,)
    for member in members:
        struct_tag(member)
    return list(members)


def render_document(document: dict[str, Any]) -> str:
    """The document as stable JSON text: sorted keys, two-space indent, final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def asyncapi_document(
    *,
    title: str,
    version: str,
    server_url_example: str,
    event_payloads: dict[str, Any],
    address: str = "/ws/v1",
    session_cookie: str | None = None,
) -> dict[str, Any]:
    """The AsyncAPI 3.0.0 document of the websocket endpoint at `address`.

    `event_payloads` maps a family name (e.g. "orders") to the tagged Struct, or union of
    tagged Structs, that `event` frames of that family carry in `data`.
    """
    client = frame_types(ClientFrame)
    server = frame_types(ServerFrame)
    families = {name: event_types(payload) for name, payload in event_payloads.items()}
    events = [struct for members in families.values() for struct in members]
    tags = [struct_tag(struct) for struct in events]
    if len(set(tags)) != len(tags):
        raise ValueError(f"event types must be unique, got {sorted(tags)}")

    refs, schemas = msgspec.json.schema_components(
        [*client, *server, *events], ref_template=_SCHEMA_REF
    )
    names = dict(zip([*client, *server, *events], (_name(ref) for ref in refs), strict=True))
    if EVENT_DATA in schemas:
        raise ValueError(f"a Struct may not be called {EVENT_DATA}")
    schemas[EVENT_DATA] = {
        "title": EVENT_DATA,
        "description": (
            "The `data` of an `event` frame: one of these, told apart by `type` (which equals "
            "the frame's `event`). Event types may be added at any time: ignore unknown ones."
        ),
        "anyOf": [{"$ref": _ref(names[struct])} for struct in events],
        "discriminator": "type",
    }
    event = schemas[names[Event]]
    event["properties"]["data"] = {"$ref": _ref(EVENT_DATA)}
    _asyncapi_discriminators(schemas)

    messages: dict[str, Any] = {}
    for direction, structs in (("client", client), ("server", server)):
        for struct in structs:
            messages[f"{direction}.{struct_tag(struct)}"] = _message(
                struct, names[struct], direction
            )
    channel_messages = {key: {"$ref": f"#/components/messages/{key}"} for key in messages}

    def operation_messages(direction: str) -> list[dict[str, str]]:
        return [
            {"$ref": f"#/channels/{CHANNEL}/messages/{key}"}
            for key in messages
            if key.startswith(f"{direction}.")
        ]

    url = urlsplit(server_url_example)
    security_schemes: dict[str, Any] = {
        "bearerToken": {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token in the handshake's `Authorization: Bearer …` header "
                "(mobile apps and scripts). Checked at the handshake only."
            ),
        },
    }
    if session_cookie:
        security_schemes["sessionCookie"] = {
            "type": "httpApiKey",
            "in": "cookie",
            "name": session_cookie,
            "description": (
                "The browser session cookie; the handshake's `Origin` must be on the server's "
                "exact allowlist, otherwise the answer is HTTP 403."
            ),
        }

    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": title,
            "version": version,
            "description": (
                "One websocket endpoint carrying every live stream. JSON text frames by "
                f"default; MessagePack binary frames when the client offers the "
                f"`{MSGPACK_SUBPROTOCOL}` subprotocol. Every frame is an object whose `type` "
                "names it. This document is written from the client's side: the client "
                "sends client frames and receives server frames. The prose specification, "
                "with the resume algorithm and what to do on each close code, is "
                "docs/websocket-api.md. Generated from the msgspec Structs; do not edit."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "production": {
                "host": url.netloc,
                "protocol": url.scheme,
                "description": "Example deployment; use your cabinet's own host.",
                "security": [
                    {"$ref": f"#/components/securitySchemes/{name}"} for name in security_schemes
                ],
            },
        },
        "channels": {
            CHANNEL: {
                "address": address,
                "title": "Live stream",
                "description": (
                    "Subscribe to topics and receive their events, each at its position, "
                    "resuming after a disconnection from the last position seen."
                ),
                "messages": channel_messages,
                "bindings": {"ws": _ws_binding()},
            },
        },
        "operations": {
            "send": {
                "action": "send",
                "channel": {"$ref": f"#/channels/{CHANNEL}"},
                "title": "Client frames",
                "summary": "Frames the client sends.",
                "messages": operation_messages("client"),
            },
            "receive": {
                "action": "receive",
                "channel": {"$ref": f"#/channels/{CHANNEL}"},
                "title": "Server frames",
                "summary": "Frames the server sends.",
                "messages": operation_messages("server"),
            },
        },
        "components": {
            "schemas": schemas,
            "messages": messages,
            "securitySchemes": security_schemes,
        },
        "x-event-families": {
            name: [struct_tag(struct) for struct in members] for name, members in families.items()
        },
    }


def _name(ref: dict[str, str]) -> str:
    return ref["$ref"].rsplit("/", 1)[1]


def _ref(name: str) -> str:
    return _SCHEMA_REF.format(name=name)


def _message(struct: type[msgspec.Struct], schema: str, direction: str) -> dict[str, Any]:
    tag = struct_tag(struct)
    doc = (struct.__doc__ or "").strip()
    sender = "client → server" if direction == "client" else "server → client"
    return {
        "name": tag,
        "title": f"{tag} ({sender})",
        "summary": doc.splitlines()[0] if doc else tag,
        "payload": {"$ref": _ref(schema)},
    }


def _ws_binding() -> dict[str, Any]:
    return {
        "bindingVersion": WS_BINDING_VERSION,
        "method": "GET",
        "headers": {
            "type": "object",
            "properties": {
                "Authorization": {
                    "type": "string",
                    "pattern": "^Bearer .+$",
                    "description": "Apps: `Bearer <token>` (POST /api/v1/auth/tokens).",
                },
                "Sec-WebSocket-Protocol": {
                    "type": "string",
                    "description": (
                        f"`{JSON_SUBPROTOCOL}` (the default) or `{MSGPACK_SUBPROTOCOL}`; the "
                        f"server picks `{MSGPACK_SUBPROTOCOL}` whenever it is offered."
                    ),
                    "examples": [JSON_SUBPROTOCOL, MSGPACK_SUBPROTOCOL],
                },
                "Origin": {
                    "type": "string",
                    "description": "Browsers: must be an allowed origin when a cookie is used.",
                },
            },
        },
    }


def _asyncapi_discriminators(node: Any) -> None:
    # msgspec writes OpenAPI's {"propertyName", "mapping"}; an AsyncAPI Schema Object
    # takes the property name alone (each member's `type` enum already maps the tags).
    if isinstance(node, dict):
        discriminator = node.get("discriminator")
        if isinstance(discriminator, dict):
            node["discriminator"] = discriminator["propertyName"]
        for value in node.values():
            _asyncapi_discriminators(value)
    elif isinstance(node, list):
        for value in node:
            _asyncapi_discriminators(value)
