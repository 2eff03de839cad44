"""Push idempotency, client schema versions, pull cursors and pages, tombstone horizon."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from sync.server.changes import wire
from sync.server.changes.pull import compact, decode_cursor
from sync.server.changes.tables import ChangeLog, Record
from tests.server.changes.helpers import (
    Desks,
    create_patient,
    mutation,
    new_id,
    patient_data,
)
from tests.server.helpers import error_code

DOCTOR = "wangjianguo"


def _count(desks: Desks, column) -> int:
    with desks.client.app.state.services.db.read() as s:
        return s.scalar(select(func.count(column)))


# --- idempotency -----------------------------------------------------------------------

def test_a_replayed_key_gets_the_stored_outcome_and_changes_nothing(desks: Desks) -> None:
    d = desks[DOCTOR]
    m = mutation("patient", new_id(), patient_data("赵六"))
    first = d.push_one(m)
    changes = _count(desks, ChangeLog.seq)
    assert d.push_one(m) == first
    # Even with another payload under the same key: the key names the outcome.
    assert d.push_one({**m, "data": patient_data("钱七")}) == first
    assert _count(desks, ChangeLog.seq) == changes
    seen, _ = d.pull_all()
    assert seen[("patient", m["id"])]["data"]["name"] == "赵六"
    assert seen[("patient", m["id"])]["version"] == 1


def test_a_rejection_is_stored_and_replayed_too(desks: Desks) -> None:
    d = desks[DOCTOR]
    m = mutation("patient", new_id(), {"sex": "female"})
    first = d.push_one(m)
    assert first["reason"] == "invalid_payload"
    assert d.push_one({**m, "data": patient_data()}) == first


def test_keys_belong_to_their_user(desks: Desks) -> None:
    doctor, tech = desks[DOCTOR], desks["lixiulan"]
    key = new_id()
    a = doctor.push_one(mutation("patient", new_id(), patient_data("甲"), key=key))
    b = tech.push_one(mutation("patient", new_id(), patient_data("乙"), key=key))
    assert a["outcome"] == b["outcome"] == "applied" and a["record"]["id"] != b["record"]["id"]


def test_one_rejection_never_blocks_the_rest_of_the_batch(desks: Desks) -> None:
    d = desks[DOCTOR]
    good1, good2 = new_id(), new_id()
    response = d.push_raw([mutation("patient", good1, patient_data("一")),
                           mutation("prescription", new_id(), {"status": "draft"}),
                           mutation("referral", new_id(), {}),
                           mutation("patient", good2, patient_data("二"))])
    assert response.status_code == 200
    body = response.json()
    assert [o["outcome"] for o in body["outcomes"]] == ["applied", "rejected", "rejected",
                                                        "applied"]
    assert body["server_seq"] == _count(desks, ChangeLog.seq)
    seen, _ = d.pull_all()
    assert {("patient", good1), ("patient", good2)} <= set(seen)


def test_a_batch_may_create_then_reference(desks: Desks) -> None:
    d = desks[DOCTOR]
    pid = new_id()
    outcomes = d.push(mutation("patient", pid, patient_data()),
                      mutation("prescription", new_id(), {
                          "patient_id": pid, "prescriber_id": d.user_id, "status": "draft"}))
    assert [o["outcome"] for o in outcomes] == ["applied", "applied"]


# --- client schema ---------------------------------------------------------------------

def test_current_and_previous_schema_accepted_older_told_to_update(
        desks: Desks, monkeypatch: pytest.MonkeyPatch) -> None:
    d = desks[DOCTOR]
    assert d.push_raw([], client_schema=wire.CLIENT_SCHEMA).status_code == 200
    monkeypatch.setattr(wire, "CLIENT_SCHEMA", 3)
    assert d.push_raw([], client_schema=3).status_code == 200
    previous = d.push_raw([mutation("patient", new_id(), patient_data())], client_schema=2)
    assert previous.status_code == 200
    assert previous.json()["outcomes"][0]["outcome"] == "applied"
    old = d.push_raw([mutation("patient", new_id(), patient_data())], client_schema=1)
    assert old.status_code == 426 and error_code(old) == "client_too_old"
    assert old.json()["error"]["params"] == {"minimum": 2, "current": 3}
    too_new = d.push_raw([], client_schema=4)
    assert too_new.status_code == 400
    pulled = desks.client.get("/api/v1/sync/pull", headers=d.headers,
                              params={"client_schema": 1})
    assert pulled.status_code == 426


def test_first_schema_has_no_predecessor(desks: Desks) -> None:
    response = desks[DOCTOR].push_raw([], client_schema=0)
    assert response.status_code == 426
    assert response.json()["error"]["params"]["minimum"] == 1


def test_bad_requests_are_400(desks: Desks) -> None:
    d = desks[DOCTOR]
    missing_schema = desks.client.post("/api/v1/sync/push", headers=d.headers,
                                       json={"mutations": []})
    assert missing_schema.status_code == 400 and error_code(missing_schema) == "invalid_request"
    assert d.pull_raw(after="garbage!").status_code == 400
    assert d.pull_raw(limit=1001).status_code == 400
    assert d.pull_raw(limit=0).status_code == 400


# --- pull pages and cursor -------------------------------------------------------------

def test_pages_are_bounded_and_the_cursor_resumes_without_gaps(desks: Desks) -> None:
    d = desks[DOCTOR]
    ids = [new_id() for _ in range(25)]
    d.push(*[mutation("patient", i, patient_data(f"病人{n}")) for n, i in enumerate(ids)])
    pages, after = [], None
    while True:
        page = d.pull_raw(after, limit=10).json()
        pages.append(page)
        assert page["cursor"] and page["cursor"] != after
        after = page["cursor"]
        if not page["has_more"]:
            break
    assert [len(p["changes"]) for p in pages] == [10, 10, 5]
    assert [c["id"] for p in pages for c in p["changes"]] == ids  # in change order
    nothing = d.pull_raw(after).json()
    assert (nothing["changes"], nothing["has_more"], nothing["cursor"]) == ([], False, after)
    later = create_patient(d, "后来")
    assert [c["id"] for c in d.pull_raw(after).json()["changes"]] == [later]


def test_a_record_appears_once_per_page_with_its_latest_version(desks: Desks) -> None:
    d = desks[DOCTOR]
    pid = create_patient(d)
    for version in range(1, 4):
        d.push_one(mutation("patient", pid, patient_data(phone=str(version)), base=version))
    page = d.pull_raw().json()
    assert [(c["id"], c["version"]) for c in page["changes"]] == [(pid, 4)]
    assert page["changes"][0]["data"]["phone"] == "3"


def test_cursor_is_opaque_but_ordered(desks: Desks) -> None:
    d = desks[DOCTOR]
    create_patient(d)
    cursor = d.pull_raw().json()["cursor"]
    txid, seq = decode_cursor(cursor)
    assert txid == seq >= 1  # SQLite: the transaction id is the sequence number


# --- tombstone horizon -----------------------------------------------------------------

def test_cursor_older_than_the_horizon_must_resync(desks: Desks, clock) -> None:
    d = desks[DOCTOR]
    kept = create_patient(d, "留下")
    _, old_cursor = d.pull_all()
    gone = create_patient(d, "删除")
    d.push_one(mutation("patient", gone, None, base=1, op="delete"))
    edited = create_patient(d, "修改")
    d.push_one(mutation("patient", edited, patient_data("修改", phone="9"), base=1))
    _, recent_cursor = d.pull_all()
    clock.advance(days=100)
    d = Desks(desks.client)[DOCTOR]  # a new day, a new login
    db = desks.client.app.state.services.db
    with db.write() as s:
        dropped = compact(s, clock.now(), timedelta(days=90))
    assert dropped == 3  # the tombstone's two rows and the superseded edit's first row

    stale = d.pull_raw(old_cursor)
    assert stale.status_code == 410 and error_code(stale) == "resync_required"
    fresh, _ = d.pull_all()  # from the beginning: everything alive, no tombstone
    assert set(fresh) == {("patient", kept), ("patient", edited)}
    assert fresh[("patient", edited)]["version"] == 2
    assert d.pull_raw(recent_cursor).status_code == 200
    with db.read() as s:  # the tombstone itself stays: an edit of it is still refused
        assert s.get(Record, ("patient", gone)).deleted is True
    with db.write() as s:
        assert compact(s, clock.now(), timedelta(days=90)) == 0


def test_the_server_compacts_at_start_with_its_horizon_option(make_client, clock) -> None:
    from sync.server.bootstrap import prepare
    from sync.server.passwords import PasswordHasher

    client = make_client(tombstone_horizon_days=1)
    d = Desks(client)[DOCTOR]
    create_patient(d)
    _, old_cursor = d.pull_all()
    pid = create_patient(d)
    d.push_one(mutation("patient", pid, None, base=1, op="delete"))
    clock.advance(days=2)
    d = Desks(client)[DOCTOR]
    svc = client.app.state.services
    assert d.pull_raw(old_cursor).status_code == 200
    prepare(svc.settings, svc.db, hasher=PasswordHasher(svc.settings.passwords), clock=clock)
    assert d.pull_raw(old_cursor).status_code == 410


def test_no_change_is_numbered_below_a_cursor_after_compaction(desks: Desks, clock) -> None:
    """Compaction may drop the highest change row (an old tombstone); a new change must
    still get a number above every cursor handed out."""
    d = desks[DOCTOR]
    pid = create_patient(d)
    d.push_one(mutation("patient", pid, None, base=1, op="delete"))
    _, cursor = d.pull_all()
    clock.advance(days=100)
    with desks.client.app.state.services.db.write() as s:
        assert compact(s, clock.now(), timedelta(days=90)) == 2
    d = Desks(desks.client)[DOCTOR]
    new = create_patient(d, "新")
    page = d.pull_raw(cursor)
    assert page.status_code == 200
    assert [c["id"] for c in page.json()["changes"]] == [new]


def test_a_key_repeated_within_one_batch_is_a_replay(desks: Desks) -> None:
    d = desks[DOCTOR]
    m = mutation("patient", new_id(), patient_data("重复"))
    first, second = d.push(m, {**m, "data": patient_data("别的")})
    assert first["outcome"] == "applied" and second == first
    assert d.pull_all()[0][("patient", m["id"])]["version"] == 1


def test_a_changed_field_missing_from_data_is_removed_in_a_merge(desks: Desks) -> None:
    doctor, tech = desks[DOCTOR], desks["lixiulan"]
    pid = create_patient(doctor)
    doctor.push_one(mutation("patient", pid, patient_data(phone="1"), base=1,
                             changed=["phone"]))
    data = patient_data()
    data.pop("id_number")
    out = tech.push_one(mutation("patient", pid, data, base=1, changed=["id_number"]))
    assert out["outcome"] == "merged"
    assert "id_number" not in out["record"]["data"] and out["record"]["data"]["phone"] == "1"
