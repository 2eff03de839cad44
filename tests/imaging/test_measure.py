"""Measurements in real units on the real CT, and which spacing they came from."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from pydicom.dataset import Dataset

from workstation.imaging.measure import (
    Spacing,
    angle_deg,
    ellipse_mask,
    length,
    pixel_spacing,
    rectangle_mask,
    roi_stats,
)
from workstation.imaging.pixels import ImageSource
from workstation.imaging.voi import DisplayPipeline


def test_length_in_mm_on_real_ct(phantom_dir: Path) -> None:
    header = ImageSource(phantom_dir / "I140").header
    spacing = pixel_spacing(header)
    assert spacing == Spacing(0.451171875, 0.451171875, "PixelSpacing")
    result = length((100, 100), (100, 300), spacing)
    assert result.unit == "mm" and result.value == pytest.approx(200 * 0.451171875)
    diagonal = length((0, 0), (300, 400), spacing)
    assert diagonal.value == pytest.approx(500 * 0.451171875)


def test_imager_pixel_spacing_is_said() -> None:
    ds = Dataset()
    ds.ImagerPixelSpacing = [0.143, 0.143]
    spacing = pixel_spacing(ds)
    assert spacing.source == "ImagerPixelSpacing" and "探测器" in spacing.label_zh
    ds.PixelSpacing = [0.139, 0.139]  # calibrated: wins over the detector value
    assert pixel_spacing(ds).source == "PixelSpacing"
    assert pixel_spacing(Dataset()).source is None
    assert length((0, 0), (0, 10), pixel_spacing(Dataset())).unit == "px"


def test_roi_stats_in_hu_on_real_ct(phantom_dir: Path) -> None:
    source = ImageSource(phantom_dir / "I140")
    pipe = DisplayPipeline.from_header(source.header)
    hu = pipe.modality(source.frame(0))
    spacing = pixel_spacing(source.header)
    mask = ellipse_mask(hu.shape, (195, 285), (6, 6))
    stats = roi_stats(hu, mask, spacing, pipe.units)
    assert stats.units == "HU"
    assert 50 < stats.mean < 150 and stats.sd < 20  # the soft-tissue insert
    inside = hu[mask]
    assert (stats.min, stats.max, stats.pixels) == (inside.min(), inside.max(), inside.size)
    assert stats.mean == pytest.approx(inside.mean()) and stats.sd == pytest.approx(inside.std())
    assert stats.area_mm2 == pytest.approx(inside.size * 0.451171875**2)
    air = roi_stats(hu, rectangle_mask(hu.shape, (370, 220), (350, 200)), spacing, "HU")
    assert air.pixels == 21 * 21 and -1020 < air.mean < -950


def test_angles_use_physical_spacing() -> None:
    square = Spacing(1.0, 1.0, "PixelSpacing")
    assert angle_deg((0, 10), (0, 0), (10, 0), square) == pytest.approx(90)
    assert angle_deg((0, 10), (0, 0), (10, 10), square) == pytest.approx(45)
    tall = Spacing(2.0, 1.0, "PixelSpacing")  # rows twice as far apart
    assert angle_deg((0, 10), (0, 0), (10, 10), tall) == pytest.approx(math.degrees(math.atan2(20, 10)))


def test_empty_roi_is_an_error() -> None:
    with pytest.raises(ValueError):
        roi_stats(np.zeros((4, 4)), np.zeros((4, 4), bool), Spacing(1, 1, None))
