"""Chinese text in DICOM headers, including the common mislabelled case.

Township modalities often write GBK/GB18030 names while declaring ISO_IR 100
(Latin-1) or declaring nothing. pydicom then shows mojibake such as "ÕÅÈý".
We look at the raw bytes: when the declared set is one of those "Western" ones,
the value has bytes >= 0x80, and the bytes are valid UTF-8 or valid GB18030
*and* produce CJK characters, we take that decoding and say so. A declared
GB18030/GBK/ISO_IR 192 is trusted and decoded by pydicom.

The value is always decoded whole, never split on ``^`` or ``\\`` first: both
are valid second bytes of a GBK character.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pydicom.charset import convert_encodings, decode_bytes
from pydicom.datadict import dictionary_VR, keyword_for_tag, tag_for_keyword
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset

# Declared sets under which Chinese bytes can only be a labelling mistake.
_SUSPECT = {"", "ISO_IR 6", "ISO_IR 100", "ISO 2022 IR 6", "ISO 2022 IR 100"}
_TEXT_VRS = {"PN", "LO", "SH", "ST", "LT", "UT", "UC"}


def has_cjk(text: str) -> bool:
    """True if the text holds CJK ideographs, CJK punctuation or full-width forms."""
    for ch in text:
        cp = ord(ch)
        if (
            0x4E00 <= cp <= 0x9FFF  # CJK Unified Ideographs
            or 0x3400 <= cp <= 0x4DBF  # Extension A
            or 0x20000 <= cp <= 0x2FA1F  # Extensions B.. and compatibility supplement
            or 0x3000 <= cp <= 0x303F  # CJK symbols and punctuation
            or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        ):
            return True
    return False


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _plausible_latin(text: str) -> bool:
    # Accented Latin letters (U+00C0..U+017F): what a UTF-8 "Müller" decodes to.
    wide = [ch for ch in text if ord(ch) > 0x7F]
    return bool(wide) and all(0xC0 <= ord(ch) <= 0x17F and ch.isalpha() for ch in wide)


def _guess_unlabelled(raw: bytes) -> tuple[str, str] | None:
    """UTF-8 or GB18030 for bytes that the label says are ASCII/Latin-1.

    Many short GBK strings are also valid UTF-8 (头颅 = CD B7 C2 AD decodes to
    "ͷ\xad"), so validity alone decides nothing: the decoding must also look like
    text — CJK for Chinese, accented letters for a Western name in UTF-8.
    """
    utf = _strict(raw, "utf-8")
    if utf is not None and has_cjk(utf):
        return utf, "utf-8"
    gb = _strict(raw, "gb18030")
    if utf is not None and _plausible_latin(utf):
        return utf, "utf-8"
    if gb is not None and has_cjk(gb) and _mostly_high_pairs(gb):
        return gb, "gb18030"
    return None


def _mostly_high_pairs(text: str) -> bool:
    """Guard against reading real Latin-1 as GBK.

    "Müller" in Latin-1 (4D FC 6C ...) is also valid GBK: FC 6C is a CJK character.
    But common Chinese (GB2312, nearly every name) has both bytes >= 0xA1, while a
    Latin-1 accent is a lone high byte followed by ASCII. So at least half of the
    non-ASCII characters must come from bytes that are all >= 0x81.
    """
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return False
    high = sum(1 for ch in wide if all(b >= 0x81 for b in ch.encode("gb18030")))
    return high * 2 >= len(wide)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # the Python codec actually used
    declared: str  # SpecificCharacterSet as written in the file ("" when absent)
    mislabelled: bool  # True when we overrode the declared character set


def declared_charsets(ds: Dataset) -> list[str]:
    value = ds.get("SpecificCharacterSet", "")
    if not value:
        return []
    if isinstance(value, str):
        return [value.strip()]
    return [str(v).strip() for v in value]


def guess_text(raw: bytes, declared: list[str]) -> DecodedText:
    """Decode one text value's raw bytes, detecting GBK/UTF-8 under a Western label."""
    label = "\\".join(declared)
    raw = raw.rstrip(b"\x00 ")
    suspect = not declared or all(c in _SUSPECT for c in declared)
    if suspect and any(b >= 0x80 for b in raw):
        guess = _guess_unlabelled(raw)
        if guess is not None:
            text, codec = guess
            return DecodedText(text, codec, label, True)
    if not declared:
        # DICOM's default repertoire is ASCII; Latin-1 keeps stray bytes visible.
        return DecodedText(raw.decode("latin-1"), "latin-1", label, False)
    # decode_bytes wants Python codec names; ISO 2022 escapes are handled inside it.
    text = decode_bytes(raw, convert_encodings(declared), set())
    return DecodedText(text, _python_codec(declared), label, False)


def _python_codec(declared: list[str]) -> str:
    from pydicom.charset import python_encoding

    return python_encoding.get(declared[-1], declared[-1])


def read_text(ds: Dataset, keyword: str) -> DecodedText | None:
    """Decode the element *keyword* of *ds* from its raw bytes (None when absent or empty).

    Must run before anything else converts the element, because pydicom replaces
    the raw bytes with its own (possibly wrong) decoding on first access.
    """
    tag = tag_for_keyword(keyword)
    if tag is None or tag not in ds:
        return None
    declared = declared_charsets(ds)
    elem = ds.get_item(tag)
    if elem is None:
        return None
    if isinstance(elem, RawDataElement):
        raw = elem.value or b""
        if not raw:
            return None
        decoded = guess_text(bytes(raw), declared)
        if (elem.VR or _dictionary_vr(tag)) == "PN":
            # Empty trailing component groups ("王^小东=") carry nothing to show.
            decoded = replace(decoded, text=decoded.text.rstrip("=^ "))
        return decoded
    # Already converted (e.g. a dataset built in memory): re-derive bytes where we can.
    value = elem.value
    if value is None or value == "":
        return None
    original = getattr(value, "original_string", None)
    if isinstance(original, bytes):
        return guess_text(original, declared)
    text = str(value)
    return DecodedText(text, "str", "\\".join(declared), False)


def fix_dataset_text(ds: Dataset) -> list[str]:
    """Rewrite mislabelled text elements of *ds* in place; return the keywords fixed.

    Used by the viewer overlays and by the corrected upload copy: after a fix the
    dataset says ISO_IR 192 (UTF-8) so every later reader decodes it the same way.
    """
    fixed: list[str] = []
    decoded: dict[int, DecodedText] = {}
    # Iterate over tags, not elements: iterating a Dataset converts raw elements.
    for tag in list(ds.keys()):
        keyword = keyword_for_tag(tag)
        if not keyword:
            continue
        raw = ds.get_item(tag)
        vr = getattr(raw, "VR", None) or _dictionary_vr(tag)
        if vr not in _TEXT_VRS:
            continue
        result = read_text(ds, keyword)
        if result is not None and result.mislabelled:
            decoded[tag] = result
            fixed.append(keyword)
    if decoded:
        ds.SpecificCharacterSet = "ISO_IR 192"
        for tag, result in decoded.items():
            ds[tag].value = result.text
    return fixed


def _dictionary_vr(tag: int) -> str | None:
    try:
        return dictionary_VR(tag)
    except KeyError:
        return None
