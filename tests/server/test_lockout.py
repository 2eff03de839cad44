"""Lock-out after repeated failures, unlock, no user enumeration, and the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from sync.server.models import AuditEvent, User
from tests.server.helpers import DEMO_PASSWORD, bearer, error_code, login

USER = "lixiulan"
ADMIN = "zhangweidong"


@pytest.fixture
def client(make_client):
    return make_client()


def attempt(client, username: str = USER, password: str = "wrong-password"):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def audit(client) -> list[tuple[str, str, str | None]]:
    with client.app.state.services.db.read() as s:
        rows = s.execute(select(AuditEvent.action, AuditEvent.outcome, AuditEvent.username)
                         .order_by(AuditEvent.id)).all()
    return [tuple(r) for r in rows]


def test_fifth_failure_locks_for_fifteen_minutes(client, clock) -> None:
    for _ in range(4):
        response = attempt(client)
        assert response.status_code == 401 and error_code(response) == "invalid_credentials"
    response = attempt(client)
    assert response.status_code == 423
    error = response.json()["error"]
    assert error["code"] == "account_locked" and error["message"]
    assert error["params"] == {"locked_until": "2026-11-22T08:15:00Z"}  # clock + 15 min

    # While locked even the right password is refused, with the same time.
    clock.advance(minutes=14, seconds=59)
    response = attempt(client, password=DEMO_PASSWORD)
    assert response.status_code == 423
    assert response.json()["error"]["params"]["locked_until"] == "2026-11-22T08:15:00Z"

    clock.advance(1)
    assert attempt(client, password=DEMO_PASSWORD).status_code == 200


def test_success_resets_the_failure_count(client) -> None:
    for _ in range(4):
        attempt(client)
    login(client, USER)
    for _ in range(4):
        assert attempt(client).status_code == 401
    assert attempt(client).status_code == 423


def test_after_a_lock_expires_the_count_starts_afresh(client, clock) -> None:
    for _ in range(5):
        attempt(client)
    clock.advance(minutes=15)
    assert attempt(client).status_code == 401  # not locked again at once


def test_unknown_user_and_wrong_password_look_the_same(client) -> None:
    unknown = attempt(client, username="nobody")
    wrong = attempt(client)
    assert (unknown.status_code, unknown.json()) == (wrong.status_code, wrong.json())
    for _ in range(6):  # unknown users never lock, so 423 cannot reveal them either
        assert attempt(client, username="nobody").status_code == 401


def test_seeded_user_without_demo_password_cannot_log_in(make_client) -> None:
    client = make_client(demo=False)
    response = attempt(client, password=DEMO_PASSWORD)
    assert response.status_code == 401 and error_code(response) == "invalid_credentials"


def test_admin_unlocks(client) -> None:
    for _ in range(5):
        attempt(client)
    admin = login(client, ADMIN)["access_token"]
    listed = {u["username"]: u for u in
              client.get("/api/v1/admin/users", headers=bearer(admin)).json()}
    assert listed[USER]["locked_until"] == "2026-11-22T08:15:00Z"
    user_id = listed[USER]["id"]
    response = client.post(f"/api/v1/admin/users/{user_id}/unlock", headers=bearer(admin))
    assert response.status_code == 204
    assert login(client, USER)["user"]["id"] == user_id
    unknown = client.post("/api/v1/admin/users/no-such-user/unlock", headers=bearer(admin))
    assert unknown.status_code == 404 and error_code(unknown) == "not_found"


def test_lockout_stops_existing_tokens_too(client) -> None:
    token = login(client, USER)["access_token"]
    for _ in range(5):
        attempt(client)
    response = client.get("/api/v1/me", headers=bearer(token))
    assert response.status_code == 423 and error_code(response) == "account_locked"


def test_disabled_account(client) -> None:
    token = login(client, USER)["access_token"]
    with client.app.state.services.db.write() as s:
        s.execute(update(User).where(User.username == USER).values(active=False))
    response = attempt(client, password=DEMO_PASSWORD)
    assert response.status_code == 403 and error_code(response) == "account_disabled"
    # A wrong password still says only "invalid credentials".
    assert error_code(attempt(client)) == "invalid_credentials"
    assert error_code(client.get("/api/v1/me", headers=bearer(token))) == "account_disabled"


def test_audit_trail(client) -> None:
    attempt(client, username="nobody")
    for _ in range(5):
        attempt(client)
    attempt(client, password=DEMO_PASSWORD)
    admin = login(client, ADMIN)
    user_id = next(u["id"] for u in client.get(
        "/api/v1/admin/users", headers=bearer(admin["access_token"])).json()
        if u["username"] == USER)
    client.post(f"/api/v1/admin/users/{user_id}/unlock", headers=bearer(admin["access_token"]))
    client.post("/api/v1/auth/logout", headers=bearer(admin["access_token"]))
    assert audit(client) == [
        ("login", "failure", "nobody"),
        *[("login", "failure", USER)] * 5,
        ("lockout", "success", USER),
        ("login", "denied", USER),
        ("login", "success", ADMIN),
        ("unlock", "success", USER),
        ("logout", "success", ADMIN),
    ]
    with client.app.state.services.db.read() as s:
        details = s.scalar(select(AuditEvent.details).where(AuditEvent.action == "unlock"))
    assert details == {"by": ADMIN, "was_locked": True}


def test_lockout_options(make_client, clock) -> None:
    client = make_client(lockout_threshold=2, lockout_minutes=1)
    assert attempt(client).status_code == 401
    response = attempt(client)
    assert response.json()["error"]["params"]["locked_until"] == "2026-11-22T08:01:00Z"


def test_login_upgrades_a_hash_made_with_other_parameters(client) -> None:
    from sync.server.passwords import PasswordHasher
    from sync.server.settings import PasswordParams

    older = PasswordHasher(PasswordParams(memory_kib=16, time_cost=1)).hash(DEMO_PASSWORD)
    with client.app.state.services.db.write() as s:
        s.execute(update(User).where(User.username == USER).values(password_hash=older))
    login(client, USER)
    with client.app.state.services.db.read() as s:
        upgraded = s.scalar(select(User.password_hash).where(User.username == USER))
    assert upgraded != older and "$m=8,t=1,p=1$" in upgraded
    login(client, USER)  # and it still verifies
