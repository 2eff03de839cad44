"""Any prescription the dictionary can express is reviewed without crashing, and every finding
is well formed (summary ≤ 140 characters, implicated items exist, severity known)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.review import check, load_knowledge, parse_prescription
from workstation.review.calc import FREQUENCIES
from workstation.review.findings import SUMMARY_MAX

KB = load_knowledge()
CODES = sorted(KB.drugs)
FREQS = sorted(FREQUENCIES)


@st.composite
def items(draw):
    code = draw(st.sampled_from(CODES))
    drug = KB.drugs[code].drug
    form = draw(st.sampled_from(drug.forms))
    return {
        "drug": code,
        "dose": draw(st.floats(min_value=0.01, max_value=5000, allow_nan=False)),
        "unit": draw(st.sampled_from([drug.dose_unit, "mg", "g", "片", "ml"])),
        "route": draw(st.sampled_from([r.value for r in form.routes] + ["iv", "po"])),
        "frequency": draw(st.sampled_from(FREQS)),
        "days": draw(st.one_of(st.none(), st.integers(min_value=1, max_value=60))),
        "form": draw(st.one_of(st.none(), st.just(form.kind.value))),
        "iv_group": draw(st.one_of(st.none(), st.sampled_from(["1", "2"]))),
    }


@st.composite
def prescriptions(draw):
    return {
        "setting": draw(st.sampled_from(["outpatient", "emergency", "inpatient"])),
        "prescriber": {"title_level": draw(st.sampled_from(["primary", "intermediate", "senior"])),
                       "narcotic_right": draw(st.booleans())},
        "patient": {
            "sex": draw(st.sampled_from(["male", "female"])),
            "age_days": draw(st.integers(min_value=1, max_value=36000)),
            "weight_kg": draw(st.one_of(st.none(), st.floats(min_value=2, max_value=150))),
            "pregnant": draw(st.booleans()),
            "lactating": draw(st.booleans()),
            "serum_creatinine_umol_l": draw(st.one_of(st.none(), st.floats(min_value=20, max_value=900))),
            "hepatic_impairment": draw(st.sampled_from(["none", "mild", "moderate", "severe"])),
            "allergies": draw(st.lists(st.sampled_from(["青霉素", "磺胺类", "阿司匹林", "头孢类", "花粉"]), max_size=2)),
            "diagnoses": draw(st.lists(st.sampled_from(["肺炎", "高血压", "K25.0", "哮喘", "癌痛", "2型糖尿病", "未知病"]), max_size=3)),
        },
        "items": draw(st.lists(items(), min_size=1, max_size=7)),
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prescriptions())
def test_any_prescription_is_reviewed_cleanly(data):
    rx = parse_prescription(data, KB)
    for f in check(rx, KB):
        assert len(f.summary) <= SUMMARY_MAX
        assert all(0 <= i < len(rx.items) for i in f.items)
        assert f.severity.value in ("critical", "warning", "info")
        assert f.to_cds_card()["indicator"] == f.severity.value
