"""Lead names: normalise the many spellings carts use to one standard set."""

from __future__ import annotations

import re

STANDARD_12 = ("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6")
LIMB_DERIVED = ("III", "aVR", "aVL", "aVF")

_ALIASES = {
    "I": "I", "II": "II", "III": "III",
    "AVR": "aVR", "AVL": "aVL", "AVF": "aVF",
    "-AVR": "-aVR",
    "MLII": "MLII", "MLI": "MLI", "MLIII": "MLIII",
    "VX": "X", "VY": "Y", "VZ": "Z", "X": "X", "Y": "Y", "Z": "Z",
}

# SCP-ECG / DICOM (SCPECG scheme "5.6.3-9-n") numeric lead codes.
SCP_LEAD_CODES = {
    1: "I", 2: "II", 3: "V1", 4: "V2", 5: "V3", 6: "V4", 7: "V5", 8: "V6",
    9: "V7", 10: "V2R", 11: "V3R", 12: "V4R", 13: "V5R", 14: "V6R", 15: "V7R",
    16: "X", 17: "Y", 18: "Z", 61: "III", 62: "aVR", 63: "aVL", 64: "aVF", 65: "-aVR",
}


def normalise_lead_name(name: str) -> str:
    """Map 'Lead I (Einthoven)', 'MDC_ECG_LEAD_AVR', 'avr', 'v1', 'ECG 1' to a standard name.

    Unknown names are returned stripped, so nothing is lost.
    """
    text = name.strip()
    up = text.upper()
    for prefix in ("MDC_ECG_LEAD_", "LEAD "):
        if up.startswith(prefix):
            up = up[len(prefix):]
            text = text[len(prefix):]
    up = re.sub(r"\s*\(.*\)$", "", up).strip()  # "I (EINTHOVEN)", "AVR (GOLDBERGER)"
    if up in _ALIASES:
        return _ALIASES[up]
    m = re.fullmatch(r"V(\d{1,2})(R?)", up)
    if m:
        return f"V{int(m.group(1))}{m.group(2)}"
    return re.sub(r"\s*\(.*\)$", "", text).strip() or name.strip()
