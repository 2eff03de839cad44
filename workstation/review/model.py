"""The prescription the engine reviews, and how it is read from JSON (docs/review-input.md).

Parsing resolves drug names once (generic Chinese name, alias or dictionary code) and
reports the first problem with its JSON path, so a script or a support person sees
exactly which field is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from workstation.review.calc import FREQUENCIES, age_in_days, normalise_frequency
from workstation.review.knowledge import DrugEntry, Knowledge
from workstation.review.schema import FormKind, HepaticGrade, Route
from workstation.roles import TitleLevel


class InputError(ValueError):
    """A prescription that cannot be reviewed: missing field, wrong type, unknown drug."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class Setting(StrEnum):
    OUTPATIENT = "outpatient"  # 门诊
    EMERGENCY = "emergency"  # 急诊
    INPATIENT = "inpatient"  # 住院


@dataclass(frozen=True)
class Prescriber:
    title_level: TitleLevel
    narcotic_right: bool = False  # 麻醉药品和第一类精神药品处方权, granted individually
    antibiotic_right: bool = True  # 抗菌药物处方权 (tier then follows the title)


@dataclass(frozen=True)
class Patient:
    sex: str  # "male" | "female"
    age_days: int
    age_given_in_years_only: bool = False
    weight_kg: float | None = None
    pregnant: bool = False
    lactating: bool = False
    allergies: tuple[str, ...] = ()
    scr_umol_l: float | None = None
    crcl_ml_min: float | None = None  # measured or computed elsewhere; wins over Cockcroft–Gault
    hepatic: HepaticGrade | None = None
    diagnoses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    index: int
    entry: DrugEntry
    dose: float
    unit: str
    route: Route
    frequency: str
    days: float | None = None
    quantity: float | None = None
    quantity_unit: str | None = None
    form: FormKind | None = None
    strength: float | None = None  # content per 片/粒/支 in the drug's dose_unit, when ambiguous
    iv_group: str | None = None
    reason: str | None = None  # stated reason for a longer supply (慢性病、老年病...)

    @property
    def name(self) -> str:
        return self.entry.drug.name


@dataclass(frozen=True)
class Prescription:
    setting: Setting
    prescriber: Prescriber
    patient: Patient
    items: tuple[Item, ...]
    date: date = field(default_factory=date.today)
    reason: str | None = None  # prescription-level reason for a longer supply


_FORM_WORDS = {
    "雾化": FormKind.NEBULISER, "气雾": FormKind.INHALATION, "吸入": FormKind.INHALATION,
    "缓释": FormKind.SUSTAINED_RELEASE, "控释": FormKind.CONTROLLED_RELEASE, "肠溶": FormKind.ENTERIC,
    "注射": FormKind.INJECTION, "片": FormKind.TABLET, "胶囊": FormKind.CAPSULE, "颗粒": FormKind.GRANULE,
}


def _form_kind(value: str, path: str) -> FormKind:
    try:
        return FormKind(value)
    except ValueError:
        for word, kind in _FORM_WORDS.items():  # 缓释片 → sustained_release, checked in that order
            if word in value:
                return kind
    raise InputError(path, f"unknown form {value!r}; use one of {[k.value for k in FormKind]}")


def _get(d: dict, key: str, path: str, kind, required: bool = True, default=None):
    if key not in d or d[key] is None:
        if required:
            raise InputError(f"{path}.{key}" if path else key, "missing")
        return default
    v = d[key]
    if kind is float and isinstance(v, int) and not isinstance(v, bool):
        v = float(v)
    if not isinstance(v, kind):
        name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise InputError(f"{path}.{key}" if path else key, f"expected {name}, got {type(v).__name__}")
    return v


def _enum(enum, value: str, path: str):
    try:
        return enum(value)
    except ValueError:
        raise InputError(path, f"{value!r} is not one of {[e.value for e in enum]}") from None


def _date(value: str, path: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(path, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _patient(d: dict, on: date) -> Patient:
    p = "patient"
    sex = _enum_sex(_get(d, "sex", p, str), f"{p}.sex")
    only_years = False
    if d.get("birth_date"):
        days = age_in_days(_date(_get(d, "birth_date", p, str), f"{p}.birth_date"), on)
        if days < 0:
            raise InputError(f"{p}.birth_date", "is after the prescription date")
    elif any(d.get(k) is not None for k in ("age_years", "age_months", "age_days")):
        y = _get(d, "age_years", p, float, required=False, default=0.0)
        m = _get(d, "age_months", p, float, required=False, default=0.0)
        dd = _get(d, "age_days", p, float, required=False, default=0.0)
        if min(y, m, dd) < 0:
            raise InputError(f"{p}.age_years", "age cannot be negative")
        days = int(round(y * 365.25 + m * 30.44 + dd))
        only_years = d.get("age_months") is None and d.get("age_days") is None
    else:
        raise InputError(f"{p}.birth_date", "missing: give birth_date or age_years/age_months/age_days")
    weight = _get(d, "weight_kg", p, float, required=False)
    if weight is not None and not 0.3 <= weight <= 400:
        raise InputError(f"{p}.weight_kg", f"{weight} kg is not a plausible weight")
    scr = _get(d, "serum_creatinine_umol_l", p, float, required=False)
    if scr is not None and scr <= 0:
        raise InputError(f"{p}.serum_creatinine_umol_l", "must be positive")
    hep = d.get("hepatic_impairment")
    allergies = _get(d, "allergies", p, list, required=False, default=[])
    diagnoses = _get(d, "diagnoses", p, list, required=False, default=[])
    for name, seq in (("allergies", allergies), ("diagnoses", diagnoses)):
        for i, v in enumerate(seq):
            if not isinstance(v, str) or not v.strip():
                raise InputError(f"{p}.{name}[{i}]", "expected a non-empty string")
    return Patient(
        sex=sex,
        age_days=days,
        age_given_in_years_only=only_years,
        weight_kg=weight,
        pregnant=_get(d, "pregnant", p, bool, required=False, default=False),
        lactating=_get(d, "lactating", p, bool, required=False, default=False),
        allergies=tuple(a.strip() for a in allergies),
        scr_umol_l=scr,
        crcl_ml_min=_get(d, "crcl_ml_min", p, float, required=False),
        hepatic=None if hep in (None, "none") else _enum(HepaticGrade, hep, f"{p}.hepatic_impairment"),
        diagnoses=tuple(x.strip() for x in diagnoses),
    )


def _enum_sex(value: str, path: str) -> str:
    v = {"男": "male", "女": "female", "m": "male", "f": "female"}.get(value.strip().lower(), value.strip().lower())
    if v not in ("male", "female"):
        raise InputError(path, f"{value!r} is not male/female")
    return v


def _item(d: dict, i: int, kb: Knowledge) -> Item:
    p = f"items[{i}]"
    if not isinstance(d, dict):
        raise InputError(p, "expected an object")
    name = _get(d, "drug", p, str)
    entry = kb.find(name)
    if entry is None:
        hint = [e.drug.name for e in kb.search(name, limit=3)]
        more = f"; did you mean {', '.join(hint)}?" if hint else ""
        raise InputError(f"{p}.drug", f"unknown drug {name!r} (not a generic name, alias or code in the dictionary){more}")
    dose = _get(d, "dose", p, float)
    if dose <= 0:
        raise InputError(f"{p}.dose", "must be positive")
    freq = normalise_frequency(_get(d, "frequency", p, str))
    days = _get(d, "days", p, float, required=False)
    if days is not None and days <= 0:
        raise InputError(f"{p}.days", "must be positive")
    form = d.get("form")
    return Item(
        index=i,
        entry=entry,
        dose=dose,
        unit=_get(d, "unit", p, str).strip(),
        route=_enum(Route, _get(d, "route", p, str).strip().lower(), f"{p}.route"),
        frequency=freq,
        days=days,
        quantity=_get(d, "quantity", p, float, required=False),
        quantity_unit=_get(d, "quantity_unit", p, str, required=False),
        form=None if form is None else _form_kind(str(form), f"{p}.form"),
        strength=_get(d, "strength", p, float, required=False),
        iv_group=None if d.get("iv_group") in (None, "") else str(d["iv_group"]),
        reason=_get(d, "reason", p, str, required=False),
    )


def parse_prescription(data: object, kb: Knowledge) -> Prescription:
    if not isinstance(data, dict):
        raise InputError("", "a prescription is a JSON object")
    on = _date(data["date"], "date") if data.get("date") else date.today()
    setting = _enum(Setting, _get(data, "setting", "", str), "setting")
    pr = _get(data, "prescriber", "", dict)
    title = _enum(TitleLevel, _get(pr, "title_level", "prescriber", str), "prescriber.title_level")
    prescriber = Prescriber(
        title_level=title,
        narcotic_right=_get(pr, "narcotic_right", "prescriber", bool, required=False, default=False),
        antibiotic_right=_get(pr, "antibiotic_right", "prescriber", bool, required=False, default=True),
    )
    patient = _patient(_get(data, "patient", "", dict), on)
    raw_items = _get(data, "items", "", list)
    if not raw_items:
        raise InputError("items", "a prescription needs at least one item")
    items = tuple(_item(d, i, kb) for i, d in enumerate(raw_items))
    return Prescription(setting, prescriber, patient, items, on, _get(data, "reason", "", str, required=False))


__all__ = ["FREQUENCIES", "InputError", "Item", "Patient", "Prescriber", "Prescription", "Setting", "parse_prescription"]
