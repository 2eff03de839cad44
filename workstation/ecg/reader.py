"""One entry point: ``read_ecg(path)`` detects the format by content, then extension."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from workstation.ecg.errors import EcgReadError
from workstation.ecg.model import EcgRecord

WFDB_SUFFIXES = {".hea", ".dat", ".atr", ".xyz"}


def detect_format(path: Path, head: bytes) -> str:
    if len(head) >= 132 and head[128:132] == b"DICM":
        return "dicom"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        # look at the root element name; comments and the prolog come first
        low = head.lower()
        if b"<restingecg" in low and b"<restingecgdata" not in low:
            return "muse"
        if b"<restingecgdata" in low:
            return "sierra"
        if b"<annotatedecg" in low:
            return "aecg"
        raise EcgReadError(path, "UNKNOWN_FORMAT", "XML root is not RestingECG, "
                           "restingecgdata or AnnotatedECG")
    suffix = path.suffix.lower()
    if suffix in WFDB_SUFFIXES or path.with_suffix(".hea").exists():
        return "wfdb"
    if suffix == ".scp" or _looks_like_scp(head):
        return "scp"
    if suffix == ".dcm":
        return "dicom"
    if suffix in {".csv", ".txt", ".tsv"}:
        return "csv"
    raise EcgReadError(path, "UNKNOWN_FORMAT", f"suffix {suffix or '(none)'}")


def _looks_like_scp(head: bytes) -> bool:
    # an SCP file starts with CRC, length, then section 0 whose header carries "SCPECG"
    return len(head) >= 22 and head[16:22] == b"SCPECG"


_MODULES = {"dicom": "dicom", "muse": "muse", "sierra": "sierra", "aecg": "aecg",
            "wfdb": "wfdb_format", "scp": "scp", "csv": "csvfile"}


def _readers() -> dict[str, Callable[..., EcgRecord]]:
    return {fmt: _reader(fmt) for fmt in _MODULES}


def _reader(fmt: str) -> Callable[..., EcgRecord]:
    # imported lazily so `inspect` on one format does not import every parser
    module = importlib.import_module(f"workstation.ecg.formats.{_MODULES[fmt]}")
    return module.read


def read_ecg(path: str | Path, **options) -> EcgRecord:
    """Read any supported ECG file. Raises :class:`EcgReadError` on any problem."""
    p = Path(path)
    if p.suffix.lower() in WFDB_SUFFIXES:
        header = p.with_suffix(".hea")
        if not header.exists():
            raise EcgReadError(p, "NOT_FOUND", f"WFDB header {header.name} missing")
        return _reader("wfdb")(header, **options)
    if not p.is_file():
        if p.with_suffix(".hea").is_file():
            return _reader("wfdb")(p.with_suffix(".hea"), **options)
        raise EcgReadError(p, "NOT_FOUND")
    with p.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        raise EcgReadError(p, "EMPTY")
    fmt = detect_format(p, head)
    return _reader(fmt)(p, **options)
