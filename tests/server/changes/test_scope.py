"""Scope and ownership matrix on the demo county: for every user (each role, each
institution) a pull returns exactly what they may see, and a push to a record they
cannot see is rejected and changes nothing."""

from __future__ import annotations

import pytest

from tests.server.changes.helpers import (
    Desks,
    create_order,
    create_patient,
    mutation,
    new_id,
    prescription_data,
)

SHIQIAO = ("wangjianguo", "lixiulan", "zhaolei")
BAISHA = ("chenzhiqiang", "zhouli", "wuhaitao")
LONGTAN = ("sunhongmei", "zhengxiaoyan", "fengjun")
PHARMACISTS = ("yangjing", "hewenbin")
COUNTY_OTHERS = ("liuminghua", "huangzhiyuan", "xujianhua", "zhangweidong")
EVERYONE = SHIQIAO + BAISHA + LONGTAN + PHARMACISTS + COUNTY_OTHERS


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """One scenario written by the township desks, the county centre and a pharmacist."""
    from sync.server.clock import ManualClock
    from tests.server.helpers import build_client, cheap_settings

    client = build_client(cheap_settings(tmp_path_factory.mktemp("scope")), ManualClock())
    desks = Desks(client)
    sq, bs, lt = desks["wangjianguo"], desks["chenzhiqiang"], desks["sunhongmei"]
    county_id = desks.institution_of("liuminghua")
    r: dict[str, tuple[str, str]] = {}

    p1 = create_patient(sq, "石桥病人")
    r["p1"] = ("patient", p1)
    r["o1"] = ("exam_order", create_order(sq, p1, county_id))  # ECG read at the county
    rx1, rx2 = new_id(), new_id()
    sq.push(mutation("prescription", rx1, prescription_data(p1, sq.user_id, "submitted")),
            mutation("prescription", rx2, prescription_data(p1, sq.user_id, "draft")))
    r["rx1"], r["rx2"] = ("prescription", rx1), ("prescription", rx2)
    review = new_id()
    assert desks["yangjing"].push_one(mutation("pharmacist_review", review, {
        "prescription_id": rx1, "decision": "approved"}))["outcome"] == "applied"
    r["review1"] = ("pharmacist_review", review)
    report = new_id()
    assert desks["liuminghua"].push_one(mutation("report", report, {
        "exam_order_id": r["o1"][1], "status": "signed", "conclusion": "窦性心律"}))[
        "outcome"] == "applied"
    r["report1"] = ("report", report)

    p2 = create_patient(bs, "白沙病人")
    r["p2"] = ("patient", p2)
    ref = new_id()
    assert bs.push_one(mutation("referral", ref, {
        "patient_id": p2, "from_institution_id": bs.institution_id,
        "to_institution_id": county_id, "status": "sent"}))["outcome"] == "applied"
    r["ref2"] = ("referral", ref)
    rx3 = new_id()
    bs.push_one(mutation("prescription", rx3, prescription_data(p2, bs.user_id)))
    r["rx3"] = ("prescription", rx3)

    p3 = create_patient(lt, "龙潭病人")
    r["p3"] = ("patient", p3)
    yield desks, r
    client.close()
    client.app.state.services.db.dispose()


def expected(username: str) -> set[str]:
    """What each user may see, written out by hand from the rules in docs/sync-protocol.md."""
    if username in SHIQIAO:  # own records, the report and review of what it sent out
        return {"p1", "o1", "rx1", "rx2", "review1", "report1"}
    if username in BAISHA:
        return {"p2", "ref2", "rx3"}
    if username in LONGTAN:
        return {"p3"}
    # The county hospital receives what was sent to it: the order and its patient, the
    # referral and its patient, the report it wrote and its pharmacists' review.
    county = {"o1", "p1", "report1", "ref2", "p2", "review1"}
    if username in PHARMACISTS:
        return county | {"rx1"}  # submitted for review; never the drafts rx2, rx3
    return county


@pytest.mark.parametrize("username", EVERYONE)
def test_pull_returns_exactly_what_the_user_may_see(county, username: str) -> None:
    desks, records = county
    seen, _ = desks[username].pull_all()
    by_key = {v: k for k, v in records.items()}
    assert {by_key[k] for k in seen} == expected(username)


@pytest.mark.parametrize("username", EVERYONE)
def test_pushes_to_records_out_of_sight_are_rejected(county, username: str) -> None:
    desks, records = county
    d = desks[username]
    before, _ = desks["zhangweidong"].pull_all()  # a bystander's view must not move either
    for name, (entity, rid) in records.items():
        if name in expected(username):
            continue
        out = d.push_one(mutation(entity, rid, {"name": "改", "status": "cancelled"}, base=1,
                                  changed=["status"]))
        assert (out["outcome"], out["reason"], out["record"]) == (
            "rejected", "out_of_scope", None), (username, name, out)
        gone = d.push_one(mutation(entity, rid, None, base=1, op="delete"))
        assert gone["reason"] == "out_of_scope", (username, name, gone)
    after, _ = desks["zhangweidong"].pull_all()
    assert after == before


@pytest.mark.parametrize("username", EVERYONE)
def test_records_in_sight_but_not_owned_are_rejected(county, username: str) -> None:
    desks, records = county
    d = desks[username]
    for name in sorted(expected(username)):
        entity, rid = records[name]
        seen, _ = d.pull_all()
        current = seen[(entity, rid)]
        owned = _owns(username, name)
        if owned:
            continue
        out = d.push_one(mutation(entity, rid, {**current["data"], "note": "x"},
                                  base=current["version"], changed=["note"]))
        assert out["outcome"] == "rejected", (username, name, out)
        assert out["reason"] in {"not_owner", "append_only", "role_not_allowed"}, out


def _owns(username: str, name: str) -> bool:
    """Which records each user's institution (or the user) may change in content."""
    if name in {"p1", "o1"}:
        return username in SHIQIAO
    if name in {"rx1", "rx2"}:
        return username == "wangjianguo"
    if name == "rx3":
        return username == "chenzhiqiang"
    if name in {"p2", "ref2"}:
        return username in BAISHA
    if name == "p3":
        return username in LONGTAN
    if name == "report1":
        return username in PHARMACISTS + COUNTY_OTHERS  # the county executed the order
    return False  # the review: append-only for everyone


def test_a_township_desk_cannot_create_records_for_another_institution(county) -> None:
    desks, records = county
    d = desks["sunhongmei"]  # 龙潭
    p1 = records["p1"][1]
    other = desks.institution_of("chenzhiqiang")
    assert d.push_one(mutation("exam_order", new_id(), {
        "patient_id": records["p3"][1], "ordering_institution_id": other,
        "executing_institution_id": other}))["reason"] == "out_of_scope"
    assert d.push_one(mutation("exam_order", new_id(), {
        "patient_id": p1, "ordering_institution_id": d.institution_id,
        "executing_institution_id": other}))["reason"] == "out_of_scope"
    assert d.push_one(mutation("report", new_id(), {
        "exam_order_id": records["o1"][1]}))["reason"] == "out_of_scope"
