"""`python -m workstation.review check FILE.json --json` as a script would call it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.review.support import item, rx

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workstation.review", *args], cwd=ROOT, input=stdin,
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def _write(tmp_path: Path, data) -> str:
    p = tmp_path / "rx.json"
    p.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(p)


def test_check_json_output(tmp_path):
    f = _write(tmp_path, rx([item("左氧氟沙星", 0.5, "g")], sex="female", age_years=30, pregnant=True, diagnoses=["尿路感染"]))
    r = _run("check", f, "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["verdict"] == "block" and out["counts"]["critical"] == 1
    assert out["findings"][0]["category"] == "population" and out["findings"][0]["drugs"] == ["左氧氟沙星"]


def test_clean_prescription_passes_and_fail_on(tmp_path):
    f = _write(tmp_path, rx([item("氨氯地平", 5, "mg")]))
    r = _run("check", f, "--json", "--fail-on", "warning")
    assert r.returncode == 0 and json.loads(r.stdout)["verdict"] == "pass"
    bad = _write(tmp_path, rx([item("氨氯地平", 5, "mg", days=30)]))
    assert _run("check", bad, "--fail-on", "warning").returncode == 1


def test_text_output_and_cards(tmp_path):
    f = _write(tmp_path, rx([item("阿莫西林", 0.5, "g", frequency="tid")], allergies=["青霉素"], diagnoses=["咽炎"]))
    r = _run("check", f)
    assert r.returncode == 0 and "[严重] allergy" in r.stdout
    cards = json.loads(_run("check", f, "--cards").stdout)["cards"]
    assert cards[0]["indicator"] == "critical"


def test_unknown_drug_is_a_clear_error(tmp_path):
    f = _write(tmp_path, rx([item("不存在的药", 1, "mg")]))
    r = _run("check", f, "--json")
    assert r.returncode == 2 and "items[0].drug: unknown drug '不存在的药'" in r.stderr and r.stdout == ""


def test_bad_json_and_missing_file(tmp_path):
    r = _run("check", _write(tmp_path, '{"setting": '), "--json")
    assert r.returncode == 2 and "not valid JSON (line 1" in r.stderr
    r = _run("check", str(tmp_path / "nope.json"))
    assert r.returncode == 2 and "no such file" in r.stderr


def test_missing_field_from_stdin():
    r = _run("check", "-", "--json", stdin='{"setting": "outpatient", "prescriber": {"title_level": "primary"}}')
    assert r.returncode == 2 and "patient: missing" in r.stderr


def test_broken_knowledge_exits_3(tmp_path):
    r = _run("check", _write(tmp_path, rx([item("氨氯地平", 5, "mg")])), "--knowledge", str(tmp_path / "none"))
    assert r.returncode == 3 and "knowledge files" in r.stderr
