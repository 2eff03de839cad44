"""Arithmetic: Cockcroft–Gault with µmol/L, frequencies, unit conversion, ages."""

from __future__ import annotations

from datetime import date

import pytest

from workstation.review.calc import (
    age_in_days,
    cockcroft_gault,
    convert,
    normalise_frequency,
    times_per_day,
)


def test_cockcroft_gault_male_in_umol():
    # (140 − 60) × 70 × 1.23 / 100 = 68.88 ml/min
    assert cockcroft_gault(60, 70, "male", 100) == pytest.approx(68.88)


def test_cockcroft_gault_female_factor():
    # (140 − 80) × 50 × 1.04 / 150 = 20.8 ml/min
    assert cockcroft_gault(80, 50, "female", 150) == pytest.approx(20.8)


def test_cockcroft_gault_refuses_nonsense():
    with pytest.raises(ValueError):
        cockcroft_gault(60, 70, "male", 0)


@pytest.mark.parametrize(("code", "n"), [("qd", 1), ("bid", 2), ("tid", 3), ("q6h", 4), ("q8h", 3), ("qod", 0.5), ("prn", None)])
def test_times_per_day(code, n):
    assert times_per_day(code) == n


def test_chinese_frequency_wording():
    assert normalise_frequency("每日3次") == "tid"
    assert normalise_frequency(" BID ") == "bid"


@pytest.mark.parametrize(
    ("amount", "unit", "to", "expect"),
    [(0.5, "g", "mg", 500), (250, "μg", "mg", 0.25), (2, "mg", "μg", 2000), (80, "万U", "U", 800000), (10, "ml", "ml", 10)],
)
def test_convert(amount, unit, to, expect):
    assert convert(amount, unit, to) == pytest.approx(expect)


def test_convert_refuses_mass_to_volume():
    assert convert(5, "mg", "ml") is None
    assert convert(1, "片", "mg") is None


def test_age_in_days():
    assert age_in_days(date(2026, 1, 1), date(2026, 3, 2)) == 60
