"""Builders for prescriptions in tests: a realistic default, overridden field by field."""

from __future__ import annotations

import copy

from workstation.review import check, parse_prescription

BASE_PATIENT = {"sex": "male", "age_years": 45, "weight_kg": 70, "diagnoses": ["原发性高血压"], "allergies": []}


def item(drug: str, dose: float, unit: str, route: str = "po", frequency: str = "qd", days: float | None = 5, **kw) -> dict:
    d = {"drug": drug, "dose": dose, "unit": unit, "route": route, "frequency": frequency, **kw}
    if days is not None:
        d["days"] = days
    return d


def rx(
    items: list[dict], setting: str = "outpatient", title: str = "intermediate", prescriber: dict | None = None,
    reason: str | None = None, **patient,
) -> dict:
    p = copy.deepcopy(BASE_PATIENT)
    p.update(patient)
    out = {"setting": setting, "prescriber": {"title_level": title, **(prescriber or {})}, "patient": p, "items": items}
    if reason:
        out["reason"] = reason
    return out


def review(kb, data: dict):
    return check(parse_prescription(data, kb), kb)


def serious(findings) -> list:
    """Warnings and criticals: what a doctor must act on."""
    return [f for f in findings if f.severity.value != "info"]


def rules(findings) -> set[str]:
    return {f.rule for f in findings}


def of(findings, category: str) -> list:
    return [f for f in findings if f.category.value == category]
