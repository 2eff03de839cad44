"""Header scan, grouping, DICOMDIR fallback and bad input never aborting a scan."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from workstation.imaging.errors import ErrorCode, ImagingError
from workstation.imaging.header import DicomDirHeader, InstanceHeader, read_header
from workstation.imaging.scan import CancelToken, scan

from .conftest import pydicom_file


def test_real_ct_phantom_groups_into_one_series_of_28(phantom_dir: Path) -> None:
    report = scan(phantom_dir)
    counts = report.catalog.counts()
    assert counts == {"patients": 1, "studies": 1, "series": 1, "instances": 28, "frames": 28}
    assert report.errors == []
    # DIRFILE (the Philips directory file) is skipped and counted, not fatal.
    skipped = {Path(p.source).name: p for p in report.skipped}
    assert "DIRFILE" in skipped
    assert skipped["DIRFILE"].code == ErrorCode.NOT_DICOM
    series = report.catalog.all_series()[0]
    assert series.modality == "CT"
    assert series.transfer_syntaxes == ["1.2.840.10008.1.2.1"]
    numbers = [h.instance_number for h in series.sorted_instances()]
    assert numbers == sorted(numbers)


def test_philips_dirfile_references_a_layout_that_is_not_there(phantom_dir: Path) -> None:
    # DIRFILE names S21570/S2010/I10 etc. but the slices sit flat in the folder:
    # the scan still finds all 28 and the check says what the directory got wrong.
    report = scan(phantom_dir / "DIRFILE")
    assert report.catalog.instance_count == 28
    (check,) = report.dicomdirs
    assert check.referenced == 28
    assert len(check.missing) == 28
    assert len(check.unreferenced) == 28
    assert not check.complete


def test_dicomdir_tree_complete_and_reported(dicomdir_tests: Path) -> None:
    report = scan(dicomdir_tests / "TINY_ALPHA" / "DICOMDIR")
    (check,) = report.dicomdirs
    assert check.referenced == 50 and check.complete
    assert report.catalog.instance_count == 50


@pytest.mark.parametrize(
    "name",
    ["DICOMDIR", "DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-reordered", "DICOMDIR-nooffset"],
)
def test_dicomdir_variants_are_read(dicomdir_tests: Path, name: str) -> None:
    header = read_header(dicomdir_tests / name)
    assert isinstance(header, DicomDirHeader)
    assert len(header.referenced) == 31
    assert all((dicomdir_tests / ref).exists() for ref in header.referenced)


def test_dicomdir_missing_files_fall_back_to_scan(tmp_path: Path, dicomdir_tests: Path) -> None:
    cd = tmp_path / "cd"
    shutil.copytree(dicomdir_tests, cd, ignore=shutil.ignore_patterns("TINY_ALPHA", "DICOMDIR-*"))
    removed = cd / "77654033" / "CR1" / "6154"
    removed.unlink()
    report = scan(cd / "DICOMDIR")
    (check,) = report.dicomdirs
    assert check.missing == [str(removed)]
    assert report.catalog.instance_count == 30  # everything still on the "CD"


def test_same_sop_instance_twice_is_kept_once(tmp_path: Path, phantom_dir: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(phantom_dir / "I10", tmp_path / sub / "I10")
    report = scan(tmp_path)
    assert report.catalog.instance_count == 1
    assert report.duplicates == 1


def test_zip_archive_members_are_scanned(tmp_path: Path, phantom_dir: Path) -> None:
    archive = tmp_path / "study.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(phantom_dir / "I10", "DICOM/I10")
        zf.write(phantom_dir / "I20", "DICOM/sub/I20")
        zf.writestr("readme.txt", "not an image")
    report = scan(archive)
    assert report.catalog.instance_count == 2
    assert [p.source.rsplit("!", 1)[1] for p in report.skipped] == ["readme.txt"]
    assert all("study.zip!" in h.source for s in report.catalog.all_series() for h in s.instances)


def _corrupt_set(tmp_path: Path, phantom_dir: Path) -> dict[str, Path]:
    good = (phantom_dir / "I10").read_bytes()
    j2k = pydicom_file("JPEG2000.dcm").read_bytes()
    files = {
        "truncated_pixels": good[: len(good) // 2],
        "truncated_header": good[:200],
        "empty": b"",
        "text": "患者姓名 not dicom at all\n".encode(),
        "garbage_after_preamble": b"\0" * 128 + b"DICM" + bytes(range(256)) * 4,
        "j2k_cut": j2k[: len(j2k) - 100],
        "bad.zip": b"PK\x03\x04" + b"\0" * 40,
    }
    out = {}
    for name, data in files.items():
        out[name] = tmp_path / name
        out[name].write_bytes(data)
    shutil.copy(phantom_dir / "I20", tmp_path / "good")
    shutil.copy(pydicom_file("MR_truncated.dcm"), tmp_path / "pydicom_MR_truncated")
    return out


def test_corrupt_files_get_clear_errors_and_never_abort(tmp_path: Path, phantom_dir: Path) -> None:
    _corrupt_set(tmp_path, phantom_dir)
    report = scan(tmp_path)
    assert report.catalog.instance_count == 1  # "good" survives among the wreckage
    by_name = {Path(p.source).name: p for p in report.errors + report.skipped}
    assert by_name["truncated_pixels"].code == ErrorCode.TRUNCATED
    assert "Pixel Data announces" in by_name["truncated_pixels"].detail
    assert by_name["pydicom_MR_truncated"].code == ErrorCode.TRUNCATED
    assert by_name["truncated_header"].code in (ErrorCode.TRUNCATED, ErrorCode.MALFORMED)
    assert by_name["j2k_cut"].code == ErrorCode.TRUNCATED
    assert by_name["empty"].code == ErrorCode.NOT_DICOM
    assert by_name["text"].code == ErrorCode.NOT_DICOM
    assert by_name["garbage_after_preamble"].code in (ErrorCode.MALFORMED, ErrorCode.TRUNCATED)
    for problem in report.errors + report.skipped:
        assert problem.message_zh  # a Chinese message for every one
        assert problem.detail


def test_imaging_error_names_file_and_problem(tmp_path: Path, phantom_dir: Path) -> None:
    cut = tmp_path / "slice.dcm"
    cut.write_bytes((phantom_dir / "I10").read_bytes()[:5000])
    with pytest.raises(ImagingError) as info:
        read_header(cut)
    message = str(info.value)
    assert str(cut) in message and "被截断" in message and "truncated" in message
    assert info.value.code == ErrorCode.TRUNCATED


def test_unusable_input_raises(tmp_path: Path) -> None:
    with pytest.raises(ImagingError) as info:
        scan(tmp_path / "nope")
    assert info.value.code == ErrorCode.NOT_FOUND


def test_header_fields_of_real_ct(phantom_dir: Path) -> None:
    header = read_header(phantom_dir / "I10")
    assert isinstance(header, InstanceHeader)
    assert (header.rows, header.columns, header.frames) == (512, 512, 1)
    assert header.has_pixels and header.modality == "CT"


def test_cancel_stops_between_files(phantom_dir: Path) -> None:
    token = CancelToken()
    seen = []

    def progress(p):
        seen.append(p.done)
        if p.done == 5:
            token.cancel()

    report = scan(phantom_dir, progress=progress, cancel=token)
    assert report.cancelled
    assert seen == [1, 2, 3, 4, 5]
    assert report.files_seen == 5


def test_cd_image_as_zip_with_dicomdir(tmp_path: Path, dicomdir_tests: Path) -> None:
    archive = tmp_path / "cd.zip"
    root = dicomdir_tests / "TINY_ALPHA"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                zf.write(path, "CD/" + path.relative_to(root).as_posix())
    report = scan(archive)
    (check,) = report.dicomdirs
    assert check.referenced == 50 and check.complete
    assert report.catalog.instance_count == 50


def test_oversized_zip_member_is_refused_not_loaded(tmp_path: Path, monkeypatch, phantom_dir: Path) -> None:
    from workstation.imaging import sources

    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(phantom_dir / "I10", "I10")
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1000)
    report = scan(archive)
    assert report.catalog.instance_count == 0
    assert [p.code for p in report.errors] == [ErrorCode.BAD_ARCHIVE]
    assert "over the limit" in report.errors[0].detail


@pytest.mark.parametrize(
    "name", ["MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small.dcm", "MR_small_RLE.dcm"]
)
def test_cut_pixel_data_detected_in_every_encoding(tmp_path: Path, name: str) -> None:
    data = pydicom_file(name).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[:-300])
    with pytest.raises(ImagingError) as info:
        read_header(cut)
    assert info.value.code == ErrorCode.TRUNCATED
    assert isinstance(read_header(pydicom_file(name)), InstanceHeader)  # the whole file is fine
