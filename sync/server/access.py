"""Who may call what: the one table, and the one mechanism that enforces it.

Every route the app serves must appear here exactly once, keyed by (method, path
template). A request to a route missing from the table is refused (deny by default);
tests/server/test_access_matrix.py walks every (role, endpoint) pair of this table.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from starlette.concurrency import run_in_threadpool
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

from sync.server.errors import ApiError, error_response
from sync.server.tokens import Principal
from workstation.roles import Role

log = logging.getLogger(__name__)


class ScopeRule(StrEnum):
    PUBLIC = "public"  # no token; the handler decides what an anonymous caller gets
    ANY_SIGNED_IN = "any_signed_in"  # a valid access token and an allowed role
    # ... and the `{institution_id}` in the path is the caller's own (admin: any).
    OWN_INSTITUTION = "own_institution"
    ADMIN_ONLY = "admin_only"  # consortium-wide administration


@dataclass(frozen=True)
class Rule:
    method: str
    path: str
    scope: ScopeRule
    roles: frozenset[Role]


ALL_ROLES = frozenset(Role)
UNDECLARED = "<route without a path template>"
ADMIN = frozenset({Role.ADMIN})


def _public(method: str, path: str) -> Rule:
    return Rule(method, path, ScopeRule.PUBLIC, ALL_ROLES)


def _signed_in(method: str, path: str, roles: frozenset[Role] = ALL_ROLES) -> Rule:
    return Rule(method, path, ScopeRule.ANY_SIGNED_IN, roles)


def _own_institution(method: str, path: str, roles: frozenset[Role] = ALL_ROLES) -> Rule:
    return Rule(method, path, ScopeRule.OWN_INSTITUTION, roles)


def _admin(method: str, path: str) -> Rule:
    return Rule(method, path, ScopeRule.ADMIN_ONLY, ADMIN)


RULES: tuple[Rule, ...] = (
    _public("GET", "/health"),
    _public("GET", "/openapi.json"),
    _public("GET", "/docs"),
    _public("GET", "/docs/oauth2-redirect"),
    _public("GET", "/redoc"),
    _public("GET", "/api/v1/demo/accounts"),
    _public("POST", "/api/v1/auth/login"),
    _public("POST", "/api/v1/auth/refresh"),  # the refresh token in the body is the credential
    _signed_in("POST", "/api/v1/auth/logout"),
    _signed_in("GET", "/api/v1/me"),
    _signed_in("GET", "/api/v1/directory/institutions"),
    _own_institution("GET", "/api/v1/institutions/{institution_id}/users"),
    _admin("GET", "/api/v1/admin/users"),
    _admin("POST", "/api/v1/admin/users/{user_id}/unlock"),
    # Blobs (docs/sync-protocol.md "Files"): any signed-in role. Blobs are addressed by their
    # SHA-256, so a hash is only known to whoever holds the record that cites it; uploads
    # are private to the user who started them. Record-scope checks come with the domain
    # entities that cite blobs.
    _signed_in("GET", "/api/v1/blobs/{sha256}"),  # HEAD is looked up as GET
    _signed_in("POST", "/api/v1/blobs/uploads"),
    _signed_in("GET", "/api/v1/blobs/uploads/{upload_id}"),
    _signed_in("PATCH", "/api/v1/blobs/uploads/{upload_id}"),
    _signed_in("POST", "/api/v1/blobs/uploads/{upload_id}/complete"),
    # Record sync (docs/sync-protocol.md): any signed-in role may push and pull; what a
    # caller may write and receive is decided per record by sync/server/changes
    # (audiences.py, entities.py), and a refused mutation is an outcome, not a 403.
    _signed_in("POST", "/api/v1/sync/push"),
    _signed_in("GET", "/api/v1/sync/pull"),
    # The consortium record of a patient: clinicians; the handler applies the link /
    # break-glass rule and audits every read.
    _signed_in("GET", "/api/v1/patients/{patient_id}/record",
               frozenset({Role.DOCTOR, Role.ECG_READER, Role.IMAGING_READER})),
    _admin("GET", "/api/v1/admin/identity-conflicts"),
    _admin("POST", "/api/v1/admin/identity-conflicts/{conflict_id}/resolve"),
)


def build_table(rules: Iterable[Rule]) -> dict[tuple[str, str], Rule]:
    table: dict[tuple[str, str], Rule] = {}
    for rule in rules:
        key = (rule.method, rule.path)
        if key in table:
            raise ValueError(f"access rule declared twice: {key}")
        if rule.scope is ScopeRule.ADMIN_ONLY and rule.roles != ADMIN:
            raise ValueError(f"admin_only rule must allow exactly the admin role: {key}")
        if rule.scope is ScopeRule.OWN_INSTITUTION and "{institution_id}" not in rule.path:
            raise ValueError(f"own_institution rule needs {{institution_id}} in its path: {key}")
        table[key] = rule
    return table


ACCESS: dict[tuple[str, str], Rule] = build_table(RULES)


def decide(rule: Rule, principal: Principal, path_params: dict[str, str]) -> None:
    """Raise the refusal for this caller on this rule, or return if allowed."""
    if not (principal.roles & rule.roles):
        raise ApiError("forbidden_role")
    if (
        rule.scope is ScopeRule.OWN_INSTITUTION
        and Role.ADMIN not in principal.roles
        and path_params.get("institution_id") != principal.institution_id
    ):
        raise ApiError("forbidden_scope")


def match_route(routes: Iterable[BaseRoute], scope: Scope) -> tuple[str | None, dict]:
    """The path template of the route that will serve this request; None when no route
    will (the router then answers 404 or 405 itself)."""
    for route in routes:
        match, child = route.matches(scope)
        if match is Match.FULL:
            # A route kind without a plain path (a mount, an included router) gets the
            # sentinel template, which no rule carries: it is refused, never waved through.
            return getattr(route, "path", UNDECLARED), child.get("path_params", {})
    return None, {}


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            kind, _, token = value.decode("latin-1").partition(" ")
            if kind.lower() == "bearer" and token.strip():
                return token.strip()
    return None


class AccessControl:
    """ASGI middleware: looks every request up in the table before any handler runs.

    A middleware, not a per-route dependency, so routes that FastAPI adds itself
    (/openapi.json, /docs) are covered by the same check and nothing can slip past.
    """

    def __init__(self, app: ASGIApp, *, table: dict[tuple[str, str], Rule],
                 authenticate: Callable[[str], Principal]) -> None:
        self.app, self.table, self.authenticate = app, table, authenticate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        template, path_params = match_route(scope["app"].router.routes, scope)
        if template is None:  # unknown path or wrong method: the router answers 404/405
            await self.app(scope, receive, send)
            return
        method = "GET" if scope["method"] == "HEAD" else scope["method"]
        rule = self.table.get((method, template))
        try:
            if rule is None:
                log.error("refused %s %s: route has no entry in the access table",
                          method, template)
                raise ApiError("forbidden_role", {"reason": "undeclared_route"})
            if rule.scope is not ScopeRule.PUBLIC:
                token = bearer_token(scope)
                if token is None:
                    raise ApiError("token_missing")
                principal = await run_in_threadpool(self.authenticate, token)
                decide(rule, principal, path_params)
                scope.setdefault("state", {})["principal"] = principal
        except ApiError as refusal:
            await error_response(refusal)(scope, receive, send)
            return
        await self.app(scope, receive, send)
