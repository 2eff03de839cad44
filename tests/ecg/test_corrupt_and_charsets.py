"""Corrupt copies of the real files (made in tmp_path) and Chinese text in every encoding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom
import pytest

from workstation.ecg import EcgReadError, read_ecg


def _expect_error(path: Path, *codes: str) -> EcgReadError:
    with pytest.raises(EcgReadError) as info:
        read_ecg(path)
    err = info.value
    assert err.code in codes, str(err)
    assert path.name in str(err)  # names the file
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.message)  # Chinese text
    return err


def _copy(src: Path, tmp_path: Path, name: str | None = None) -> Path:
    dst = tmp_path / (name or src.name)
    shutil.copyfile(src, dst)
    return dst


def _truncate(path: Path, fraction: float) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])
    return path


@pytest.mark.parametrize("key", ["dicom", "scp", "muse", "sierra", "aecg"])
def test_truncated_files_are_rejected(files, tmp_path, key):
    path = _truncate(_copy(files[key], tmp_path), 0.6)
    _expect_error(path, "TRUNCATED", "BAD_XML", "BAD_HEADER", "BAD_DATA")


def test_truncated_wfdb_signal_file(files, tmp_path):
    for suffix in (".hea", ".dat"):
        _copy(files["ptb"].with_suffix(suffix), tmp_path)
    _truncate(tmp_path / "s0010_re.dat", 0.5)
    err = _expect_error(tmp_path / "s0010_re.hea", "TRUNCATED")
    assert "s0010_re.dat" in err.detail


def test_wfdb_missing_signal_file(files, tmp_path):
    _copy(files["test01"], tmp_path)
    _expect_error(tmp_path / "test01_00s.hea", "NOT_FOUND")


def test_scp_flipped_byte_fails_crc(files, tmp_path):
    path = _copy(files["scp"], tmp_path)
    data = bytearray(path.read_bytes())
    data[5000] ^= 0x5A
    path.write_bytes(bytes(data))
    _expect_error(path, "CHECKSUM")


def test_muse_flipped_waveform_byte_fails_lead_crc(files, tmp_path):
    text = files["muse"].read_text(encoding="latin-1")
    start = text.index("<WaveFormData>", text.index("Rhythm")) + len("<WaveFormData>") + 40
    swapped = "B" if text[start] != "B" else "C"
    path = tmp_path / "muse.xml"
    path.write_text(text[:start] + swapped + text[start + 1:], encoding="latin-1")
    _expect_error(path, "CHECKSUM")


def test_muse_wrong_base64(files, tmp_path):
    text = files["muse"].read_text(encoding="latin-1")
    start = text.index("<WaveFormData>") + len("<WaveFormData>") + 10
    path = tmp_path / "muse.xml"
    path.write_text(text[:start] + "!!*" + text[start:], encoding="latin-1")
    _expect_error(path, "BAD_BASE64")


def test_sierra_damaged_xli_stream(files, tmp_path):
    text = files["sierra"].read_text(encoding="utf-8")
    start = text.index('nbitspersample="16">') + len('nbitspersample="16">')
    # drop a block of base64 from the middle: chunk sizes no longer match the stream
    path = tmp_path / "sierra.xml"
    path.write_text(text[:start + 400] + text[start + 4400:], encoding="utf-8")
    _expect_error(path, "BAD_DATA", "BAD_BASE64")


def test_bad_xml(files, tmp_path):
    text = files["aecg"].read_text(encoding="utf-8").replace("</sequence>", "</sequense>", 1)
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    _expect_error(path, "BAD_XML")


def test_aecg_non_numeric_digits(files, tmp_path):
    text = files["aecg"].read_text(encoding="utf-8").replace("<digits>", "<digits>1 x ", 1)
    path = tmp_path / "digits.xml"
    path.write_text(text, encoding="utf-8")
    _expect_error(path, "BAD_DATA")


def test_dicom_waveform_data_cut(files, tmp_path):
    ds = pydicom.dcmread(files["dicom_mortara"])
    ds.WaveformSequence[0].WaveformData = ds.WaveformSequence[0].WaveformData[:1000]
    path = tmp_path / "cut.dcm"
    ds.save_as(path)
    _expect_error(path, "TRUNCATED")


def test_empty_unknown_and_missing(tmp_path):
    empty = tmp_path / "empty.scp"
    empty.write_bytes(b"")
    _expect_error(empty, "EMPTY")
    unknown = tmp_path / "photo.jpg"
    unknown.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    _expect_error(unknown, "UNKNOWN_FORMAT")
    _expect_error(tmp_path / "nothing.xml", "NOT_FOUND")


def test_a_ct_image_is_not_an_ecg(shared_data):
    _expect_error(shared_data / "dicom" / "ct-philips-phantom" / "I10", "NO_LEADS")


def test_csv_short_row(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("time,I,II\n0,0.1,0.2\n0.002,0.1\n", encoding="utf-8")
    _expect_error(path, "TRUNCATED")


# --- Chinese text -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "utf-16"])
def test_csv_chinese_name(tmp_path, encoding):
    path = tmp_path / "cn.csv"
    path.write_bytes("# name: 张三丰\n# sex: 男\n# sampling_rate: 500\nI,II\n0.1,0.2\n0.2,0.1\n"
                     .encode(encoding))
    rec = read_ecg(path)
    assert rec.patient.name == "张三丰" and rec.patient.sex == "M"


@pytest.mark.parametrize("declared, codec", [("UTF-8", "utf-8"), ("GB2312", "gb18030"),
                                             ("GBK", "gbk"), ("GB18030", "gb18030")])
def test_aecg_chinese_name(files, tmp_path, declared, codec):
    text = files["aecg"].read_text(encoding="utf-8").replace("<name>Clark</name>",
                                                             "<name>李四</name>", 1)
    path = tmp_path / "cn.xml"
    path.write_bytes(f'<?xml version="1.0" encoding="{declared}"?>\n{text}'.encode(codec))
    assert read_ecg(path).patient.name == "李四"


def test_dicom_gb18030_patient_name(files, tmp_path):
    ds = pydicom.dcmread(files["dicom_mortara"])
    ds.SpecificCharacterSet = "GB18030"
    ds.PatientName = "王^五"
    path = tmp_path / "cn.dcm"
    ds.save_as(path)
    raw = path.read_bytes()
    assert "王".encode("gb18030") in raw  # really stored as GB18030 bytes
    assert read_ecg(path).patient.name == "王 五"


def test_dicom_gb18030_without_specific_character_set(files, tmp_path):
    # some carts write GB18030 bytes and no (0008,0005); pydicom alone shows Latin-1 garbage
    ds = pydicom.dcmread(files["dicom_mortara"])
    del ds.SpecificCharacterSet
    ds.PatientName = "王^五".encode("gb18030")
    ds.WaveformAnnotationSequence[0].UnformattedTextValue = "窦性心律".encode("gb18030")
    path = tmp_path / "nocs.dcm"
    ds.save_as(path)
    rec = read_ecg(path)
    assert rec.patient.name == "王 五"
    assert rec.statements[0] == "窦性心律"


def test_muse_gb2312_statements_and_patient(files, tmp_path):
    text = files["muse"].read_text(encoding="latin-1").replace(
        'encoding="ISO-8859-1"', 'encoding="GB2312"')
    extra = ("<PatientDemographics><PatientID>A001</PatientID><PatientLastName>赵</PatientLastName>"
             "<PatientFirstName>六</PatientFirstName><Gender>FEMALE</Gender>"
             "<DateofBirth>03-04-1950</DateofBirth></PatientDemographics>"
             "<Diagnosis><DiagnosisStatement><StmtText>窦性心动过缓</StmtText>"
             "</DiagnosisStatement></Diagnosis>")
    text = text.replace("<RestingECGMeasurements>", extra + "<RestingECGMeasurements>", 1)
    path = tmp_path / "cn_muse.xml"
    path.write_bytes(text.encode("gb18030"))
    rec = read_ecg(path)
    assert rec.patient.name == "赵 六" and rec.patient.sex == "F"
    assert rec.patient.birth_date.isoformat() == "1950-03-04"
    assert rec.statements == ["窦性心动过缓"]
