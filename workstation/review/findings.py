"""What the engine says: findings shaped like CDS Hooks cards and FHIR DetectedIssue.

A finding is plain data. `critical` blocks signing, `warning` needs a reason to sign
(双签, recorded as an override), `info` is shown but asks for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"critical": 0, "warning": 1, "info": 2}[self.value]


class Category(StrEnum):
    LEGALITY = "legality"
    COUNT = "count"
    DURATION = "duration"
    DOSE = "dose"
    FREQUENCY = "frequency"
    ROUTE = "route"
    DUPLICATE = "duplicate"
    INTERACTION = "interaction"
    INCOMPATIBILITY = "incompatibility"
    ALLERGY = "allergy"
    CONTRAINDICATION = "contraindication"
    POPULATION = "population"
    RENAL = "renal"
    HEPATIC = "hepatic"
    INDICATION = "indication"


# FHIR DetectedIssue.severity value set.
_FHIR_SEVERITY = {Severity.CRITICAL: "high", Severity.WARNING: "moderate", Severity.INFO: "low"}

SUMMARY_MAX = 140  # CDS Hooks: summary should be under 140 characters


@dataclass(frozen=True)
class Finding:
    category: Category
    severity: Severity
    summary: str
    detail: str
    rule: str  # stable id of the rule that fired, e.g. "dose.daily_max"
    items: tuple[int, ...] = ()  # 0-based indices of the implicated prescription items
    drugs: tuple[str, ...] = ()  # their generic names, for people reading the output
    source: str = ""  # citation text
    suggestion: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if len(self.summary) > SUMMARY_MAX:
            object.__setattr__(self, "summary", self.summary[: SUMMARY_MAX - 1] + "…")

    def to_dict(self) -> dict:
        out = {
            "category": self.category.value,
            "severity": self.severity.value,
            "summary": self.summary,
            "detail": self.detail,
            "rule": self.rule,
            "items": list(self.items),
            "drugs": list(self.drugs),
            "source": self.source,
            "comment_group": comment_group(self),
        }
        if self.suggestion:
            out["suggestion"] = self.suggestion
        return out

    def to_cds_card(self) -> dict:
        card = {
            "summary": self.summary,
            "detail": self.detail,
            "indicator": self.severity.value,
            "source": {"label": self.source or "合理用药审核引擎"},
        }
        if self.suggestion:
            card["suggestions"] = [{"label": self.suggestion}]
        if self.severity is Severity.WARNING:
            # A warning may be signed anyway with a reason (双签); a critical one may not.
            card["selectionBehavior"] = "any"
            card["overrideReasons"] = [
                {"code": "clinical-need", "display": "临床确需，已评估风险"},
                {"code": "patient-informed", "display": "已告知患者并监测"},
            ]
        return card

    def to_detected_issue(self) -> dict:
        issue = {
            "resourceType": "DetectedIssue",
            "status": "preliminary",
            "severity": _FHIR_SEVERITY[self.severity],
            "code": {"text": self.category.value},
            "detail": f"{self.summary}。{self.detail}",
            "implicated": [{"display": d} for d in self.drugs],
            "reference": self.source,
        }
        if self.suggestion:
            issue["mitigation"] = [{"action": {"text": self.suggestion}}]
        return issue


_CATEGORY_ORDER = {c: i for i, c in enumerate(Category)}

# 《医院处方点评管理规范（试行）》 groups findings as 不规范处方, 用药不适宜处方 and 超常处方;
# the pharmacist picks the exact code, the engine proposes the group.
_COMMENT_GROUP = {
    Category.LEGALITY: "不规范处方", Category.COUNT: "不规范处方", Category.DURATION: "不规范处方",
}


def comment_group(f: Finding) -> str:
    if f.rule == "indication.no_match" and f.severity is Severity.WARNING:
        return "超常处方"  # 无适应证用药 (antibiotics without an infection)
    return _COMMENT_GROUP.get(f.category, "用药不适宜处方")


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then in the order of the review norm's categories, then by item."""
    return sorted(findings, key=lambda f: (f.severity.rank, _CATEGORY_ORDER[f.category], f.items))
