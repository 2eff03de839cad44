"""Facts derived once per check and shared by every rule: age band, CrCl, matched diagnoses,
resolved allergies, each item's dose in the dictionary's unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from workstation.review.calc import COUNT_UNITS, cockcroft_gault, convert, times_per_day
from workstation.review.knowledge import Knowledge
from workstation.review.model import Item, Prescription
from workstation.review.schema import Level

ELDERLY_YEARS = 65  # 老年人: ≥ 65 years (as in the issue and most Chinese labels)
ADULT_YEARS = 18
_ICD = re.compile(r"\b([A-Z]\d{2}(?:\.\d{1,3})?)")

LEVEL_SEVERITY = {
    Level.CONTRAINDICATED: "critical",
    Level.AVOID: "warning",
    Level.REDUCE: "warning",
    Level.CAUTION: "info",
}
LEVEL_WORD = {Level.CONTRAINDICATED: "禁用", Level.AVOID: "不宜使用", Level.REDUCE: "需减量", Level.CAUTION: "慎用"}


@dataclass(frozen=True)
class ItemDose:
    single: float | None  # in the drug's dose_unit; None when the unit cannot be converted
    daily: float | None  # None when as-needed or not convertible
    times_per_day: float | None


class Context:
    def __init__(self, rx: Prescription, kb: Knowledge) -> None:
        self.rx = rx
        self.kb = kb
        self.patient = rx.patient
        self.age_years = rx.patient.age_days / 365.25

    @property
    def band(self) -> str:
        if self.age_years < ADULT_YEARS:
            return "child"
        return "elderly" if self.age_years >= ELDERLY_YEARS else "adult"

    @cached_property
    def crcl(self) -> float | None:
        p = self.patient
        if p.crcl_ml_min is not None:
            return p.crcl_ml_min
        # Cockcroft–Gault is validated for adults only; children need Schwartz (not done here).
        if p.scr_umol_l is None or p.weight_kg is None or self.age_years < ADULT_YEARS:
            return None
        return cockcroft_gault(self.age_years, p.weight_kg, p.sex, p.scr_umol_l)

    @cached_property
    def conditions(self) -> frozenset[str]:
        """Condition ids and group ids the diagnoses match (ICD-10 prefix or keyword)."""
        hits: set[str] = set()
        for text in self.patient.diagnoses:
            codes = _ICD.findall(text.upper())
            for c in self.kb.conditions.values():
                if any(code.startswith(pre) for code in codes for pre in c.icd10) or any(k in text for k in c.keywords):
                    hits.add(c.id)
                    hits.update(c.groups)
        return frozenset(hits)

    @cached_property
    def recognised_diagnosis(self) -> bool:
        return bool(self.conditions)

    @cached_property
    def allergies(self) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
        """(allergy class ids, drug codes, unrecognised entries) of the patient's allergy list."""
        classes: set[str] = set()
        codes: set[str] = set()
        unknown: list[str] = []
        for a in self.patient.allergies:
            if a in ("无", "否认", "无过敏史", "否认药物过敏史", "none"):
                continue
            cls = self.kb.allergy_by_name.get(a)
            entry = self.kb.find(a)
            if cls:
                classes.add(cls)
            elif entry:
                codes |= {k[5:] for k in entry.keys if k.startswith("drug:")}
                classes |= set(self.item_allergy_classes_of(entry))
            else:
                unknown.append(a)
        return frozenset(classes), frozenset(codes), tuple(unknown)

    def item_allergy_classes_of(self, entry) -> set[str]:
        out = set(entry.drug.allergy_classes)
        for c in entry.drug.contains:
            out |= set(self.kb.drugs[c].drug.allergy_classes)
        return out

    def dose(self, item: Item) -> ItemDose:
        return self._doses[item.index]

    @cached_property
    def _doses(self) -> dict[int, ItemDose]:
        out = {}
        for it in self.rx.items:
            single = self.to_dose_unit(it, it.dose, it.unit)
            tpd = times_per_day(it.frequency)
            daily = single * tpd if single is not None and tpd is not None else None
            out[it.index] = ItemDose(single, daily, tpd)
        return out

    def to_dose_unit(self, item: Item, amount: float, unit: str) -> float | None:
        drug = item.entry.drug
        direct = convert(amount, unit, drug.dose_unit)
        if direct is not None:
            return direct
        if unit in COUNT_UNITS:
            strength = item.strength
            if strength is None:
                forms = [f for f in drug.forms if (item.form is None or f.kind == item.form) and item.route in f.routes]
                strengths = {s for f in forms for s in f.strengths}
                if len(strengths) != 1:
                    return None
                strength = strengths.pop()
            return amount * strength
        return None

    def days_of(self, item: Item) -> float | None:
        """Days of supply: stated, or quantity ÷ daily dose."""
        if item.days is not None:
            return item.days
        if item.quantity is None:
            return None
        total = self.to_dose_unit(item, item.quantity, item.quantity_unit or item.unit)
        daily = self.dose(item).daily
        if total is None or not daily:
            return None
        return total / daily

    def form_kinds(self, item: Item) -> set:
        """The form kinds the item may be: the stated one, or every form given by its route."""
        if item.form is not None:
            return {item.form}
        return {f.kind for f in item.entry.drug.forms if item.route in f.routes}

    def has_reason(self, item: Item) -> bool:
        return bool((item.reason or "").strip() or (self.rx.reason or "").strip())
