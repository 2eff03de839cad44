"""Opaque bearer tokens backed by auth_session/auth_token rows.

Only SHA-256 digests are stored: a leaked database does not hand out live tokens, and
any worker can check a token with one primary-key lookup. Revocation is a row update,
so logout takes effect on the next request, on every worker.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from sync.server.audit import Action, Outcome, record
from sync.server.clock import iso_utc
from sync.server.errors import ApiError
from sync.server.models import AuthSession, AuthToken, User
from sync.server.settings import Settings
from workstation.roles import Role, parse_roles

ACCESS = "access"
REFRESH = "refresh"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


@dataclass(frozen=True)
class Principal:
    """Who is calling: what the access table and the handlers need, nothing more."""

    user_id: str
    username: str
    roles: frozenset[Role]
    institution_id: str
    session_id: str


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    access_expires_in: int
    refresh_token: str
    refresh_expires_in: int
    user_id: str


def _seconds(later: datetime, now: datetime) -> int:
    return max(0, int((later - now).total_seconds()))


def issue_pair(session: Session, auth: AuthSession, now: datetime, settings: Settings
               ) -> IssuedTokens:
    access, refresh = new_token(), new_token()
    access_expires = min(now + timedelta(seconds=settings.access_ttl_s), auth.expires_at)
    session.add_all([
        AuthToken(token_hash=digest(access), session_id=auth.id, kind=ACCESS,
                  issued_at=now, expires_at=access_expires),
        AuthToken(token_hash=digest(refresh), session_id=auth.id, kind=REFRESH,
                  issued_at=now, expires_at=auth.expires_at),
    ])
    return IssuedTokens(access, _seconds(access_expires, now), refresh,
                        _seconds(auth.expires_at, now), auth.user_id)


def open_session(session: Session, user: User, now: datetime, settings: Settings,
                 device: str | None = None) -> IssuedTokens:
    # A session ends one refresh-TTL after login however often it is refreshed: a shift.
    auth = AuthSession(user_id=user.id, device=device, created_at=now,
                       expires_at=now + timedelta(seconds=settings.refresh_ttl_s))
    session.add(auth)
    session.flush()
    return issue_pair(session, auth, now, settings)


def check_user_may_act(user: User, now: datetime) -> None:
    if not user.active:
        raise ApiError("account_disabled")
    if user.locked_until is not None and user.locked_until > now:
        raise ApiError("account_locked", {"locked_until": iso_utc(user.locked_until)})


def _load(session: Session, token: str, kind: str) -> tuple[AuthToken, AuthSession]:
    row = session.get(AuthToken, digest(token))
    if row is None or row.kind != kind:
        raise ApiError("token_invalid")
    auth = session.get(AuthSession, row.session_id)
    assert auth is not None  # foreign key
    return row, auth


def authenticate(session: Session, token: str, now: datetime) -> Principal:
    row, auth = _load(session, token, ACCESS)
    if auth.revoked_at is not None or row.spent_at is not None:
        raise ApiError("token_revoked")
    if row.expires_at <= now:
        raise ApiError("token_expired")
    user = session.get(User, auth.user_id)
    assert user is not None
    check_user_may_act(user, now)
    return Principal(user.id, user.username, parse_roles(user.roles), user.institution_id,
                     auth.id)


def refresh(session: Session, token: str, now: datetime, settings: Settings
            ) -> IssuedTokens | ApiError:
    """Rotate both tokens. Returns the error instead of raising when the refusal itself
    must be committed (a reused refresh token ends its whole session)."""
    row, auth = _load(session, token, REFRESH)
    if auth.revoked_at is not None:
        raise ApiError("token_revoked")
    if row.expires_at <= now:
        raise ApiError("token_expired")
    user = session.get(User, auth.user_id)
    assert user is not None
    already_spent = row.spent_at is not None  # read now: the UPDATE below syncs `row`
    spent = session.execute(
        update(AuthToken).where(AuthToken.token_hash == row.token_hash,
                                AuthToken.spent_at.is_(None)).values(spent_at=now)
    ).rowcount
    if already_spent or spent != 1:
        # A spent refresh token came back: it was copied, or a stale desk replays it.
        # Either way nobody can tell which holder is genuine, so the session ends.
        auth.revoked_at, auth.revoke_reason = now, "refresh_reuse"
        record(session, action=Action.REFRESH_REUSE, outcome=Outcome.DENIED, now=now,
               user_id=user.id, username=user.username, details={"session_id": auth.id})
        return ApiError("token_revoked")
    check_user_may_act(user, now)
    session.execute(
        update(AuthToken).where(AuthToken.session_id == auth.id, AuthToken.kind == ACCESS,
                                AuthToken.spent_at.is_(None)).values(spent_at=now)
    )
    return issue_pair(session, auth, now, settings)


def revoke(session: Session, session_id: str, now: datetime, reason: str) -> None:
    auth = session.get(AuthSession, session_id)
    if auth is not None and auth.revoked_at is None:
        auth.revoked_at, auth.revoke_reason = now, reason


def purge_expired(session: Session, now: datetime, grace: timedelta = timedelta(days=1)) -> int:
    """Delete sessions (and their tokens) that ended more than `grace` ago; returns how
    many sessions went. Spent tokens of live sessions stay: reuse detection needs them."""
    ended = select(AuthSession.id).where(AuthSession.expires_at < now - grace)
    session.execute(delete(AuthToken).where(AuthToken.session_id.in_(ended)))
    return session.execute(
        delete(AuthSession).where(AuthSession.expires_at < now - grace)
    ).rowcount
