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


def test_an_early_artefact_does_not_blind_the_detector():
    """A 40 mV electrode-pop in the first second must not set the signal level so high
    that the following normal QRS complexes count as noise."""
    fs = 500.0
    t = np.arange(int(20 * fs)) / fs
    truth = np.arange(1.0, 19.5, 0.8)
    x = sum(1000 * np.exp(-0.5 * ((t - b) / 0.012) ** 2) for b in truth)
    x[200:260] += 40000 * np.sin(np.linspace(0, np.pi, 60))
    found = detect_qrs(x[None, :], fs)
    reference = np.round(truth * fs).astype(np.int64)
    hits = match_beats(found, reference, int(0.05 * fs))
    assert hits >= len(reference) - 1


def test_beats_agree_with_the_carts_own_beat_lists(files):
    # GE MUSE lists its QRS times; Mortara marks a fiducial point per rhythm beat (its
    # first fiducial mark belongs to the median beat)
    muse = read_ecg(files["muse"])
    muse_ref = np.array([a.sample for a in muse.annotations if a.label == "QRS"])
    mortara = read_ecg(files["dicom_mortara"])
    mortara_ref = np.array([a.sample for a in mortara.annotations
                            if a.label == "Fiducial Point"][1:])
    for rec, ref in ((muse, muse_ref), (mortara, mortara_ref)):
        found = detect_beats(rec)
        assert len(ref) >= 8
        assert match_beats(found, ref, int(0.06 * rec.sampling_rate)) == len(ref) == len(found)
