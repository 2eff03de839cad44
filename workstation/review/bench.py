"""Figures for `make bench`: dictionary load time and the p95 of one 5-item check.

Printed next to a baseline measured in the same run (parsing the same prescription from JSON),
because absolute times on shared machines drift. Wire it from tests/bench with `run()`.
"""

from __future__ import annotations

import json
import statistics
import time

from workstation.review.engine import check
from workstation.review.knowledge import load_knowledge
from workstation.review.model import parse_prescription

# A realistic, busy outpatient prescription: 5 items, renal data, allergies, two IV groups.
SAMPLE = {
    "setting": "outpatient",
    "prescriber": {"title_level": "intermediate"},
    "patient": {"sex": "male", "age_years": 72, "weight_kg": 62, "serum_creatinine_umol_l": 130,
                "allergies": ["青霉素"], "diagnoses": ["社区获得性肺炎", "高血压", "2型糖尿病"]},
    "items": [
        {"drug": "头孢曲松", "dose": 2, "unit": "g", "route": "ivgtt", "frequency": "qd", "days": 3, "iv_group": "1"},
        {"drug": "0.9%氯化钠注射液", "dose": 100, "unit": "ml", "route": "ivgtt", "frequency": "qd", "days": 3, "iv_group": "1"},
        {"drug": "阿奇霉素", "dose": 0.5, "unit": "g", "route": "po", "frequency": "qd", "days": 3},
        {"drug": "氨氯地平", "dose": 5, "unit": "mg", "route": "po", "frequency": "qd", "days": 3},
        {"drug": "二甲双胍", "dose": 0.5, "unit": "g", "route": "po", "frequency": "tid", "days": 3},
    ],
}


def _p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[18]


def run(n: int = 2000) -> dict[str, float]:
    t0 = time.perf_counter()
    kb = load_knowledge()
    load_ms = (time.perf_counter() - t0) * 1000
    text = json.dumps(SAMPLE, ensure_ascii=False)
    checks, baseline = [], []
    for _ in range(n):
        t = time.perf_counter()
        json.loads(text)
        baseline.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        check(parse_prescription(json.loads(text), kb), kb)
        checks.append((time.perf_counter() - t) * 1000)
    return {
        "review_dictionary_load_ms": round(load_ms, 1),
        "review_check_p95_ms": round(_p95(checks), 3),
        "review_check_p50_ms": round(statistics.median(checks), 3),
        "baseline_json_parse_p95_ms": round(_p95(baseline), 4),
        "review_drugs": len(kb.drugs),
    }
