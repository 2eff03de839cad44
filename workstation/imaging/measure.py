"""Measurement helpers: pixel spacing (and where it came from), length, angle, ROI statistics.

Pure functions over headers and arrays; the viewer draws, this computes.

Pixel spacing source matters to the reader (PS3.3 section 10.7, Basic Pixel Spacing
Calibration Macro): Pixel Spacing is in the patient plane; Imager Pixel Spacing (projection radiography, DR)
is at the detector, so lengths are magnified by the source-to-object geometry and
the screen must say so. When both exist, Pixel Spacing wins.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from pydicom.dataset import Dataset

_SOURCES_ZH = {
    "PixelSpacing": "像素间距（患者平面）",
    "ImagerPixelSpacing": "探测器像素间距（未校正放大率）",
    "NominalScannedPixelSpacing": "扫描标称像素间距",
    None: "无像素间距：单位为像素",
}


@dataclass(frozen=True)
class Spacing:
    row_mm: float  # distance between rows (vertical), mm
    col_mm: float  # distance between columns (horizontal), mm
    source: str | None  # the attribute used, None when there is none (lengths in pixels)

    @property
    def label_zh(self) -> str:
        return _SOURCES_ZH.get(self.source, self.source or "")


def _pair(value: object) -> tuple[float, float] | None:
    try:
        row, col = (float(v) for v in value)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None
    return (row, col) if row > 0 and col > 0 else None


def pixel_spacing(header: Dataset, frame_index: int = 0) -> Spacing:
    # Enhanced multi-frame keeps Pixel Spacing in the Pixel Measures functional group.
    for groups, i in (("PerFrameFunctionalGroupsSequence", frame_index), ("SharedFunctionalGroupsSequence", 0)):
        items = header.get(groups)
        if items and len(items) > i and "PixelMeasuresSequence" in items[i]:
            measures = items[i].PixelMeasuresSequence
            if measures and (pair := _pair(measures[0].get("PixelSpacing"))):
                return Spacing(pair[0], pair[1], "PixelSpacing")
    for keyword in ("PixelSpacing", "ImagerPixelSpacing", "NominalScannedPixelSpacing"):
        pair = _pair(header.get(keyword))
        if pair:
            return Spacing(pair[0], pair[1], keyword)
    return Spacing(1.0, 1.0, None)


@dataclass(frozen=True)
class Length:
    value: float
    unit: str  # "mm" or "px"
    source: str | None


def length(p0: tuple[float, float], p1: tuple[float, float], spacing: Spacing) -> Length:
    """Distance between two (row, col) points in image pixel coordinates."""
    dr = (p1[0] - p0[0]) * spacing.row_mm
    dc = (p1[1] - p0[1]) * spacing.col_mm
    return Length(math.hypot(dr, dc), "mm" if spacing.source else "px", spacing.source)


def angle_deg(a: tuple[float, float], vertex: tuple[float, float], b: tuple[float, float], spacing: Spacing) -> float:
    """Angle at *vertex* in degrees, in physical space (non-square pixels change angles)."""
    v1 = np.array([(a[0] - vertex[0]) * spacing.row_mm, (a[1] - vertex[1]) * spacing.col_mm])
    v2 = np.array([(b[0] - vertex[0]) * spacing.row_mm, (b[1] - vertex[1]) * spacing.col_mm])
    n = float(np.linalg.norm(v1) * np.linalg.norm(v2))
    if n == 0:
        return 0.0
    return math.degrees(math.acos(max(-1.0, min(1.0, float(v1 @ v2) / n))))


def rectangle_mask(shape: tuple[int, int], top_left: tuple[float, float], bottom_right: tuple[float, float]) -> np.ndarray:
    r0, r1 = sorted((int(round(top_left[0])), int(round(bottom_right[0]))))
    c0, c1 = sorted((int(round(top_left[1])), int(round(bottom_right[1]))))
    mask = np.zeros(shape, dtype=bool)
    mask[max(r0, 0) : max(r1, 0) + 1, max(c0, 0) : max(c1, 0) + 1] = True
    return mask


def ellipse_mask(shape: tuple[int, int], center: tuple[float, float], radii: tuple[float, float]) -> np.ndarray:
    rows, cols = np.ogrid[: shape[0], : shape[1]]
    rr, rc = max(radii[0], 1e-9), max(radii[1], 1e-9)
    return ((rows - center[0]) / rr) ** 2 + ((cols - center[1]) / rc) ** 2 <= 1.0


@dataclass(frozen=True)
class RoiStats:
    mean: float
    sd: float
    min: float
    max: float
    pixels: int
    area_mm2: float | None
    units: str  # "HU" for CT, else the modality LUT/rescale type or ""


def roi_stats(modality_values: np.ndarray, mask: np.ndarray, spacing: Spacing, units: str = "") -> RoiStats:
    """Statistics of modality values (after the Modality LUT: HU for CT) inside *mask*.

    SD is the population standard deviation over the ROI's pixels, as most viewers show.
    """
    values = np.asarray(modality_values, dtype=np.float64)[mask]
    if values.size == 0:
        raise ValueError("ROI contains no pixels")
    area = values.size * spacing.row_mm * spacing.col_mm if spacing.source else None
    return RoiStats(
        float(values.mean()), float(values.std()), float(values.min()), float(values.max()), int(values.size), area, units
    )
