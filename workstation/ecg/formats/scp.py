"""SCP-ECG (EN 1064) reader: sections 0-11, default/custom Huffman tables, first/second
difference data, and reference-beat subtraction (residual + reference beat per QRS).

Layout (all little endian): file CRC (2) + length (4), then sections. Each section has a
16-byte header: CRC (2), id (2), length (4), version (1), protocol (1), reserved (6).
Section 0 lists (id, length, 1-based offset) of every section.
"""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import numpy as np

from workstation.ecg.errors import EcgReadError
from workstation.ecg.formats.scp_huffman import DEFAULT_TABLE, HuffmanError, HuffRow, decode
from workstation.ecg.leads import SCP_LEAD_CODES
from workstation.ecg.model import (
    DeviceMeasurements,
    EcgRecord,
    Lead,
    MedianBeat,
    Patient,
    derive_limb_leads,
)
from workstation.ecg.text import decode_text

NOT_COMPUTED = 29999


def crc_ccitt(data: bytes) -> int:
    """CRC-CCITT (poly 0x1021, init 0xFFFF) as EN 1064 specifies."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def read(path: Path, **_options) -> EcgRecord:
    data = path.read_bytes()
    if len(data) < 6 + 16:
        raise EcgReadError(path, "TRUNCATED", f"{len(data)} bytes")
    crc, length = struct.unpack_from("<HI", data, 0)
    if length != len(data):
        code = "TRUNCATED" if length > len(data) else "BAD_HEADER"
        raise EcgReadError(path, code, f"header says {length} bytes, file has {len(data)}")
    if crc_ccitt(data[2:]) != crc:
        raise EcgReadError(path, "CHECKSUM", "file CRC mismatch")
    sections = _sections(path, data)
    try:
        return _build(path, sections)
    except (struct.error, IndexError, HuffmanError, ValueError) as exc:
        raise EcgReadError(path, "BAD_DATA", str(exc)) from exc


def _sections(path: Path, data: bytes) -> dict[int, bytes]:
    """Return each present section's body (after its 16-byte header), CRC-checked."""
    _crc, sid, slen = struct.unpack_from("<HHI", data, 6)
    if sid != 0 or slen < 16 or 6 + slen > len(data):
        raise EcgReadError(path, "BAD_HEADER", "section 0 missing or damaged")
    out: dict[int, bytes] = {}
    for off in range(6 + 16, 6 + slen - 9, 10):
        num, ln, idx = struct.unpack_from("<HII", data, off)
        if ln == 0 or idx == 0:
            continue
        start = idx - 1
        if start + ln > len(data) or ln < 16:
            raise EcgReadError(path, "TRUNCATED", f"section {num} beyond end of file")
        body = data[start:start + ln]
        s_crc, s_id = struct.unpack_from("<HH", body, 0)
        if s_id != num:
            raise EcgReadError(path, "BAD_HEADER", f"section {num} has id {s_id}")
        if crc_ccitt(body[2:]) != s_crc:
            raise EcgReadError(path, "CHECKSUM", f"section {num} CRC mismatch")
        out[num] = body[16:]
    for needed in (3, 6):
        if needed not in out:
            raise EcgReadError(path, "NO_LEADS", f"section {needed} missing")
    return out


def _build(path: Path, s: dict[int, bytes]) -> EcgRecord:
    tables = _huffman_tables(s.get(2))
    leads_def, subtracted = _lead_defs(s[3])
    n_leads = len(leads_def)

    avm, interval_us, diff, bimodal = struct.unpack_from("<HHBB", s[6], 0)
    if bimodal:
        raise EcgReadError(path, "UNSUPPORTED", "bimodal compression")
    rate = 1e6 / interval_us
    rhythm = _lead_data(s[6], n_leads, [e - b + 1 for _i, b, e in leads_def], diff, tables)

    median = None
    if 5 in s and len(s[5]) >= 6:
        r_avm, r_int, r_diff = struct.unpack_from("<HHB", s[5], 0)
        # the reference beat length comes from section 4 (ms); default 1 s
        ref_ms = struct.unpack_from("<H", s[4], 0)[0] if 4 in s else 1000
        n_ref = int(round(ref_ms * 1000 / r_int))
        ref = _lead_data(s[5], n_leads, [n_ref] * n_leads, r_diff, tables)
        if subtracted and 4 in s:
            _add_reference_beat(rhythm, ref, s[4], r_avm / avm)
        median = MedianBeat(derive_limb_leads([
            Lead(_name(code), ref[i].astype(np.int32), r_avm / 1000.0)
            for i, (code, _b, _e) in enumerate(leads_def)]), 1e6 / r_int)

    leads = [Lead(_name(code), rhythm[i].astype(np.int32), avm / 1000.0)
             for i, (code, _b, _e) in enumerate(leads_def)]
    patient, acq, device = _section1(s.get(1, b""))
    return EcgRecord(
        format="scp", source=str(path), sampling_rate=rate, leads=derive_limb_leads(leads),
        patient=patient, acquisition_time=acq, device=device,
        device_measurements=_section7(s.get(7)), statements=_statements(s), median=median,
    )


def _name(code: int) -> str:
    return SCP_LEAD_CODES.get(code, f"Lead{code}")


def _huffman_tables(body: bytes | None) -> list[tuple[HuffRow, ...]]:
    if not body:
        return [DEFAULT_TABLE]
    n_tables = struct.unpack_from("<H", body, 0)[0]
    if n_tables == 19999:
        return [DEFAULT_TABLE]
    tables, off = [], 2
    for _ in range(n_tables):
        n_codes = struct.unpack_from("<H", body, off)[0]
        off += 2
        rows = []
        for _c in range(n_codes):
            pb, tb, sw, bv, bc = struct.unpack_from("<BBBhI", body, off)
            rows.append(HuffRow(pb, tb, sw, bv, bc))
            off += 9
        tables.append(tuple(rows))
    return tables


def _lead_defs(body: bytes) -> tuple[list[tuple[int, int, int]], bool]:
    n, flags = struct.unpack_from("<BB", body, 0)
    defs = []
    for i in range(n):
        start, end, code = struct.unpack_from("<IIB", body, 2 + 9 * i)
        defs.append((code, start, end))
    return defs, bool(flags & 0x01)


def _lead_data(body: bytes, n_leads: int, counts: list[int], diff: int,
               tables: list[tuple[HuffRow, ...]]) -> list[np.ndarray]:
    lengths = struct.unpack_from(f"<{n_leads}H", body, 6)
    off = 6 + 2 * n_leads
    out = []
    for i in range(n_leads):
        chunk = body[off:off + lengths[i]]
        if len(chunk) < lengths[i]:
            raise ValueError(f"lead {i + 1}: data shorter than declared")
        off += lengths[i]
        values = decode(chunk, counts[i], tables)
        out.append(_undiff(values, diff))
    return out


def _undiff(d: np.ndarray, diff: int) -> np.ndarray:
    if diff == 0:
        return d
    if diff == 1:
        return np.cumsum(d)
    if diff == 2:
        x = d.copy()
        for n in range(2, len(x)):
            x[n] = d[n] + 2 * x[n - 1] - x[n - 2]
        return x
    raise ValueError(f"difference encoding {diff}")


def _add_reference_beat(rhythm: list[np.ndarray], ref: list[np.ndarray], s4: bytes,
                        scale: float) -> None:
    """Put the reference beat back into each type-0 QRS's subtraction zone."""
    _ref_len, fiducial, n_qrs = struct.unpack_from("<HHH", s4, 0)
    for q in range(n_qrs):
        btype, start, fid, end = struct.unpack_from("<HIII", s4, 6 + 14 * q)
        if btype != 0 or start == 0:
            continue
        for lead, beat in zip(rhythm, ref, strict=True):
            for n in range(start, end + 1):  # 1-based sample numbers
                k = n - fid + fiducial - 1
                if 0 <= k < len(beat) and 0 <= n - 1 < len(lead):
                    lead[n - 1] += int(round(beat[k] * scale))


def _section1(body: bytes) -> tuple[Patient, dt.datetime | None, str | None]:
    tags: dict[int, bytes] = {}
    off = 0
    while off + 3 <= len(body):
        tag, ln = struct.unpack_from("<BH", body, off)
        if tag == 255:
            break
        tags.setdefault(tag, body[off + 3:off + 3 + ln])
        off += 3 + ln
    charset = _charset(tags.get(14, b""))

    def text(tag: int) -> str:
        return decode_text(tags[tag], charset) if tag in tags else ""

    names = [text(t) for t in (0, 1) if text(t)]
    birth = age = acq_date = None
    if 5 in tags and len(tags[5]) >= 4:
        y, m, d = struct.unpack_from("<HBB", tags[5])
        birth = _date(y, m, d)
    if 4 in tags and len(tags[4]) >= 3:
        value, unit = struct.unpack_from("<HB", tags[4])
        age = value if unit in (0, 1) else None
    sex = {1: "M", 2: "F"}.get(tags[8][0]) if tags.get(8) else None
    if 25 in tags and len(tags[25]) >= 4:
        acq_date = _date(*struct.unpack_from("<HBB", tags[25]))
    acq = None
    if acq_date:
        h = mi = sec = 0
        if 26 in tags and len(tags[26]) >= 3:
            h, mi, sec = tags[26][:3]
        acq = dt.datetime(acq_date.year, acq_date.month, acq_date.day, h, mi, sec)
    device = None
    if 14 in tags and len(tags[14]) > 36:
        # fixed part (36 bytes) then NUL-terminated strings; the last is the manufacturer
        model = decode_text(tags[14][8:14])
        strings = [decode_text(x) for x in tags[14][36:].split(b"\x00") if x]
        device = " ".join(x for x in (strings[-1] if strings else "", model) if x) or None
    patient = Patient(name=" ".join(reversed(names)) if len(names) > 1 else
                      (names[0] if names else None),
                      patient_id=text(2) or None,
                      sex=sex, birth_date=birth, age_years=age)
    return patient, acq, device


# Section 1 tag 14, byte 16: the character set of the text fields (EN 1064).
_LANGUAGE_CODES = {1: "latin-1", 3: "iso-8859-2", 11: "iso-8859-4", 19: "iso-8859-5",
                   35: "iso-8859-6", 67: "iso-8859-7", 131: "iso-8859-8", 31: "gb18030",
                   39: "euc-kr", 15: "euc-jp"}


def _charset(device_tag: bytes) -> str | None:
    """0 means plain ASCII and 255 manufacturer-specific: then we guess (UTF-8, GB18030)."""
    return _LANGUAGE_CODES.get(device_tag[16]) if len(device_tag) > 16 else None


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _section7(body: bytes | None) -> DeviceMeasurements:
    m = DeviceMeasurements()
    if not body or len(body) < 22:
        return m
    n_blocks, spikes, rr, _pp = struct.unpack_from("<BBHH", body, 0)
    p_on, p_off, q_on, q_off, t_off = struct.unpack_from("<5H", body, 6)
    p_ax, qrs_ax, t_ax = struct.unpack_from("<3h", body, 16)

    def ok(*v: int) -> bool:
        return all(x not in (NOT_COMPUTED, 0xFFFF) for x in v)

    if ok(rr) and rr:
        m.rr_ms, m.hr_bpm = float(rr), round(60000.0 / rr, 1)
    if ok(p_on, q_on) and p_on:
        m.pr_ms = float(q_on - p_on)
    if ok(q_on, q_off):
        m.qrs_ms = float(q_off - q_on)
    if ok(q_on, t_off):
        m.qt_ms = float(t_off - q_on)
    for name, v in (("p_axis_deg", p_ax), ("qrs_axis_deg", qrs_ax), ("t_axis_deg", t_ax)):
        if ok(v & 0xFFFF) and -360 <= v <= 360:
            setattr(m, name, float(v))
    # after the blocks: pace spikes (4 + 6 bytes each), QRS types (2 + n), then the
    # additional global measurements: ventricular rate, atrial rate, QTc, formula
    off = 6 + 16 * n_blocks + 10 * spikes
    if off + 2 <= len(body):
        off += 2 + struct.unpack_from("<H", body, off)[0]
        if off + 6 <= len(body):
            vent, _atrial, qtc = struct.unpack_from("<HHH", body, off)
            if ok(vent) and 0 < vent < 400:
                m.hr_bpm = float(vent)
            if ok(qtc) and 0 < qtc < 1000:
                m.qtc_ms = float(qtc)
    return m


def _statements(s: dict[int, bytes]) -> list[str]:
    out: list[str] = []
    for num in (8, 11):
        body = s.get(num)
        if not body or len(body) < 9:
            continue
        count = body[8]
        off = 9
        for _ in range(count):
            _seq, ln = struct.unpack_from("<BH", body, off)
            text = body[off + 3:off + 3 + ln]
            if num == 11 and text:
                text = text[1:]  # section 11 statements start with a type byte
            decoded = decode_text(text)
            if decoded:
                out.append(decoded)
            off += 3 + ln
    return out
