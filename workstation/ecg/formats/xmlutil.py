"""Shared XML helpers: safe parsing, namespace-free lookups, charset handling."""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from workstation.ecg.errors import EcgReadError
from workstation.ecg.text import normalise_charset

_DECL = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9_.-]+)[\"'][^>]*\?>")


def parse_xml(path: Path, data: bytes) -> ET.Element:
    """Parse XML bytes; reject entity declarations; support GB2312/GBK/GB18030 declarations.

    Expat only knows a few encodings natively, so other declared charsets are decoded by
    Python first and the declaration is dropped.
    """
    if b"<!ENTITY" in data:
        raise EcgReadError(path, "BAD_XML", "entity declarations are not accepted")
    m = _DECL.match(data)
    source: bytes | str = data
    if m:
        charset = normalise_charset(m.group(1).decode("ascii"))
        if charset not in {"utf-8", "iso-8859-1", "latin-1", "us-ascii", "utf-16"}:
            try:
                source = data[m.end():].decode(charset)
            except (LookupError, UnicodeDecodeError) as exc:
                raise EcgReadError(path, "BAD_XML", f"cannot decode as {charset}: {exc}") from exc
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        raise EcgReadError(path, "BAD_XML", str(exc)) from exc
    for el in root.iter():  # strip namespaces: the readers match local names only
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
    return root


def text_of(el: ET.Element | None, path: str = "") -> str | None:
    if el is None:
        return None
    node = el.find(path) if path else el
    if node is None or node.text is None:
        return None
    value = node.text.strip()
    return value or None


def number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def b64(path: Path, text: str | None, what: str) -> bytes:
    if not text:
        raise EcgReadError(path, "BAD_DATA", f"{what}: empty waveform")
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise EcgReadError(path, "BAD_BASE64", f"{what}: {exc}") from exc
