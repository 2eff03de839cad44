"""CSV with a header row of lead names.

The sampling rate comes from, in order: the ``sampling_rate`` option, a
``sampling_rate``/``fs`` column or ``# sampling_rate: 500`` comment line, or a time
column (``time``/``t``, seconds, or ``time_ms``). Values are millivolts unless the header
names a unit, e.g. ``I (uV)`` or ``V1[mV]``. Comment lines ``# name: 张三``,
``# patient_id: ...``, ``# sex: M`` carry patient data. UTF-8, GB18030/GBK, or UTF-16
with a byte-order mark (what Excel saves as "Unicode text").
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np

from workstation.ecg.errors import EcgReadError
from workstation.ecg.leads import normalise_lead_name
from workstation.ecg.model import EcgRecord, Lead, Patient, derive_limb_leads
from workstation.ecg.text import decode_text

_TIME_COLS = {"time": 1.0, "t": 1.0, "time_s": 1.0, "seconds": 1.0, "time_ms": 1e-3, "ms": 1e-3}
_RATE_COLS = {"sampling_rate", "fs", "sample_rate", "samplingrate"}
_UNIT = re.compile(r"^(.*?)\s*[\(\[]\s*(uv|µv|mv|v)\s*[\)\]]\s*$", re.I)
_TO_UV = {"uv": 1.0, "µv": 1.0, "mv": 1000.0, "v": 1e6}


def read(path: Path, sampling_rate: float | None = None, **_options) -> EcgRecord:
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text" is UTF-16
        text = raw.decode("utf-16")
    else:
        text = decode_text(raw) if b"\x00" not in raw else None
    if not text:
        raise EcgReadError(path, "BAD_DATA", "not a text file")
    meta: dict[str, str] = {}
    body = []
    for line in text.lstrip("\ufeff").splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            meta[key.strip().lower()] = value.strip()
        elif line.strip():
            body.append(line)
    if len(body) < 2:
        raise EcgReadError(path, "NO_LEADS", "header row and at least one data row needed")
    delimiter = next((d for d in (",", ";", "\t") if d in body[0]), ",")
    rows = list(csv.reader(io.StringIO("\n".join(body)), delimiter=delimiter))
    header = [h.strip() for h in rows[0]]
    width = len(header)
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            raise EcgReadError(path, "TRUNCATED", f"data row {n} has {len(row)} of {width} fields")
    try:
        table = np.array([[float(v) for v in row] for row in rows[1:]], dtype=np.float64)
    except ValueError as exc:
        raise EcgReadError(path, "BAD_DATA", f"non-numeric value: {exc}") from exc

    rate = sampling_rate or (float(meta["sampling_rate"]) if "sampling_rate" in meta else None)
    leads = []
    for c, name in enumerate(header):
        key = name.lower()
        if key in _RATE_COLS:
            rate = rate or float(table[0, c])
            continue
        if key in _TIME_COLS:
            t = table[:, c] * _TIME_COLS[key]
            if rate is None and len(t) > 1:
                rate = 1.0 / float(np.median(np.diff(t)))
            continue
        m = _UNIT.match(name)
        lead_name, unit = (m.group(1), m.group(2).lower()) if m else (name, "mv")
        uv = table[:, c] * _TO_UV[unit]
        # 1 µV resolution keeps every cart's precision (they sample at >= 0.5 µV... 5 µV)
        leads.append(Lead(normalise_lead_name(lead_name), np.round(uv).astype(np.int32), 1.0))
    if not leads:
        raise EcgReadError(path, "NO_LEADS", "no lead columns")
    if not rate or rate <= 0:
        raise EcgReadError(path, "BAD_HEADER", "sampling rate unknown: add a time or "
                           "sampling_rate column, a '# sampling_rate:' line, or pass it")
    sex = {"M": "M", "F": "F", "男": "M", "女": "F"}.get(meta.get("sex", "").upper()[:1])
    patient = Patient(name=meta.get("name") or None, patient_id=meta.get("patient_id") or None,
                      sex=sex)
    return EcgRecord(format="csv", source=str(path), sampling_rate=float(round(rate, 6)),
                     leads=derive_limb_leads(leads), patient=patient)


def write(record: EcgRecord, path: Path) -> None:
    """Export as CSV in microvolts (for support and spreadsheets); UTF-8 with BOM so that
    Excel shows Chinese names correctly. Reading it back gives the record to within 1 µV."""
    lines = [f"# sampling_rate: {record.sampling_rate:g}"]
    p = record.patient
    for key, value in (("name", p.name), ("patient_id", p.patient_id), ("sex", p.sex)):
        if value:
            lines.append(f"# {key}: {value}")
    stored = [lead for lead in record.leads if not lead.derived]
    lines.append(",".join(f"{lead.name} (uV)" for lead in stored))
    data = np.vstack([lead.microvolts() for lead in stored]).T
    lines.extend(",".join(f"{v:.2f}" for v in row) for row in data)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
