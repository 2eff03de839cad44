"""Arithmetic the rules share: age, creatinine clearance, frequencies and unit conversion."""

from __future__ import annotations

from datetime import date

# Times per day of the usual Latin frequency codes; None = as needed (no fixed daily count).
FREQUENCIES: dict[str, float | None] = {
    "qd": 1, "q24h": 1, "qn": 1, "qm": 1, "bid": 2, "q12h": 2, "tid": 3, "q8h": 3, "qid": 4,
    "q6h": 4, "q4h": 6, "q3h": 8, "q2h": 12, "q1h": 24, "qod": 0.5, "q48h": 0.5, "q72h": 1 / 3,
    "qw": 1 / 7, "biw": 2 / 7, "tiw": 3 / 7, "q2w": 1 / 14, "q4w": 1 / 28, "5次/日": 5,
    "st": 1, "once": 1, "prn": None,
}
# Chinese wording seen on township prescriptions, mapped to the code above.
FREQUENCY_ALIASES = {
    "每日1次": "qd", "每日一次": "qd", "一日1次": "qd", "每日2次": "bid", "每日两次": "bid", "一日2次": "bid",
    "每日3次": "tid", "每日三次": "tid", "一日3次": "tid", "每日4次": "qid", "一日4次": "qid",
    "每晚1次": "qn", "睡前": "qn", "隔日1次": "qod", "每周1次": "qw", "必要时": "prn", "立即": "st",
    "一次": "once", "每6小时": "q6h", "每8小时": "q8h", "每12小时": "q12h", "每4小时": "q4h",
}


def normalise_frequency(text: str) -> str:
    t = text.strip()
    return FREQUENCY_ALIASES.get(t, t.lower())


def times_per_day(code: str) -> float | None:
    return FREQUENCIES.get(code)


def age_in_days(birth: date, on: date) -> int:
    return (on - birth).days


def age_years_from_days(days: int) -> float:
    return days / 365.25


def cockcroft_gault(age_years: float, weight_kg: float, sex: str, scr_umol_l: float) -> float:
    """Creatinine clearance (ml/min) with serum creatinine in µmol/L.

    CrCl = (140 − age) × weight × k / Scr, k = 1.23 for men and 1.04 for women: the µmol/L
    form of the original mg/dL equation (×0.85 for women), as used in Chinese labels.
    """
    if scr_umol_l <= 0 or weight_kg <= 0:
        raise ValueError("serum creatinine and weight must be positive")
    k = 1.23 if sex == "male" else 1.04
    return (140 - age_years) * weight_kg * k / scr_umol_l


_MASS = {"g": 1000.0, "mg": 1.0, "μg": 0.001, "µg": 0.001, "ug": 0.001, "mcg": 0.001, "ng": 1e-6}
_UNITS = {"u": 1.0, "iu": 1.0, "单位": 1.0, "万u": 10000.0, "万单位": 10000.0, "万iu": 10000.0}
_VOLUME = {"ml": 1.0, "l": 1000.0}
# Counted units (片, 粒...) convert through the strength of the dispensed form.
COUNT_UNITS = frozenset({"片", "粒", "丸", "袋", "支", "瓶", "揿", "喷", "吸", "滴", "贴", "枚", "包", "丸剂"})


def _family(unit: str) -> tuple[str, float] | None:
    u = unit.strip().lower()
    if u in _MASS:
        return "mass", _MASS[u]
    if u in _UNITS:
        return "units", _UNITS[u]
    if u in _VOLUME:
        return "volume", _VOLUME[u]
    return None


def convert(amount: float, unit: str, to_unit: str) -> float | None:
    """amount in `unit` expressed in `to_unit`, or None when they are not commensurable."""
    if unit.strip() == to_unit.strip():
        return amount
    a, b = _family(unit), _family(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return amount * a[1] / b[1]


def fmt(x: float) -> str:
    """1.0 → '1', 0.125 → '0.125': numbers in Chinese messages without float noise."""
    return f"{x:.4g}" if x != int(x) else str(int(x))
