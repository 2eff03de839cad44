"""Stored pixels to an 8-bit display image: Modality LUT, then VOI, then MONOCHROME1 inversion.

The order and formulas follow DICOM PS3.3 C.11 (Modality LUT, VOI LUT) and
C.11.2.1.2 (window centre/width: LINEAR, LINEAR_EXACT, SIGMOID); PS3.4 N.2 gives
the pipeline order, with MONOCHROME1 inverted after VOI ("presentation LUT").

For integer pixels of at most 16 bits the whole chain is precomputed as one
lookup table over every possible stored value (at most 65,536 entries), so a
window/level drag rebuilds 65,536 numbers and then indexes the frame once, and
frames stay in their stored integer type in the cache (DESIGN §4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from pydicom.dataset import Dataset

# CT window presets (centre/width in HU). Values as widely taught, e.g. Radiopaedia,
# "Windowing (CT)" (https://radiopaedia.org/articles/windowing-ct); subdural is the
# middle of its published 50-100 / 130-300 range, abdomen the soft-tissue window.
CT_PRESETS: dict[str, tuple[float, float, str, str]] = {
    # key: (centre, width, 中文, English)
    "brain": (40, 80, "脑窗", "Brain"),
    "subdural": (75, 215, "硬膜下窗", "Subdural"),
    "lung": (-600, 1500, "肺窗", "Lung"),
    "mediastinum": (50, 350, "纵隔窗", "Mediastinum"),
    "bone": (400, 1800, "骨窗", "Bone"),
    "abdomen": (40, 400, "腹部窗", "Abdomen"),
}


@dataclass(frozen=True)
class Window:
    center: float
    width: float
    name: str = ""
    function: str = "LINEAR"  # LINEAR, LINEAR_EXACT or SIGMOID (VOI LUT Function)


def preset(key: str) -> Window:
    c, w, zh, _en = CT_PRESETS[key]
    return Window(c, w, zh)


@dataclass(frozen=True)
class LookupTable:
    """A Modality or VOI LUT from a LUT Sequence item (descriptor + data)."""

    data: np.ndarray
    first_mapped: int
    bits: int
    explanation: str = ""

    def apply(self, values: np.ndarray) -> np.ndarray:
        # Values below the first mapped value take the first entry, above the last the last.
        idx = np.clip(np.asarray(values, dtype=np.int64) - self.first_mapped, 0, len(self.data) - 1)
        return self.data[idx]


def _lut_from_item(item: Dataset, signed_input: bool, little_endian: bool) -> LookupTable:
    desc = [int(v) for v in item.LUTDescriptor]
    entries = desc[0] or 65536  # 0 means 2^16 (PS3.3 C.11.1.1)
    first = desc[1]
    if signed_input and first > 32767:
        first -= 65536  # US-encoded descriptor of a signed input range
    bits = desc[2]
    raw = item.LUTData
    if isinstance(raw, bytes | bytearray):
        if bits <= 8 and len(raw) == entries:
            data = np.frombuffer(raw, dtype=np.uint8)
        else:
            data = np.frombuffer(raw, dtype="<u2" if little_endian else ">u2")
    else:
        data = np.asarray(list(raw) if hasattr(raw, "__iter__") else [raw])
    data = data[:entries].astype(np.float64)
    return LookupTable(data, first, bits, str(item.get("LUTExplanation", "") or ""))


def _functional(header: Dataset, index: int, seq: str) -> Dataset | None:
    """Enhanced multi-frame: the per-frame item of *seq*, else the shared one."""
    for groups, i in (("PerFrameFunctionalGroupsSequence", index), ("SharedFunctionalGroupsSequence", 0)):
        items = header.get(groups)
        if items and len(items) > i and seq in items[i] and items[i][seq].value:
            return items[i][seq][0]
    return None


def _floats(value: object) -> list[float]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple) or hasattr(value, "__iter__") and not isinstance(value, str):
        return [float(v) for v in value]  # type: ignore[union-attr]
    return [float(value)]  # type: ignore[arg-type]


@dataclass
class DisplayPipeline:
    """Everything needed to turn one frame's stored values into display pixels."""

    photometric: str = "MONOCHROME2"
    bits_stored: int = 16
    signed: bool = False
    slope: float = 1.0
    intercept: float = 0.0
    modality_lut: LookupTable | None = None
    units: str = ""
    windows: list[Window] = field(default_factory=list)  # the file's own presets
    voi_luts: list[LookupTable] = field(default_factory=list)
    window: Window | None = None  # chosen by the user; None = the file's first, else auto
    use_voi_lut: bool = False
    palette: np.ndarray | None = None  # (N, 3) uint8 for PALETTE COLOR
    palette_first: int = 0
    _cache: tuple | None = field(default=None, repr=False)

    @classmethod
    def from_header(cls, header: Dataset, frame_index: int = 0, photometric: str | None = None) -> DisplayPipeline:
        pi = (photometric or str(header.get("PhotometricInterpretation", "MONOCHROME2"))).strip()
        signed = int(header.get("PixelRepresentation", 0) or 0) == 1
        little = getattr(header, "original_encoding", (True, True))[1] is not False
        p = cls(
            photometric=pi,
            bits_stored=int(header.get("BitsStored", header.get("BitsAllocated", 8)) or 8),
            signed=signed,
        )
        if pi.startswith("MONOCHROME"):
            p._read_modality(header, frame_index, signed, little)
            p._read_voi(header, frame_index, little)
        elif pi == "PALETTE COLOR":
            p._read_palette(header, little)
        return p

    def _read_modality(self, header: Dataset, index: int, signed: bool, little: bool) -> None:
        seq = header.get("ModalityLUTSequence")
        if seq:
            self.modality_lut = _lut_from_item(seq[0], signed, little)
            self.units = str(seq[0].get("ModalityLUTType", "") or "")
        else:
            src = _functional(header, index, "PixelValueTransformationSequence") or header
            if "RescaleSlope" in src or "RescaleIntercept" in src:
                self.slope = float(src.get("RescaleSlope", 1) or 1)
                self.intercept = float(src.get("RescaleIntercept", 0) or 0)
            self.units = str(src.get("RescaleType", "") or "")
        if not self.units and str(header.get("Modality", "")) == "CT":
            self.units = "HU"

    def _read_voi(self, header: Dataset, index: int, little: bool) -> None:
        src = _functional(header, index, "FrameVOILUTSequence") or header
        centers = _floats(src.get("WindowCenter"))
        widths = _floats(src.get("WindowWidth"))
        names = src.get("WindowCenterWidthExplanation", []) or []
        names = [names] if isinstance(names, str) else list(names)
        function = str(src.get("VOILUTFunction", "LINEAR") or "LINEAR").strip().upper()
        for i, (c, w) in enumerate(zip(centers, widths, strict=False)):
            name = str(names[i]) if i < len(names) else ""
            self.windows.append(Window(c, w, name, function))
        for item in header.get("VOILUTSequence", []) or []:
            self.voi_luts.append(_lut_from_item(item, False, little))
        self.use_voi_lut = not self.windows and bool(self.voi_luts)

    def _read_palette(self, header: Dataset, little: bool) -> None:
        channels = []
        for colour in ("Red", "Green", "Blue"):
            desc = [int(v) for v in header[f"{colour}PaletteColorLookupTableDescriptor"].value]
            entries, first, bits = desc[0] or 65536, desc[1], desc[2]
            raw = header.get(f"{colour}PaletteColorLookupTableData")
            if raw is None:
                # Segmented palettes are rare; pydicom expands them to a full table.
                from pydicom.pixels import apply_color_lut

                idx = np.arange(first, first + entries, dtype=np.uint16)
                full = apply_color_lut(idx, header)
                self.palette = _to8(full, 16 if full.dtype.itemsize > 1 else 8)
                self.palette_first = first
                return
            if isinstance(raw, bytes | bytearray):
                data = np.frombuffer(raw, dtype="<u2" if little else ">u2")[:entries]
            else:  # US-encoded table already split into numbers by pydicom
                data = np.asarray(list(raw), dtype=np.uint16)[:entries]
            if bits == 8 and data.max(initial=0) > 255:
                data = data >> 8  # 8-bit entries packed in the high byte by some writers
            channels.append(data if bits == 8 else data >> 8)
            self.palette_first = first
        self.palette = np.stack(channels, axis=-1).astype(np.uint8)

    # ---- the chain ---------------------------------------------------------------------

    def modality(self, stored: np.ndarray) -> np.ndarray:
        """Stored values to modality values (HU for CT) as float64."""
        if self.modality_lut is not None:
            return self.modality_lut.apply(stored)
        values = np.asarray(stored, dtype=np.float64)
        if self.slope != 1.0 or self.intercept != 0.0:
            values = values * self.slope + self.intercept
        return values

    def active_window(self, stored: np.ndarray | None = None) -> Window | None:
        if self.window is not None:
            return self.window
        if self.windows:
            return self.windows[0]
        if self.use_voi_lut:
            return None
        if stored is None:
            return None
        values = self.modality(stored)
        lo, hi = float(values.min()), float(values.max())
        # No window in the file: show the full range of this frame (LINEAR_EXACT maps it exactly).
        return Window((lo + hi) / 2, max(hi - lo, 1.0), "auto", "LINEAR_EXACT")

    def voi(self, values: np.ndarray, window: Window | None) -> np.ndarray:
        """Modality values to 0..255 (float) by the window or the VOI LUT."""
        if window is None and self.voi_luts:
            lut = self.voi_luts[0]
            out = lut.apply(values)
            top = float((1 << lut.bits) - 1) if lut.bits else float(out.max() or 1)
            return out * (255.0 / top)
        assert window is not None
        return window_function(values, window.center, window.width, window.function)

    def _mono_lut(self, dtype: np.dtype, window: Window | None) -> tuple[np.ndarray, int]:
        info = np.iinfo(dtype)
        key = (dtype.str, window, id(self.voi_luts[0]) if self.voi_luts else None)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1], info.min
        stored = np.arange(info.min, info.max + 1, dtype=np.int64)
        y = self.voi(self.modality(stored), window)
        lut = np.clip(np.rint(y), 0, 255).astype(np.uint8)
        if self.photometric == "MONOCHROME1":
            lut = 255 - lut  # after VOI, so the window means the same on both
        self._cache = (key, lut)
        return lut, int(info.min)

    def render(self, frame: np.ndarray) -> np.ndarray:
        """One frame (as ``ImageSource.frame`` returns it) to uint8 HxW or HxWx3."""
        if frame.ndim == 3 or self.photometric in ("RGB", "YBR_FULL", "YBR_FULL_422"):
            return _to8(frame, self.bits_stored)
        if self.photometric == "PALETTE COLOR" and self.palette is not None:
            idx = np.clip(frame.astype(np.int64) - self.palette_first, 0, len(self.palette) - 1)
            return self.palette[idx]
        window = self.active_window(frame if self.window is None and not self.windows else None)
        if frame.dtype.kind in "iu" and frame.dtype.itemsize <= 2:
            lut, offset = self._mono_lut(frame.dtype, window)
            return lut[frame.astype(np.int32) - offset]
        y = self.voi(self.modality(frame), window)
        out = np.clip(np.rint(y), 0, 255).astype(np.uint8)
        return 255 - out if self.photometric == "MONOCHROME1" else out


def window_function(x: np.ndarray, center: float, width: float, function: str = "LINEAR") -> np.ndarray:
    """PS3.3 C.11.2.1.2 with output range 0..255 (float)."""
    x = np.asarray(x, dtype=np.float64)
    ymax = 255.0
    function = function.upper()
    if function == "SIGMOID":
        with np.errstate(over="ignore"):  # exp overflow is +inf, which correctly gives 0
            return ymax / (1.0 + np.exp(-4.0 * (x - center) / max(width, 1e-9)))
    if function == "LINEAR_EXACT":
        w = max(width, 1e-9)
        y = ((x - center) / w + 0.5) * ymax
        y = np.where(x <= center - w / 2, 0.0, y)
        return np.where(x > center + w / 2, ymax, y)
    w = max(width, 1.0)  # LINEAR: the standard requires width >= 1
    y = ((x - (center - 0.5)) / (w - 1 if w > 1 else 1) + 0.5) * ymax
    y = np.where(x <= center - 0.5 - (w - 1) / 2, 0.0, y)
    return np.where(x > center - 0.5 + (w - 1) / 2, ymax, y)


def _to8(arr: np.ndarray, bits: int) -> np.ndarray:
    if arr.dtype == np.uint8:
        return arr
    shift = max(int(bits) - 8, 0)
    return (np.asarray(arr).astype(np.uint64) >> shift).clip(0, 255).astype(np.uint8)
