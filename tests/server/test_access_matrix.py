"""The access table is complete and enforced exactly as declared, for every
(role, endpoint) pair, plus anonymous callers and the institution scope."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.routing import Route

from sync.server.access import ACCESS, RULES, Rule, ScopeRule, build_table
from tests.server.helpers import bearer, error_code, login
from workstation.roles import Role

# One seeded demo user per role, each holding exactly that one role.
USER_FOR_ROLE = {
    Role.DOCTOR: "wangjianguo",
    Role.ECG_TECHNICIAN: "lixiulan",
    Role.IMAGING_TECHNICIAN: "zhaolei",
    Role.ECG_READER: "liuminghua",
    Role.IMAGING_READER: "huangzhiyuan",
    Role.PHARMACIST: "yangjing",
    Role.ADMIN: "zhangweidong",
}


@dataclass
class Caller:
    role: Role | None
    tokens: dict | None  # None: anonymous

    @property
    def institution_id(self) -> str | None:
        return self.tokens["user"]["institution"]["id"] if self.tokens else None


@dataclass
class World:
    """Ids the requests need, taken from the seeded database."""

    client: object
    other_institution_id: dict[str, str]  # institution id -> some other institution id
    a_user_id: str


# A blob stored in the world fixture, for GET/HEAD /api/v1/blobs/{sha256}.
WORLD_BLOB = b"access matrix blob"


def w_blob_sha() -> str:
    return hashlib.sha256(WORLD_BLOB).hexdigest()


def _call_recipes() -> dict[tuple[str, str], Callable[[World, Caller, str | None], object]]:
    """How to make a well-formed request to each endpoint; the id for `{institution_id}`
    is the caller's own unless the test passes another one."""

    def get(path):
        return lambda w, c, _inst: w.client.get(path, headers=_auth(c))

    def own_users(w, c, inst):
        inst = inst or c.institution_id or next(iter(w.other_institution_id))
        return w.client.get(f"/api/v1/institutions/{inst}/users", headers=_auth(c))

    def login_call(w, c, _inst):
        username = USER_FOR_ROLE[c.role] if c.role else "wangjianguo"
        return w.client.post("/api/v1/auth/login", headers=_auth(c),
                             json={"username": username, "password": "Demo@2026"})

    def refresh_call(w, c, _inst):
        fresh = login(w.client, USER_FOR_ROLE[c.role] if c.role else "wangjianguo")
        return w.client.post("/api/v1/auth/refresh", headers=_auth(c),
                             json={"refresh_token": fresh["refresh_token"]})

    def blob_upload(w, c, *, chunk: bool = True) -> str:
        """A fresh upload of a small blob unique to this call; anonymous: a made-up id."""
        if not c.tokens:
            return "0" * 32
        data = os.urandom(64)
        started = w.client.post("/api/v1/blobs/uploads", headers=_auth(c),
                                json={"sha256": hashlib.sha256(data).hexdigest(), "size": 64})
        upload_id = started.json()["upload_id"]
        if chunk:
            w.client.patch(f"/api/v1/blobs/uploads/{upload_id}", content=data,
                           headers={**_auth(c), "Upload-Offset": "0",
                                    "Chunk-SHA256": hashlib.sha256(data).hexdigest()})
        return upload_id

    def blob_patch(w, c, _inst):
        # An empty chunk at offset 0 is well-formed and appends nothing.
        upload_id = blob_upload(w, c, chunk=False)
        return w.client.patch(f"/api/v1/blobs/uploads/{upload_id}", content=b"",
                              headers={**_auth(c), "Upload-Offset": "0",
                                       "Chunk-SHA256": hashlib.sha256(b"").hexdigest()})

    def blob_start(w, c, _inst):
        data = os.urandom(64)
        return w.client.post("/api/v1/blobs/uploads", headers=_auth(c),
                             json={"sha256": hashlib.sha256(data).hexdigest(), "size": 64})

    def patient_record(w, c, _inst):
        from tests.server.changes.helpers import create_patient, desk

        pid = create_patient(desk(w.client, "wangjianguo"))
        return w.client.get(f"/api/v1/patients/{pid}/record", headers=_auth(c),
                            params={"reason": "access matrix"})

    def resolve_conflict(w, c, _inst):
        from tests.server.changes.helpers import make_identity_conflict

        conflict = make_identity_conflict(w.client)
        return w.client.post(f"/api/v1/admin/identity-conflicts/{conflict}/resolve",
                             headers=_auth(c), json={"value": "李思"})

    return {
        ("POST", "/api/v1/sync/push"):
            lambda w, c, _i: w.client.post("/api/v1/sync/push", headers=_auth(c),
                                           json={"client_schema": 1, "mutations": []}),
        ("GET", "/api/v1/sync/pull"): get("/api/v1/sync/pull"),
        ("GET", "/api/v1/patients/{patient_id}/record"): patient_record,
        ("GET", "/api/v1/admin/identity-conflicts"): get("/api/v1/admin/identity-conflicts"),
        ("POST", "/api/v1/admin/identity-conflicts/{conflict_id}/resolve"): resolve_conflict,
        ("GET", "/api/v1/blobs/{sha256}"): get(f"/api/v1/blobs/{w_blob_sha()}"),
        ("POST", "/api/v1/blobs/uploads"): blob_start,
        ("GET", "/api/v1/blobs/uploads/{upload_id}"):
            lambda w, c, _i: w.client.get(f"/api/v1/blobs/uploads/{blob_upload(w, c)}",
                                          headers=_auth(c)),
        ("PATCH", "/api/v1/blobs/uploads/{upload_id}"): blob_patch,
        ("POST", "/api/v1/blobs/uploads/{upload_id}/complete"):
            lambda w, c, _i: w.client.post(
                f"/api/v1/blobs/uploads/{blob_upload(w, c)}/complete", headers=_auth(c)),
        ("GET", "/health"): get("/health"),
        ("GET", "/openapi.json"): get("/openapi.json"),
        ("GET", "/docs"): get("/docs"),
        ("GET", "/docs/oauth2-redirect"): get("/docs/oauth2-redirect"),
        ("GET", "/redoc"): get("/redoc"),
        ("GET", "/api/v1/demo/accounts"): get("/api/v1/demo/accounts"),
        ("POST", "/api/v1/auth/login"): login_call,
        ("POST", "/api/v1/auth/refresh"): refresh_call,
        ("POST", "/api/v1/auth/logout"):
            lambda w, c, _i: w.client.post("/api/v1/auth/logout", headers=_auth(c)),
        ("GET", "/api/v1/me"): get("/api/v1/me"),
        ("GET", "/api/v1/directory/institutions"): get("/api/v1/directory/institutions"),
        ("GET", "/api/v1/institutions/{institution_id}/users"): own_users,
        ("GET", "/api/v1/admin/users"): get("/api/v1/admin/users"),
        ("POST", "/api/v1/admin/users/{user_id}/unlock"):
            lambda w, c, _i: w.client.post(f"/api/v1/admin/users/{w.a_user_id}/unlock",
                                           headers=_auth(c)),
    }


RECIPES = _call_recipes()


def _auth(caller: Caller) -> dict[str, str]:
    return bearer(caller.tokens["access_token"]) if caller.tokens else {}


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    from sync.server.clock import ManualClock
    from tests.server.helpers import build_client, cheap_settings

    client = build_client(cheap_settings(tmp_path_factory.mktemp("matrix")), ManualClock())
    admin = login(client, USER_FOR_ROLE[Role.ADMIN])
    institutions = [i["id"] for i in client.get(
        "/api/v1/directory/institutions", headers=bearer(admin["access_token"])).json()]
    users = client.get("/api/v1/admin/users", headers=bearer(admin["access_token"])).json()
    other = {i: next(j for j in institutions if j != i) for i in institutions}
    client.app.state.blob_store.blob_path(w_blob_sha()).parent.mkdir(parents=True)
    client.app.state.blob_store.blob_path(w_blob_sha()).write_bytes(WORLD_BLOB)
    yield World(client, other, users[0]["id"])
    client.close()
    client.app.state.services.db.dispose()


def _allowed(response) -> bool:
    assert response.status_code < 500, response.text
    if response.status_code in (401, 403):
        assert error_code(response) in {
            "token_missing", "forbidden_role", "forbidden_scope"}, response.text
        return False
    assert 200 <= response.status_code < 300, response.text
    return True


# --- the table itself ---------------------------------------------------------------

def _served_routes(app) -> list[tuple[str, str]]:
    pairs = []
    for route in app.routes:
        assert isinstance(route, (APIRoute, Route)), f"opaque route kind: {route!r}"
        pairs += [(m, route.path) for m in sorted(route.methods or ()) if m != "HEAD"]
    return pairs


def test_every_served_route_has_exactly_one_entry(world: World) -> None:
    served = _served_routes(world.client.app)
    assert not [k for k, n in Counter(served).items() if n > 1]
    declared = Counter((r.method, r.path) for r in RULES)
    assert not [k for k, n in declared.items() if n > 1]
    assert sorted(served) == sorted(declared), "access table and routes disagree"


def test_every_entry_has_a_call_recipe_in_this_test() -> None:
    assert set(RECIPES) == set(ACCESS)


def test_table_is_checked_when_built() -> None:
    twice = [RULES[0], RULES[0]]
    with pytest.raises(ValueError, match="declared twice"):
        build_table(twice)
    sloppy = Rule("GET", "/x", ScopeRule.ADMIN_ONLY, frozenset({Role.ADMIN, Role.DOCTOR}))
    with pytest.raises(ValueError, match="admin_only"):
        build_table([sloppy])
    unscoped = Rule("GET", "/api/v1/x", ScopeRule.OWN_INSTITUTION, frozenset(Role))
    with pytest.raises(ValueError, match="institution_id"):
        build_table([unscoped])


def test_demo_users_hold_exactly_their_role(world: World) -> None:
    for role, username in USER_FOR_ROLE.items():
        assert login(world.client, username)["user"]["roles"] == [role.value]


# --- the matrix ----------------------------------------------------------------------

PAIRS = [(rule, role) for rule in RULES for role in Role]


@pytest.mark.parametrize(("rule", "role"), PAIRS,
                         ids=[f"{r.method} {r.path} as {role.value}" for r, role in PAIRS])
def test_role_endpoint_pair(world: World, rule: Rule, role: Role) -> None:
    caller = Caller(role, login(world.client, USER_FOR_ROLE[role]))
    response = RECIPES[(rule.method, rule.path)](world, caller, None)
    expected = rule.scope is ScopeRule.PUBLIC or role in rule.roles
    assert _allowed(response) is expected, response.text
    if not expected:
        assert response.status_code == 403 and error_code(response) == "forbidden_role"


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.method} {r.path}" for r in RULES])
def test_anonymous_caller(world: World, rule: Rule) -> None:
    response = RECIPES[(rule.method, rule.path)](world, Caller(None, None), None)
    if rule.scope is ScopeRule.PUBLIC:
        assert _allowed(response)
    else:
        assert response.status_code == 401 and error_code(response) == "token_missing"


SCOPED = [r for r in RULES if r.scope is ScopeRule.OWN_INSTITUTION]
SCOPED_PAIRS = [(rule, role) for rule in SCOPED for role in Role]


@pytest.mark.parametrize(("rule", "role"), SCOPED_PAIRS,
                         ids=[f"{r.path} as {role.value}" for r, role in SCOPED_PAIRS])
def test_other_institution_only_for_admin(world: World, rule: Rule, role: Role) -> None:
    caller = Caller(role, login(world.client, USER_FOR_ROLE[role]))
    other = world.other_institution_id[caller.institution_id]
    response = RECIPES[(rule.method, rule.path)](world, caller, other)
    if role is Role.ADMIN:
        assert response.status_code == 200
    else:
        assert response.status_code == 403 and error_code(response) == "forbidden_scope"


def test_township_doctor_sees_own_colleagues_not_another_township(world: World) -> None:
    doctor = login(world.client, "wangjianguo")
    own = doctor["user"]["institution"]["id"]
    colleagues = world.client.get(f"/api/v1/institutions/{own}/users",
                                  headers=bearer(doctor["access_token"])).json()
    assert {u["username"] for u in colleagues} == {"wangjianguo", "lixiulan", "zhaolei"}
    other = world.other_institution_id[own]
    refused = world.client.get(f"/api/v1/institutions/{other}/users",
                               headers=bearer(doctor["access_token"]))
    assert refused.status_code == 403 and error_code(refused) == "forbidden_scope"


# --- deny by default -----------------------------------------------------------------

def test_route_missing_from_the_table_is_refused(make_client) -> None:
    client = make_client()
    client.app.add_api_route("/api/v1/secret", lambda: {"secret": 42}, methods=["GET"])
    response = client.get("/api/v1/secret")
    assert response.status_code == 403 and error_code(response) == "forbidden_role"
    assert response.json()["error"]["params"] == {"reason": "undeclared_route"}


def test_included_router_branch_is_refused_not_waved_through(make_client) -> None:
    client = make_client()
    router = APIRouter()
    router.add_api_route("/health", lambda: {"shadow": True}, methods=["POST"])
    client.app.include_router(router)
    response = client.post("/health")
    assert response.status_code == 403 and error_code(response) == "forbidden_role"
