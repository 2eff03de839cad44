"""WFDB (PhysioNet) records through the wfdb library: any format it supports (212, 16, ...)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import wfdb

from workstation.ecg.errors import EcgReadError
from workstation.ecg.leads import normalise_lead_name
from workstation.ecg.model import Annotation, EcgRecord, Lead, Patient, derive_limb_leads

_UNIT_TO_UV = {"mv": 1000.0, "uv": 1.0, "µv": 1.0, "v": 1e6, "nv": 1e-3}
# Beat symbols of the WFDB annotation vocabulary (not rhythm or signal-quality marks).
BEAT_SYMBOLS = set("NLRBAaJSVrFejnE/fQ?")


def _expected_bytes(fmt: str, n_samples: int, n_sig: int) -> int | None:
    per_sample = {"8": 1.0, "16": 2.0, "61": 2.0, "80": 1.0, "160": 2.0, "212": 1.5,
                  "24": 3.0, "32": 4.0, "310": 4 / 3, "311": 4 / 3}.get(fmt)
    return None if per_sample is None else int(np.ceil(n_samples * n_sig * per_sample))


def read(path: Path, **_options) -> EcgRecord:
    base = str(path.with_suffix(""))
    try:
        header = wfdb.rdheader(base)
    except Exception as exc:  # the library raises many kinds on a bad header
        raise EcgReadError(path, "BAD_HEADER", str(exc)) from exc
    _check_sizes(path, header)
    try:
        rec = wfdb.rdrecord(base, physical=False)
    except Exception as exc:
        raise EcgReadError(path, "BAD_DATA", str(exc)) from exc
    if rec.d_signal is None or rec.d_signal.shape[0] != header.sig_len:
        raise EcgReadError(path, "TRUNCATED", "fewer samples than the header declares")

    leads: list[Lead] = []
    for i, name in enumerate(rec.sig_name):
        unit = (rec.units[i] or "mV").strip().lower()
        gain = float(rec.adc_gain[i]) or 200.0  # WFDB: gain 0 means "uncalibrated, 200"
        leads.append(Lead(
            name=normalise_lead_name(name),
            samples=rec.d_signal[:, i].astype(np.int32),
            gain_uv=_UNIT_TO_UV.get(unit, 1000.0) / gain,
            baseline=float(rec.baseline[i]),
        ))

    annotations: list[Annotation] = []
    if path.with_suffix(".atr").exists():
        try:
            ann = wfdb.rdann(base, "atr")
        except Exception as exc:
            raise EcgReadError(path, "BAD_DATA", f"annotation file .atr: {exc}") from exc
        annotations = [Annotation(int(s), str(sym)) for s, sym in zip(ann.sample, ann.symbol,
                                                                       strict=True)]
    acq = None
    if rec.base_date is not None and rec.base_time is not None:
        acq = dt.datetime.combine(rec.base_date, rec.base_time)
    return EcgRecord(
        format="wfdb", source=str(path), sampling_rate=float(rec.fs),
        leads=derive_limb_leads(leads), patient=_patient(rec.comments or []),
        acquisition_time=acq, annotations=annotations,
    )


def _check_sizes(path: Path, header) -> None:
    """Compare each .dat file's size with what the header declares (catches truncation)."""
    by_file: dict[str, tuple[str, int]] = {}
    # multi-segment headers have no file names of their own: the library checks segments
    names, fmts = getattr(header, "file_name", None) or [], getattr(header, "fmt", None) or []
    for fname, fmt in zip(names, fmts, strict=False):
        n = by_file.get(fname, (fmt, 0))[1]
        by_file[fname] = (fmt, n + 1)
    for fname, (fmt, n_sig) in by_file.items():
        dat = path.parent / fname
        if not dat.exists():
            raise EcgReadError(path, "NOT_FOUND", f"signal file {fname} missing")
        need = _expected_bytes(str(fmt), int(header.sig_len or 0), n_sig)
        if need is not None and dat.stat().st_size < need:
            raise EcgReadError(path, "TRUNCATED",
                               f"{fname}: {dat.stat().st_size} bytes, header needs {need}")


def _patient(comments: list[str]) -> Patient:
    """PTB writes 'age: 81', 'sex: female'; MIT-BIH writes '69 M 1085 ...'."""
    patient = Patient()
    text = " ".join(comments)
    m = re.search(r"<?age>?:\s*(\d+)", text, re.I)
    if m:
        patient.age_years = int(m.group(1))
    m = re.search(r"<?sex>?:\s*(\w+)", text, re.I)
    if m:
        patient.sex = {"m": "M", "f": "F"}.get(m.group(1)[0].lower())
    if patient.age_years is None and comments:
        m = re.match(r"\s*(\d{1,3})\s+([MF])\b", comments[0]) or (
            re.match(r"\s*(\d{1,3})\s+([MF])\b", comments[1]) if len(comments) > 1 else None)
        if m:
            patient.age_years, patient.sex = int(m.group(1)), m.group(2)
    return patient
