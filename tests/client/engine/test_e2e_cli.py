"""`workstation-sync` against the REAL server process, including kill -9 at chosen points.

The desk process SIGKILLs itself at a fault point (`WS_SYNC_FAULT`, see
sync/client/engine/faults.py): before the push leaves, after the server committed a push
but before the answer is applied, in the middle of a pull (a page received but not
applied; a page applied with more to come). A second run finishes the job; nothing is
lost or duplicated (the server's versions count each change once).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from local_db import open_cache_file, records
from sync.client.urls import normalize_server_url
from tests.support.server_process import ServerProcess, start_server

pytestmark = pytest.mark.e2e

PASSWORD = "Demo@2026"
DOCTOR, TECHNICIAN, OTHER = "wangjianguo", "lixiulan", "chenzhiqiang"  # two of one township


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> ServerProcess:
    with start_server(tmp_path_factory.mktemp("sync-e2e"), demo=True) as srv:
        yield srv


def cli(
    server: ServerProcess,
    user: str,
    db: Path,
    command: str,
    *extra: str,
    fault: str | None = None,
    password: bool = True,
) -> tuple[int, dict]:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop("WS_SYNC_FAULT", None)
    if fault:
        env["WS_SYNC_FAULT"] = fault
    args = [
        sys.executable,
        "-m",
        "sync.client.engine.cli",
        "--server",
        server.url,
        "--user",
        user,
        "--db",
        str(db),
        *extra,
        command,
    ]
    if password:
        args.insert(-1, "--password-stdin")
    proc = subprocess.run(
        args,
        input=PASSWORD + "\n" if password else "",
        text=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    if proc.returncode == -signal.SIGKILL:
        return proc.returncode, {}
    assert proc.stdout.strip(), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def write_patients(server: ServerProcess, user: str, db: Path, n: int, **data) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(n)]
    url = normalize_server_url(server.url)
    with open_cache_file(db, server_url=url, username=user) as cache:

        def put(session):
            for i, rid in enumerate(ids):
                records.write(session, "patient", rid, {"name": f"患者{i}", **data})

        cache.write_and_wait(put)
    return ids


def local(server: ServerProcess, user: str, db: Path) -> dict[str, records.RecordView]:
    url = normalize_server_url(server.url)
    with open_cache_file(db, server_url=url, username=user) as cache:
        return {
            str(r.id): r
            for r in cache.read(lambda s: records.list_records(s, "patient", include_deleted=True))
        }


def test_login_sync_status_between_two_desks(server, tmp_path) -> None:
    a, b, c = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3", tmp_path / "c.sqlite3"
    code, out = cli(server, DOCTOR, a, "login")
    assert code == 0 and out["ok"] and out["online"] and out["pending"] == 0
    assert out["token_persistent"] is False  # no keyring here: said, not hidden
    ids = write_patients(server, DOCTOR, a, 3, phone="138")
    code, out = cli(server, DOCTOR, a, "status", password=False)
    assert code == 0 and out["pending"] == 3 and out["last_sync_at"] is None
    code, out = cli(server, DOCTOR, a, "sync")
    assert code == 0, out
    assert out["result"]["pushed"] == 3 and out["result"]["applied"] == 3
    assert out["pending"] == 0 and out["parked"] == [] and out["cursor"]
    mine = local(server, DOCTOR, a)
    assert all(mine[i].version == 1 and not mine[i].dirty for i in ids)

    code, out = cli(server, TECHNICIAN, b, "sync")
    assert code == 0 and out["result"]["pulled"] >= 3
    assert {i for i in ids} <= set(local(server, TECHNICIAN, b))
    code, out = cli(server, OTHER, c, "sync")  # another township: not in its scope
    assert code == 0 and not set(ids) & set(local(server, OTHER, c))

    code, out = cli(server, DOCTOR, a, "status", password=False)
    assert out["last_sync_at"] and out["pending"] == 0


def test_a_rejection_is_parked_and_reported(server, tmp_path) -> None:
    a = tmp_path / "a.sqlite3"
    url = normalize_server_url(server.url)
    good, bad = str(uuid.uuid4()), str(uuid.uuid4())
    with open_cache_file(a, server_url=url, username=DOCTOR) as cache:

        def put(session):
            records.write(session, "patient", bad, {"phone": "no name"})  # invalid payload
            records.write(session, "patient", good, {"name": "王五"})

        cache.write_and_wait(put)
    code, out = cli(server, DOCTOR, a, "sync")
    assert code == 0 and out["result"]["rejected"] == 1 and out["result"]["applied"] == 1
    [parked] = out["parked"]
    assert parked["id"] == bad and parked["reason"] == "invalid_payload"
    assert out["pending"] == 0
    assert local(server, DOCTOR, a)[good].version == 1


def test_sync_without_password_or_keyring_says_login_required(server, tmp_path) -> None:
    a = tmp_path / "a.sqlite3"
    code, out = cli(server, DOCTOR, a, "sync", password=False)
    assert code == 5 and out["error"]["code"] == "login_required"


@pytest.mark.parametrize("point", ["push_before_send", "push_after_send"])
def test_kill_during_push_then_restart(server, tmp_path, point) -> None:
    a = tmp_path / "a.sqlite3"  # no login first: sync with a password signs in itself
    ids = write_patients(server, DOCTOR, a, 5)
    code, _ = cli(server, DOCTOR, a, "sync", fault=point)
    assert code == -signal.SIGKILL
    code, out = cli(server, DOCTOR, a, "status", password=False)
    assert out["pending"] == 5  # frozen as `sending`, nothing lost
    code, out = cli(server, DOCTOR, a, "sync")
    assert code == 0 and out["pending"] == 0 and out["parked"] == []
    # The server's answers: every key applied once (a second application would be version 2
    # or a rejection for re-creating an existing record).
    assert out["result"]["applied"] == 5 and out["result"]["rejected"] == 0
    mine = local(server, DOCTOR, a)
    assert all(mine[i].version == 1 for i in ids)
    # Another desk of the township sees each exactly once, at version 1.
    b = tmp_path / "b.sqlite3"
    cli(server, TECHNICIAN, b, "sync")
    theirs = local(server, TECHNICIAN, b)
    assert all(theirs[i].version == 1 and theirs[i].data == mine[i].data for i in ids)


@pytest.mark.parametrize("point", ["pull_before_apply:2", "pull_after_page:2"])
def test_kill_in_the_middle_of_a_pull_then_restart(server, tmp_path, point) -> None:
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    ids = write_patients(server, DOCTOR, a, 30)
    assert cli(server, DOCTOR, a, "sync")[0] == 0
    # b has an unsent change of its own that the interrupted pull must not lose.
    own = write_patients(server, TECHNICIAN, b, 1, phone="139")
    # Pages of 10 after b's own push: the kill lands inside the pull.
    code, _ = cli(server, TECHNICIAN, b, "sync", "--page-limit", "10", fault=point)
    assert code == -signal.SIGKILL
    code, out = cli(server, TECHNICIAN, b, "sync", "--page-limit", "10")
    assert code == 0 and out["pending"] == 0
    theirs = local(server, TECHNICIAN, b)
    assert set(ids) | set(own) <= set(theirs)
    assert all(theirs[i].version == 1 and not theirs[i].dirty for i in ids + own)
    assert theirs[own[0]].data["phone"] == "139"


def test_answers_cut_by_the_network_are_replayed_not_reapplied(server, tmp_path) -> None:
    """Through the loopback fault proxy: the server commits the push, the connection dies
    after the first byte of the answer; the same keys go again and are answered from the
    stored outcomes. A pull cut short leaves the cursor where it was."""
    from sync.client.api import ServerApi
    from sync.client.engine import SyncEngine
    from sync.client.errors import ServerUnreachable
    from tests.support.fault_proxy import FaultProxy

    url = normalize_server_url(server.url)
    with (
        FaultProxy(("127.0.0.1", server.port)) as proxy,
        open_cache_file(tmp_path / "a.sqlite3", server_url=url, username=DOCTOR) as cache,
    ):
        api = ServerApi(proxy.url, timeout=30)
        api.login(DOCTOR, PASSWORD)
        engine = SyncEngine(cache, api, page_limit=5)
        ids = [str(uuid.uuid4()) for _ in range(4)]
        cache.write_and_wait(
            lambda s: [records.write(s, "patient", i, {"name": "赵六"}) for i in ids]
        )
        proxy.drop_after(downstream_bytes=1)
        with pytest.raises(ServerUnreachable):
            engine.push()
        assert engine.local_status().pending == 4
        proxy.truncate_responses(after_bytes=200)
        with pytest.raises(ServerUnreachable):
            engine.push()  # answered from the stored outcomes, cut again
        proxy.clear()
        result = engine.sync_once()
        assert result.applied == 4 and result.rejected == 0
        mine = cache.read(lambda s: {str(r.id): r for r in records.list_records(s, "patient")})
        assert all(mine[i].version == 1 and not mine[i].dirty for i in ids)
        assert proxy.faults  # the faults really happened on the line
        api.close()


def test_desk_session_starts_the_background_sync(server, tmp_path) -> None:
    from sync.client.secrets import SecretStore
    from sync.client.session import LoginService

    from ..conftest import MemoryKeyring

    service = LoginService(data_dir=tmp_path / "desk", secret_store=SecretStore(MemoryKeyring()))
    session = service.login(server.url, TECHNICIAN, PASSWORD)
    seen = []
    try:
        runner = session.start_sync(on_status=seen.append, interval=3600, change_delay=0)
        assert runner is not None and session.start_sync() is runner
        assert runner.wait_idle(0)
        rid = uuid.uuid4()
        session.cache.write_and_wait(lambda s: records.write(s, "patient", rid, {"name": "钱七"}))
        done = runner.cycles
        runner.local_change()
        assert runner.wait_idle(done)
        status = runner.status
        assert status.online and status.state == "idle" and status.pending == 0
        assert status.last_success_at is not None
        view = session.cache.read(lambda s: records.get(s, "patient", rid))
        assert view.version == 1 and not view.dirty
    finally:
        session.close()
    assert seen[-1].state == "stopped"
