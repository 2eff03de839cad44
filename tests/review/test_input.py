"""Reading a prescription: every bad input names its field; good variants are accepted."""

from __future__ import annotations

from datetime import date

import pytest

from tests.review.support import item, rx
from workstation.review import InputError, parse_prescription


def _err(kb, data) -> InputError:
    with pytest.raises(InputError) as e:
        parse_prescription(data, kb)
    return e.value


def test_missing_top_level_fields(kb):
    assert _err(kb, {}).path == "setting"
    assert _err(kb, {"setting": "outpatient"}).path == "prescriber"
    assert _err(kb, {"setting": "outpatient", "prescriber": {}}).path == "prescriber.title_level"
    assert _err(kb, [1, 2]).message == "a prescription is a JSON object"


def test_bad_enum_values(kb):
    data = rx([item("阿莫西林", 0.5, "g")])
    data["setting"] = "clinic"
    assert "not one of" in _err(kb, data).message
    data = rx([item("阿莫西林", 0.5, "g", route="oral")])
    assert _err(kb, data).path == "items[0].route"


def test_unknown_drug_suggests_names(kb):
    e = _err(kb, rx([item("阿莫西", 0.5, "g")]))
    assert e.path == "items[0].drug" and "阿莫西林" in e.message


def test_item_field_types_and_values(kb):
    assert _err(kb, rx([item("阿莫西林", "half", "g")])).path == "items[0].dose"
    assert _err(kb, rx([item("阿莫西林", -1, "g")])).message == "must be positive"
    assert _err(kb, rx([{"drug": "阿莫西林", "dose": 1, "unit": "g", "route": "po"}])).path == "items[0].frequency"
    assert _err(kb, rx([])).path == "items"


def test_patient_needs_sex_and_age(kb):
    data = rx([item("阿莫西林", 0.5, "g")])
    del data["patient"]["age_years"]
    assert _err(kb, data).path == "patient.birth_date"
    data["patient"]["birth_date"] = "2026-13-01"
    assert "not a date" in _err(kb, data).message
    data = rx([item("阿莫西林", 0.5, "g")], sex="x")
    assert _err(kb, data).path == "patient.sex"
    assert _err(kb, rx([item("阿莫西林", 0.5, "g")], weight_kg=0)).path == "patient.weight_kg"


def test_drug_by_code_alias_and_chinese_words(kb):
    data = rx([item("amox", 0.5, "g", frequency="每日3次"), item("扑尔敏", 4, "mg", form="片剂")], sex="女")
    parsed = parse_prescription(data, kb)
    assert [i.entry.drug.code for i in parsed.items] == ["AMOX", "CPM"]
    assert parsed.items[0].frequency == "tid" and parsed.patient.sex == "female"
    assert parsed.items[1].form.value == "tablet"


def test_age_from_birth_date_on_prescription_date(kb):
    data = rx([item("布洛芬", 50, "mg")], age_years=None, birth_date="2026-01-01", weight_kg=5)
    data["date"] = "2026-04-11"
    p = parse_prescription(data, kb)
    assert p.patient.age_days == (date(2026, 4, 11) - date(2026, 1, 1)).days
    data["date"] = "2025-12-01"
    assert "after the prescription date" in _err(kb, data).message


def test_flags_must_be_booleans(kb):
    data = rx([item("阿莫西林", 0.5, "g")], sex="female", pregnant="false")
    assert _err(kb, data).path == "patient.pregnant"
    data = rx([item("阿莫西林", 0.5, "g")], prescriber={"narcotic_right": "yes"})
    assert _err(kb, data).path == "prescriber.narcotic_right"
