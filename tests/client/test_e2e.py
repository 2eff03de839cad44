"""The desk client against the REAL `workstation-server` process on a loopback port."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sync.client.secrets import SecretStore
from sync.client.session import LoginError, LoginService
from tests.support.server_process import ServerProcess, start_server
from workstation.roles import Mode

from .conftest import MemoryKeyring

pytestmark = pytest.mark.e2e

LOCKOUT_THRESHOLD = 3


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory) -> ServerProcess:
    """One server for the tests that do not stop it; short access tokens, quick lock-out."""
    with start_server(
        tmp_path_factory.mktemp("e2e"),
        demo=True,
        extra_args=("--lockout-threshold", str(LOCKOUT_THRESHOLD), "--access-ttl", "1"),
    ) as server:
        yield server


def _service(data_dir: Path) -> LoginService:
    return LoginService(data_dir=data_dir, secret_store=SecretStore(MemoryKeyring()), timeout=10)


def _demo_user(service: LoginService, url: str, role: str) -> tuple[str, str]:
    for account in service.demo_accounts(url):
        if role in account.roles:
            return account.username, account.password
    raise AssertionError(f"no demo account with role {role}")


def test_online_login_then_offline_after_the_server_stops(tmp_path: Path) -> None:
    service = _service(tmp_path / "desk")
    server = start_server(tmp_path, demo=True)
    try:
        url = server.url
        info = service.probe(url)
        assert info.demo and info.database == "sqlite"
        username, password = _demo_user(service, url, "doctor")
        session = service.login(url, username, password)
        assert session.online and Mode.DOCTOR in session.modes
        online_user = session.user
        assert online_user.institution.name and session.directory()
        session.close()
    finally:
        server.stop()

    session = service.login(url, username, password)
    try:
        assert not session.online
        assert session.user == online_user
        assert session.pending_changes() == 0
    finally:
        session.close()
    with pytest.raises(LoginError) as info:
        service.login(url, username, password + "x")
    assert info.value.code == "offline_invalid_credentials"
    with pytest.raises(LoginError) as info:
        service.login(url, "someone-else", password)
    assert info.value.code == "offline_no_credential"


def test_wrong_password_against_the_real_server(
    shared_server: ServerProcess, tmp_path: Path
) -> None:
    service = _service(tmp_path / "desk")
    username, password = _demo_user(service, shared_server.url, "pharmacist")
    with pytest.raises(LoginError) as info:
        service.login(shared_server.url, username, password + "-wrong")
    assert info.value.code == "invalid_credentials"
    with pytest.raises(LoginError) as info:
        service.login(shared_server.url, "no-such-user", password)
    assert info.value.code == "invalid_credentials"


def test_locked_account_against_the_real_server(
    shared_server: ServerProcess, tmp_path: Path
) -> None:
    service = _service(tmp_path / "desk")
    username, password = _demo_user(service, shared_server.url, "imaging_technician")
    # One online login first, so an offline verifier exists that a fallback could misuse.
    service.login(shared_server.url, username, password).close()
    codes = []
    for _ in range(LOCKOUT_THRESHOLD + 1):
        with pytest.raises(LoginError) as info:
            service.login(shared_server.url, username, "wrong-password")
        codes.append(info.value.code)
    assert "account_locked" in codes
    with pytest.raises(LoginError) as info:
        service.login(shared_server.url, username, password)
    assert info.value.code == "account_locked"
    assert info.value.params["locked_until"] > datetime.now(UTC)


def test_an_expired_access_token_is_refreshed_by_the_real_server(
    shared_server: ServerProcess, tmp_path: Path
) -> None:
    service = _service(tmp_path / "desk")
    username, password = _demo_user(service, shared_server.url, "ecg_technician")
    session = service.login(shared_server.url, username, password)
    try:
        first_refresh = session.api.tokens.refresh_token
        time.sleep(1.5)  # --access-ttl 1: let the access token expire (not a timing assertion)
        assert session.api.me()["username"] == username
        assert session.api.tokens.refresh_token != first_refresh
        stored = service.secret_store.load_refresh_token(session.server_url, username)
        assert stored == session.api.tokens.refresh_token
        assert session.logout() is True
    finally:
        session.close()
