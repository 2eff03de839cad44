"""Decoding of text fields written by Chinese and Western carts."""

from __future__ import annotations

# GB18030 is a superset of GBK and GB2312, so one codec covers all three.
_CANDIDATES = ("utf-8", "gb18030")


def decode_text(raw: bytes, declared: str | None = None) -> str:
    """Decode bytes using the declared charset when given, else UTF-8, GB18030, Latin-1.

    Trailing NULs (fixed-width fields in binary formats) are stripped.
    """
    raw = raw.split(b"\x00", 1)[0] if b"\x00" in raw else raw
    if declared:
        codec = normalise_charset(declared)
        try:
            return raw.decode(codec).strip()
        except (LookupError, UnicodeDecodeError):
            pass
    for codec in _CANDIDATES:
        try:
            return raw.decode(codec).strip()
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1").strip()


def normalise_charset(name: str) -> str:
    low = name.strip().lower().replace("_", "-")
    if low in {"gb2312", "gbk", "gb18030", "cp936", "euc-cn", "gb-18030", "gb-2312"}:
        return "gb18030"
    return low
