"""HL7 aECG (FDA annotated ECG, urn:hl7-org:v3): digits x scale + origin per lead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from workstation.ecg.errors import EcgReadError
from workstation.ecg.formats.xmlutil import number, parse_xml
from workstation.ecg.leads import normalise_lead_name
from workstation.ecg.model import (
    DeviceMeasurements,
    EcgRecord,
    Lead,
    MedianBeat,
    Patient,
    derive_limb_leads,
)

_TO_UV = {"uv": 1.0, "mv": 1000.0, "v": 1e6, "nv": 1e-3}
_TO_S = {"s": 1.0, "ms": 1e-3, "us": 1e-6}
_MEASURES = {"MDC_ECG_TIME_PD_PR": "pr_ms", "MDC_ECG_TIME_PD_QRS": "qrs_ms",
             "MDC_ECG_TIME_PD_QT": "qt_ms", "MDC_ECG_TIME_PD_QTc": "qtc_ms",
             "MDC_ECG_TIME_PD_RR": "rr_ms", "MDC_ECG_HEART_RATE": "hr_bpm",
             "MDC_ECG_ANGLE_P_FRONT": "p_axis_deg", "MDC_ECG_ANGLE_QRS_FRONT": "qrs_axis_deg",
             "MDC_ECG_ANGLE_T_FRONT": "t_axis_deg"}


def read(path: Path, **_options) -> EcgRecord:
    root = parse_xml(path, path.read_bytes())
    if root.tag != "AnnotatedECG":
        raise EcgReadError(path, "UNKNOWN_FORMAT", f"root {root.tag}")
    series = root.find("component/series")
    if series is None:
        raise EcgReadError(path, "NO_LEADS", "no component/series")
    rate, leads = _sequence_set(path, series)
    median = None
    derived = series.find("derivation/derivedSeries")
    if derived is not None:
        m_rate, m_leads = _sequence_set(path, derived)
        median = MedianBeat(derive_limb_leads(m_leads), m_rate)

    measures = DeviceMeasurements()
    for ann in root.iter("annotation"):
        code_el = ann.find("code")
        value = ann.find("value")
        code = code_el.get("code") if code_el is not None else None
        if code in _MEASURES and value is not None and value.get("value") is not None:
            setattr(measures, _MEASURES[code], number(value.get("value")))
    if measures.hr_bpm is None and measures.rr_ms:
        measures.hr_bpm = round(60000.0 / measures.rr_ms, 1)

    return EcgRecord(
        format="aecg", source=str(path), sampling_rate=rate, leads=derive_limb_leads(leads),
        patient=_patient(root), acquisition_time=_ts(root.find("effectiveTime/center")),
        device=_device(series), device_measurements=measures, median=median,
    )


def _sequence_set(path: Path, series) -> tuple[float, list[Lead]]:
    rate = None
    leads: list[Lead] = []
    for seq in series.iterfind("component/sequenceSet/component/sequence"):
        code_el = seq.find("code")
        value = seq.find("value")
        code = code_el.get("code", "") if code_el is not None else ""
        if value is None:
            continue
        if code.startswith("TIME_"):
            inc = value.find("increment")
            step = number(inc.get("value")) if inc is not None else None
            unit = (inc.get("unit") or "s").lower() if inc is not None else "s"
            if step:
                rate = 1.0 / (step * _TO_S.get(unit, 1.0))
            continue
        digits_el = value.find("digits")
        scale_el, origin_el = value.find("scale"), value.find("origin")
        if digits_el is None or scale_el is None:
            raise EcgReadError(path, "BAD_DATA", f"{code}: digits or scale missing")
        try:
            samples = np.array(digits_el.text.split(), dtype=np.int64)
        except (ValueError, AttributeError) as exc:
            raise EcgReadError(path, "BAD_DATA", f"{code}: digits are not integers") from exc
        if len(samples) == 0:
            raise EcgReadError(path, "BAD_DATA", f"{code}: no digits")
        scale = (number(scale_el.get("value")) or 1.0) * _TO_UV.get(
            (scale_el.get("unit") or "uV").lower(), 1.0)
        origin = 0.0
        if origin_el is not None:
            origin = (number(origin_el.get("value")) or 0.0) * _TO_UV.get(
                (origin_el.get("unit") or "uV").lower(), 1.0)
        # physical = origin + scale * digit  =>  baseline (in digits) = -origin / scale
        leads.append(Lead(normalise_lead_name(code), samples.astype(np.int32), scale,
                          -origin / scale))
    if rate is None or not leads:
        raise EcgReadError(path, "NO_LEADS", "sequence set without time increment or leads")
    lengths = {len(lead.samples) for lead in leads}
    if len(lengths) > 1:
        raise EcgReadError(path, "TRUNCATED", f"leads differ in length: {sorted(lengths)}")
    return rate, leads


def _patient(root) -> Patient:
    subj = root.find(".//subjectAssignment/subject/trialSubject")
    if subj is None:
        return Patient()
    pid_el = subj.find("id")
    person = subj.find("subjectDemographicPerson")
    name = sex = birth = None
    if person is not None:
        name_el = person.find("name")
        if name_el is not None:
            name = " ".join(t.strip() for t in name_el.itertext() if t.strip()) or None
        g = person.find("administrativeGenderCode")
        sex = {"M": "M", "F": "F"}.get(g.get("code", "")) if g is not None else None
        b = _ts(person.find("birthTime"))
        birth = b.date() if b else None
    age = None
    for obs in root.iter("relatedObservation"):
        code = obs.find("code")
        if code is not None and code.get("code") == "21612-7":
            value = obs.find("value")
            age = number(value.get("value")) if value is not None else None
    return Patient(name=name, patient_id=pid_el.get("extension") if pid_el is not None else None,
                   sex=sex, birth_date=birth, age_years=int(age) if age is not None else None)


def _ts(el) -> dt.datetime | None:
    text = (el.get("value") if el is not None else None) or ""
    text = text.split(".")[0].split("+")[0].split("-")[0]
    for fmt in ("%Y%m%d%H%M%S", "%Y%m%d%H%M", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _device(series) -> str | None:
    model = series.find("author/seriesAuthor/manufacturedSeriesDevice/manufacturerModelName")
    org = series.find("author/seriesAuthor/manufacturerOrganization/name")
    parts = [e.text.strip() for e in (org, model) if e is not None and e.text]
    return " ".join(parts) or None
