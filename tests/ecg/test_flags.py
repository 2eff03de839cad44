"""Critical flags: real STEMI positives, real normal negatives, rhythm rules on beat trains."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.ecg import read_ecg
from workstation.ecg.analysis import analyse
from workstation.ecg.flags import rhythm_flags


@pytest.fixture(scope="module")
def analysed(files):
    return {k: analyse(read_ecg(files[k])) for k in ("ptb", "sierra", "muse", "dicom_mortara")}


def test_ptb_inferolateral_mi_is_flagged_stemi(analysed):
    flags = {f.code: f for f in analysed["ptb"].flags}
    assert "STEMI" in flags
    stemi = flags["STEMI"]
    assert {"III", "aVF"} <= set(stemi.leads)  # inferior leads, as the PTB diagnosis says
    assert all(stemi.values[n] >= 0.1 for n in stemi.leads)
    assert "下壁" in stemi.detail and "III" in stemi.detail


def test_sierra_acute_inferior_mi_is_flagged_stemi(analysed):
    # the cart itself printed "Inferior infarct, acute ... ST>0.10mV, II III aVF"
    stemi = next(f for f in analysed["sierra"].flags if f.code == "STEMI")
    assert set(stemi.leads) == {"II", "III", "aVF"}


@pytest.mark.parametrize("key", ["muse", "dicom_mortara"])
def test_normal_ecgs_have_no_critical_flags(analysed, key):
    # Mortara: "RITMO SINUSALE, ECG NORMALE"; MUSE: sinus rhythm at 48/min
    assert analysed[key].flags == []


def _beats(rr_s: list[float], fs: float = 500.0) -> np.ndarray:
    return (np.cumsum([0.5, *rr_s]) * fs).astype(np.int64)


def test_pause_of_three_seconds():
    flags = rhythm_flags(_beats([0.8] * 5 + [3.2] + [0.8] * 5), 500.0, 500 * 15)
    pause = [f for f in flags if f.code == "PAUSE"]
    assert len(pause) == 1 and pause[0].values["longest_rr_s"] == pytest.approx(3.2)
    assert "3.20 秒" in pause[0].detail
    assert not [f for f in rhythm_flags(_beats([0.8] * 5 + [2.9] + [0.8] * 5), 500.0, 7500)
                if f.code == "PAUSE"]


def test_mean_rate_below_35():
    flags = rhythm_flags(_beats([1.8] * 6), 500.0, 500 * 12)
    assert [f.code for f in flags] == ["BRADYCARDIA"]
    assert flags[0].values["mean_bpm"] == pytest.approx(33.3, abs=0.1)
    assert rhythm_flags(_beats([1.6] * 6), 500.0, 500 * 11) == []  # 37.5/min


def test_sustained_rate_150():
    fast = rhythm_flags(_beats([0.38] * 25), 500.0, int(500 * 10))  # 158/min, whole record
    assert [f.code for f in fast] == ["TACHYCARDIA"]
    assert fast[0].values["rate_bpm"] == pytest.approx(157.9, abs=0.1)
    # a 3 s burst inside a 60 s record is not sustained
    burst = rhythm_flags(_beats([0.8] * 30 + [0.35] * 8 + [0.8] * 40), 500.0, 500 * 60)
    assert burst == []
