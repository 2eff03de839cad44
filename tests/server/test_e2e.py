"""The real `workstation-server` process on a loopback port."""

from __future__ import annotations

import json
import shutil
import time

import httpx
import pytest

from sync.server.migrate import head_revision
from sync.server.settings import default_seed_dir
from tests.support.server_process import (
    ServerStartError,
    run_server_expecting_exit,
    start_server,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    """One demo server for the tests below that leave each other's users alone
    (each server start costs seconds)."""
    with start_server(tmp_path_factory.mktemp("e2e")) as server:
        yield server


def _login(url: str, username: str = "wangjianguo", password: str = "Demo@2026"):
    return httpx.post(f"{url}/api/v1/auth/login",
                      json={"username": username, "password": password})


def test_login_me_logout_then_the_token_is_refused(live_server) -> None:
    health = httpx.get(f"{live_server.url}/health").json()
    assert (health["status"], health["database"], health["demo"]) == ("ok", "sqlite", True)
    assert health["migration"] == head_revision()

    tokens = _login(live_server.url).json()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    me = httpx.get(f"{live_server.url}/api/v1/me", headers=auth)
    assert me.status_code == 200 and me.json()["display_name"] == "王建国"
    assert httpx.post(f"{live_server.url}/api/v1/auth/logout", headers=auth).status_code == 204
    refused = httpx.get(f"{live_server.url}/api/v1/me", headers=auth)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "token_revoked"


def test_wrong_password_then_lockout_says_until_when(shared_server) -> None:
    wrong = _login(shared_server.url, "zhouli", "not-the-password")
    assert wrong.status_code == 401
    assert wrong.json()["error"] == {"code": "invalid_credentials",
                                     "message": "用户名或密码错误", "params": {}}
    for _ in range(3):
        assert _login(shared_server.url, "zhouli", "not-the-password").status_code == 401
    locked = _login(shared_server.url, "zhouli", "not-the-password")
    assert locked.status_code == 423
    error = locked.json()["error"]
    assert error["code"] == "account_locked" and "锁定" in error["message"]
    assert error["params"]["locked_until"].endswith("Z")
    assert _login(shared_server.url, "zhouli").status_code == 423  # right password, still locked


def test_openapi_served(shared_server) -> None:
    doc = httpx.get(f"{shared_server.url}/openapi.json").json()
    assert "/api/v1/auth/login" in doc["paths"]


def test_expired_access_token(tmp_path) -> None:
    with start_server(tmp_path, extra_args=["--access-ttl", "1"]) as server:
        tokens = _login(server.url).json()
        assert tokens["access_expires_in"] == 1
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # poll, rather than sleep a guessed time
            response = httpx.get(f"{server.url}/api/v1/me", headers=auth)
            if response.status_code != 200:
                break
            time.sleep(0.1)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "token_expired"


def test_without_demo_no_demo_accounts_and_no_demo_passwords(tmp_path) -> None:
    with start_server(tmp_path, demo=False) as server:
        assert httpx.get(f"{server.url}/health").json()["demo"] is False
        assert httpx.get(f"{server.url}/api/v1/demo/accounts").status_code == 404
        assert _login(server.url).status_code == 401


def test_seed_with_a_schema_error_refuses_to_start(tmp_path) -> None:
    seed = tmp_path / "bad-seed"
    shutil.copytree(default_seed_dir(), seed)
    users = json.loads((seed / "users.json").read_text(encoding="utf-8"))
    users["users"][3]["title_level"] = "grandmaster"
    (seed / "users.json").write_text(json.dumps(users, ensure_ascii=False), encoding="utf-8")

    done = run_server_expecting_exit(tmp_path, seed_dir=seed)
    assert done.returncode == 2
    assert f"{seed / 'users.json'}: users[3].title_level: Input should be" in done.stderr
    assert "Traceback" not in done.stderr
    assert "listening" not in done.stdout


def test_start_error_carries_the_servers_stderr(tmp_path) -> None:
    with pytest.raises(ServerStartError) as caught:
        start_server(tmp_path, seed_dir=tmp_path / "no-such-seed", timeout=30)
    message = str(caught.value)
    assert "exited with code 2" in message and "seed directory not found" in message


@pytest.mark.postgres
def test_postgresql_backed_server(tmp_path, pg_url) -> None:
    with start_server(tmp_path, db_url=pg_url) as server:
        assert httpx.get(f"{server.url}/health").json()["database"] == "postgresql"
        tokens = _login(server.url, "zhangweidong")
        assert tokens.status_code == 200
        assert tokens.json()["user"]["roles"] == ["admin"]
        refreshed = httpx.post(f"{server.url}/api/v1/auth/refresh",
                               json={"refresh_token": tokens.json()["refresh_token"]})
        assert refreshed.status_code == 200


def test_concurrent_logins_and_concurrent_failures(shared_server) -> None:
    """50 desks at the start of a shift all get in; a burst of wrong passwords locks the
    account after exactly five, however the attempts interleave."""
    from concurrent.futures import ThreadPoolExecutor

    accounts = httpx.get(f"{shared_server.url}/api/v1/demo/accounts").json()
    # zhouli is locked by the lock-out test on this same server.
    names = [a["username"] for a in accounts if a["username"] not in {"zhengxiaoyan", "zhouli"}]
    with ThreadPoolExecutor(max_workers=50) as pool:
        good = list(pool.map(lambda i: _login(shared_server.url, names[i % len(names)]),
                             range(50)))
        bad = list(pool.map(lambda _: _login(shared_server.url, "zhengxiaoyan", "wrong-pass"),
                            range(12)))
    assert [r.status_code for r in good] == [200] * 50
    assert len({r.json()["access_token"] for r in good}) == 50
    assert sorted(r.status_code for r in bad) == [401] * 4 + [423] * 8


def test_unreachable_database_is_one_clear_line(tmp_path) -> None:
    done = run_server_expecting_exit(
        tmp_path, db_url="postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    assert done.returncode == 1
    assert "cannot prepare the data directory or database" in done.stderr
    assert "Connection refused" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.postgres
def test_two_server_processes_share_one_postgresql_database(tmp_path, pg_url) -> None:
    """Statelessness, shown: a token issued by one process works on another, and a
    logout on the second is honoured by the first at once."""
    with start_server(tmp_path, db_url=pg_url) as first, \
            start_server(tmp_path, db_url=pg_url) as second:
        tokens = _login(first.url, "liuminghua").json()
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert httpx.get(f"{second.url}/api/v1/me", headers=auth).status_code == 200
        rotated = httpx.post(f"{second.url}/api/v1/auth/refresh",
                             json={"refresh_token": tokens["refresh_token"]}).json()
        assert httpx.get(f"{first.url}/api/v1/me", headers=auth).json()["error"]["code"] \
            == "token_revoked"
        new_auth = {"Authorization": f"Bearer {rotated['access_token']}"}
        assert httpx.post(f"{second.url}/api/v1/auth/logout", headers=new_auth).status_code \
            == 204
        assert httpx.get(f"{first.url}/api/v1/me", headers=new_auth).status_code == 401
