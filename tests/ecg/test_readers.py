"""Every reader on the real shared files, with a second-reader check where one exists."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pydicom
import pytest
import wfdb

from workstation.ecg import read_ecg
from workstation.ecg.leads import STANDARD_12, normalise_lead_name
from workstation.ecg.model import Lead, derive_limb_leads


def _assert_integer_leads(rec):
    for lead in rec.leads:
        assert np.issubdtype(lead.samples.dtype, np.integer)
        assert lead.gain_uv > 0


@pytest.mark.parametrize("raw, expected", [
    ("Lead I (Einthoven)", "I"), ("MDC_ECG_LEAD_AVR", "aVR"), ("avl", "aVL"), ("v1", "V1"),
    ("AVF", "aVF"), ("MLII", "MLII"), ("ECG 1", "ECG 1"), ("vx", "X"), ("Lead III", "III"),
])
def test_lead_names_are_normalised(raw, expected):
    assert normalise_lead_name(raw) == expected


def test_derived_limb_leads_are_exact_in_integers():
    rng = np.random.default_rng(1)
    one = rng.integers(-500, 500, 1000).astype(np.int32)
    two = rng.integers(-500, 500, 1000).astype(np.int32)
    leads = derive_limb_leads([Lead("I", one, 5.0), Lead("II", two, 5.0)])
    by = {lead.name: lead.microvolts() for lead in leads}
    assert [lead.name for lead in leads] == ["I", "II", "III", "aVR", "aVL", "aVF"]
    np.testing.assert_allclose(by["III"], 5.0 * (two - one))
    np.testing.assert_allclose(by["aVR"], -5.0 * (one + two) / 2)
    np.testing.assert_allclose(by["aVL"], 5.0 * (one - two / 2))
    np.testing.assert_allclose(by["aVF"], 5.0 * (two - one / 2))
    assert all(lead.derived for lead in leads[2:])


def test_wfdb_record_100_format_212(files):
    rec = read_ecg(files["wfdb100"])
    ref = wfdb.rdrecord(str(files["wfdb100"].with_suffix("")))  # physical values
    assert rec.format == "wfdb" and rec.sampling_rate == 360
    assert rec.lead_names == ["MLII", "V5"] and rec.n_samples == 650000
    _assert_integer_leads(rec)
    np.testing.assert_allclose(rec.lead("MLII").microvolts() / 1000, ref.p_signal[:, 0],
                               atol=1e-9)
    beats = [a for a in rec.annotations if a.label in "NLRBAaJSVrFejnE/fQ?"]
    assert len(beats) == 2273
    assert rec.patient.age_years == 69 and rec.patient.sex == "M"


def test_wfdb_ptb_15_leads(files):
    rec = read_ecg(files["ptb"])
    assert rec.lead_names[:12] == list(STANDARD_12)
    assert rec.lead_names[12:] == ["X", "Y", "Z"]
    assert rec.sampling_rate == 1000 and rec.duration_s == pytest.approx(38.4)
    assert rec.lead("I").gain_uv == pytest.approx(0.5)  # 2000 units per mV
    assert (rec.patient.age_years, rec.patient.sex) == (81, "F")
    # the stored III obeys Einthoven within rounding, which checks names and scaling
    i, ii, iii = (rec.lead(n).microvolts() for n in ("I", "II", "III"))
    assert np.abs(iii - (ii - i)).max() <= 1.0


def test_wfdb_test01_and_reading_by_dat_path(files):
    rec = read_ecg(files["test01"].with_suffix(".dat"))
    assert rec.lead_names == ["ECG 1", "ECG 2", "ECG 3", "ECG 4"]
    assert rec.sampling_rate == 500 and rec.lead("ECG 1").gain_uv == pytest.approx(10.0)


def test_dicom_example_two_groups(files):
    rec = read_ecg(files["dicom"])
    assert rec.format == "dicom" and rec.sampling_rate == 500 and rec.duration_s == 10
    assert rec.lead_names == list(STANDARD_12)
    assert rec.median is not None and len(rec.median.leads[0].samples) == 600
    assert rec.patient.name == "Clark" and rec.patient.patient_id == "SBJ-123"
    assert rec.patient.birth_date == dt.date(1953, 5, 8)
    m = rec.device_measurements
    assert (m.pr_ms, m.qrs_ms, m.qt_ms, m.qtc_ms) == (148, 120, 420, 443)
    assert (m.p_axis_deg, m.qrs_axis_deg, m.t_axis_deg) == (44, -61, 86)
    assert {"P onset", "QRS onset", "T offset"} <= {a.label for a in rec.annotations}


def test_dicom_mortara_matches_pydicom_waveform_array(files):
    rec = read_ecg(files["dicom_mortara"])
    ds = pydicom.dcmread(files["dicom_mortara"])
    ref = ds.waveform_array(0)  # pydicom's own scaling (µV)
    assert rec.sampling_rate == 1000 and rec.n_samples == 10000
    np.testing.assert_allclose(rec.lead("I").microvolts(), ref[:, 0])
    np.testing.assert_allclose(rec.lead("V6").microvolts(), ref[:, 11])
    assert rec.statements == ["RITMO SINUSALE", "ECG NORMALE"]
    m = rec.device_measurements
    assert (m.rr_ms, m.pr_ms, m.qrs_ms, m.qt_ms, m.qtc_ms) == (982, 161, 75, 368, 370)
    assert (m.p_axis_deg, m.qrs_axis_deg, m.t_axis_deg) == (74, 52, 57)
    assert rec.patient.sex == "F" and rec.patient.age_years == 42
    assert rec.device == "Mortara Instrument, Inc. el250"
    assert rec.median is not None and rec.median.sampling_rate == 1000
    assert sum(a.label == "QRS Onset" for a in rec.annotations) == 11


def test_muse_rhythm_median_and_derived_leads(files):
    rec = read_ecg(files["muse"])
    assert rec.format == "muse" and rec.sampling_rate == 500 and rec.duration_s == 10
    assert rec.lead_names == list(STANDARD_12)
    assert [lead.derived for lead in rec.leads[2:6]] == [True] * 4
    assert rec.lead("I").gain_uv == pytest.approx(4.88)
    assert rec.median is not None and len(rec.median.leads) == 12
    m = rec.device_measurements
    assert (m.hr_bpm, m.pr_ms, m.qrs_ms, m.qt_ms, m.qtc_ms) == (48, 138, 96, 452, 403)
    assert (m.p_axis_deg, m.qrs_axis_deg, m.t_axis_deg) == (51, 20, 40)


def test_sierra_xli_decodes_and_obeys_einthoven(files):
    rec = read_ecg(files["sierra"])
    assert rec.format == "sierra" and rec.sampling_rate == 500
    assert rec.lead_names == list(STANDARD_12) and rec.n_samples == 5500
    cal = [a for a in rec.annotations if a.label == "calibration"]
    assert len(cal) == 1
    end = cal[0].sample
    # XLI stores III/aVR/aVL/aVF as residuals; rebuilt, they must match I and II
    # (within the cart's own rounding: 2 units = 10 µV)
    i, ii = rec.lead("I").samples[:end], rec.lead("II").samples[:end]
    assert np.abs(rec.lead("III").samples[:end] - (ii - i)).max() <= 2
    assert np.abs(rec.lead("aVF").samples[:end] - (ii - i / 2)).max() <= 2
    m = rec.device_measurements
    assert (m.hr_bpm, m.pr_ms, m.qrs_ms, m.qt_ms) == (41, 151, 135, 476)
    assert (m.p_axis_deg, m.qrs_axis_deg, m.t_axis_deg) == (66, -21, 59)
    assert any("Acute MI" in s for s in rec.statements)
    assert rec.patient.patient_id == "1112010721168bdc" and rec.patient.sex == "M"


def test_aecg_matches_dicom_of_the_same_ecg(files):
    # subject1_0.xml and Example.dcm are the same recording exported twice
    rec = read_ecg(files["aecg"])
    dcm = read_ecg(files["dicom"])
    assert rec.format == "aecg" and rec.lead_names == list(STANDARD_12)
    for name in STANDARD_12:
        np.testing.assert_allclose(rec.lead(name).microvolts(), dcm.lead(name).microvolts())
    assert rec.patient.name == "Clark" and rec.patient.age_years == 46
    assert rec.device_measurements.pr_ms == 148 and rec.median is not None


def test_minimum_aecg(files):
    rec = read_ecg(files["aecg_min"])
    assert rec.lead_names == ["II"] and rec.sampling_rate == 500
    assert rec.lead("II").samples.tolist()[:4] == [-2, -2, -2, -2]
    assert rec.patient.patient_id == "SBJ-123"


def test_scp_huffman_matches_dicom_of_the_same_ecg(files):
    rec = read_ecg(files["scp"])
    dcm = read_ecg(files["dicom"])
    assert rec.format == "scp" and rec.sampling_rate == 500
    assert rec.lead_names == list(STANDARD_12)
    for name in STANDARD_12:
        np.testing.assert_array_equal(rec.lead(name).microvolts(), dcm.lead(name).microvolts())
    assert rec.patient.name == "Clark" and rec.patient.birth_date == dt.date(1953, 5, 8)
    m = rec.device_measurements
    assert (m.pr_ms, m.qrs_ms, m.qt_ms, m.qtc_ms) == (148, 120, 420, 443)  # as the DICOM says
    assert m.qrs_axis_deg == -61 and m.hr_bpm is None  # rate stored as "not given"
    assert rec.median is not None and rec.median.sampling_rate == 500


def test_csv_with_time_column(tmp_path):
    t = np.arange(0, 2, 0.002)
    lines = ["time,I,II,V1 (uV)"] + [f"{x:.3f},{np.sin(x):.4f},{np.cos(x):.4f},{100 * x:.1f}"
                                      for x in t]
    p = tmp_path / "ecg.csv"
    p.write_text("\n".join(lines), encoding="utf-8")
    rec = read_ecg(p)
    assert rec.sampling_rate == pytest.approx(500)
    assert rec.lead_names == ["I", "II", "III", "aVR", "aVL", "aVF", "V1"]
    assert rec.lead("I").microvolts()[500] == pytest.approx(1000 * np.sin(1.0), abs=0.6)
    assert rec.lead("V1").microvolts()[500] == pytest.approx(100.0, abs=0.6)


def test_csv_rate_from_option_or_comment(tmp_path):
    p = tmp_path / "r.csv"
    p.write_text("# sampling_rate: 250\nII\n0.1\n0.2\n", encoding="utf-8")
    assert read_ecg(p).sampling_rate == 250
    q = tmp_path / "s.csv"
    q.write_text("II,V5\n0.1,0.2\n0.2,0.3\n", encoding="utf-8")
    assert read_ecg(q, sampling_rate=1000).sampling_rate == 1000


def test_csv_sampling_rate_column(tmp_path):
    p = tmp_path / "fs.csv"
    p.write_text("fs;I;II\n360;0.1;0.2\n360;0.2;0.3\n360;0.3;0.1\n", encoding="utf-8")
    rec = read_ecg(p)
    assert rec.sampling_rate == 360 and rec.n_samples == 3
    assert rec.lead("II").samples.tolist() == [200, 300, 100]


@pytest.mark.parametrize("fmt", ["80", "16", "24", "32"])  # 212: record 100 above
def test_wfdb_formats_round_trip_through_the_library_writer(tmp_path, fmt):
    rng = np.random.default_rng(int(fmt))
    d = rng.integers(-400, 400, size=(1000, 3)).astype(np.int32)
    if fmt == "80":
        d = np.clip(d, -127, 127)
    wfdb.wrsamp("rt", fs=250, units=["mV"] * 3, sig_name=["I", "II", "V1"], d_signal=d,
                fmt=[fmt] * 3, adc_gain=[200.0] * 3, baseline=[0] * 3, write_dir=str(tmp_path))
    rec = read_ecg(tmp_path / "rt.hea")
    assert rec.sampling_rate == 250
    np.testing.assert_array_equal(rec.lead("V1").samples, d[:, 2])
    assert rec.lead("I").gain_uv == pytest.approx(5.0)
    assert rec.lead_names[:6] == ["I", "II", "III", "aVR", "aVL", "aVF"]  # limb leads derived


def test_sierra_104_uncompressed_variant(files, tmp_path):
    """Sierra 1.04 with uncompressed base64 int16 waveforms and a leadlabels attribute,
    made from the 1.03 file's decoded samples: both paths must agree."""
    import base64
    import re

    src = read_ecg(files["sierra"])
    raw = np.concatenate([lead.samples.astype("<i2") for lead in src.leads]).tobytes()
    text = files["sierra"].read_text(encoding="utf-8")
    text = text.replace("<documentversion>1.03</documentversion>",
                        "<documentversion>1.04</documentversion>")
    labels = " ".join(src.lead_names)
    text = re.sub(r"<parsedwaveforms [^>]*>[^<]*</parsedwaveforms>",
                  f'<parsedwaveforms compressflag="False" dataencoding="Base64" '
                  f'durationperchannel="11000" numberofleads="12" leadlabels="{labels}">'
                  f"{base64.b64encode(raw).decode()}</parsedwaveforms>", text)
    path = tmp_path / "sierra_104.xml"
    path.write_text(text, encoding="utf-8")
    rec = read_ecg(path)
    assert rec.lead_names == src.lead_names
    for a, b in zip(rec.leads, src.leads, strict=True):
        np.testing.assert_array_equal(a.samples, b.samples)


def test_csv_export_round_trip(files, tmp_path):
    from workstation.ecg.formats.csvfile import write

    src = read_ecg(files["scp"])
    src.patient.name = "张三"
    path = tmp_path / "export.csv"
    write(src, path)
    back = read_ecg(path)
    assert back.lead_names == src.lead_names and back.sampling_rate == src.sampling_rate
    assert back.patient.name == "张三" and back.patient.sex == "M"
    for name in src.lead_names:
        np.testing.assert_allclose(back.lead(name).microvolts(), src.lead(name).microvolts(),
                                   atol=1.0)
