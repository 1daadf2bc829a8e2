"""Logging in, sessions, API tokens and resolving who is asking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import cast

import msgspec

from app.accounts import audit
from app.accounts.actor import Actor, Permission
from app.accounts.models import (
    ApiToken,
    Dealer,
    DealerMembership,
    LoginFailure,
    LoginSession,
    ManagerAssignment,
    Person,
    StaffRole,
)
from app.accounts.security import digest, new_secret, verify_password
from app.config import get_settings
from app.errors import AuthenticationRequired, NotFound, TooManyRequests
from realtime.hooks import CONTROL_TOPIC, PrincipalChanged
from realtime.outbox import append_event
from realtime.relay import transaction

TOKEN_PREFIX = "dc_"
_SEEN_RESOLUTION = timedelta(minutes=1)


def _now() -> datetime:
    return datetime.now(UTC)


async def announce_rights_changed(person_id: int) -> None:
    """Tell live connections of this person to re-check their rights (call in the change's
    transaction): a revoked token or a lost membership ends the matching subscriptions."""
    await append_event(PrincipalChanged(principal=str(person_id)), [CONTROL_TOPIC])


def membership_permissions(m: DealerMembership) -> frozenset[str]:
    """The permission names a membership grants."""
    flags = {
        Permission.PLACE_ORDERS: m.can_place_orders,
        Permission.SEE_PRICES: m.can_see_prices,
        Permission.SEE_FINANCE: m.can_see_finance,
        Permission.CHAT: m.can_chat,
    }
    return frozenset(p.value for p, allowed in flags.items() if allowed)


async def dealer_scope(
    person: Person, active_dealer_id: int | None
) -> tuple[int | None, frozenset[int] | None, frozenset[str]]:
    """(active dealer, visible dealer ids, permissions) for a person; None ids = all dealers."""
    if person.staff_role == StaffRole.SUPERVISOR:
        return None, None, frozenset(p.value for p in Permission)
    if person.staff_role == StaffRole.MANAGER:
        ids = await ManagerAssignment.filter(manager_id=person.id).values_list(
            "dealer_id", flat=True
        )
        return None, frozenset(cast("list[int]", ids)), frozenset(p.value for p in Permission)
    memberships = await DealerMembership.filter(
        person_id=person.id, dealer__is_active=True
    ).order_by("id")
    if not memberships:
        return None, frozenset(), frozenset()
    chosen = next((m for m in memberships if m.dealer_id == active_dealer_id), memberships[0])
    # A holding's parent acts for its subsidiaries; never the other way round.
    children = await Dealer.filter(parent_id=chosen.dealer_id, is_active=True).values_list(
        "id", flat=True
    )
    return (
        chosen.dealer_id,
        frozenset([chosen.dealer_id, *cast("list[int]", children)]),
        membership_permissions(chosen),
    )


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
    active, dealer_ids, permissions = await dealer_scope(person, active_dealer_id)
    return Actor(
        person_id=person.id,
        email=person.email,
        full_name=person.full_name,
        language=person.language,
        time_zone=person.time_zone,
        staff_role=person.staff_role.value if person.staff_role else None,
        active_dealer_id=active,
        dealer_ids=dealer_ids,
        permissions=permissions,
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
    """The actor behind a bearer token, or None when unknown or revoked."""
    token = await ApiToken.get_or_none(token_hash=digest(secret), revoked_at=None).select_related(
        "person"
    )
    if token is None or not token.person.is_active:
        return None
    now = _now()
    if token.last_used_at is None or now - token.last_used_at > _SEEN_RESOLUTION:
        await ApiToken.filter(id=token.id).update(last_used_at=now)
    return await build_actor(
        token.person, token.active_dealer_id, token=token, ip=ip, user_agent=user_agent
    )


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
    """Drop expired sessions and login failures older than the throttling window."""
    now = now or _now()
    window = timedelta(seconds=get_settings().login_window_seconds)
    sessions = await LoginSession.filter(expires_at__lte=now).delete()
    failures = await LoginFailure.filter(at__lt=now - window).delete()
    return sessions, failures
