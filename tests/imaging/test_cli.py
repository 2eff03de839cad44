"""The inspect command, run as a real subprocess the way support staff and scripts run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import pydicom_file

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workstation.imaging", "inspect", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_inspect_real_ct_json(phantom_dir: Path) -> None:
    proc = run(str(phantom_dir), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["counts"] == {"patients": 1, "studies": 1, "series": 1, "instances": 28, "frames": 28}
    assert result["files_seen"] == 30
    assert [t["name"] for t in result["transfer_syntaxes"]] == ["Explicit VR Little Endian"]
    (series,) = result["patients"][0]["studies"][0]["series"]
    assert series["modality"] == "CT" and series["instance_count"] == 28
    assert series["decode"] == {"all_frames_ok": True, "frames_decoded": 28, "failures": []}
    assert any(s["source"].endswith("DIRFILE") for s in result["skipped"])
    assert result["dicomdirs"][0]["complete"] is False


def test_inspect_reports_which_series_fail_and_why(tmp_path: Path, phantom_dir: Path) -> None:
    shutil.copy(phantom_dir / "I10", tmp_path / "good.dcm")
    shutil.copy(pydicom_file("JPEG2000-embedded-sequence-delimiter.dcm"), tmp_path / "bad_j2k.dcm")
    shutil.copy(pydicom_file("MR_truncated.dcm"), tmp_path / "cut.dcm")
    proc = run(str(tmp_path), "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    series = [s for p in result["patients"] for st in p["studies"] for s in st["series"]]
    by_modality = {s["modality"]: s for s in series}
    assert by_modality["CT"]["decode"]["all_frames_ok"] is True
    bad = by_modality["NM"]["decode"]
    assert bad["all_frames_ok"] is False
    assert bad["failures"][0]["code"] == "decode_failed"
    assert bad["failures"][0]["message_zh"] == "图像解码失败"
    assert "bad_j2k.dcm" in bad["failures"][0]["source"]
    # The truncated file never reaches a series: it is a per-file error with its reason.
    (cut,) = [e for e in result["errors"] if e["source"].endswith("cut.dcm")]
    assert cut["code"] == "truncated" and "Pixel Data announces" in cut["detail"]
    assert run(str(tmp_path), "--strict").returncode == 1


def test_inspect_multiframe_and_transfer_syntaxes(tmp_path: Path) -> None:
    for name in ("rtdose_rle.dcm", "MR_small_jpeg_ls_lossless.dcm", "JPGExtended.dcm", "image_dfl.dcm"):
        shutil.copy(pydicom_file(name), tmp_path / name)
    result = json.loads(run(str(tmp_path), "--json").stdout)
    names = {t["name"] for t in result["transfer_syntaxes"]}
    assert names == {
        "RLE Lossless",
        "JPEG-LS Lossless Image Compression",
        "JPEG Extended (Process 2 and 4)",
        "Deflated Explicit VR Little Endian",
    }
    series = [s for p in result["patients"] for st in p["studies"] for s in st["series"]]
    assert all(s["decode"]["all_frames_ok"] for s in series)
    assert sum(s["decode"]["frames_decoded"] for s in series) == 15 + 1 + 1 + 1


def test_inspect_zip_and_text_output(tmp_path: Path, phantom_dir: Path) -> None:
    archive = tmp_path / "cd.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(phantom_dir / "I10", "DICOM/I10")
        zf.write(phantom_dir / "I20", "DICOM/I20")
    proc = run(str(archive))
    assert proc.returncode == 0, proc.stderr
    assert "图像 instances 2" in proc.stdout and "解码正常" in proc.stdout


def test_unusable_input_exits_non_zero_with_clear_message(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "missing"))
    assert proc.returncode == 2
    assert "路径不存在" in proc.stderr and "not_found" in proc.stderr and "missing" in proc.stderr

    (tmp_path / "notes.txt").write_text("no images here")
    proc = run(str(tmp_path), "--json")
    assert proc.returncode == 2
    error = json.loads(proc.stdout)["error"]
    assert error["code"] == "no_dicom_found" and error["message_zh"] == "未找到DICOM文件"
    assert "未找到DICOM文件" in proc.stderr

    (tmp_path / "empty.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    proc = run(str(tmp_path / "empty.zip"))
    assert proc.returncode == 2


def test_inspect_with_worker_processes_gives_the_same_answer(tmp_path: Path, phantom_dir: Path) -> None:
    for name in ("I10", "I20", "I30"):
        shutil.copy(phantom_dir / name, tmp_path / name)
    shutil.copy(pydicom_file("rtdose_rle.dcm"), tmp_path / "dose.dcm")
    shutil.copy(pydicom_file("JPEG2000-embedded-sequence-delimiter.dcm"), tmp_path / "bad_j2k.dcm")
    serial = json.loads(run(str(tmp_path), "--json").stdout)
    parallel = json.loads(run(str(tmp_path), "--json", "--workers", "2").stdout)

    def decode_part(result):
        return sorted(
            (s["series_uid"], json.dumps(s["decode"], sort_keys=True))
            for p in result["patients"]
            for st in p["studies"]
            for s in st["series"]
        )

    assert decode_part(serial) == decode_part(parallel)
    assert sum(json.loads(d)["frames_decoded"] for _, d in decode_part(parallel)) == 3 + 15
