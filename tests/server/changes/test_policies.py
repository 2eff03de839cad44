"""Ownership and conflict rules per entity (docs/sync-protocol.md), each positive and
negative, through POST /api/v1/sync/push on the demo county."""

from __future__ import annotations

from sqlalchemy import select

from sync.server.changes.tables import RecordHistory
from tests.server.changes.helpers import (
    COUNTY_CENTRE_USER,
    Desks,
    create_order,
    create_patient,
    mutation,
    new_id,
    patient_data,
    prescription_data,
)

DOCTOR, TECH = "wangjianguo", "lixiulan"  # both 石桥镇卫生院
PHARMACIST = "yangjing"
ADMIN = "zhangweidong"


def _history(desks: Desks, entity: str, rid: str) -> list[RecordHistory]:
    with desks.client.app.state.services.db.read() as s:
        return list(s.scalars(select(RecordHistory).where(
            RecordHistory.entity == entity, RecordHistory.id == rid)
            .order_by(RecordHistory.version)))


# --- patient: field-by-field merge, identity conflicts queued ------------------------

def test_patient_created_then_updated_on_the_version_seen(desks: Desks) -> None:
    d = desks[DOCTOR]
    pid = new_id()
    created = d.push_one(mutation("patient", pid, patient_data("张三", allergy="青霉素")))
    assert created["outcome"] == "applied" and created["record"]["version"] == 1
    assert created["record"]["data"]["allergy"] == "青霉素"  # unknown keys travel on
    updated = d.push_one(mutation("patient", pid, patient_data("张三", phone="139"), base=1,
                                  changed=["phone"]))
    assert (updated["outcome"], updated["record"]["version"]) == ("applied", 2)
    assert updated["record"]["data"]["phone"] == "139"
    assert "allergy" not in updated["record"]["data"]  # base = current: sent data is the record


def test_concurrent_demographics_merge_field_by_field(desks: Desks) -> None:
    doctor, tech = desks[DOCTOR], desks[TECH]
    pid = create_patient(doctor)
    doctor.push_one(mutation("patient", pid, patient_data(phone="13911112222"), base=1,
                             changed=["phone"]))
    merged = tech.push_one(mutation("patient", pid, patient_data(address="石桥镇东街 3 号"),
                                    base=1, changed=["address"]))
    assert merged["outcome"] == "merged" and merged["record"]["version"] == 3
    data = merged["record"]["data"]
    assert (data["phone"], data["address"]) == ("13911112222", "石桥镇东街 3 号")


def test_identity_field_changed_by_one_side_only_merges(desks: Desks) -> None:
    doctor, tech = desks[DOCTOR], desks[TECH]
    pid = create_patient(doctor, "王五")
    doctor.push_one(mutation("patient", pid, patient_data("王五", phone="1"), base=1,
                             changed=["phone"]))
    out = tech.push_one(mutation("patient", pid, patient_data("王伍"), base=1,
                                 changed=["name"]))
    assert out["outcome"] == "merged"
    assert (out["record"]["data"]["name"], out["record"]["data"]["phone"]) == ("王伍", "1")


def test_concurrent_identity_changes_go_to_the_queue_and_an_admin_resolves(
        desks: Desks) -> None:
    doctor, tech, admin = desks[DOCTOR], desks[TECH], desks[ADMIN]
    pid = create_patient(doctor, "李四")
    doctor.push_one(mutation("patient", pid, patient_data("李思"), base=1, changed=["name"]))
    lost = tech.push_one(mutation("patient", pid, patient_data("黎四", phone="2"), base=1,
                                  changed=["name", "phone"]))
    assert (lost["outcome"], lost["reason"]) == ("rejected", "identity_conflict_queued")
    assert lost["params"]["fields"] == ["name"]
    assert lost["record"]["data"]["name"] == "李思"  # the server's view, for the desk to show
    queue = desks.client.get("/api/v1/admin/identity-conflicts", headers=admin.headers).json()
    (item,) = [c for c in queue if c["patient_id"] == pid]
    assert (item["base_value"], item["server_value"], item["proposed_value"],
            item["current_value"]) == ("李四", "李思", "黎四", "李思")
    assert item["proposed_by"] == tech.user_id and item["resolved_at"] is None

    resolved = desks.client.post(f"/api/v1/admin/identity-conflicts/{item['id']}/resolve",
                                 headers=admin.headers, json={"value": "黎四", "note": "查身份证"})
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["resolved_by"] == admin.user_id
    assert resolved.json()["current_value"] == "黎四"
    seen, _ = doctor.pull_all()
    assert seen[("patient", pid)]["data"]["name"] == "黎四"
    assert seen[("patient", pid)]["version"] == 3
    again = desks.client.post(f"/api/v1/admin/identity-conflicts/{item['id']}/resolve",
                              headers=admin.headers, json={"value": "李思"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_resolved"
    open_items = desks.client.get("/api/v1/admin/identity-conflicts",
                                  headers=admin.headers).json()
    assert item["id"] not in {c["id"] for c in open_items}
    every = desks.client.get("/api/v1/admin/identity-conflicts", params={"state": "all"},
                             headers=admin.headers).json()
    assert item["id"] in {c["id"] for c in every}


def test_stale_edit_without_changed_fields_is_a_version_conflict(desks: Desks) -> None:
    doctor, tech = desks[DOCTOR], desks[TECH]
    pid = create_patient(doctor)
    doctor.push_one(mutation("patient", pid, patient_data(phone="1"), base=1, changed=["phone"]))
    out = tech.push_one(mutation("patient", pid, patient_data(phone="2"), base=1))
    assert (out["outcome"], out["reason"]) == ("rejected", "version_conflict")
    assert out["params"]["server_version"] == 2
    future = tech.push_one(mutation("patient", pid, patient_data(), base=7, changed=["name"]))
    assert future["reason"] == "version_conflict"


def test_patient_is_written_only_by_its_institution(desks: Desks) -> None:
    doctor = desks[DOCTOR]
    pid = create_patient(doctor)
    create_order(doctor, pid, desks.institution_of(COUNTY_CENTRE_USER))
    reader = desks[COUNTY_CENTRE_USER]  # sees the patient through the order
    assert ("patient", pid) in reader.pull_all()[0]
    out = reader.push_one(mutation("patient", pid, patient_data(phone="3"), base=1,
                                   changed=["phone"]))
    assert (out["outcome"], out["reason"]) == ("rejected", "not_owner")


def test_invalid_payload_and_unknown_entity(desks: Desks) -> None:
    d = desks[DOCTOR]
    bad = d.push_one(mutation("patient", new_id(), {"sex": "male"}))
    assert (bad["reason"], bad["params"]["errors"][0]["field"]) == ("invalid_payload", "name")
    assert d.push_one(mutation("patient", "not-a-uuid", patient_data()))["reason"] == \
        "invalid_payload"
    assert d.push_one(mutation("horoscope", new_id(), {}))["reason"] == "unknown_entity"


# --- tombstones ------------------------------------------------------------------------

def test_delete_is_a_tombstone_and_a_tombstone_is_not_edited(desks: Desks) -> None:
    d = desks[DOCTOR]
    pid = create_patient(d)
    gone = d.push_one(mutation("patient", pid, None, base=1, op="delete"))
    assert gone["outcome"] == "applied"
    assert (gone["record"]["deleted"], gone["record"]["data"], gone["record"]["version"]) == \
        (True, {}, 2)
    seen, _ = d.pull_all()
    assert seen[("patient", pid)]["deleted"] is True
    edit = d.push_one(mutation("patient", pid, patient_data(), base=2, changed=["name"]))
    assert (edit["outcome"], edit["reason"]) == ("rejected", "deleted")
    assert d.push_one(mutation("patient", new_id(), None, op="delete"))["reason"] == \
        "unknown_record"
    assert _history(desks, "patient", pid)[0].data["name"] == "张三"  # the row stays


# --- prescription: the prescriber's, forward only ------------------------------------

def _prescription(desks: Desks, status: str = "draft") -> tuple[str, str]:
    d = desks[DOCTOR]
    pid = create_patient(d)
    rx = new_id()
    out = d.push_one(mutation("prescription", rx, prescription_data(pid, d.user_id, status)))
    assert out["outcome"] == "applied", out
    return pid, rx


def test_prescription_moves_forward_through_review_to_dispensed(desks: Desks) -> None:
    d, pharmacist = desks[DOCTOR], desks[PHARMACIST]
    pid, rx = _prescription(desks)
    sub = d.push_one(mutation("prescription", rx, prescription_data(pid, d.user_id, "submitted"),
                              base=1, changed=["status"]))
    assert (sub["outcome"], sub["record"]["data"]["status"]) == ("applied", "submitted")
    review = pharmacist.push_one(mutation("pharmacist_review", new_id(), {
        "prescription_id": rx, "decision": "approved", "comment": "用量合理"}))
    assert review["outcome"] == "applied", review
    seen, _ = d.pull_all()
    assert seen[("prescription", rx)]["data"]["status"] == "approved"
    assert seen[("prescription", rx)]["version"] == 3
    dispensed = d.push_one(mutation("prescription", rx,
                                    prescription_data(pid, d.user_id, "dispensed"), base=3,
                                    changed=["status"]))
    assert dispensed["outcome"] == "applied"


def test_prescription_status_never_moves_backwards(desks: Desks) -> None:
    d = desks[DOCTOR]
    pid, rx = _prescription(desks, "submitted")
    back = d.push_one(mutation("prescription", rx, prescription_data(pid, d.user_id, "draft"),
                               base=1, changed=["status"]))
    assert (back["reason"], back["params"]) == ("status_backwards",
                                                {"from": "submitted", "to": "draft"})
    # approved/returned come only from a pharmacist's review
    self_approved = d.push_one(mutation("prescription", rx,
                                        prescription_data(pid, d.user_id, "approved"), base=1,
                                        changed=["status"]))
    assert self_approved["reason"] == "status_backwards"
    born_approved = d.push_one(mutation("prescription", new_id(),
                                        prescription_data(pid, d.user_id, "approved")))
    assert born_approved["reason"] == "status_backwards"


def test_submitted_prescription_content_is_locked_until_returned(desks: Desks) -> None:
    d, pharmacist = desks[DOCTOR], desks[PHARMACIST]
    pid, rx = _prescription(desks, "submitted")
    edited = prescription_data(pid, d.user_id, "submitted", items=[{"drug": "头孢曲松"}])
    locked = d.push_one(mutation("prescription", rx, edited, base=1, changed=["items"]))
    assert (locked["reason"], locked["params"]) == ("not_editable", {"status": "submitted"})
    pharmacist.push_one(mutation("pharmacist_review", new_id(), {
        "prescription_id": rx, "decision": "returned", "comment": "剂量过大"}))
    fixed = prescription_data(pid, d.user_id, "resubmitted", items=[{"drug": "头孢曲松"}])
    out = d.push_one(mutation("prescription", rx, fixed, base=2, changed=["items", "status"]))
    assert out["outcome"] == "applied" and out["record"]["data"]["status"] == "resubmitted"


def test_prescription_belongs_to_its_prescriber(desks: Desks) -> None:
    d, pharmacist = desks[DOCTOR], desks[PHARMACIST]
    pid, rx = _prescription(desks, "submitted")
    foreign = pharmacist.push_one(mutation("prescription", rx,
                                           prescription_data(pid, d.user_id, "cancelled"),
                                           base=1, changed=["status"]))
    assert (foreign["outcome"], foreign["reason"]) == ("rejected", "not_owner")
    other_doctor = desks["chenzhiqiang"]  # 白沙: cannot even see it
    assert other_doctor.push_one(mutation("prescription", rx, prescription_data(
        pid, d.user_id, "cancelled"), base=1, changed=["status"]))["reason"] == "out_of_scope"
    in_someone_elses_name = d.push_one(mutation(
        "prescription", new_id(), prescription_data(pid, pharmacist.user_id)))
    assert in_someone_elses_name["reason"] == "not_owner"
    tech = desks[TECH]  # same institution, but a prescription is a doctor's
    assert tech.push_one(mutation("prescription", new_id(), prescription_data(
        pid, tech.user_id)))["reason"] == "role_not_allowed"


def test_only_a_draft_prescription_is_deleted(desks: Desks) -> None:
    d = desks[DOCTOR]
    _, draft = _prescription(desks)
    assert d.push_one(mutation("prescription", draft, None, base=1, op="delete"))[
        "outcome"] == "applied"
    _, submitted = _prescription(desks, "submitted")
    out = d.push_one(mutation("prescription", submitted, None, base=1, op="delete"))
    assert out["reason"] == "not_deletable"


# --- pharmacist review: append-only --------------------------------------------------

def test_review_is_append_only(desks: Desks) -> None:
    pharmacist = desks[PHARMACIST]
    _, rx = _prescription(desks, "submitted")
    rid = new_id()
    first = {"prescription_id": rx, "decision": "comment", "comment": "注意肾功能"}
    assert pharmacist.push_one(mutation("pharmacist_review", rid, first))["outcome"] == "applied"
    changed = pharmacist.push_one(mutation("pharmacist_review", rid, {**first, "comment": "x"},
                                           base=1, changed=["comment"]))
    assert changed["reason"] == "append_only"
    deleted = pharmacist.push_one(mutation("pharmacist_review", rid, None, base=1, op="delete"))
    assert deleted["reason"] == "append_only"
    second = desks["hewenbin"].push_one(mutation("pharmacist_review", new_id(), {
        "prescription_id": rx, "decision": "approved"}))
    assert second["outcome"] == "applied"  # another pharmacist appends their own


def test_only_pharmacists_review_and_only_what_was_submitted(desks: Desks) -> None:
    d, pharmacist = desks[DOCTOR], desks[PHARMACIST]
    _, draft = _prescription(desks)
    unseen = pharmacist.push_one(mutation("pharmacist_review", new_id(), {
        "prescription_id": draft, "decision": "approved"}))
    assert unseen["reason"] == "out_of_scope"  # a draft never reached the pharmacists
    by_doctor = d.push_one(mutation("pharmacist_review", new_id(), {
        "prescription_id": draft, "decision": "approved"}))
    assert by_doctor["reason"] == "role_not_allowed"
    missing = pharmacist.push_one(mutation("pharmacist_review", new_id(), {
        "prescription_id": new_id(), "decision": "approved"}))
    assert missing["reason"] == "missing_reference"


# --- report: amended, never overwritten ----------------------------------------------

def _order_to_county(desks: Desks) -> tuple[str, str]:
    d = desks[DOCTOR]
    pid = create_patient(d)
    return pid, create_order(d, pid, desks.institution_of(COUNTY_CENTRE_USER))


def test_signed_report_is_amended_never_overwritten(desks: Desks) -> None:
    reader = desks[COUNTY_CENTRE_USER]
    _, oid = _order_to_county(desks)
    rid = new_id()
    report = {"exam_order_id": oid, "status": "signed", "conclusion": "窦性心律"}
    assert reader.push_one(mutation("report", rid, report))["outcome"] == "applied"
    silent = reader.push_one(mutation("report", rid, {**report, "conclusion": "房颤"}, base=1,
                                      changed=["conclusion"]))
    assert silent["reason"] == "amend_only"
    no_reason = reader.push_one(mutation("report", rid, {**report, "conclusion": "房颤",
                                                         "amendment": True}, base=1))
    assert no_reason["reason"] == "amend_only"
    amended = reader.push_one(mutation("report", rid, {
        **report, "conclusion": "心房颤动", "amendment": True,
        "amendment_reason": "复核导联 II"}, base=1))
    assert (amended["outcome"], amended["record"]["version"]) == ("applied", 2)
    (old,) = _history(desks, "report", rid)
    assert (old.version, old.data["conclusion"], old.changed_by) == (1, "窦性心律",
                                                                     reader.user_id)
    unsigned = reader.push_one(mutation("report", rid, {**report, "status": "draft"}, base=2))
    assert unsigned["reason"] == "status_backwards"
    stale = reader.push_one(mutation("report", rid, {
        **report, "amendment": True, "amendment_reason": "再改"}, base=1, changed=["conclusion"]))
    assert stale["reason"] == "version_conflict"  # a report is never merged
    assert reader.push_one(mutation("report", rid, None, base=2, op="delete"))["reason"] == \
        "amend_only"


def test_report_is_written_by_the_executing_institution(desks: Desks) -> None:
    _, oid = _order_to_county(desks)
    township = desks[DOCTOR]  # ordered it, did not perform it
    out = township.push_one(mutation("report", new_id(), {"exam_order_id": oid}))
    assert out["reason"] == "out_of_scope"


def test_draft_report_edits_freely_and_reaches_the_ordering_desk(desks: Desks) -> None:
    reader, doctor = desks[COUNTY_CENTRE_USER], desks[DOCTOR]
    _, oid = _order_to_county(desks)
    rid = new_id()
    reader.push_one(mutation("report", rid, {"exam_order_id": oid, "conclusion": "待定"}))
    out = reader.push_one(mutation("report", rid, {"exam_order_id": oid, "status": "signed",
                                                   "conclusion": "正常心电图"}, base=1))
    assert out["outcome"] == "applied"
    seen, _ = doctor.pull_all()
    assert seen[("report", rid)]["data"]["conclusion"] == "正常心电图"


# --- exam order and referral: owner edits, linked institution moves the status -------

def test_order_status_by_the_executing_institution_content_by_the_orderer(
        desks: Desks) -> None:
    doctor, reader = desks[DOCTOR], desks[COUNTY_CENTRE_USER]
    pid, oid = _order_to_county(desks)
    county = desks.institution_of(COUNTY_CENTRE_USER)
    base = {"patient_id": pid, "ordering_institution_id": doctor.institution_id,
            "executing_institution_id": county, "kind": "ecg"}
    started = reader.push_one(mutation("exam_order", oid, {**base, "status": "in_progress"},
                                       base=1, changed=["status"]))
    assert started["outcome"] == "applied"
    meddling = reader.push_one(mutation("exam_order", oid, {**base, "status": "in_progress",
                                                            "kind": "holter"}, base=2))
    assert (meddling["reason"], meddling["params"]) == ("not_owner", {"fields": ["kind"]})
    back = doctor.push_one(mutation("exam_order", oid, {**base, "status": "ordered"}, base=2))
    assert back["reason"] == "status_backwards"
    moved = doctor.push_one(mutation("exam_order", oid, {
        **base, "status": "in_progress", "executing_institution_id": doctor.institution_id},
        base=2))
    assert moved["reason"] == "invalid_payload"  # who executes it is fixed at creation
    forged = doctor.push_one(mutation("exam_order", new_id(), {
        **base, "ordering_institution_id": county, "status": "ordered"}))
    assert (forged["reason"], forged["params"]) == ("out_of_scope",
                                                    {"field": "ordering_institution_id"})


def test_referral_accepted_by_the_receiving_institution(desks: Desks) -> None:
    doctor, county_doctor = desks[DOCTOR], desks["xujianhua"]
    pid = create_patient(doctor)
    ref = new_id()
    data = {"patient_id": pid, "from_institution_id": doctor.institution_id,
            "to_institution_id": county_doctor.institution_id, "status": "sent",
            "reason": "胸痛待查"}
    assert doctor.push_one(mutation("referral", ref, data))["outcome"] == "applied"
    accepted = county_doctor.push_one(mutation("referral", ref, {**data, "status": "accepted"},
                                               base=1, changed=["status"]))
    assert accepted["outcome"] == "applied"
    outsider = desks["sunhongmei"].push_one(mutation("referral", ref, {
        **data, "status": "completed"}, base=2))
    assert outsider["reason"] == "out_of_scope"
    foreign_patient = desks["sunhongmei"].push_one(mutation("referral", new_id(), {
        **data, "from_institution_id": desks.institution_of("sunhongmei")}))
    assert foreign_patient["reason"] == "out_of_scope"  # 龙潭 cannot refer 石桥's patient
