"""GE MUSE XML (RestingECG): base64 little-endian int16 rhythm and median waveforms.

MUSE stores 8 leads (I, II, V1-V6); the other four limb leads are derived.
Each lead carries a CRC-32 of its bytes, which we check.
"""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path

import numpy as np

from workstation.ecg.errors import EcgReadError
from workstation.ecg.formats.xmlutil import b64, number, parse_xml, text_of
from workstation.ecg.leads import normalise_lead_name
from workstation.ecg.model import (
    Annotation,
    DeviceMeasurements,
    EcgRecord,
    Lead,
    MedianBeat,
    Patient,
    derive_limb_leads,
)

_MEASURES = {"VentricularRate": "hr_bpm", "PRInterval": "pr_ms", "QRSDuration": "qrs_ms",
             "QTInterval": "qt_ms", "QTCorrected": "qtc_ms", "PAxis": "p_axis_deg",
             "RAxis": "qrs_axis_deg", "TAxis": "t_axis_deg"}


def read(path: Path, **_options) -> EcgRecord:
    root = parse_xml(path, path.read_bytes())
    if root.tag != "RestingECG":
        raise EcgReadError(path, "UNKNOWN_FORMAT", f"root {root.tag}")
    rhythm = median = None
    for wf in root.findall("Waveform"):
        kind = (text_of(wf, "WaveformType") or "").lower()
        if kind == "rhythm":
            rhythm = _waveform(path, wf)
        elif kind == "median":
            median = _waveform(path, wf)
    if rhythm is None:
        raise EcgReadError(path, "NO_LEADS", "no Rhythm waveform")

    measures = DeviceMeasurements()
    meas = root.find("RestingECGMeasurements")
    for tag, field_name in _MEASURES.items():
        setattr(measures, field_name, number(text_of(meas, tag)))
    rr = number(text_of(root, "QRSTimesTypes/GlobalRR")) or number(
        text_of(root, "PharmaData/PharmaRRinterval"))
    if rr:
        measures.rr_ms = rr
    elif measures.hr_bpm:
        measures.rr_ms = round(60000.0 / measures.hr_bpm)

    statements = []
    for diag in root.findall("Diagnosis"):
        for stmt in diag.findall("DiagnosisStatement"):
            txt = text_of(stmt, "StmtText")
            if txt:
                statements.append(txt)
    rate, leads = rhythm
    # the cart's beat list: QRS times in milliseconds from the start of the rhythm strip
    beats = [Annotation(int(round(t * rate / 1000.0)), "QRS")
             for t in (number(text_of(q, "Time")) for q in root.iterfind("QRSTimesTypes/QRS"))
             if t is not None]
    return EcgRecord(
        format="muse", source=str(path), sampling_rate=rate, leads=derive_limb_leads(leads),
        patient=_patient(root.find("PatientDemographics")),
        acquisition_time=_acq(root.find("TestDemographics")),
        device=text_of(root, "TestDemographics/AcquisitionDevice") or "GE MUSE",
        device_measurements=measures, statements=statements,
        median=MedianBeat(derive_limb_leads(median[1]), median[0]) if median else None,
        annotations=beats,
    )


def _waveform(path: Path, wf) -> tuple[float, list[Lead]]:
    base = number(text_of(wf, "SampleBase")) or 500.0
    exponent = number(text_of(wf, "SampleExponent")) or 0.0
    rate = base * 10 ** exponent
    leads = []
    for ld in wf.findall("LeadData"):
        name = normalise_lead_name(text_of(ld, "LeadID") or "?")
        raw = b64(path, text_of(ld, "WaveFormData"), f"lead {name}")
        crc = text_of(ld, "LeadDataCRC32")
        if crc and crc.isdigit() and zlib.crc32(raw) != int(crc):
            raise EcgReadError(path, "CHECKSUM", f"lead {name}: CRC-32 mismatch")
        size = int(number(text_of(ld, "LeadSampleSize")) or 2)
        if size != 2 or len(raw) % 2:
            raise EcgReadError(path, "BAD_DATA", f"lead {name}: sample size {size}, "
                               f"{len(raw)} bytes")
        count = number(text_of(ld, "LeadSampleCountTotal"))
        samples = np.frombuffer(raw, dtype="<i2").astype(np.int32)
        if count is not None and len(samples) < count:
            raise EcgReadError(path, "TRUNCATED", f"lead {name}: {len(samples)} of "
                               f"{int(count)} samples")
        gain = number(text_of(ld, "LeadAmplitudeUnitsPerBit")) or 4.88
        unit = (text_of(ld, "LeadAmplitudeUnits") or "MICROVOLTS").upper()
        gain *= 1000.0 if unit.startswith("MILLI") else 1.0
        leads.append(Lead(name, samples, gain))
    if not leads:
        raise EcgReadError(path, "NO_LEADS", "waveform without LeadData")
    return rate, leads


def _patient(demo) -> Patient:
    if demo is None:
        return Patient()
    names = [text_of(demo, "PatientLastName"), text_of(demo, "PatientFirstName")]
    birth = None
    dob = text_of(demo, "DateofBirth")
    if dob:
        try:
            birth = dt.datetime.strptime(dob, "%m-%d-%Y").date()
        except ValueError:
            birth = None
    age = number(text_of(demo, "PatientAge"))
    sex = (text_of(demo, "Gender") or "").upper()
    return Patient(
        name=" ".join(n for n in names if n) or None,
        patient_id=text_of(demo, "PatientID"),
        sex="M" if sex.startswith("M") else "F" if sex.startswith("F") else None,
        birth_date=birth, age_years=int(age) if age is not None else None,
    )


def _acq(test) -> dt.datetime | None:
    date, time = text_of(test, "AcquisitionDate"), text_of(test, "AcquisitionTime")
    if not date:
        return None
    try:
        return dt.datetime.strptime(f"{date} {time or '00:00:00'}", "%m-%d-%Y %H:%M:%S")
    except ValueError:
        return None
