"""Access and refresh tokens: expiry, rotation, revocation and reuse, on a manual clock."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from sync.server.models import AuditEvent, AuthSession, AuthToken
from tests.server.helpers import bearer, error_code, login

DOCTOR = "wangjianguo"


@pytest.fixture
def client(make_client):
    return make_client()


def me(client, token: str):
    return client.get("/api/v1/me", headers=bearer(token))


def refresh(client, token: str):
    return client.post("/api/v1/auth/refresh", json={"refresh_token": token})


def test_login_answers_tokens_and_user(client) -> None:
    tokens = login(client, DOCTOR)
    assert tokens["access_expires_in"] == 900
    assert tokens["refresh_expires_in"] == 12 * 3600
    assert tokens["access_token"] != tokens["refresh_token"]
    user = tokens["user"]
    assert (user["username"], user["display_name"], user["title"]) == (
        DOCTOR, "王建国", "主治医师")
    assert user["roles"] == ["doctor"] and user["title_level"] == "intermediate"
    assert user["institution"]["name"] == "青溪县石桥镇卫生院"
    assert user["department"]["kind"] == "clinical"
    assert me(client, tokens["access_token"]).json()["id"] == user["id"]


def test_only_digests_are_stored(client) -> None:
    tokens = login(client, DOCTOR)
    db = client.app.state.services.db
    with db.read() as s:
        stored = set(s.scalars(select(AuthToken.token_hash)))
    for key in ("access_token", "refresh_token"):
        assert tokens[key] not in stored
        assert hashlib.sha256(tokens[key].encode()).hexdigest() in stored


def test_access_token_expires(client, clock) -> None:
    token = login(client, DOCTOR)["access_token"]
    clock.advance(899)
    assert me(client, token).status_code == 200
    clock.advance(1)
    response = me(client, token)
    assert response.status_code == 401 and error_code(response) == "token_expired"
    assert response.headers["www-authenticate"] == "Bearer"


def test_refresh_rotates_both_tokens_and_spends_the_old_ones(client, clock) -> None:
    first = login(client, DOCTOR)
    clock.advance(600)
    second = refresh(client, first["refresh_token"])
    assert second.status_code == 200
    second = second.json()
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_expires_in"] == 900
    # The session ends one shift after login, however often it is refreshed.
    assert second["refresh_expires_in"] == 12 * 3600 - 600
    assert second["user"]["username"] == DOCTOR
    assert error_code(me(client, first["access_token"])) == "token_revoked"
    assert me(client, second["access_token"]).status_code == 200


def test_reused_refresh_token_ends_the_whole_session(client) -> None:
    first = login(client, DOCTOR)
    second = refresh(client, first["refresh_token"]).json()
    replay = refresh(client, first["refresh_token"])
    assert replay.status_code == 401 and error_code(replay) == "token_revoked"
    # Nobody can tell the genuine holder from the copy: both lose the session.
    assert error_code(me(client, second["access_token"])) == "token_revoked"
    assert error_code(refresh(client, second["refresh_token"])) == "token_revoked"
    with client.app.state.services.db.read() as s:
        assert s.scalar(select(AuthSession.revoke_reason)) == "refresh_reuse"
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.action == "refresh_reuse"))


def test_refresh_token_expires_with_the_session(client, clock) -> None:
    tokens = login(client, DOCTOR)
    clock.advance(hours=11, minutes=59)
    near_end = refresh(client, tokens["refresh_token"]).json()
    assert near_end["access_expires_in"] == 60  # never outlives the session
    assert near_end["refresh_expires_in"] == 60
    clock.advance(60)
    response = refresh(client, near_end["refresh_token"])
    assert response.status_code == 401 and error_code(response) == "token_expired"
    assert error_code(me(client, near_end["access_token"])) == "token_expired"


def test_logout_revokes_access_and_refresh_at_once(client) -> None:
    tokens = login(client, DOCTOR)
    other_desk = login(client, DOCTOR)
    response = client.post("/api/v1/auth/logout", headers=bearer(tokens["access_token"]))
    assert response.status_code == 204
    assert error_code(me(client, tokens["access_token"])) == "token_revoked"
    assert error_code(refresh(client, tokens["refresh_token"])) == "token_revoked"
    assert me(client, other_desk["access_token"]).status_code == 200  # its own session


def test_token_kinds_are_not_interchangeable(client) -> None:
    tokens = login(client, DOCTOR)
    assert error_code(me(client, tokens["refresh_token"])) == "token_invalid"
    assert error_code(refresh(client, tokens["access_token"])) == "token_invalid"


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "token_missing"),
        ({"Authorization": "Bearer"}, "token_missing"),
        ({"Authorization": "Basic d2FuZzpwdw=="}, "token_missing"),
        ({"Authorization": "Bearer not-a-token"}, "token_invalid"),
    ],
)
def test_bad_bearer_headers(client, headers, code) -> None:
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    error = response.json()["error"]
    assert (error["code"], error["params"]) == (code, {})
    assert error["message"]  # the Chinese fallback


def test_unknown_refresh_token(client) -> None:
    response = refresh(client, "made-up")
    assert response.status_code == 401 and error_code(response) == "token_invalid"


def test_short_access_ttl_setting(make_client, clock) -> None:
    client = make_client(access_ttl_s=1)
    tokens = login(client, DOCTOR)
    assert tokens["access_expires_in"] == 1
    clock.advance(1)
    assert error_code(me(client, tokens["access_token"])) == "token_expired"


def test_ended_sessions_are_purged_but_live_ones_kept(client, clock) -> None:
    from sync.server.tokens import purge_expired

    old = login(client, DOCTOR)
    refresh(client, old["refresh_token"])
    clock.advance(hours=12 + 24, seconds=1)  # the first session ended over a day ago
    live = login(client, DOCTOR)
    db = client.app.state.services.db
    with db.write() as s:
        assert purge_expired(s, clock.now()) == 1
    with db.read() as s:
        assert len(s.scalars(select(AuthSession)).all()) == 1
        assert len(s.scalars(select(AuthToken)).all()) == 2
    assert me(client, live["access_token"]).status_code == 200
    assert error_code(me(client, old["access_token"])) == "token_invalid"
