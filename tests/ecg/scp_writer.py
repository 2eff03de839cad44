"""A minimal SCP-ECG writer for tests: default Huffman table, second differences and,
optionally, reference-beat subtraction. Layout per EN 1064 (sections 0-7)."""

from __future__ import annotations

import struct

import numpy as np

from workstation.ecg.formats.scp import crc_ccitt
from workstation.ecg.formats.scp_huffman import encode


def _section(num: int, body: bytes) -> bytes:
    body = body + b"\x00" * (len(body) % 2)  # sections have even length
    head = struct.pack("<HIBB6s", num, 16 + len(body), 20, 20, b"\x00" * 6)
    crc = crc_ccitt(head + body)
    return struct.pack("<H", crc) + head + body


def _diff2(x: np.ndarray) -> np.ndarray:
    d = x.astype(np.int64).copy()
    d[2:] = x[2:] - 2 * x[1:-1] + x[:-2]
    return d


def _lead_block(header: bytes, leads: list[np.ndarray]) -> bytes:
    coded = [encode(_diff2(x)) for x in leads]
    return header + struct.pack(f"<{len(coded)}H", *(len(c) for c in coded)) + b"".join(coded)


def _text_tag(tag: int, text: str, codec: str) -> bytes:
    raw = text.encode(codec) + b"\x00"
    return struct.pack("<BH", tag, len(raw)) + raw


def write_scp(leads: dict[int, np.ndarray], fs: float = 500.0, avm_nv: int = 5000,
              ref_beat: dict[int, np.ndarray] | None = None, ref_fiducial: int = 0,
              qrs: list[tuple[int, int, int]] | None = None, last_name: str = "",
              codec: str = "utf-8", language_code: int | None = None) -> bytes:
    """``leads``: lead code -> full signal (integers). With ``ref_beat`` the rhythm is
    stored as residual = signal - reference beat in each (start, fiducial, end) zone
    of ``qrs`` (1-based sample numbers), and section 3 flags subtraction."""
    codes = list(leads)
    n = len(next(iter(leads.values())))
    interval = int(round(1e6 / fs))
    sections: dict[int, bytes] = {}
    tags = _text_tag(0, last_name, codec) if last_name else b""
    tags += _text_tag(2, "T-001", codec) + struct.pack("<BHB", 8, 1, 1)  # sex: male
    if language_code is not None:
        # tag 14 fixed part: ids, device type, manufacturer, model "TEST", versions,
        # language support code (byte 16), capability, mains, reserved; then 5 strings
        fixed = struct.pack("<HHHBB6sBBBBB16sB", 1, 1, 1, 0, 255, b"TEST\0\0", 20, 160,
                            language_code, 0, 1, b"\0" * 16, 0)
        dev = fixed + b"1.0\0SN1\0sys\0writer\0TestMaker\0"
        tags += struct.pack("<BH", 14, len(dev)) + dev
    sections[1] = tags + struct.pack("<BH", 255, 0)
    sections[2] = struct.pack("<H", 19999)
    subtract = ref_beat is not None
    flags = (0x01 if subtract else 0) | 0x04 | (len(codes) << 3)
    sections[3] = struct.pack("<BB", len(codes), flags) + b"".join(
        struct.pack("<IIB", 1, n, c) for c in codes)
    residual = {c: leads[c].astype(np.int64).copy() for c in codes}
    if subtract:
        ref_len = len(next(iter(ref_beat.values())))
        body4 = struct.pack("<HHH", int(ref_len * 1000 / fs), ref_fiducial, len(qrs))
        body4 += b"".join(struct.pack("<HIII", 0, s, f, e) for s, f, e in qrs)
        body4 += b"".join(struct.pack("<II", s, e) for s, _f, e in qrs)
        sections[4] = body4
        for s, f, e in qrs:
            for c in codes:
                for k in range(s, e + 1):
                    residual[c][k - 1] -= ref_beat[c][k - f + ref_fiducial - 1]
        sections[5] = _lead_block(struct.pack("<HHBB", avm_nv, interval, 2, 0),
                                  [ref_beat[c] for c in codes])
    sections[6] = _lead_block(struct.pack("<HHBB", avm_nv, interval, 2, 0),
                              [residual[c] for c in codes])

    # section 0 needs the final offsets: its own size is fixed (ids 0-11, 10 bytes each)
    ids = list(range(12))
    s0_len = 16 + 10 * len(ids)
    offset = 6 + s0_len
    pointers, blobs = [], []
    for num in ids[1:]:
        if num in sections:
            blob = _section(num, sections[num])
            pointers.append(struct.pack("<HII", num, len(blob), offset + 1))
            blobs.append(blob)
            offset += len(blob)
        else:
            pointers.append(struct.pack("<HII", num, 0, 0))
    s0_body = struct.pack("<HII", 0, s0_len, 7) + b"".join(pointers)
    body = _section(0, s0_body) + b"".join(blobs)
    total = 6 + len(body)
    crc = crc_ccitt(struct.pack("<I", total) + body)
    return struct.pack("<HI", crc, total) + body
