"""SCP-ECG (EN 1064) Huffman decoding: the default table and file-defined tables.

A table row is (prefix bits, total bits, switch, base value, base code). The code is
stored least-significant bit first, so the bits sent on the wire are the *reverse* of
``base code``'s low ``prefix`` bits. When total > prefix, the value is not
``base value`` but the next (total - prefix) bits as a signed MSB-first integer.
``switch == 0`` means "switch to table number base value".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class HuffRow:
    prefix_bits: int
    total_bits: int
    switch: int
    base_value: int
    base_code: int


# EN 1064 Annex (default table, section 2 "19999").
DEFAULT_TABLE: tuple[HuffRow, ...] = (
    HuffRow(1, 1, 1, 0, 0),
    HuffRow(3, 3, 1, 1, 1), HuffRow(3, 3, 1, -1, 5),
    HuffRow(4, 4, 1, 2, 3), HuffRow(4, 4, 1, -2, 11),
    HuffRow(5, 5, 1, 3, 7), HuffRow(5, 5, 1, -3, 23),
    HuffRow(6, 6, 1, 4, 15), HuffRow(6, 6, 1, -4, 47),
    HuffRow(7, 7, 1, 5, 31), HuffRow(7, 7, 1, -5, 95),
    HuffRow(8, 8, 1, 6, 63), HuffRow(8, 8, 1, -6, 191),
    HuffRow(9, 9, 1, 7, 127), HuffRow(9, 9, 1, -7, 383),
    HuffRow(10, 10, 1, 8, 255), HuffRow(10, 10, 1, -8, 767),
    HuffRow(10, 18, 1, 0, 511), HuffRow(10, 26, 1, 0, 1023),
)


class HuffmanError(ValueError):
    pass


def _wire_code(row: HuffRow) -> str:
    bits = format(row.base_code, f"0{max(row.prefix_bits, 1)}b")[-row.prefix_bits:]
    return bits[::-1]


def _lookup(tables: list[tuple[HuffRow, ...]]) -> list[dict[str, HuffRow]]:
    return [{_wire_code(r): r for r in table} for table in tables]


def decode(data: bytes, count: int, tables: list[tuple[HuffRow, ...]] | None = None
           ) -> np.ndarray:
    """Decode ``count`` values from ``data`` (raise if the stream ends first)."""
    lookups = _lookup(tables or [DEFAULT_TABLE])
    max_prefix = max(r.prefix_bits for t in (tables or [DEFAULT_TABLE]) for r in t)
    bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8))
    bitstr = "".join("1" if b else "0" for b in bits)
    n_bits = len(bitstr)
    out = np.empty(count, dtype=np.int64)
    pos = 0
    table = lookups[0]
    k = 0
    while k < count:
        code = ""
        row = None
        while row is None:
            if pos >= n_bits or len(code) >= max_prefix:
                raise HuffmanError(f"stream ended or invalid code after {k} of {count} values")
            code += bitstr[pos]
            pos += 1
            row = table.get(code)
        if row.switch == 0:
            if not 1 <= row.base_value <= len(lookups):
                raise HuffmanError(f"switch to missing table {row.base_value}")
            table = lookups[row.base_value - 1]
            continue
        extra = row.total_bits - row.prefix_bits
        if extra:
            if pos + extra > n_bits:
                raise HuffmanError(f"stream ended inside a value after {k} of {count} values")
            value = int(bitstr[pos:pos + extra], 2)
            if value >= 1 << (extra - 1):
                value -= 1 << extra
            pos += extra
        else:
            value = row.base_value
        out[k] = value
        k += 1
    return out


def encode(values: np.ndarray) -> bytes:
    """Encode with the default table (used to write test files and for round trips)."""
    by_value = {r.base_value: _wire_code(r) for r in DEFAULT_TABLE if r.total_bits == r.prefix_bits}
    parts = []
    for v in (int(x) for x in values):
        if v in by_value:
            parts.append(by_value[v])
        elif -128 <= v <= 127:
            parts.append(_wire_code(DEFAULT_TABLE[17]) + format(v & 0xFF, "08b"))
        else:
            parts.append(_wire_code(DEFAULT_TABLE[18]) + format(v & 0xFFFF, "016b"))
    bitstr = "".join(parts)
    bitstr += "0" * (-len(bitstr) % 8)
    return int(bitstr, 2).to_bytes(len(bitstr) // 8, "big") if bitstr else b""
