"""Logging in, sessions, API tokens and resolving who is asking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec

from app.accounts import audit, tokens
from app.accounts.actor import Actor
from app.accounts.models import (
    ApiToken,
    DealerMembership,
    LoginFailure,
    LoginSession,
    Person,
)
from app.accounts.scopes import (
    DealerScope,
    PersonFields,
    actor_of,
    dealer_scopes,
    permissions_of,
)
from app.accounts.security import digest, new_secret, verify_password
from app.config import get_settings
from app.errors import AuthenticationRequired, NotFound, TooManyRequests
from realtime.hooks import CONTROL_TOPIC, PrincipalChanged
from realtime.outbox import append_events
from realtime.relay import transaction

TOKEN_PREFIX = "dc_"
_SEEN_RESOLUTION = timedelta(minutes=1)


def _now() -> datetime:
    return datetime.now(UTC)


async def announce_rights_changed(*person_ids: int) -> None:
    """Tell the live connections of these people to re-check their rights (call in the
    change's transaction, for every change of rights, lost or granted): subscriptions they
    may no longer hold end, later events take the view their rights give now, and topics
    newly allowed may be subscribed on the same connection."""
    await append_events(
        [
            (PrincipalChanged(principal=str(person_id)), [CONTROL_TOPIC])
            for person_id in sorted(set(person_ids))
        ]
    )


def membership_permissions(m: DealerMembership) -> frozenset[str]:
    """The permission names a membership grants."""
    return permissions_of(
        can_place_orders=m.can_place_orders,
        can_see_prices=m.can_see_prices,
        can_see_finance=m.can_see_finance,
        can_chat=m.can_chat,
    )


async def dealer_scope(person: Person, active_dealer_id: int | None) -> DealerScope:
    """(active dealer, visible dealer ids, permissions) for a person; None ids = all dealers."""
    [scope] = await dealer_scopes([(person.id, person.staff_role, active_dealer_id)])
    return scope


async def build_actor(
    person: Person,
    active_dealer_id: int | None,
    *,
    session: LoginSession | None = None,
    token: ApiToken | None = None,
    ip: str = "",
    user_agent: str = "",
) -> Actor:
    """Resolve everything a request needs to know about its caller, once."""
    scope = await dealer_scope(person, active_dealer_id)
    fields = PersonFields(
        person.id,
        person.email,
        person.full_name,
        person.language,
        person.time_zone,
        person.staff_role,
    )
    return actor_of(
        fields,
        scope,
        session_id=session.id if session else None,
        token_id=token.id if token else None,
        csrf_token=session.csrf_token if session else "",
        ip=ip,
        user_agent=user_agent,
    )


async def authenticate(email: str, password: str, ip: str) -> Person:
    """Check a password, throttling guesses per email and per client address."""
    settings = get_settings()
    email = email.strip().lower()
    since = _now() - timedelta(seconds=settings.login_window_seconds)
    by_email = await LoginFailure.filter(email=email, at__gte=since).count()
    by_ip = await LoginFailure.filter(ip=ip, at__gte=since).count() if ip else 0
    if by_email >= settings.login_max_failures or by_ip >= settings.login_max_failures * 4:
        raise TooManyRequests(
            "Too many failed logins; try again later",
            retry_after=settings.login_window_seconds,
            code="login_throttled",
        )
    person = await Person.get_or_none(email=email, is_active=True)
    if not verify_password(person.password_hash if person else None, password) or person is None:
        await LoginFailure.create(email=email, ip=ip, at=_now())
        raise AuthenticationRequired("Wrong email or password", code="invalid_credentials")
    await LoginFailure.filter(email=email).delete()
    return person


async def open_session(person: Person, ip: str, user_agent: str) -> tuple[str, LoginSession]:
    """Start a browser session; returns the cookie value (shown once) and the row."""
    key = new_secret()
    now = _now()
    active, _, _ = await dealer_scope(person, None)
    async with transaction():
        session = await LoginSession.create(
            key_hash=digest(key),
            person_id=person.id,
            active_dealer_id=active,
            csrf_token=new_secret(),
            last_seen_at=now,
            expires_at=now + timedelta(days=get_settings().session_days),
            ip=ip,
            user_agent=user_agent[:300],
        )
        actor = await build_actor(person, active, session=session, ip=ip, user_agent=user_agent)
        await audit.record(actor, "login", "person", person.id)
    return key, session


async def actor_from_session(key: str, ip: str = "", user_agent: str = "") -> Actor | None:
    """The actor behind a session cookie, or None when it is unknown or expired."""
    session = await LoginSession.get_or_none(key_hash=digest(key)).select_related("person")
    now = _now()
    if session is None or session.expires_at <= now or not session.person.is_active:
        return None
    if now - session.last_seen_at > _SEEN_RESOLUTION:
        await LoginSession.filter(id=session.id).update(
            last_seen_at=now, expires_at=now + timedelta(days=get_settings().session_days)
        )
    return await build_actor(
        session.person, session.active_dealer_id, session=session, ip=ip, user_agent=user_agent
    )


async def close_session(actor: Actor) -> None:
    """Log out: the session row goes, so the cookie is worthless everywhere."""
    async with transaction():
        await LoginSession.filter(id=actor.session_id).delete()
        await audit.record(actor, "logout", "person", actor.person_id)
        await announce_rights_changed(actor.person_id)


async def issue_api_token(
    email: str, password: str, device_name: str, ip: str, user_agent: str
) -> tuple[str, ApiToken]:
    """Create a personal bearer token for a device; returns the secret (shown once)."""
    person = await authenticate(email, password, ip)
    secret = new_secret(TOKEN_PREFIX)
    active, _, _ = await dealer_scope(person, None)
    async with transaction():
        token = await ApiToken.create(
            person_id=person.id,
            name=device_name,
            token_hash=digest(secret),
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            active_dealer_id=active,
        )
        actor = await build_actor(person, active, token=token, ip=ip, user_agent=user_agent)
        await audit.record(
            actor, "api_token.create", "api_token", token.id, after={"name": device_name}
        )
    return secret, token


async def actor_from_token(secret: str, ip: str = "", user_agent: str = "") -> Actor | None:
    """The actor behind a bearer token, or None when unknown or revoked.

    Lookups asked at the same moment share one statement (`app.accounts.tokens`)."""
    actor = await tokens.actor_from_token(secret)
    if actor is None:
        return None
    return msgspec.structs.replace(actor, ip=ip, user_agent=user_agent)


async def list_api_tokens(actor: Actor) -> list[ApiToken]:
    """The caller's own tokens, newest first."""
    return await ApiToken.filter(person_id=actor.person_id).order_by("-id")


async def revoke_api_token(actor: Actor, token_id: int) -> ApiToken:
    """Revoke one of the caller's tokens; another person's token is simply not found."""
    async with transaction():
        token = await ApiToken.get_or_none(id=token_id, person_id=actor.person_id)
        if token is None:
            raise NotFound("Token not found")
        if token.revoked_at is None:
            token.revoked_at = _now()
            await token.save(update_fields=["revoked_at"])
            await audit.record(actor, "api_token.revoke", "api_token", token.id)
            await announce_rights_changed(actor.person_id)
    return token


async def switch_active_dealer(actor: Actor, dealer_id: int) -> Actor:
    """Act for another dealer the person is a member of (per session or per token)."""
    membership = await DealerMembership.get_or_none(
        person_id=actor.person_id, dealer_id=dealer_id, dealer__is_active=True
    )
    if membership is None:
        raise NotFound("Dealer not found", field="dealer_id")
    async with transaction():
        if actor.session_id is not None:
            await LoginSession.filter(id=actor.session_id).update(active_dealer_id=dealer_id)
        if actor.token_id is not None:
            await ApiToken.filter(id=actor.token_id).update(active_dealer_id=dealer_id)
        await audit.record(
            actor,
            "active_dealer.switch",
            "person",
            actor.person_id,
            dealer_id=dealer_id,
            before={"dealer_id": actor.active_dealer_id},
            after={"dealer_id": dealer_id},
        )
        await announce_rights_changed(actor.person_id)
    person = await Person.get(id=actor.person_id)
    active, dealer_ids, permissions = await dealer_scope(person, dealer_id)
    return msgspec.structs.replace(
        actor, active_dealer_id=active, dealer_ids=dealer_ids, permissions=permissions
    )


async def purge_expired(now: datetime | None = None) -> tuple[int, int]:
    """Drop expired sessions and login failures older than the throttling window.

    A browser's open connection outlives its session's expiry by at most the time until
    this runs: the people whose sessions go are told to re-check, which closes them."""
    now = now or _now()
    window = timedelta(seconds=get_settings().login_window_seconds)
    async with transaction():
        expired = LoginSession.filter(expires_at__lte=now)
        people = [int(row["person_id"]) for row in await expired.values("person_id")]
        sessions = await expired.delete()
        await announce_rights_changed(*people)
    failures = await LoginFailure.filter(at__lt=now - window).delete()
    return sessions, failures
