"""DICOM 12-lead / General / Ambulatory ECG waveform objects (pydicom).

Multiplex groups: the first ORIGINAL (or 'RHYTHM') group is the record; a group
labelled MEDIAN (or DERIVED and shorter than 2 s) is the median beat. Waveform
annotations give device measurements, statements and point marks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pydicom
from pydicom.errors import InvalidDicomError

from workstation.ecg.errors import EcgReadError
from workstation.ecg.leads import SCP_LEAD_CODES, normalise_lead_name
from workstation.ecg.model import (
    Annotation,
    DeviceMeasurements,
    EcgRecord,
    Lead,
    MedianBeat,
    Patient,
    derive_limb_leads,
)
from workstation.ecg.text import decode_text

_DTYPES = {("SS", 16): "<i2", ("US", 16): "<u2", ("SB", 8): "i1", ("UB", 8): "u1",
           ("SS", 32): "<i4", ("SL", 32): "<i4", ("UL", 32): "<u4"}
_UNITS_UV = {"uV": 1.0, "mV": 1000.0, "V": 1e6, "nV": 1e-3}
_MEASURE_NAMES = {
    "rr interval": "rr_ms", "pr interval": "pr_ms", "qrs duration": "qrs_ms",
    "qt interval": "qt_ms", "qtc interval": "qtc_ms", "p axis": "p_axis_deg",
    "qrs axis": "qrs_axis_deg", "t axis": "t_axis_deg", "ventricular heart rate": "hr_bpm",
    "heart rate": "hr_bpm",
}


def read(path: Path, **_options) -> EcgRecord:
    try:
        ds = pydicom.dcmread(str(path))
        groups = list(ds.WaveformSequence)
    except InvalidDicomError as exc:
        raise EcgReadError(path, "BAD_HEADER", str(exc)) from exc
    except AttributeError as exc:
        raise EcgReadError(path, "NO_LEADS", "no WaveformSequence") from exc
    except (EOFError, OSError, ValueError, KeyError, TypeError) as exc:
        raise EcgReadError(path, "TRUNCATED", str(exc)) from exc
    if not groups:
        raise EcgReadError(path, "NO_LEADS", "WaveformSequence is empty")

    parsed = [_group(path, g, i) for i, g in enumerate(groups)]
    rhythm_i = next((i for i, (label, orig, *_r) in enumerate(parsed)
                     if orig == "ORIGINAL" or "RHYTHM" in label), 0)
    _label, _orig, rate, leads = parsed[rhythm_i]
    median = None
    for i, (label, orig, m_rate, m_leads) in enumerate(parsed):
        if i == rhythm_i:
            continue
        n = len(m_leads[0].samples) if m_leads else 0
        if "MEDIAN" in label or (orig == "DERIVED" and n < 2 * m_rate):
            median = MedianBeat(derive_limb_leads(m_leads), m_rate)
            break

    measures, statements, annotations = _annotations(ds)
    try:
        return EcgRecord(
            format="dicom", source=str(path), sampling_rate=rate,
            leads=derive_limb_leads(leads), patient=_patient(ds),
            acquisition_time=_acq_time(ds), device=_device(ds),
            device_measurements=measures, statements=statements, median=median,
            annotations=annotations,
        )
    except (ValueError, TypeError) as exc:
        raise EcgReadError(path, "BAD_HEADER", str(exc)) from exc


def _group(path: Path, g, index: int) -> tuple[str, str, float, list[Lead]]:
    try:
        n_ch = int(g.NumberOfWaveformChannels)
        n_s = int(g.NumberOfWaveformSamples)
        rate = float(g.SamplingFrequency)
        key = (str(g.WaveformSampleInterpretation), int(g.WaveformBitsAllocated))
        raw_bytes = g.WaveformData
        channels = list(g.ChannelDefinitionSequence)
    except (AttributeError, ValueError, TypeError) as exc:
        raise EcgReadError(path, "BAD_HEADER", f"waveform group {index + 1}: {exc}") from exc
    if key not in _DTYPES:
        raise EcgReadError(path, "UNSUPPORTED", f"sample interpretation {key}")
    dtype = np.dtype(_DTYPES[key])
    need = n_ch * n_s * dtype.itemsize
    if len(raw_bytes) < need:
        raise EcgReadError(path, "TRUNCATED",
                           f"waveform group {index + 1}: {len(raw_bytes)} of {need} bytes")
    data = np.frombuffer(raw_bytes[:need], dtype=dtype).reshape(n_s, n_ch)
    if len(channels) != n_ch:
        raise EcgReadError(path, "BAD_HEADER", f"group {index + 1}: channel definitions "
                           f"{len(channels)} != {n_ch} channels")
    leads = []
    for c, ch in enumerate(channels):
        sens = float(ch.get("ChannelSensitivity", 1.0) or 1.0)
        corr = float(ch.get("ChannelSensitivityCorrectionFactor", 1.0) or 1.0)
        units = ch.get("ChannelSensitivityUnitsSequence")
        unit = str(units[0].CodeValue) if units else "uV"
        # pydicom and the standard: value = (stored + baseline) * sensitivity * correction
        base = float(ch.get("ChannelBaseline", 0.0) or 0.0)
        leads.append(Lead(_lead_name(ch, c), data[:, c].astype(np.int32),
                          sens * corr * _UNITS_UV.get(unit, 1.0), -base))
    label = str(g.get("MultiplexGroupLabel", "") or "").upper()
    return label, str(g.get("WaveformOriginality", "") or "").upper(), rate, leads


def _lead_name(ch, index: int) -> str:
    src = ch.get("ChannelSourceSequence")
    if src:
        item = src[0]
        meaning = str(item.get("CodeMeaning", "") or "")
        if meaning:
            return normalise_lead_name(meaning)
        code = str(item.get("CodeValue", ""))
        if code.startswith("5.6.3-9-"):
            num = int(code.rsplit("-", 1)[1])
            return SCP_LEAD_CODES.get(num, f"Lead{num}")
    return str(ch.get("ChannelLabel", "") or f"Ch{index + 1}")


def _annotations(ds) -> tuple[DeviceMeasurements, list[str], list[Annotation]]:
    measures = DeviceMeasurements()
    statements: list[str] = []
    marks: list[Annotation] = []
    for item in ds.get("WaveformAnnotationSequence", []):
        concept = item.get("ConceptNameCodeSequence")
        name = str(concept[0].get("CodeMeaning", "")) if concept else ""
        text = item.get("UnformattedTextValue")
        if text:
            statements.append(_undeclared(ds, str(text)).strip())
            continue
        value = item.get("NumericValue")
        if name and value is not None:
            field_name = _MEASURE_NAMES.get(name.strip().lower())
            number = float(value[0] if isinstance(value, list | tuple) else value)
            if field_name:
                setattr(measures, field_name, number)
            continue
        positions = item.get("ReferencedSamplePositions")
        if name and positions is not None:
            pos = positions if isinstance(positions, list | tuple) else [positions]
            marks.append(Annotation(int(pos[0]) - 1, name,
                                    int(pos[1]) - 1 if len(pos) > 1 else None))
    if measures.hr_bpm is None and measures.rr_ms:
        measures.hr_bpm = round(60000.0 / measures.rr_ms, 1)
    return measures, statements, marks


def _patient(ds) -> Patient:
    birth = _date(ds.get("PatientBirthDate"))
    age = None
    age_text = str(ds.get("PatientAge", "") or "")
    if age_text[:-1].isdigit() and age_text.endswith("Y"):
        age = int(age_text[:-1])
    name = ds.get("PatientName")
    return Patient(
        name=_undeclared(ds, str(name)).replace("^", " ").strip() if name else None,
        patient_id=_undeclared(ds, str(ds.get("PatientID", "") or "")) or None,
        sex={"M": "M", "F": "F"}.get(str(ds.get("PatientSex", "") or "").upper()),
        birth_date=birth, age_years=age,
    )


def _undeclared(ds, text: str) -> str:
    """Carts that write Chinese without SpecificCharacterSet: pydicom then decodes the
    bytes as Latin-1. Recover the bytes and decode as UTF-8, else GB18030 (which is what
    such files carry in a Chinese consortium), else keep Latin-1."""
    if ds.get("SpecificCharacterSet") or all(ord(c) < 128 for c in text):
        return text
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return text
    return decode_text(raw)


def _date(value) -> dt.date | None:
    text = str(value or "")
    try:
        return dt.datetime.strptime(text[:8], "%Y%m%d").date() if len(text) >= 8 else None
    except ValueError:
        return None


def _acq_time(ds) -> dt.datetime | None:
    text = str(ds.get("AcquisitionDateTime", "") or "")
    if not text:
        text = str(ds.get("AcquisitionDate", "") or "") + str(ds.get("AcquisitionTime", "") or "")
    text = text.split(".")[0].split("+")[0]
    for fmt in ("%Y%m%d%H%M%S", "%Y%m%d%H%M", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _device(ds) -> str | None:
    parts = [str(ds.get(k, "") or "") for k in ("Manufacturer", "ManufacturerModelName")]
    text = " ".join(p for p in parts if p)
    return text or None
