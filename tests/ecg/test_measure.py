"""Our measurements against the device values listed in ../shared/data/README.md.

Goals (issue 5): |error| <= 10 ms PR and QRS, <= 20 ms QT, <= 2 bpm HR, <= 10 deg QRS axis.
The single case that cannot meet its goal is marked xfail(strict) and explained in
docs/ecg.md ("Known deviations").
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from workstation.ecg import read_ecg
from workstation.ecg.measure import Measurements, measure
from workstation.ecg.median import build_median

# Device reference values from data/README.md (subject1_0.xml and Example.scp are the
# same Mortara recording as Example.dcm and carry the same values).
DEVICE = {
    "muse": {"hr": 48, "pr": 138, "qrs": 96, "qt": 452, "axis": 20},
    "sierra": {"hr": 41, "pr": 151, "qrs": 135, "qt": 476, "axis": -21},
    "dicom": {"pr": 148, "qrs": 120, "qt": 420, "axis": -61},
    "aecg": {"pr": 148, "qrs": 120, "qt": 420, "axis": -61},
    "scp": {"pr": 148, "qrs": 120, "qt": 420, "axis": -61},
    "dicom_mortara": {"hr": 60000 / 982, "pr": 161, "qrs": 75, "qt": 368, "axis": 52},
}
LIMITS = {"hr": 2.0, "pr": 10.0, "qrs": 10.0, "qt": 20.0, "axis": 10.0}
FIELDS = {"hr": "hr_bpm", "pr": "pr_ms", "qrs": "qrs_ms", "qt": "qt_ms", "axis": "qrs_axis_deg"}
KNOWN = {
    ("sierra", "qrs"): "device global QRS 135 ms is the longest single-lead value (II); the "
                       "file's own group mean is 96 ms and 11 of 12 leads are 93-115 ms; "
                       "see docs/ecg.md",
}


@pytest.fixture(scope="module")
def measured(files) -> dict[str, Measurements]:
    return {key: measure(read_ecg(files[key]))[0] for key in DEVICE}


CASES = [(k, q) for k, ref in DEVICE.items() for q in ref]


@pytest.mark.parametrize("key, quantity", [
    pytest.param(k, q, marks=pytest.mark.xfail(strict=True, reason=KNOWN[(k, q)]))
    if (k, q) in KNOWN else (k, q) for k, q in CASES
])
def test_accuracy_against_device(measured, key, quantity):
    ours = getattr(measured[key], FIELDS[quantity])
    assert ours is not None, f"{key}: {quantity} not measured"
    error = ours - DEVICE[key][quantity]
    if quantity == "axis":
        error = (error + 180) % 360 - 180
    assert abs(error) <= LIMITS[quantity], f"{key} {quantity}: ours {ours:.1f}, error {error:+.1f}"


def test_sierra_qrs_agrees_with_the_files_own_group_measurement(measured):
    # groupmeasurement 1 (all 6 beats): meanqrsdur 96 ms; per-lead qrsdur median 96.5 ms
    assert abs(measured["sierra"].qrs_ms - 96) <= 10


def test_qtc_formulas(measured):
    m = measured["muse"]
    rr_s = m.rr_ms / 1000
    assert m.qtc_bazett_ms == pytest.approx(m.qt_ms / math.sqrt(rr_s))
    assert m.qtc_fridericia_ms == pytest.approx(m.qt_ms / rr_s ** (1 / 3))
    # the cart's QTc (Bazett) for this ECG is 403 ms
    assert abs(m.qtc_bazett_ms - 403) <= 20


def test_median_is_built_from_the_dominant_beats(files):
    rec = read_ecg(files["muse"])
    med = build_median(rec)
    assert set(med.leads) == set(rec.lead_names)
    assert len(med.used) >= 6
    # our median and the cart's stored median agree in shape for lead II
    ours = med.leads["II"]
    theirs = next(x for x in rec.median.leads if x.name == "II").microvolts()
    def corr_at(lag: int) -> float:
        a = ours[max(0, lag):]
        b = theirs[max(0, -lag):]
        n = min(len(a), len(b))
        return float(np.corrcoef(a[:n], b[:n])[0, 1])

    assert max(corr_at(lag) for lag in range(-150, 150)) > 0.95


def test_synthetic_beat_intervals_are_recovered():
    """A synthetic 12-lead ECG with known boundaries: P 100 ms starting 160 ms before a
    100 ms QRS, T ending 400 ms after QRS onset, 75/min."""
    from workstation.ecg.model import EcgRecord, Lead

    fs = 500.0
    t = np.arange(int(10 * fs)) / fs
    beat_times = np.arange(0.5, 9.6, 0.8)
    sig = np.zeros_like(t)
    for b in beat_times:
        q_on = b - 0.05
        p = (t >= q_on - 0.16) & (t < q_on - 0.06)
        sig[p] += 150 * np.sin(np.pi * (t[p] - (q_on - 0.16)) / 0.10)
        qrs = (t >= q_on) & (t < q_on + 0.10)
        sig[qrs] += 1200 * np.sin(np.pi * (t[qrs] - q_on) / 0.10) ** 2
        tw = (t >= q_on + 0.20) & (t < q_on + 0.40)
        sig[tw] += 300 * np.sin(np.pi * (t[tw] - (q_on + 0.20)) / 0.20)
    leads = [Lead(n, np.round(sig * w).astype(np.int32), 1.0) for n, w in
             (("I", 1.0), ("II", 0.8), ("V1", 0.5), ("V2", 0.7), ("V3", 0.9), ("V4", 1.0),
              ("V5", 1.0), ("V6", 0.9))]
    from workstation.ecg.model import derive_limb_leads

    rec = EcgRecord("csv", "synthetic", fs, derive_limb_leads(leads))
    m, _ = measure(rec)
    assert m.hr_bpm == pytest.approx(75, abs=0.5)
    assert m.pr_ms == pytest.approx(160, abs=12)
    assert m.qrs_ms == pytest.approx(100, abs=12)
    assert m.qt_ms == pytest.approx(400, abs=20)


def _muse_median_marks(path) -> dict[str, int]:
    # RestingECGMeasurements holds the cart's fiducials on its median, in samples
    import xml.etree.ElementTree as ET

    meas = ET.parse(path).getroot().find("RestingECGMeasurements")
    tags = {"p_on": "POnset", "qrs_on": "QOnset", "qrs_off": "QOffset", "t_off": "TOffset"}
    return {k: int(meas.find(t).text) for k, t in tags.items()}


def _dicom_median_marks(rec) -> dict[str, int]:
    # the first P onset ... T offset set of the waveform annotations marks the median beat
    labels = {"p onset": "p_on", "qrs onset": "qrs_on", "qrs offset": "qrs_off",
              "t offset": "t_off"}
    marks: dict[str, int] = {}
    for ann in rec.annotations:
        key = labels.get(ann.label.lower())
        if key and key not in marks:
            marks[key] = ann.sample
    return marks


@pytest.mark.parametrize("key", ["muse", "dicom", "dicom_mortara"])
def test_delineation_on_the_carts_own_median_matches_its_marks(files, key):
    """Run our delineation on the median the cart stored and compare with the boundaries
    the cart marked on that same beat: this isolates delineation from median building."""
    from workstation.ecg.measure import delineate
    from workstation.ecg.median import from_stored

    rec = read_ecg(files[key])
    marks = _muse_median_marks(files[key]) if key == "muse" else _dicom_median_marks(rec)
    fid = delineate(from_stored(rec))
    ms = 1000.0 / rec.median.sampling_rate
    limits = {"p_on": 10.0, "qrs_on": 10.0, "qrs_off": 10.0, "t_off": 20.0}
    for name, limit in limits.items():
        error = (getattr(fid, name) - marks[name]) * ms
        assert abs(error) <= limit, f"{key} {name}: {error:+.0f} ms"
