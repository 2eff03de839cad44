"""Every transfer syntax in pydicom's shipped test files, against its uncompressed reference.

pydicom's naming pairs encodings of the same image (MR_small*, SC_rgb_small_odd*,
rtdose*, liver*); SC_rgb_rle is the RLE (lossless) copy of the colour bars that the
SC_rgb_jpeg*/jls*/gdcm files encode. Lossless pairs must match exactly; lossy ones
within a tolerance stated per pair. Reference arrays are decoded by plain pydicom
(no plugin) from the uncompressed file, independently of our code.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import DeflatedExplicitVRLittleEndian, RLELossless

from workstation.imaging.errors import ErrorCode, ImagingError
from workstation.imaging.pixels import ImageSource

from .conftest import pydicom_file


def reference(name: str) -> np.ndarray:
    ds = pydicom.dcmread(pydicom_file(name))
    ts = ds.file_meta.TransferSyntaxUID
    if ts == RLELossless:
        # SC_rgb_rle is the only uncompressed-equivalent of the colour bars that ships:
        # RLE is lossless and pydicom's pure-Python RLE decoder needs no plugin.
        ds.pixel_array_options(decoding_plugin="pydicom")
    else:
        assert not ts.is_compressed
    return ds.pixel_array


LOSSLESS = [
    ("MR_small.dcm", "MR_small_implicit.dcm"),  # Implicit VR Little Endian
    ("MR_small.dcm", "MR_small_bigendian.dcm"),  # Explicit VR Big Endian
    ("MR_small.dcm", "MR_small_expb.dcm"),  # Explicit VR Big Endian
    ("MR_small.dcm", "MR_small_padded.dcm"),
    ("MR_small.dcm", "MR_small_RLE.dcm"),  # RLE, signed 16-bit
    ("MR_small.dcm", "MR_small_jp2klossless.dcm"),  # JPEG 2000 lossless
    ("MR_small.dcm", "MR_small_jpeg_ls_lossless.dcm"),  # JPEG-LS lossless
    ("SC_rgb_small_odd.dcm", "SC_rgb_small_odd_big_endian.dcm"),
    ("rtdose.dcm", "rtdose_rle.dcm"),  # RLE 32-bit multi-frame
    ("rtdose.dcm", "rtdose_expb.dcm"),
    ("rtdose_1frame.dcm", "rtdose_rle_1frame.dcm"),
    ("rtdose_1frame.dcm", "rtdose_expb_1frame.dcm"),
    ("liver_1frame.dcm", "liver_expb_1frame.dcm"),  # 1-bit
    ("SC_rgb_rle.dcm", "SC_rgb_jpeg_gdcm.dcm"),  # JPEG lossless SV1, RGB
    ("SC_rgb_rle.dcm", "SC_rgb_gdcm_KY.dcm"),  # JPEG 2000 RGB
    ("SC_rgb_rle.dcm", "SC_rgb_rle_2frame.dcm"),
]

# (reference, compressed, max abs difference allowed, mean abs difference allowed)
LOSSY = [
    ("SC_rgb_small_odd.dcm", "SC_rgb_small_odd_jpeg.dcm", 8, 3.0),  # JPEG baseline YBR_FULL
    ("SC_rgb_rle.dcm", "SC_rgb_jpeg_dcmtk.dcm", 10, 2.0),
    ("SC_rgb_rle.dcm", "SC_rgb_dcmtk_+eb+cr.dcm", 10, 2.0),
    ("SC_rgb_rle.dcm", "SC_rgb_dcmtk_+eb+cy+n2.dcm", 10, 2.0),
    ("SC_rgb_rle.dcm", "SC_rgb_dcmtk_+eb+cy+s4.dcm", 10, 2.0),
    # 4:2:2 chroma subsampling smears the colour-bar edges: large max, small mean.
    ("SC_rgb_rle.dcm", "SC_rgb_dcmtk_+eb+cy+n1.dcm", 100, 4.0),
    ("SC_rgb_rle.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm", 100, 4.0),
    ("SC_rgb_rle.dcm", "SC_rgb_dcmtk_+eb+cy+s2.dcm", 100, 4.0),
    ("SC_rgb_rle.dcm", "SC_rgb_jpeg_lossy_gdcm.dcm", 100, 4.0),
    ("SC_rgb_rle.dcm", "SC_rgb_jls_lossy_line.dcm", 3, 1.0),  # JPEG-LS near-lossless
    ("SC_rgb_rle.dcm", "SC_rgb_jls_lossy_sample.dcm", 3, 1.0),
]


def _first(arr: np.ndarray, like: np.ndarray) -> np.ndarray:
    return arr[0] if arr.ndim == like.ndim + 1 else arr


@pytest.mark.parametrize(("ref", "name"), LOSSLESS, ids=[n for _, n in LOSSLESS])
def test_lossless_decode_matches_reference_exactly(ref: str, name: str) -> None:
    expected = reference(ref)
    source = ImageSource(pydicom_file(name))
    frames = np.stack(list(source.frames())) if source.frame_count > 1 else source.frame(0)
    got = frames if expected.ndim == frames.ndim else _first(frames, expected)
    assert got.dtype == expected.dtype.newbyteorder("=")  # stored integer type kept
    assert got.dtype.byteorder in ("=", "|")
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize(("ref", "name", "max_diff", "mean_diff"), LOSSY, ids=[n for _, n, *_ in LOSSY])
def test_lossy_decode_close_to_reference(ref: str, name: str, max_diff: int, mean_diff: float) -> None:
    expected = reference(ref).astype(np.int32)
    got = ImageSource(pydicom_file(name)).frame(0).astype(np.int32)
    assert got.shape == expected.shape
    diff = np.abs(got - expected)
    assert diff.max() <= max_diff
    assert diff.mean() <= mean_diff


def test_jpeg_lossless_mono_signed_roundtrip(tmp_path: Path) -> None:
    # No monochrome JPEG Lossless file ships with pydicom; GDCM (the encoder, not our
    # decoder path's first choice) makes one from MR_small, signed 16-bit.
    import gdcm  # a pinned dependency (docs/imaging.md), not optional
    for ts in (gdcm.TransferSyntax.JPEGLosslessProcess14_1, gdcm.TransferSyntax.JPEGLosslessProcess14):
        out = tmp_path / f"mr_{ts}.dcm"
        reader = gdcm.ImageReader()
        reader.SetFileName(str(pydicom_file("MR_small.dcm")))
        assert reader.Read()
        change = gdcm.ImageChangeTransferSyntax()
        change.SetTransferSyntax(gdcm.TransferSyntax(ts))
        change.SetInput(reader.GetImage())
        assert change.Change()
        writer = gdcm.ImageWriter()
        writer.SetFile(reader.GetFile())
        writer.SetImage(change.GetOutput())
        writer.SetFileName(str(out))
        assert writer.Write()
        source = ImageSource(out)
        assert source.transfer_syntax.is_compressed
        np.testing.assert_array_equal(source.frame(0), reference("MR_small.dcm"))


def test_jpeg_extended_12bit_decodes() -> None:
    # 12-bit JPEG Extended: GDCM's wheel and Pillow refuse it; imagecodecs (BSD) decodes it.
    # Known values are the ones pydicom's own test-suite checks for this file.
    for name in ("JPGExtended.dcm", "JPEG-lossy.dcm"):
        arr = ImageSource(pydicom_file(name)).frame(0)
        assert arr.shape == (1024, 256) and arr.dtype == np.uint16
        assert arr[420, 140] == 244 and arr[230, 120] == 95


def test_jpeg2000_lossy_matches_jpeg_extended_copy_of_same_image() -> None:
    # JPEG2000.dcm and JPGExtended.dcm are both lossy encodings of NEMA's NM1 image.
    j2k = ImageSource(pydicom_file("JPEG2000.dcm")).frame(0).astype(np.int32)
    jpg = ImageSource(pydicom_file("JPGExtended.dcm")).frame(0).astype(np.int32)
    assert np.abs(j2k - jpg).mean() < 6


def test_deflate_matches_reference(tmp_path: Path) -> None:
    ds = pydicom.dcmread(pydicom_file("MR_small.dcm"))
    out = tmp_path / "mr_deflate.dcm"
    ds.save_as(out, implicit_vr=False, little_endian=True, enforce_file_format=True)
    ds = pydicom.dcmread(out)
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    ds.save_as(out, enforce_file_format=True)
    source = ImageSource(out)
    assert source.transfer_syntax == DeflatedExplicitVRLittleEndian
    np.testing.assert_array_equal(source.frame(0), reference("MR_small.dcm"))
    # pydicom's own deflated file decodes too.
    dfl = ImageSource(pydicom_file("image_dfl.dcm")).frame(0)
    assert dfl.shape == (512, 512) and dfl.dtype == np.uint8


@pytest.mark.parametrize("name", ["rtdose.dcm", "examples_ybr_color.dcm", "SC_rgb_rle_16bit_2frame.dcm"])
def test_multiframe_frame_accessor_matches_whole_decode(name: str) -> None:
    source = ImageSource(pydicom_file(name))
    whole = pydicom.dcmread(pydicom_file(name)).pixel_array
    assert source.frame_count == whole.shape[0] > 1
    for i in (0, source.frame_count - 1):
        np.testing.assert_array_equal(source.frame(i), whole[i])
    with pytest.raises(IndexError):
        source.frame(source.frame_count)


def test_ybr_is_converted_to_rgb() -> None:
    source = ImageSource(pydicom_file("SC_ybr_full_422_uncompressed.dcm"))
    assert source.output_photometric == "RGB"
    rgb = source.frame(0).astype(np.int32)
    expected = reference("SC_rgb_rle.dcm").astype(np.int32)
    assert np.abs(rgb - expected).mean() < 3


def test_real_ct_slice_decodes(phantom_dir: Path) -> None:
    frame = ImageSource(phantom_dir / "I140").frame(0)
    assert frame.shape == (512, 512) and frame.dtype == np.uint16


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("MR_truncated.dcm", ErrorCode.TRUNCATED),
        ("JPEG2000-embedded-sequence-delimiter.dcm", ErrorCode.DECODE_FAILED),
        ("SC_rgb_jpeg.dcm", ErrorCode.DECODE_FAILED),  # broken Basic Offset Table
    ],
)
def test_bad_pixel_data_gives_coded_error(name: str, code: ErrorCode) -> None:
    source = ImageSource(pydicom_file(name))
    with pytest.raises(ImagingError) as info:
        source.frame(0)
    assert info.value.code == code
    assert name in str(info.value) and info.value.message_zh in str(info.value)


def test_non_image_has_no_pixels() -> None:
    with pytest.raises(ImagingError) as info:
        ImageSource(pydicom_file("rtplan.dcm"))
    assert info.value.code == ErrorCode.NO_PIXELS


def test_corrupt_compressed_copy_in_tmp(tmp_path: Path) -> None:
    data = bytearray(pydicom_file("MR_small_jp2klossless.dcm").read_bytes())
    # Overwrite the middle of the codestream: structure intact, content garbage.
    mid = len(data) - 1200
    data[mid : mid + 400] = b"\xff" * 400
    bad = tmp_path / "garbled_j2k.dcm"
    bad.write_bytes(bytes(data))
    source = ImageSource(bad)
    try:
        arr = source.frame(0)
    except ImagingError as exc:
        assert exc.code in (ErrorCode.DECODE_FAILED, ErrorCode.TRUNCATED)
        assert str(bad) in str(exc)
    else:  # a tolerant decoder may return pixels; they must not equal the original
        assert not np.array_equal(arr, reference("MR_small.dcm"))


def test_every_compressed_syntax_has_a_permissive_decoder_installed() -> None:
    # Fails on a desk built without the pinned plugins (see docs/imaging.md).
    from workstation.imaging.pixels import decoder_status

    missing = {v["name"]: v["plugins"] for v in decoder_status().values() if not v["available"]}
    assert missing == {}
    assert "imagecodecs (fallback)" in decoder_status()["1.2.840.10008.1.2.4.51"]["plugins"]
