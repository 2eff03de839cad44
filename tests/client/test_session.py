"""The login use case against the fake server: online, offline, and every refusal."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from local_db import cache_path, desk
from sync.client import secrets
from sync.client.secrets import SecretStore
from sync.client.session import LoginError, LoginService
from workstation.roles import Mode, Role, TitleLevel

from .conftest import URL, MemoryKeyring
from .fake_server import TOWN, FakeServer

PASSWORD = "Demo@2026"


def _login_error(fn, *args) -> LoginError:
    with pytest.raises(LoginError) as info:
        fn(*args)
    return info.value


def test_online_login_stores_profile_directory_verifier_and_token(
    service: LoginService, server: FakeServer, keyring_backend: MemoryKeyring, data_dir: Path
) -> None:
    session = service.login("127.0.0.1:8000/", " wangjianguo ", PASSWORD)
    try:
        assert session.online and session.api is not None
        assert session.server_url == URL
        user = session.user
        assert (user.username, user.display_name, user.title_level) == (
            "wangjianguo",
            "王建国",
            TitleLevel.INTERMEDIATE,
        )
        assert user.roles == frozenset({Role.DOCTOR})
        assert user.institution.name == TOWN["name"] and user.department.code == "QK"
        assert session.modes == [Mode.DOCTOR]
        assert session.pending_changes() == 0
        assert (
            session.cache_notice is None
            and session.secrets_persistent
            and session.secrets_note is None
        )
        assert session.cache.path == cache_path(URL, "wangjianguo", data_dir)
        assert [i["code"] for i in session.directory()] == ["QXRMYY", "QXSQZWSY"]
        verifier = session.cache.read(desk.load_verifier)
        assert verifier.startswith("$argon2id$") and PASSWORD not in verifier
        stored = SecretStore(keyring_backend).load_refresh_token(URL, "wangjianguo")
        assert stored == session.api.tokens.refresh_token
        assert ("POST", "/api/v1/auth/login") in server.requests
    finally:
        session.close()


def test_a_reader_gets_doctor_mode_and_refresh_rotation_is_kept(
    service: LoginService, server: FakeServer, keyring_backend: MemoryKeyring
) -> None:
    session = service.login(URL, "liuyang", PASSWORD)
    try:
        assert session.modes == [Mode.DOCTOR]
        server.expire_access_tokens()
        session.api.me()
        assert (
            SecretStore(keyring_backend).load_refresh_token(URL, "liuyang")
            == session.api.tokens.refresh_token
        )
    finally:
        session.close()


def test_offline_login_after_one_online_login(service: LoginService, server: FakeServer) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()
    server.down = True
    session = service.login(URL, "WangJianguo", PASSWORD)
    try:
        assert not session.online and session.api is None
        assert session.user.username == "wangjianguo"
        assert session.user.institution.code == "QXSQZWSY"
        assert session.modes == [Mode.DOCTOR]
        assert session.pending_changes() == 0
    finally:
        session.close()


def test_offline_wrong_password(service: LoginService, server: FakeServer) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()
    server.down = True
    err = _login_error(service.login, URL, "wangjianguo", "wrong")
    assert err.code == "offline_invalid_credentials"


def test_unreachable_with_no_cache_says_there_is_no_offline_credential(
    service: LoginService, server: FakeServer, data_dir: Path
) -> None:
    server.down = True
    err = _login_error(service.login, URL, "wangjianguo", PASSWORD)
    assert err.code == "offline_no_credential"
    assert err.params["reason"] == "no_cache"
    assert err.params["unreachable"] == "refused_or_dns"
    assert not cache_path(URL, "wangjianguo", data_dir).exists()


def test_offline_credential_is_per_server(service: LoginService, server: FakeServer) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()
    server.down = True
    err = _login_error(service.login, "http://127.0.0.1:9000", "wangjianguo", PASSWORD)
    assert err.code == "offline_no_credential"


def test_wrong_password_online_never_falls_back_to_offline(
    service: LoginService, server: FakeServer
) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()
    server.users["wangjianguo"].password = "Changed@2026"
    # The old password still matches the desk's verifier, but the server said no.
    err = _login_error(service.login, URL, "wangjianguo", PASSWORD)
    assert err.code == "invalid_credentials"


def test_unknown_user(service: LoginService) -> None:
    assert _login_error(service.login, URL, "nobody", PASSWORD).code == "invalid_credentials"


def test_locked_account_reports_until_when_and_never_falls_back(
    service: LoginService, server: FakeServer
) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()
    server.users["wangjianguo"].locked_until = "2026-11-22T05:10:00Z"
    err = _login_error(service.login, URL, "wangjianguo", PASSWORD)
    assert err.code == "account_locked"
    assert err.params["locked_until"] == datetime(2026, 11, 22, 5, 10, tzinfo=UTC)
    assert err.params["locked_until"].tzinfo is not None


def test_disabled_account(service: LoginService, server: FakeServer) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()
    server.users["wangjianguo"].active = False
    assert _login_error(service.login, URL, "wangjianguo", PASSWORD).code == "account_disabled"


def test_malformed_address(service: LoginService, server: FakeServer) -> None:
    err = _login_error(service.login, "http://:80", "wangjianguo", PASSWORD)
    assert err.code == "invalid_server_address" and err.params["reason"] == "missing_host"
    assert server.requests == []


def test_empty_password_is_refused_without_asking_anyone(
    service: LoginService, server: FakeServer
) -> None:
    assert _login_error(service.login, URL, "wangjianguo", "").code == "invalid_credentials"
    assert server.requests == []


def test_server_error_is_not_offline(service: LoginService, server: FakeServer) -> None:
    import httpx

    service.login(URL, "wangjianguo", PASSWORD).close()
    broken = LoginService(
        data_dir=service.data_dir,
        secret_store=service.secret_store,
        transport=httpx.MockTransport(lambda r: httpx.Response(500, text="boom")),
    )
    err = _login_error(broken.login, URL, "wangjianguo", PASSWORD)
    assert err.code == "server_error" and err.params["status"] == 500


def test_online_login_rewrites_the_verifier(service: LoginService, server: FakeServer) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()
    server.users["wangjianguo"].password = "Changed@2026"
    service.login(URL, "wangjianguo", "Changed@2026").close()
    server.down = True
    assert (
        _login_error(service.login, URL, "wangjianguo", PASSWORD).code
        == "offline_invalid_credentials"
    )
    service.login(URL, "wangjianguo", "Changed@2026").close()


def test_corrupt_cache_online_is_reported_and_rebuilt(
    service: LoginService, data_dir: Path
) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()
    path = cache_path(URL, "wangjianguo", data_dir)
    path.write_bytes(b"\xff" * 8192)
    session = service.login(URL, "wangjianguo", PASSWORD)
    try:
        assert session.online
        notice = session.cache_notice
        assert notice is not None and notice.kept_aside.read_bytes() == b"\xff" * 8192
        assert session.cache.read(desk.load_verifier) is not None  # re-written at this login
    finally:
        session.close()


def test_corrupt_cache_offline_has_no_credential_and_says_why(
    service: LoginService, server: FakeServer, data_dir: Path
) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()
    path = cache_path(URL, "wangjianguo", data_dir)
    path.write_bytes(b"\xff" * 8192)
    server.down = True
    err = _login_error(service.login, URL, "wangjianguo", PASSWORD)
    assert err.code == "offline_no_credential"
    assert err.params["reason"] == "cache_corrupt"
    assert err.params["kept_aside"].read_bytes() == b"\xff" * 8192


def test_logout_revokes_forgets_the_token_and_closes(
    service: LoginService, server: FakeServer, keyring_backend: MemoryKeyring
) -> None:
    session = service.login(URL, "wangjianguo", PASSWORD)
    refresh = session.api.tokens.refresh_token
    assert session.logout() is True
    assert refresh not in server.refresh
    assert keyring_backend.store == {}
    assert session.closed
    with pytest.raises(RuntimeError, match="closed"):
        session.cache.write(lambda s: None)


def test_offline_logout_forgets_the_stored_token(
    service: LoginService, server: FakeServer, keyring_backend: MemoryKeyring
) -> None:
    service.login(URL, "wangjianguo", PASSWORD).close()  # close keeps the token for next run
    assert keyring_backend.store != {}
    server.down = True
    session = service.login(URL, "wangjianguo", PASSWORD)
    assert session.logout() is False
    assert keyring_backend.store == {}


def test_without_a_keyring_the_token_never_reaches_disk(
    server: FakeServer, data_dir: Path, tmp_path: Path
) -> None:
    from keyring.backends import fail

    service = LoginService(
        data_dir=data_dir, secret_store=SecretStore(fail.Keyring()), transport=server.transport()
    )
    session = service.login(URL, "wangjianguo", PASSWORD)
    try:
        assert not session.secrets_persistent
        assert session.secrets_reason == secrets.NO_KEYRING and session.secrets_note
        token = session.api.tokens.refresh_token.encode()
        assert service.secret_store.load_refresh_token(URL, "wangjianguo") == token.decode()
    finally:
        session.close()
    scanned = 0
    for root in {
        tmp_path,
        data_dir,
        Path(os.environ["WS_DATA_DIR"]),
        Path(os.environ["WS_CONFIG_DIR"]),
    }:
        for f in root.rglob("*"):
            if f.is_file():
                scanned += 1
                assert token not in f.read_bytes(), f
    assert scanned >= 1  # the cache file itself was looked at


def test_probe_and_demo_accounts(service: LoginService, server: FakeServer) -> None:
    assert service.probe("127.0.0.1:8000").demo is True
    assert [a.username for a in service.demo_accounts(URL)] == ["wangjianguo", "liuyang"]
    server.demo = False
    assert service.demo_accounts(URL) == []


def test_probe_failures_are_typed(service: LoginService, server: FakeServer) -> None:
    from sync.client.api import InvalidServerAddress, ServerUnreachable

    with pytest.raises(InvalidServerAddress):
        service.probe("ftp://x")
    server.down = True
    with pytest.raises(ServerUnreachable):
        service.probe(URL)


def test_default_data_dir_is_the_environments(
    server: FakeServer, keyring_backend, monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("WS_DATA_DIR", str(tmp_path / "desk"))
    service = LoginService(secret_store=SecretStore(keyring_backend), transport=server.transport())
    session = service.login(URL, "wangjianguo", PASSWORD)
    session.close()
    assert session.cache.path.is_relative_to(tmp_path / "desk" / "caches")


def test_a_cache_from_a_newer_program_stops_login_and_revokes(
    service: LoginService, server: FakeServer, data_dir: Path
) -> None:
    import sqlite3

    service.login(URL, "wangjianguo", PASSWORD).close()
    path = cache_path(URL, "wangjianguo", data_dir)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = path.read_bytes()
    err = _login_error(service.login, URL, "wangjianguo", PASSWORD)
    assert err.code == "cache_unusable" and err.params["path"] == path
    assert "wangjianguo" not in server.access.values()  # the half-made session was revoked
    assert path.read_bytes() == before
