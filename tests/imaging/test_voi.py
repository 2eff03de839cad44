"""Modality LUT, VOI (windows, LUT sequences, functions), MONOCHROME1, palette, presets.

pydicom's apply_modality_lut / apply_windowing / apply_voi_lut / apply_color_lut are
an independent implementation of the same standard sections; we compare against
them after scaling their output range to 0..255.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset
from pydicom.pixels import apply_color_lut, apply_modality_lut, apply_voi_lut

from workstation.imaging.pixels import ImageSource
from workstation.imaging.voi import CT_PRESETS, DisplayPipeline, Window, preset, window_function

from .conftest import pydicom_file


def test_preset_table_has_the_six_ct_windows() -> None:
    assert {k: CT_PRESETS[k][:2] for k in CT_PRESETS} == {
        "brain": (40, 80),
        "subdural": (75, 215),
        "lung": (-600, 1500),
        "mediastinum": (50, 350),
        "bone": (400, 1800),
        "abdomen": (40, 400),
    }
    assert preset("lung") == Window(-600, 1500, "肺窗")


@pytest.mark.filterwarnings("ignore:overflow encountered in exp:RuntimeWarning")  # pydicom's side
@pytest.mark.parametrize("function", ["LINEAR", "LINEAR_EXACT", "SIGMOID"])
@pytest.mark.parametrize(("center", "width"), [(40, 80), (-600, 1500), (0.5, 1), (1000, 3)])
def test_window_functions_match_pydicom(function: str, center: float, width: float) -> None:
    x = np.arange(-2000, 2001, dtype=np.int16)
    ds = Dataset()
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsStored = 16
    ds.PixelRepresentation = 1
    ds.WindowCenter = center
    ds.WindowWidth = width
    ds.VOILUTFunction = function
    theirs = apply_voi_lut(x, ds).astype(np.float64)
    # pydicom maps onto the input's full range (-32768..32767); rescale that to 0..255.
    theirs = (theirs + 32768) * 255.0 / 65535.0
    ours = window_function(x, center, width, function)
    assert np.abs(ours - theirs).max() < 0.01


def test_ct_phantom_hu_and_presets(phantom_dir: Path) -> None:
    source = ImageSource(phantom_dir / "I140")
    frame = source.frame(0)
    pipe = DisplayPipeline.from_header(source.header)
    assert pipe.units == "HU" and (pipe.slope, pipe.intercept) == (1.0, -1024.0)
    hu = pipe.modality(frame)
    # Air inside the hollow head phantom, the square soft-tissue insert, the bone shell.
    air = hu[350:370, 200:220]
    insert = hu[190:200, 280:290]
    assert -1020 < air.mean() < -950
    assert 50 < insert.mean() < 150 and insert.std() < 20
    assert hu[:, 240:250].max() > 300
    assert [w.center for w in pipe.windows] == [40.0, 40.0]  # the file's own (two presets)
    pipe.window = preset("brain")
    image = pipe.render(frame)
    assert image.dtype == np.uint8 and image.shape == (512, 512)
    assert image[350:370, 200:220].max() == 0  # air is black in a brain window
    assert image[190:200, 280:290].min() == 255  # 100 HU is above 40 + 80/2
    pipe.window = Window(100, 200)
    # 100 HU in a 100/200 window: ((100 - 99.5) / 199 + 0.5) * 255 = 128.1
    assert pipe.render(frame)[190:200, 280:290].mean() == pytest.approx(128, abs=20)


def test_lut_path_equals_direct_computation(phantom_dir: Path) -> None:
    for path, window in [(phantom_dir / "I10", preset("bone")), (pydicom_file("CT_small.dcm"), preset("lung"))]:
        source = ImageSource(path)
        frame = source.frame(0)
        pipe = DisplayPipeline.from_header(source.header)
        pipe.window = window
        via_lut = pipe.render(frame)
        direct = np.clip(np.rint(window_function(pipe.modality(frame), window.center, window.width)), 0, 255)
        np.testing.assert_array_equal(via_lut, direct.astype(np.uint8))


def test_signed_pixels_render_with_negative_values() -> None:
    source = ImageSource(pydicom_file("CT_small.dcm"))
    frame = source.frame(0)
    assert frame.dtype == np.int16
    pipe = DisplayPipeline.from_header(source.header)
    assert pipe.windows == []  # none in the file: full range of the frame
    image = pipe.render(frame)
    assert image.min() == 0 and image.max() == 255
    np.testing.assert_array_equal(pipe.modality(frame), apply_modality_lut(frame, source.header))


def test_monochrome1_inverted_after_voi(dicomdir_tests: Path) -> None:
    path = dicomdir_tests / "77654033" / "CR1" / "6154"
    source = ImageSource(path)
    assert source.photometric == "MONOCHROME1"
    frame = source.frame(0)
    m1 = DisplayPipeline.from_header(source.header)
    m2 = DisplayPipeline.from_header(source.header, photometric="MONOCHROME2")
    assert m1.windows == m2.windows == [Window(1600, 2800, "", "LINEAR")]
    np.testing.assert_array_equal(m1.render(frame), 255 - m2.render(frame))
    # rescale 0.684 / 200 applies before the window
    np.testing.assert_allclose(m1.modality(frame), frame * 0.684 + 200)


def test_several_window_presets_in_one_file() -> None:
    source = ImageSource(pydicom_file("examples_overlay.dcm"))
    pipe = DisplayPipeline.from_header(source.header)
    assert [(w.center, w.width, w.name) for w in pipe.windows] == [
        (450, 790, "WINDOW1"),
        (200, 443, "WINDOW2"),
    ]
    frame = source.frame(0)
    first = pipe.render(frame)
    pipe.window = pipe.windows[1]
    assert not np.array_equal(first, pipe.render(frame))


def _lut_item(first: int, data: list[int], bits: int = 16) -> Dataset:
    item = Dataset()
    item.LUTDescriptor = [len(data), first, bits]
    item.LUTData = data
    return item


def test_modality_lut_sequence_matches_pydicom() -> None:
    ds = pydicom.dcmread(pydicom_file("MR_small.dcm"))
    frame = ds.pixel_array
    lo = int(frame.min())
    table = [int(v) for v in np.linspace(0, 4000, int(frame.max()) - lo + 1)]
    item = _lut_item(lo, table)
    item.ModalityLUTType = "OD"
    ds.ModalityLUTSequence = [item]
    pipe = DisplayPipeline.from_header(ds)
    np.testing.assert_allclose(pipe.modality(frame), apply_modality_lut(frame, ds))
    assert pipe.units == "OD"


def test_voi_lut_sequence_matches_pydicom() -> None:
    ds = pydicom.dcmread(pydicom_file("MR_small.dcm"))
    frame = ds.pixel_array
    del ds.WindowCenter, ds.WindowWidth
    entries = 2048
    curve = (np.sqrt(np.linspace(0, 1, entries)) * 4095).astype(int).tolist()
    ds.VOILUTSequence = [_lut_item(0, curve, 12)]
    pipe = DisplayPipeline.from_header(ds)
    assert pipe.use_voi_lut and pipe.active_window() is None
    ours = pipe.render(frame).astype(np.float64)
    theirs = apply_voi_lut(frame, ds).astype(np.float64) * 255.0 / 4095.0
    assert np.abs(ours - theirs).max() <= 0.5 + 1e-9


def test_palette_colour_matches_pydicom() -> None:
    source = ImageSource(pydicom_file("examples_palette.dcm"))
    frame = source.frame(0)
    pipe = DisplayPipeline.from_header(source.header)
    image = pipe.render(frame)
    assert image.shape == frame.shape + (3,) and image.dtype == np.uint8
    full = pydicom.dcmread(pydicom_file("examples_palette.dcm"))
    expected = (apply_color_lut(frame, full) >> 8).astype(np.uint8)
    np.testing.assert_array_equal(image, expected)


@pytest.mark.parametrize("name", ["SC_rgb_rle.dcm", "SC_rgb_rle_16bit.dcm", "SC_rgb_rle_32bit.dcm"])
def test_rgb_any_depth_to_8_bit(name: str) -> None:
    source = ImageSource(pydicom_file(name))
    image = DisplayPipeline.from_header(source.header, photometric=source.output_photometric).render(
        source.frame(0)
    )
    reference = ImageSource(pydicom_file("SC_rgb_rle.dcm")).frame(0)
    assert image.dtype == np.uint8 and image.shape == (100, 100, 3)
    assert np.abs(image.astype(int) - reference).max() <= 1


def test_window_change_rebuilds_lut_only() -> None:
    source = ImageSource(pydicom_file("MR_small.dcm"))
    frame = source.frame(0)
    pipe = DisplayPipeline.from_header(source.header)
    a = pipe.render(frame)
    pipe.window = Window(600, 400)
    b = pipe.render(frame)
    pipe.window = None
    np.testing.assert_array_equal(pipe.render(frame), a)
    assert not np.array_equal(a, b)
    assert frame.dtype == np.int16  # the cached frame never changed type


def test_enhanced_multiframe_per_frame_rescale_and_window() -> None:
    from pydicom.sequence import Sequence

    ds = Dataset()
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsStored = 12
    ds.PixelRepresentation = 0
    ds.Modality = "CT"
    frames = []
    for slope, intercept, centre in ((1.0, -1024.0, 40), (2.0, -2048.0, -600)):
        transform = Dataset()
        transform.RescaleSlope = slope
        transform.RescaleIntercept = intercept
        transform.RescaleType = "HU"
        voi = Dataset()
        voi.WindowCenter = centre
        voi.WindowWidth = 400
        item = Dataset()
        item.PixelValueTransformationSequence = Sequence([transform])
        item.FrameVOILUTSequence = Sequence([voi])
        frames.append(item)
    ds.PerFrameFunctionalGroupsSequence = Sequence(frames)
    stored = np.array([[1024, 1064]], dtype=np.uint16)
    first = DisplayPipeline.from_header(ds, 0)
    second = DisplayPipeline.from_header(ds, 1)
    np.testing.assert_array_equal(first.modality(stored), [[0.0, 40.0]])
    np.testing.assert_array_equal(second.modality(stored), [[0.0, 80.0]])
    assert first.windows[0].center == 40 and second.windows[0].center == -600
    assert first.units == "HU"


def test_render_file_and_thumbnail(phantom_dir: Path) -> None:
    from workstation.imaging.display import render_file, thumbnail

    image = render_file(phantom_dir / "I140", window=preset("bone"))
    assert image.shape == (512, 512) and image.dtype == np.uint8
    assert thumbnail(image, 128).shape == (128, 128)
    colour = render_file(pydicom_file("examples_ybr_color.dcm"), frame=29)
    assert colour.shape == (240, 320, 3) and colour.dtype == np.uint8
    palette = render_file(pydicom_file("examples_palette.dcm"))
    assert palette.shape == (350, 800, 3)
