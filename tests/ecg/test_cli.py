"""The support CLI through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

MEASURE_KEYS = {"hr_bpm", "rr_ms", "pr_ms", "qrs_ms", "qt_ms", "qtc_bazett_ms",
                "qtc_fridericia_ms", "p_axis_deg", "qrs_axis_deg", "t_axis_deg"}


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workstation.ecg", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_inspect_json(files, repo_root):
    out = run("inspect", str(files["muse"]), "--json", cwd=repo_root)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["format"] == "muse" and data["sampling_rate_hz"] == 500
    assert data["duration_s"] == 10 and len(data["leads"]) == 12
    assert data["device_measurements"]["qrs_ms"] == 96
    assert set(data["measurements"]) == MEASURE_KEYS
    assert abs(data["measurements"]["hr_bpm"] - 48) <= 2
    assert data["critical_flags"] == []
    assert set(data["patient"]) >= {"name", "id", "sex", "birth_date"}


def test_inspect_json_reports_stemi(files, repo_root):
    data = json.loads(run("inspect", str(files["ptb"]), "--json", cwd=repo_root).stdout)
    assert [f["code"] for f in data["critical_flags"]] == ["STEMI"]


def test_beats_json_with_lead(files, repo_root):
    out = run("beats", str(files["dicom_mortara"]), "--lead", "II", "--json", cwd=repo_root)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["sampling_rate_hz"] == 1000 and data["lead"] == "II"
    assert len(data["beats"]) == 10 and data["beats"] == sorted(data["beats"])


@pytest.mark.parametrize("args, code, text", [
    (("inspect", "missing.scp", "--json"), 3, "missing.scp"),
    (("beats", "BROKEN", "--json"), 3, "BROKEN"),
    (("beats", "MUSE", "--lead", "V9", "--json"), 2, "V9"),
    (("frobnicate",), 2, "invalid choice"),
])
def test_bad_input_exits_non_zero(files, repo_root, tmp_path, args, code, text):
    broken = tmp_path / "broken.xml"
    broken.write_text("<RestingECG><Waveform>", encoding="utf-8")
    args = tuple(str(broken) if a == "BROKEN" else str(files["muse"]) if a == "MUSE" else a
                 for a in args)
    text = "broken.xml" if text == "BROKEN" else text
    out = run(*args, cwd=repo_root)
    assert out.returncode == code
    assert text in out.stderr
    assert out.stdout == ""


@pytest.mark.parametrize("key", ["wfdb100", "ptb", "test01", "aecg_min", "aecg", "scp", "muse",
                                 "sierra", "dicom", "dicom_mortara"])
def test_inspect_every_shared_file_in_process(files, key, capsys):
    from workstation.ecg.cli import main

    assert main(["inspect", str(files[key]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["measurements"]) == MEASURE_KEYS
    assert data["duration_s"] > 0 and data["leads"]


def test_plain_text_output(files, capsys):
    from workstation.ecg.cli import main

    assert main(["inspect", str(files["sierra"])]) == 0
    out = capsys.readouterr().out
    assert "format: sierra" in out and "危急值 STEMI" in out
    assert main(["beats", str(files["muse"])]) == 0
    assert len(capsys.readouterr().out.split()) == 8
