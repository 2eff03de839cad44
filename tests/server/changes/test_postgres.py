"""Record sync on the real PostgreSQL: push/pull, and the late-commit guard.

Sequence numbers are allocated when a row is inserted, not when it commits: a
transaction holding a lower seq can commit after one holding a higher seq. A pull that
read the higher one and moved its cursor past it would never see the lower one. The
watermark (docs/sync-protocol.md) must hold the cursor back until both are final.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from sync.server.changes.pull import decode_cursor
from sync.server.changes.store import Applier, Mutation
from sync.server.clock import ManualClock
from sync.server.tokens import Principal
from tests.server.changes.helpers import Desks, mutation, new_id, patient_data
from tests.server.helpers import build_client, cheap_settings
from workstation.roles import parse_roles

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_desks(pg_url: str, tmp_path: Path):
    settings = dataclasses.replace(cheap_settings(tmp_path / "pg"), db_url=pg_url)
    client = build_client(settings, ManualClock())
    yield Desks(client)
    client.close()
    client.app.state.services.db.dispose()


def _principal(tokens: dict) -> Principal:
    u = tokens["user"]
    return Principal(u["id"], u["username"], parse_roles(u["roles"]), u["institution"]["id"],
                     "test-session")


def test_push_pull_and_scope_on_postgresql(pg_desks: Desks) -> None:
    d, other = pg_desks["wangjianguo"], pg_desks["sunhongmei"]
    pid = new_id()
    assert d.push_one(mutation("patient", pid, patient_data()))["outcome"] == "applied"
    merged = d.push_one(mutation("patient", pid, patient_data(phone="1"), base=1,
                                 changed=["phone"]))
    assert merged["record"]["version"] == 2
    seen, cursor = d.pull_all()
    assert seen[("patient", pid)]["version"] == 2
    txid, seq = decode_cursor(cursor)
    assert txid > 0 and seq > 0
    assert other.pull_all()[0] == {}
    assert other.push_one(mutation("patient", pid, patient_data(), base=2))["reason"] == \
        "out_of_scope"


def test_a_change_committed_late_is_never_skipped(pg_desks: Desks) -> None:
    d = pg_desks["wangjianguo"]
    who = _principal(d.tokens)
    db = pg_desks.client.app.state.services.db
    clock = ManualClock()
    early, late = new_id(), new_id()
    _, start = d.pull_all()

    def push(session, rid: str, name: str) -> None:
        out = Applier(session, who, clock.now()).push(Mutation(
            new_id(), "patient", rid, "upsert", 0, patient_data(name), None))
        assert out["outcome"] == "applied", out

    with db.write() as slow:  # T1: takes the lower sequence number, commits last
        push(slow, early, "先写后提交")
        with db.write() as fast:  # T2: higher sequence number, commits first
            push(fast, late, "后写先提交")
        # Between the commits: T2 is visible, but returning it would move the cursor past
        # T1's still-invisible change. The pull must hold back.
        between = d.pull_raw(start).json()
        assert between["changes"] == [] and between["has_more"] is False
        assert decode_cursor(between["cursor"]) == decode_cursor(start)
    after = d.pull_raw(between["cursor"]).json()
    assert [c["id"] for c in after["changes"]] == [early, late]  # (txid, seq) order
    assert d.pull_raw(after["cursor"]).json()["changes"] == []


def test_concurrent_writers_and_a_puller_miss_nothing(pg_desks: Desks) -> None:
    """Four desks push while a fifth pulls continuously; the puller ends with every record
    and never sees one twice in a page."""
    writers = [pg_desks["wangjianguo"], pg_desks["lixiulan"], pg_desks["zhaolei"]]
    reader = pg_desks["wangjianguo"]
    written: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    seen: set[str] = set()
    errors: list[BaseException] = []

    def write(desk) -> None:
        try:
            for batch in range(6):
                ids = [new_id() for _ in range(5)]
                outcomes = desk.push(*[mutation("patient", i, patient_data(f"{batch}"))
                                       for i in ids])
                assert all(o["outcome"] == "applied" for o in outcomes)
                with lock:
                    written.extend(ids)
        except BaseException as exc:  # reported in the main thread
            errors.append(exc)

    def pull() -> None:
        cursor = None
        try:
            while True:
                done = stop.is_set()
                page = reader.pull_raw(cursor, limit=7).json()
                ids = [c["id"] for c in page["changes"]]
                assert len(ids) == len(set(ids))
                seen.update(ids)
                cursor = page["cursor"]
                if done and not page["has_more"]:
                    return
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in writers]
    puller = threading.Thread(target=pull)
    puller.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    puller.join()
    assert not errors, errors
    assert len(written) == 90 and seen == set(written)


def test_a_transaction_in_another_database_does_not_hold_pulls_back(
        pg_desks: Desks, make_pg_url) -> None:
    """The cluster shares transaction ids; an open writer elsewhere must not stall this
    database's pulls (the watermark ignores xids pg_stat_activity places elsewhere)."""
    import psycopg

    elsewhere = make_pg_url().replace("postgresql+psycopg://", "postgresql://")
    d = pg_desks["wangjianguo"]
    with psycopg.connect(elsewhere) as other:
        other.execute("SELECT pg_current_xact_id()")  # holds an xid until the end
        pid = new_id()
        d.push_one(mutation("patient", pid, patient_data()))
        seen, _ = d.pull_all()
        assert ("patient", pid) in seen
        other.rollback()


def _wait_until_blocked_on_a_lock(db, deadline_s: float = 30.0) -> bool:
    """True once another session of this database waits on a lock (polls the server's
    own view; no sleep-and-hope)."""
    import time

    end = time.monotonic() + deadline_s
    with db.engine.connect() as conn:
        while time.monotonic() < end:
            waiting = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'").scalar()
            conn.rollback()
            if waiting:
                return True
    return False


@pytest.mark.parametrize("same_key", [True, False], ids=["replay", "same_record_new_key"])
def test_concurrent_duplicates_apply_once(pg_desks: Desks, same_key: bool) -> None:
    """Two transactions push the same new record at once (a desk retrying while its first
    request is still in flight): the second waits on the first's row, then becomes a
    replay (same key) or an update of the now existing record (another key)."""
    from sync.server.changes.store import apply_batch

    d = pg_desks["wangjianguo"]
    who = _principal(d.tokens)
    db = pg_desks.client.app.state.services.db
    now = ManualClock().now()
    rid = new_id()
    first = Mutation(new_id(), "patient", rid, "upsert", 0, patient_data(), None)
    second = first if same_key else Mutation(new_id(), "patient", rid, "upsert", 0,
                                             patient_data(), None)
    results: dict[str, list] = {}

    def late() -> None:
        with db.write() as s:
            results["second"] = apply_batch(s, who, now, [second])

    with db.write() as s:
        results["first"] = apply_batch(s, who, now, [first])
        racer = threading.Thread(target=late)
        racer.start()
        assert _wait_until_blocked_on_a_lock(db)  # it waits for this transaction's row
    racer.join(timeout=60)
    assert not racer.is_alive()
    (a,), (b,) = results["first"], results["second"]
    assert a["outcome"] == "applied" and a["record"]["version"] == 1
    if same_key:
        assert b == a
    else:
        assert (b["outcome"], b["reason"]) == ("rejected", "version_conflict")
    seen, _ = d.pull_all()
    assert seen[("patient", rid)]["version"] == 1
