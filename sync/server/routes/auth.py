from __future__ import annotations

from fastapi import Response, Security

from sync.server import tokens
from sync.server.audit import Action, Outcome, record
from sync.server.deps import Caller, Services, Svc, bearer_scheme
from sync.server.errors import ApiError
from sync.server.models import User
from sync.server.routes.routeset import RouteSet
from sync.server.schemas import (
    LoginRequest,
    RefreshRequest,
    Tokens,
    error_responses,
    user_info,
)
from sync.server.tokens import IssuedTokens

router = RouteSet("/api/v1/auth", tags=["auth"])
_SIGNED_IN = error_responses(401, 403, 423)


def _answer(svc: Services, issued: IssuedTokens) -> Tokens:
    with svc.db.read() as s:
        user = s.get(User, issued.user_id)
        assert user is not None
        return Tokens(access_token=issued.access_token,
                      access_expires_in=issued.access_expires_in,
                      refresh_token=issued.refresh_token,
                      refresh_expires_in=issued.refresh_expires_in, user=user_info(user))


@router.post("/login", response_model=Tokens, responses=error_responses(400, 401, 403, 423))
def login(body: LoginRequest, svc: Svc) -> Tokens:
    return _answer(svc, svc.login.login(body.username, body.password, body.device))


@router.post("/refresh", response_model=Tokens, responses=error_responses(400, 401, 403, 423))
def refresh(body: RefreshRequest, svc: Svc) -> Tokens:
    with svc.db.write() as s:
        outcome = tokens.refresh(s, body.refresh_token, svc.clock.now(), svc.settings)
    if isinstance(outcome, ApiError):
        raise outcome
    return _answer(svc, outcome)


@router.post("/logout", status_code=204, dependencies=[Security(bearer_scheme)],
             responses=_SIGNED_IN)
def logout(who: Caller, svc: Svc) -> Response:
    now = svc.clock.now()
    with svc.db.write() as s:
        tokens.revoke(s, who.session_id, now, "logout")
        record(s, action=Action.LOGOUT, outcome=Outcome.SUCCESS, now=now, user_id=who.user_id,
               username=who.username, details={"session_id": who.session_id})
    return Response(status_code=204)
