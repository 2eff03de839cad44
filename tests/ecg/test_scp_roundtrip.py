"""SCP-ECG features the shared Example.scp does not use: reference-beat subtraction and
Chinese text, written by our test writer (EN 1064 layout) and read back."""

from __future__ import annotations

import numpy as np

from tests.ecg.scp_writer import write_scp
from workstation.ecg import read_ecg
from workstation.ecg.formats import scp


def _signal(seed: int, n: int = 2500) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    beat = np.round(400 * np.exp(-0.5 * ((np.arange(200) - 100) / 8.0) ** 2)).astype(np.int64)
    x = rng.integers(-20, 20, n).astype(np.int64)
    for r in (300, 900, 1500, 2100):
        x[r - 100:r + 100] += beat
    return x, beat


def test_reference_beat_subtraction_is_undone(tmp_path, monkeypatch):
    one, beat1 = _signal(1)
    two, beat2 = _signal(2)
    two = -two
    qrs = [(r - 60, r, r + 60) for r in (301, 901, 1501, 2101)]  # 1-based samples
    data = write_scp({1: one, 2: two}, ref_beat={1: beat1, 2: -beat2}, ref_fiducial=101,
                     qrs=qrs)
    path = tmp_path / "subtracted.scp"
    path.write_bytes(data)
    rec = read_ecg(path)
    np.testing.assert_array_equal(rec.lead("I").samples, one)
    np.testing.assert_array_equal(rec.lead("II").samples, two)
    assert rec.lead("I").gain_uv == 5.0
    assert rec.median is not None
    np.testing.assert_array_equal(rec.median.leads[0].samples, beat1)
    # without adding the beat back, the reader would return the residual: proof that the
    # file really holds subtracted data and the reader restores it
    monkeypatch.setattr(scp, "_add_reference_beat", lambda *a: None)
    residual = read_ecg(path).lead("I").samples
    assert np.abs(residual - one).max() > 300


def test_chinese_patient_name_in_gb18030(tmp_path):
    one, _ = _signal(3)
    path = tmp_path / "cn.scp"
    path.write_bytes(write_scp({1: one, 2: one}, last_name="陈七", codec="gb18030"))
    rec = read_ecg(path)
    assert rec.patient.name == "陈七" and rec.patient.patient_id == "T-001"
    assert rec.patient.sex == "M"
    np.testing.assert_array_equal(rec.lead("I").samples, one)


def test_language_code_latin1_is_honoured(tmp_path):
    # without the language code, "Müller" in Latin-1 would also be valid GB18030 bytes
    one, _ = _signal(4)
    path = tmp_path / "latin1.scp"
    path.write_bytes(write_scp({1: one}, last_name="Müller", codec="latin-1",
                               language_code=1))
    rec = read_ecg(path)
    assert rec.patient.name == "Müller"
    assert rec.device == "TestMaker TEST"


def test_language_code_gb2312(tmp_path):
    one, _ = _signal(5)
    path = tmp_path / "gb.scp"
    path.write_bytes(write_scp({1: one}, last_name="周八", codec="gb18030", language_code=31))
    assert read_ecg(path).patient.name == "周八"
