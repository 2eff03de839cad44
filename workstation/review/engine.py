"""Run every rule family over one prescription and return the sorted findings."""

from __future__ import annotations

from workstation.review.context import Context
from workstation.review.findings import Finding, Severity, sort_findings
from workstation.review.knowledge import Knowledge
from workstation.review.model import Prescription, parse_prescription
from workstation.review.rules import RULE_FAMILIES


def check(rx: Prescription, kb: Knowledge) -> list[Finding]:
    ctx = Context(rx, kb)
    findings: list[Finding] = []
    for family in RULE_FAMILIES:
        findings.extend(family.check(ctx))
    return sort_findings(findings)


def verdict(findings: list[Finding]) -> str:
    """'block' (a critical finding), 'double_sign' (warnings need a reason) or 'pass'."""
    if any(f.severity is Severity.CRITICAL for f in findings):
        return "block"
    if any(f.severity is Severity.WARNING for f in findings):
        return "double_sign"
    return "pass"


def review(data: object, kb: Knowledge) -> dict:
    """JSON in, JSON out: what the desk, the server and the CLI exchange.

    Raises `InputError` (with the field path) when the prescription cannot be read.
    """
    return result(check(parse_prescription(data, kb), kb), kb)


def result(findings: list[Finding], kb: Knowledge) -> dict:
    return {
        "verdict": verdict(findings),
        "counts": {s.value: sum(f.severity is s for f in findings) for s in Severity},
        "findings": [f.to_dict() for f in findings],
        "knowledge_version": kb.version,
    }
