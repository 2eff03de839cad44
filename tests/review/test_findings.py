"""The output shape: CDS Hooks cards, FHIR DetectedIssue, summary length, order, speed of the index."""

from __future__ import annotations

from tests.review.support import item, review, rx
from workstation.review.findings import SUMMARY_MAX, Category, Finding, Severity


def _bad(kb):
    return review(kb, rx(
        [item("辛伐他汀", 20, "mg", frequency="qn"), item("克拉霉素", 0.5, "g", frequency="bid"), item("阿莫西林", 0.5, "g", frequency="tid")],
        allergies=["青霉素"], diagnoses=["肺炎", "高脂血症"],
    ))


def test_findings_sorted_most_severe_first(kb):
    ranks = [f.severity.rank for f in _bad(kb)]
    assert ranks == sorted(ranks) and ranks[0] == 0


def test_every_finding_has_the_required_fields(kb):
    for f in _bad(kb):
        d = f.to_dict()
        assert {"category", "severity", "summary", "detail", "items", "source", "rule"} <= d.keys()
        assert len(f.summary) <= SUMMARY_MAX and f.source


def test_cds_card_and_detected_issue(kb):
    crit = next(f for f in _bad(kb) if f.category is Category.INTERACTION)
    card = crit.to_cds_card()
    assert card["indicator"] == "critical" and card["suggestions"][0]["label"] and "overrideReasons" not in card
    issue = crit.to_detected_issue()
    assert issue["resourceType"] == "DetectedIssue" and issue["severity"] == "high"
    assert [i["display"] for i in issue["implicated"]] == ["辛伐他汀", "克拉霉素"]


def test_warning_card_offers_override_reasons():
    f = Finding(Category.DOSE, Severity.WARNING, "x", "y", "dose.daily_max")
    assert f.to_cds_card()["overrideReasons"]
    assert f.to_detected_issue()["severity"] == "moderate"


def test_long_summary_is_cut_to_140():
    f = Finding(Category.DOSE, Severity.INFO, "长" * 300, "", "r")
    assert len(f.summary) == SUMMARY_MAX and f.summary.endswith("…")


def test_review_json_in_json_out(kb):
    from workstation.review import review as review_json

    out = review_json(rx([item("阿莫西林", 0.5, "g", frequency="tid")], diagnoses=["高血压"]), kb)
    assert out["verdict"] == "double_sign" and out["knowledge_version"] == kb.version
    assert out["findings"][0]["comment_group"] == "超常处方"  # 无适应证使用抗菌药物
    assert len(kb.version) == 16
