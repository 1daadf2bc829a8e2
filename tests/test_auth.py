"""Logging in over HTTP: API tokens, throttling, switching dealers and the audit trail."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.accounts import directory
from app.accounts.models import ApiToken, AuditEntry, LoginSession, MembershipRole, Person
from app.config import Settings, get_settings
from tests.factories import PASSWORD, World, make_person, make_world, place_draft
from tests.test_tenancy import MISSING, bearer, cookie_session, snapshot

TOKENS = "/api/v1/auth/tokens"


@pytest.fixture
async def world(db: Settings) -> World:
    return await make_world()


def _email(world: World, who: str) -> str:
    return str(world.people[who].email)


async def _login(client: Any, email: str, password: str = PASSWORD) -> Any:
    return await client.post(
        TOKENS, json={"email": email, "password": password, "device_name": "phone"}
    )


async def test_a_device_gets_a_token_lists_it_and_revokes_it(world: World, app_client: Any) -> None:
    issued = await _login(app_client, _email(world, "alice"))
    assert issued.status_code == 201, issued.text
    body = issued.json()
    assert set(body) == {"id", "token", "name", "created_at"}
    assert body["token"].startswith("dc_") and body["name"] == "phone"
    phone = {"Authorization": f"Bearer {body['token']}"}
    laptop = await bearer(app_client, _email(world, "alice"), "laptop")
    await bearer(app_client, _email(world, "bob"), "bob's phone")

    listed = (await app_client.get(TOKENS, headers=phone)).json()
    assert [t["name"] for t in listed] == ["laptop", "phone"], "own tokens only, newest first"
    assert all(
        set(t) == {"id", "name", "prefix", "created_at", "last_used_at", "revoked_at"}
        for t in listed
    )
    assert listed[1]["prefix"] == body["token"][:9]
    assert listed[1]["last_used_at"] is not None, "the listing request itself used it"

    revoked = await app_client.delete(f"{TOKENS}/{body['id']}", headers=laptop)
    assert revoked.status_code == 204
    at_once = await app_client.get("/api/v1/me", headers=phone)
    assert at_once.status_code == 401
    assert at_once.json() == {
        "status": 401,
        "code": "authentication_required",
        "message": "Log in or send a bearer token",
    }
    listed = (await app_client.get(TOKENS, headers=laptop)).json()
    assert listed[1]["revoked_at"] is not None and listed[0]["revoked_at"] is None

    again = await app_client.delete(f"{TOKENS}/{body['id']}", headers=laptop)
    assert again.status_code == 204, "revoking twice is harmless"
    assert await AuditEntry.filter(action="api_token.revoke").count() == 1


async def test_a_token_can_revoke_itself(world: World, app_client: Any) -> None:
    headers = await bearer(app_client, _email(world, "alice"))
    [token] = (await app_client.get(TOKENS, headers=headers)).json()
    assert (await app_client.delete(f"{TOKENS}/{token['id']}", headers=headers)).status_code == 204
    assert (await app_client.get(TOKENS, headers=headers)).status_code == 401


async def test_secrets_are_stored_only_as_hashes(world: World, app_client: Any) -> None:
    issued = (await _login(app_client, _email(world, "alice"))).json()
    secret = issued["token"]
    key, session = await directory_session(world)

    row = await ApiToken.get(id=issued["id"])
    assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in json.dumps(await ApiToken.all().values(), default=str)
    assert session.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in json.dumps(await LoginSession.all().values(), default=str)
    audit = json.dumps(await AuditEntry.all().values(), default=str)
    assert secret not in audit and key not in audit and PASSWORD not in audit
    person = await Person.get(id=world.people["alice"].id)
    assert PASSWORD not in person.password_hash and person.password_hash.startswith("$argon2id$")


async def directory_session(world: World) -> tuple[str, LoginSession]:
    """A cookie session for alice, as the login page would open it."""
    cookie, _ = await cookie_session(world.people["alice"])
    key = cookie["Cookie"].removeprefix("dc_session=")
    session = await LoginSession.filter(person_id=world.people["alice"].id).order_by("-id").first()
    assert session is not None
    return key, session


async def test_unknown_email_and_wrong_password_answer_alike(world: World, app_client: Any) -> None:
    wrong_password = await _login(app_client, _email(world, "alice"), "not the password")
    unknown_email = await _login(app_client, "nobody@test.example")
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert (
        wrong_password.json()
        == unknown_email.json()
        == {
            "status": 401,
            "code": "invalid_credentials",
            "message": "Wrong email or password",
        }
    )
    assert wrong_password.headers.get("www-authenticate") == unknown_email.headers.get(
        "www-authenticate"
    )
    assert not await ApiToken.exists()


async def test_login_is_throttled_per_email(world: World, app_client: Any) -> None:
    settings = get_settings()
    for _ in range(settings.login_max_failures):
        failed = await _login(app_client, _email(world, "alice").upper(), "guess")
        assert failed.status_code == 401

    throttled = await _login(app_client, _email(world, "alice"))
    assert throttled.status_code == 429, throttled.text
    assert throttled.json() == {
        "status": 429,
        "code": "login_throttled",
        "message": "Too many failed logins; try again later",
    }
    assert throttled.headers["retry-after"] == str(settings.login_window_seconds)
    assert not await ApiToken.filter(person_id=world.people["alice"].id).exists()

    assert (await _login(app_client, _email(world, "bob"))).status_code == 201
    unknown = await _login(app_client, "nobody@test.example", "guess")
    assert unknown.status_code == 401, "another email is not throttled"

    for _ in range(settings.login_max_failures - 1):
        await _login(app_client, "nobody@test.example", "guess")
    ghost = await _login(app_client, "nobody@test.example", "guess")
    assert (ghost.status_code, ghost.json()) == (429, throttled.json()), (
        "an unknown email is throttled alike, so throttling tells nobody who has an account"
    )


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer garbage",
        "Bearer dc_" + "A" * 43,
        "Bearer ",
        "Bearer",
        "Basic YWxpY2U6cGFzcw==",
        "dc_notevenascheme",
    ],
)
async def test_a_bad_bearer_gets_a_structured_401(
    world: World, app_client: Any, authorization: str
) -> None:
    answer = await app_client.get("/api/v1/orders", headers={"Authorization": authorization})
    assert answer.status_code == 401
    assert answer.json() == {
        "status": 401,
        "code": "authentication_required",
        "message": "Log in or send a bearer token",
    }


async def test_a_bad_bearer_is_not_rescued_by_a_valid_cookie(world: World, app_client: Any) -> None:
    cookie, _ = await cookie_session(world.people["alice"])
    answer = await app_client.get(
        "/api/v1/orders", headers={**cookie, "Authorization": "Bearer garbage"}
    )
    assert answer.status_code == 401


async def test_an_expired_session_or_a_deactivated_person_is_logged_out(
    world: World, app_client: Any
) -> None:
    cookie, _ = await cookie_session(world.people["alice"])
    assert (await app_client.get("/api/v1/me", headers=cookie)).status_code == 200
    await LoginSession.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    assert (await app_client.get("/api/v1/me", headers=cookie)).status_code == 401

    headers = await bearer(app_client, _email(world, "bob"))
    await Person.filter(id=world.people["bob"].id).update(is_active=False)
    assert (await app_client.get("/api/v1/me", headers=headers)).status_code == 401
    assert (await _login(app_client, _email(world, "bob"))).status_code == 401


@pytest.fixture
async def two_hats(world: World) -> Person:
    """A person working for dealer_a and, without seeing prices, for dealer_b."""
    person = await make_person("two.hats@test.example")
    await directory.add_membership(None, person.id, world.dealer_a.id, MembershipRole.ADMIN)
    await directory.add_membership(
        None, person.id, world.dealer_b.id, MembershipRole.EMPLOYEE, can_see_prices=False
    )
    return person


async def test_a_person_of_two_dealers_switches_between_them(
    world: World, two_hats: Person, app_client: Any
) -> None:
    mine = await place_draft(world, "alice", [("D-100:piece", 1)])
    theirs = await place_draft(world, "bob", [("D-100:piece", 2)])
    headers = await bearer(app_client, two_hats.email)
    me = (await app_client.get("/api/v1/me", headers=headers)).json()
    assert (me["active_dealer_id"], me["dealer_ids"]) == (world.dealer_a.id, [world.dealer_a.id])
    assert [m["dealer_id"] for m in me["memberships"]] == [world.dealer_a.id, world.dealer_b.id]

    switched = await app_client.put(
        "/api/v1/me/active-dealer", json={"dealer_id": world.dealer_b.id}, headers=headers
    )
    assert switched.status_code == 200, switched.text
    assert switched.json()["active_dealer_id"] == world.dealer_b.id
    assert switched.json()["permissions"] == ["chat", "place_orders"]

    board = (await app_client.get("/api/v1/orders", headers=headers)).json()
    assert [(o["id"], o["total_kopecks"]) for o in board["items"]] == [(theirs.id, None)]
    hidden = await app_client.get(f"/api/v1/orders/{mine.id}", headers=headers)
    assert hidden.status_code == 404, "the other hat's orders are out of reach meanwhile"
    other_device = await bearer(app_client, two_hats.email, "tablet")
    still = (await app_client.get("/api/v1/me", headers=other_device)).json()
    assert still["active_dealer_id"] == world.dealer_a.id, "the choice is per token"


async def test_switching_to_a_foreign_dealer_is_not_found(
    world: World, two_hats: Person, app_client: Any
) -> None:
    headers = await bearer(app_client, two_hats.email)
    before = await snapshot()
    foreign = await app_client.put(
        "/api/v1/me/active-dealer", json={"dealer_id": world.holding.id}, headers=headers
    )
    missing = await app_client.put(
        "/api/v1/me/active-dealer", json={"dealer_id": MISSING}, headers=headers
    )
    assert foreign.status_code == 404
    assert (
        foreign.json()
        == missing.json()
        == {
            "status": 404,
            "code": "not_found",
            "message": "Dealer not found",
            "field": "dealer_id",
        }
    )
    assert await snapshot() == before
    me = (await app_client.get("/api/v1/me", headers=headers)).json()
    assert me["active_dealer_id"] == world.dealer_a.id


async def test_a_browser_session_switches_dealer_with_its_csrf_token(
    world: World, two_hats: Person, app_client: Any
) -> None:
    cookie, csrf = await cookie_session(two_hats)
    switched = await app_client.put(
        "/api/v1/me/active-dealer",
        json={"dealer_id": world.dealer_b.id},
        headers={**cookie, "X-CSRF-Token": csrf},
    )
    assert switched.status_code == 200, switched.text
    me = (await app_client.get("/api/v1/me", headers=cookie)).json()
    assert me["active_dealer_id"] == world.dealer_b.id, "the session remembers the choice"


async def test_every_change_above_is_in_the_audit_log_for_the_supervisor(
    world: World, two_hats: Person, app_client: Any
) -> None:
    issued = (await _login(app_client, two_hats.email)).json()
    headers = {"Authorization": f"Bearer {issued['token']}"}
    await app_client.put(
        "/api/v1/me/active-dealer", json={"dealer_id": world.dealer_b.id}, headers=headers
    )
    await app_client.patch("/api/v1/me", json={"language": "en"}, headers=headers)
    await app_client.delete(f"{TOKENS}/{issued['id']}", headers=headers)
    await cookie_session(two_hats)
    await _login(app_client, two_hats.email, "wrong")

    supervisor = await bearer(app_client, _email(world, "supervisor"))

    async def audit(**params: Any) -> list[dict[str, Any]]:
        answer = await app_client.get("/api/v1/audit", params=params, headers=supervisor)
        assert answer.status_code == 200, answer.text
        return list(answer.json()["items"])

    trail = await audit(person_id=two_hats.id)
    assert [e["action"] for e in trail] == [
        "login",
        "api_token.revoke",
        "profile.update",
        "active_dealer.switch",
        "api_token.create",
    ]
    assert {e["person_email"] for e in trail} == {two_hats.email}
    [switch] = await audit(person_id=two_hats.id, action="active_dealer.switch")
    assert (switch["dealer_id"], switch["before"], switch["after"]) == (
        world.dealer_b.id,
        {"dealer_id": world.dealer_a.id},
        {"dealer_id": world.dealer_b.id},
    )
    [revoke] = await audit(action="api_token.revoke")
    assert (revoke["object_type"], revoke["object_id"]) == ("api_token", str(issued["id"]))
    by_dealer = await audit(person_id=two_hats.id, dealer_id=world.dealer_b.id)
    assert [e["action"] for e in by_dealer] == [
        "api_token.revoke",
        "profile.update",
        "active_dealer.switch",
    ]

    first = await app_client.get(
        "/api/v1/audit", params={"person_id": two_hats.id, "limit": 2}, headers=supervisor
    )
    cursor = first.json()["next_cursor"]
    rest = await audit(person_id=two_hats.id, cursor=cursor, limit=10)
    assert [e["action"] for e in first.json()["items"] + rest] == [e["action"] for e in trail]


@pytest.mark.parametrize("who", ["alice", "viewer", "bob", "holly", "manager", "idle_manager"])
async def test_only_the_supervisor_reads_the_audit_log(
    world: World, app_client: Any, who: str
) -> None:
    headers = await bearer(app_client, _email(world, who))
    for params in ({}, {"person_id": world.people[who].id}, {"dealer_id": world.dealer_a.id}):
        answer = await app_client.get("/api/v1/audit", params=params, headers=headers)
        assert answer.status_code == 403
        assert answer.json() == {
            "status": 403,
            "code": "supervisor_only",
            "message": "Supervisors only",
        }
