"""QRS detection against the MIT-BIH record 100 reference annotations (±150 ms)."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.ecg import read_ecg
from workstation.ecg.detect import detect_beats, detect_qrs
from workstation.ecg.formats.wfdb_format import BEAT_SYMBOLS


def match_beats(detected: np.ndarray, reference: np.ndarray, tol: int) -> int:
    """Count one-to-one matches within ±tol samples (greedy by distance, each used once)."""
    pairs = []
    idx = np.searchsorted(detected, reference)
    for r_i, s in enumerate(reference):
        for c in (idx[r_i] - 1, idx[r_i]):
            if 0 <= c < len(detected) and abs(int(detected[c]) - int(s)) <= tol:
                pairs.append((abs(int(detected[c]) - int(s)), r_i, int(c)))
    used_r, used_d = set(), set()
    for _d, r_i, c in sorted(pairs):
        if r_i not in used_r and c not in used_d:
            used_r.add(r_i)
            used_d.add(c)
    return len(used_r)


@pytest.fixture(scope="module")
def record100(files):
    rec = read_ecg(files["wfdb100"])
    return rec, detect_beats(rec)


def test_record_100_sensitivity_and_positive_predictivity(record100):
    rec, detected = record100
    reference = np.array([a.sample for a in rec.annotations if a.label in BEAT_SYMBOLS])
    tp = match_beats(detected, reference, int(round(0.150 * rec.sampling_rate)))
    sensitivity = tp / len(reference)
    ppv = tp / len(detected)
    assert sensitivity >= 0.995, f"Se {sensitivity:.4f}"
    assert ppv >= 0.995, f"+P {ppv:.4f}"


def test_single_lead_detection_on_record_100(record100, files):
    rec, _ = record100
    one = detect_beats(rec, lead="MLII")
    reference = np.array([a.sample for a in rec.annotations if a.label in BEAT_SYMBOLS])
    tp = match_beats(one, reference, int(round(0.150 * rec.sampling_rate)))
    assert tp / len(reference) >= 0.995 and tp / len(one) >= 0.995


def test_detector_ignores_sierra_calibration_pulse(files):
    rec = read_ecg(files["sierra"])
    beats = detect_beats(rec)
    cal = next(a for a in rec.annotations if a.label == "calibration")
    assert beats.max() < cal.sample
    # the cart counted 41/min: 7 beats in 10.7 s
    assert len(beats) == 7


def test_flat_and_short_signals_give_no_beats():
    assert len(detect_qrs(np.zeros((2, 5000)), 500.0)) == 0
    assert len(detect_qrs(np.zeros((1, 100)), 500.0)) == 0
