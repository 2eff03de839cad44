"""GET /api/v1/patients/{id}/record: in scope, linked by an order or referral, or
break-glass with a stated reason; every read (and every refusal) is audited."""

from __future__ import annotations

from sqlalchemy import select

from sync.server.models import AuditEvent
from tests.server.changes.helpers import (
    COUNTY_CENTRE_USER,
    Desks,
    create_order,
    create_patient,
    mutation,
    new_id,
    prescription_data,
)
from tests.server.helpers import error_code


def _audit(desks: Desks) -> list[AuditEvent]:
    with desks.client.app.state.services.db.read() as s:
        return list(s.scalars(select(AuditEvent).where(
            AuditEvent.action.in_(("patient_record_read", "break_glass")))
            .order_by(AuditEvent.id)))


def _read(desks: Desks, username: str, pid: str, reason: str | None = None):
    params = {"reason": reason} if reason is not None else {}
    return desks.client.get(f"/api/v1/patients/{pid}/record", headers=desks[username].headers,
                            params=params)


def test_own_patient_with_everything_about_them(desks: Desks) -> None:
    d = desks["wangjianguo"]
    pid = create_patient(d)
    oid = create_order(d, pid, desks.institution_of(COUNTY_CENTRE_USER))
    rx = new_id()
    d.push_one(mutation("prescription", rx, prescription_data(pid, d.user_id)))
    body = _read(desks, "wangjianguo", pid).json()
    assert body["access"] == "in_scope" and body["patient"]["id"] == pid
    assert {(r["entity"], r["id"]) for r in body["records"]} == {("exam_order", oid),
                                                                 ("prescription", rx)}
    (event,) = _audit(desks)
    assert (event.action, event.outcome, event.user_id) == ("patient_record_read", "success",
                                                            d.user_id)
    assert event.details == {"patient_id": pid, "access": "in_scope", "reason": None}


def test_a_referral_links_the_receiving_institution(desks: Desks) -> None:
    sender = desks["chenzhiqiang"]
    pid = create_patient(sender)
    county = desks.institution_of("xujianhua")
    sender.push_one(mutation("referral", new_id(), {
        "patient_id": pid, "from_institution_id": sender.institution_id,
        "to_institution_id": county}))
    # The link re-emitted the patient to the county, so the county reads it in scope.
    body = _read(desks, "huangzhiyuan", pid).json()
    assert body["access"] == "in_scope"
    assert [r["entity"] for r in body["records"]] == ["referral"]


def test_outside_every_rule_only_by_break_glass_with_a_reason(desks: Desks) -> None:
    pid = create_patient(desks["wangjianguo"], "急诊病人")
    refused = _read(desks, "sunhongmei", pid)
    assert refused.status_code == 403 and error_code(refused) == "forbidden_scope"
    assert refused.json()["error"]["params"] == {"reason_required": True}
    blank = _read(desks, "sunhongmei", pid, "   ")
    assert blank.status_code == 403
    granted = _read(desks, "sunhongmei", pid, "昏迷急诊，需既往史")
    assert granted.status_code == 200 and granted.json()["access"] == "break_glass"
    assert granted.json()["patient"]["data"]["name"] == "急诊病人"
    events = _audit(desks)
    assert [(e.action, e.outcome) for e in events] == [
        ("patient_record_read", "denied"), ("patient_record_read", "denied"),
        ("break_glass", "success")]
    assert events[-1].details == {"patient_id": pid, "access": "break_glass",
                                  "reason": "昏迷急诊，需既往史"}
    assert events[-1].user_id == desks["sunhongmei"].user_id


def test_unknown_patient_and_roles_without_access(desks: Desks) -> None:
    assert _read(desks, "wangjianguo", new_id(), "x").status_code == 404
    pid = create_patient(desks["wangjianguo"])
    tech = _read(desks, "zhengxiaoyan", pid, "x")
    assert tech.status_code == 403 and error_code(tech) == "forbidden_role"
    assert _audit(desks) == []
