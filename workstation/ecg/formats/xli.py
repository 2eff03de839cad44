"""Philips XLI waveform decompression, written from the public format description
(sierra-ecg-tools wiki): per-lead chunks, each

    int32 LE  compressed size
    uint16    (unused here)
    int16 LE  first delta seed
    size bytes of LZW codes (10-bit, MSB first, 8-bit literal alphabet, no clear code)

The LZW output holds N high bytes followed by N low bytes of int16 values, which are
second-order delta codes: x[i] = 2*x[i-1] - x[i-2] - (d[i-1] - 64), seeded by the header.
"""

from __future__ import annotations

import numpy as np

CODE_BITS = 10
_MAX_CODE = (1 << CODE_BITS) - 2  # the last code is never emitted by the encoder


class XliError(ValueError):
    pass


def lzw_decode(data: bytes) -> bytes:
    """Decode a 10-bit MSB-first LZW stream with a 256-symbol initial dictionary."""
    table: list[bytes] = [bytes([i]) for i in range(256)]
    out = bytearray()
    prev = b""
    acc = 0
    nbits = 0
    for byte in data:
        acc = (acc << 8) | byte
        nbits += 8
        while nbits >= CODE_BITS:
            nbits -= CODE_BITS
            code = (acc >> nbits) & ((1 << CODE_BITS) - 1)
            acc &= (1 << nbits) - 1
            if code > _MAX_CODE:
                return bytes(out)
            if code < len(table):
                entry = table[code]
            elif code == len(table) and prev:
                entry = prev + prev[:1]  # the KwKwK case
            else:
                raise XliError(f"invalid LZW code {code} (table {len(table)})")
            if prev and len(table) <= _MAX_CODE:
                table.append(prev + entry[:1])
            out += entry
            prev = entry
    return bytes(out)


def _undelta(values: np.ndarray, seed: int) -> np.ndarray:
    out = values.astype(np.int64)
    if len(out) < 3:
        return out.astype(np.int16)
    x, y = int(out[0]), int(out[1])
    last = seed
    for i in range(2, len(out)):
        z = 2 * y - x - last
        last = int(out[i]) - 64
        # the cart wraps in 16 bits; keep it so decoding matches bit for bit
        z = ((z + 32768) & 0xFFFF) - 32768
        out[i] = z
        x, y = y, z
    return out.astype(np.int16)


def xli_decode(data: bytes, n_samples: int | None = None) -> list[np.ndarray]:
    """Return one int16 array per lead chunk found in ``data``."""
    leads: list[np.ndarray] = []
    offset = 0
    while offset < len(data):
        if offset + 8 > len(data):
            raise XliError(f"chunk header truncated at byte {offset}")
        size = int.from_bytes(data[offset:offset + 4], "little", signed=True)
        seed = int.from_bytes(data[offset + 6:offset + 8], "little", signed=True)
        offset += 8
        if size <= 0 or offset + size > len(data):
            raise XliError(f"chunk {len(leads) + 1}: size {size} beyond end of data")
        raw = lzw_decode(data[offset:offset + size])
        offset += size
        if n_samples is not None:
            if len(raw) < 2 * n_samples:
                raise XliError(f"chunk {len(leads) + 1}: {len(raw) // 2} of {n_samples} samples")
            raw = raw[:2 * n_samples]
        elif len(raw) % 2:
            raw += b"\x00"
        half = len(raw) // 2
        hi = np.frombuffer(raw[:half], dtype=np.uint8).astype(np.uint16)
        lo = np.frombuffer(raw[half:2 * half], dtype=np.uint8).astype(np.uint16)
        values = ((hi << 8) | lo).view(np.int16)
        leads.append(_undelta(values, seed))
    return leads
