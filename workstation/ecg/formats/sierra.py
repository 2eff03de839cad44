"""Philips Sierra ECG XML 1.03 / 1.04 (restingecgdata), uncompressed or XLI-compressed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from workstation.ecg.errors import EcgReadError
from workstation.ecg.formats.xli import XliError, xli_decode
from workstation.ecg.formats.xmlutil import b64, number, parse_xml, text_of
from workstation.ecg.leads import STANDARD_12, normalise_lead_name
from workstation.ecg.model import Annotation, DeviceMeasurements, EcgRecord, Lead, Patient

_VERSIONS = {"1.03", "1.04", "1.04.01", "1.04.02"}
_MEASURES = {"pr_ms": "meanprint", "qrs_ms": "meanqrsdur", "qt_ms": "meanqtint",
             "qtc_ms": "meanqtc", "p_axis_deg": "pfrontaxis", "qrs_axis_deg": "qrsfrontaxis",
             "t_axis_deg": "tfrontaxis"}


def read(path: Path, **_options) -> EcgRecord:
    root = parse_xml(path, path.read_bytes())
    if root.tag != "restingecgdata":
        raise EcgReadError(path, "UNKNOWN_FORMAT", f"root {root.tag}")
    version = text_of(root, "documentinfo/documentversion") or ""
    if version not in _VERSIONS:
        raise EcgReadError(path, "UNSUPPORTED", f"Sierra XML version {version!r}")
    sig = root.find("dataacquisition/signalcharacteristics")
    rate = number(text_of(sig, "samplingrate"))
    resolution = number(text_of(sig, "signalresolution")) or 5.0  # µV per LSB
    wf = root.find("waveforms/parsedwaveforms")
    if rate is None or wf is None:
        raise EcgReadError(path, "NO_LEADS", "samplingrate or parsedwaveforms missing")
    duration_ms = number(wf.get("durationperchannel"))
    n_samples = int(round(duration_ms * rate / 1000.0)) if duration_ms else None
    labels_attr = wf.get("leadlabels")
    labels = labels_attr.split() if labels_attr else list(STANDARD_12)
    if wf.get("dataencoding", "Base64") != "Base64":
        raise EcgReadError(path, "UNSUPPORTED", f"encoding {wf.get('dataencoding')}")
    data = b64(path, wf.text, "parsedwaveforms")
    method = wf.get("compressmethod") or wf.get("compression") or "Uncompressed"
    if wf.get("compressflag", "True") == "False":
        method = "Uncompressed"
    if method == "XLI":
        try:
            chunks = xli_decode(data, n_samples)
        except XliError as exc:
            raise EcgReadError(path, "BAD_DATA", f"XLI: {exc}") from exc
    elif method == "Uncompressed":
        if n_samples is None or len(data) < 2 * n_samples * len(labels):
            raise EcgReadError(path, "TRUNCATED", "uncompressed waveform too short")
        allv = np.frombuffer(data[:2 * n_samples * len(labels)], "<i2")
        chunks = [allv[i * n_samples:(i + 1) * n_samples] for i in range(len(labels))]
    else:
        raise EcgReadError(path, "UNSUPPORTED", f"compression {method}")
    if len(chunks) < len(labels):
        raise EcgReadError(path, "TRUNCATED", f"{len(chunks)} of {len(labels)} leads")
    arrays = [c.astype(np.int32) for c in chunks[:len(labels)]]
    names = [normalise_lead_name(n) for n in labels]
    if method == "XLI" and names[:6] == list(STANDARD_12[:6]):
        _rebuild_limb_leads(arrays)
    leads = [Lead(n, a, resolution) for n, a in zip(names, arrays, strict=True)]
    cal = _calibration_pulse(arrays, resolution)

    return EcgRecord(
        format="sierra", source=str(path), sampling_rate=rate, leads=leads,
        patient=_patient(root.find("patient/generalpatientdata")),
        acquisition_time=_when(root.find("dataacquisition")),
        device=" ".join(filter(None, ["Philips", text_of(root, "dataacquisition/machine")])),
        device_measurements=_measures(root), statements=_statements(root),
        annotations=[Annotation(cal[0], "calibration", cal[1])] if cal else [],
    )


def _calibration_pulse(arrays: list[np.ndarray], resolution: float) -> tuple[int, int] | None:
    """Philips appends a 1 mV calibration pulse to every lead after the 10 s of signal;
    find it (all leads at exactly 1 mV together) so analysis can stop before it."""
    level = int(round(1000.0 / resolution))
    together = np.all(np.vstack(arrays) == level, axis=0)
    idx = np.flatnonzero(together)
    if len(idx) < 20:  # a few coincident samples are not a pulse
        return None
    return int(idx[0]), int(idx[-1])


def _rebuild_limb_leads(a: list[np.ndarray]) -> None:
    """XLI stores III, aVR, aVL, aVF as residuals against the Einthoven/Goldberger
    combinations of I and II; integer floor division as the cart does."""
    one, two = a[0], a[1]
    a[2] = two - one - a[2]
    a[3] = -a[3] - np.floor_divide(one + two, 2)
    a[4] = np.floor_divide(one - a[2], 2) - a[4]
    a[5] = np.floor_divide(two + a[2], 2) - a[5]


def _measures(root) -> DeviceMeasurements:
    m = DeviceMeasurements()
    interp = root.find("interpretations/interpretation/interpretationmeasurements")
    glob = root.find("measurements/globalmeasurements")
    for source in (glob, interp):
        if source is None:
            continue
        for field_name, tag in _MEASURES.items():
            value = number(text_of(source, tag))
            if value is not None:
                setattr(m, field_name, value)
        rate = number(text_of(source, "heartrate")) or number(text_of(source, "meanventrate"))
        if rate:
            m.hr_bpm = rate
    if m.hr_bpm:
        m.rr_ms = round(60000.0 / m.hr_bpm)
    return m


def _statements(root) -> list[str]:
    out = []
    for st in root.findall("interpretations/interpretation/statement"):
        left, right = text_of(st, "leftstatement"), text_of(st, "rightstatement")
        if left:
            out.append(f"{left} ({right})" if right else left)
    return out


def _patient(gp) -> Patient:
    if gp is None:
        return Patient()
    name = " ".join(filter(None, [text_of(gp, "name/lastname"), text_of(gp, "name/firstname")]))
    birth = None
    dob = text_of(gp, "dateofbirth")
    if dob:
        try:
            birth = dt.date.fromisoformat(dob)
        except ValueError:
            birth = None
    age = number(text_of(gp, "age/years"))
    sex = (text_of(gp, "sex") or "").lower()
    return Patient(name=name or None, patient_id=text_of(gp, "patientid"),
                   sex="M" if sex.startswith("m") else "F" if sex.startswith("f") else None,
                   birth_date=birth, age_years=int(age) if age is not None else None)


def _when(acq) -> dt.datetime | None:
    if acq is None or not acq.get("date"):
        return None
    try:
        return dt.datetime.fromisoformat(f"{acq.get('date')}T{acq.get('time') or '00:00:00'}")
    except ValueError:
        return None
