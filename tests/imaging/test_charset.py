"""Chinese names: declared GB18030/GBK, and GBK/UTF-8 bytes under a Western or missing label.

The files are generated here with pydicom, the way a township modality writes them.
"""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest
from pydicom.dataset import FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from workstation.imaging.charset import fix_dataset_text, guess_text, has_cjk, read_text
from workstation.imaging.header import read_header
from workstation.imaging.scan import scan

NAME = "张三丰^李"
DESCRIPTION = "头颅平扫 CT"


def write_ct(path: Path, charset: str | None, name_bytes: bytes, desc_bytes: bytes) -> Path:
    """A tiny CT file whose PatientName/StudyDescription hold exactly *name_bytes*/*desc_bytes*."""
    ds = pydicom.Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    ds.file_meta.MediaStorageSOPInstanceUID = uid = generate_uid()
    if charset is not None:
        ds.SpecificCharacterSet = charset
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    ds.SOPInstanceUID = uid
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "CT"
    ds.PatientID = "P001"
    # Latin-1 maps every byte to one character and back, so pydicom writes these bytes
    # unchanged whatever Western label is declared: exactly what a mislabelling device does.
    ds.PatientName = name_bytes.decode("latin-1")
    ds.StudyDescription = desc_bytes.decode("latin-1")
    if charset in ("GB18030", "GBK", "ISO_IR 192"):
        codec = {"GB18030": "gb18030", "GBK": "gbk", "ISO_IR 192": "utf-8"}[charset]
        ds.PatientName = name_bytes.decode(codec)
        ds.StudyDescription = desc_bytes.decode(codec)
    ds.save_as(path, enforce_file_format=True)
    return path


@pytest.mark.parametrize(("charset", "codec"), [("GB18030", "gb18030"), ("GBK", "gbk"), ("ISO_IR 192", "utf-8")])
def test_declared_chinese_charsets_decode(tmp_path: Path, charset: str, codec: str) -> None:
    path = write_ct(tmp_path / "a.dcm", charset, NAME.encode(codec), DESCRIPTION.encode(codec))
    assert path.read_bytes().find(NAME.encode(codec)) > 0  # really those bytes on disk
    header = read_header(path)
    assert header.patient_name == NAME
    assert header.study_description == DESCRIPTION
    assert header.charset_fixed == []


@pytest.mark.parametrize("label", ["ISO_IR 100", None, "ISO_IR 6"])
def test_gbk_mislabelled_is_detected(tmp_path: Path, label: str | None) -> None:
    path = write_ct(tmp_path / "b.dcm", label, NAME.encode("gbk"), DESCRIPTION.encode("gbk"))
    # The premise: plain pydicom shows mojibake for this file.
    assert str(pydicom.dcmread(path).PatientName) != NAME
    header = read_header(path)
    assert header.patient_name == NAME
    assert header.study_description == DESCRIPTION
    assert set(header.charset_fixed) == {"PatientName", "StudyDescription"}


def test_utf8_without_label_is_detected(tmp_path: Path) -> None:
    path = write_ct(tmp_path / "c.dcm", None, NAME.encode("utf-8"), DESCRIPTION.encode("utf-8"))
    assert read_header(path).patient_name == NAME


def test_real_latin1_names_are_left_alone(tmp_path: Path) -> None:
    for name in ("Müller^Jürgen", "Hélène^Ñoño", "Ångström"):
        path = write_ct(tmp_path / "d.dcm", "ISO_IR 100", name.encode("latin-1"), b"Kopf")
        header = read_header(path)
        assert header.patient_name == name
        assert header.charset_fixed == []


def test_backslash_and_caret_inside_gbk_bytes() -> None:
    # 運 is E9 5C in Big5-like ranges; in GBK 0x5C/0x5E appear as trail bytes, e.g. 乗 81 5C.
    raw = "乗^王".encode("gbk")
    assert b"\\" in raw
    decoded = guess_text(raw, ["ISO_IR 100"])
    assert decoded.text == "乗^王"


def test_scan_groups_mislabelled_study_under_the_chinese_name(tmp_path: Path) -> None:
    write_ct(tmp_path / "1.dcm", "ISO_IR 100", NAME.encode("gbk"), DESCRIPTION.encode("gbk"))
    report = scan(tmp_path)
    (patient,) = report.catalog.patients.values()
    assert patient.name == NAME and has_cjk(patient.name)


def test_fix_dataset_rewrites_as_utf8(tmp_path: Path) -> None:
    path = write_ct(tmp_path / "e.dcm", "ISO_IR 100", NAME.encode("gbk"), DESCRIPTION.encode("gbk"))
    ds = pydicom.dcmread(path)
    fixed = fix_dataset_text(ds)
    assert set(fixed) == {"PatientName", "StudyDescription"}
    assert ds.SpecificCharacterSet == "ISO_IR 192"
    out = tmp_path / "fixed.dcm"
    ds.save_as(out)
    again = pydicom.dcmread(out)
    assert str(again.PatientName) == NAME and again.StudyDescription == DESCRIPTION
    assert read_text(again, "PatientName").mislabelled is False


def _charset_files() -> list[Path]:
    folder = Path(pydicom.data.__file__).parent / "charset_files"
    # chrSQEncoding*.dcm keep their names inside a sequence: nothing to compare at the top.
    return sorted(p for p in folder.glob("chr*.dcm") if "PatientName" in pydicom.dcmread(p))


@pytest.mark.parametrize("path", _charset_files(), ids=lambda p: p.name)
def test_correctly_labelled_files_are_not_second_guessed(path: Path) -> None:
    # pydicom's charset samples (incl. chrX2: GB18030 王^小东; chrFren: ISO_IR 100 Jérôme).
    ds = pydicom.dcmread(path)
    ours = read_text(ds, "PatientName")
    assert ours is not None and ours.mislabelled is False
    assert ours.text == str(pydicom.dcmread(path).PatientName)


def test_real_gb18030_sample() -> None:
    path = Path(pydicom.data.__file__).parent / "charset_files" / "chrX2.dcm"
    assert read_text(pydicom.dcmread(path), "PatientName").text == "Wang^XiaoDong=王^小东"
