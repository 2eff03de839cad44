"""The PyInstaller bundle starts on its own and shows the login window (offscreen)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("WS_BUNDLE", REPO / "build" / "dist" / "workstation"))


@pytest.fixture(scope="module")
def bundle_executable() -> Path:
    exe = BUNDLE / "workstation"
    if not exe.exists():
        if os.environ.get("WS_REQUIRE_BUNDLE"):
            pytest.fail(f"no bundle at {BUNDLE}: `make installer` did not produce it")
        pytest.skip(f"no bundle at {BUNDLE}; `make installer-test` builds and tests it")
    return exe


def test_bundle_shows_login_window(bundle_executable, tmp_path):
    probe = tmp_path / "probe.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", WS_CONFIG_DIR=str(tmp_path / "cfg"),
               WS_DATA_DIR=str(tmp_path / "data"))
    # Run from an unrelated folder so nothing is found through the checkout by accident.
    done = subprocess.run([str(bundle_executable), "--startup-probe", str(probe)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    shown = json.loads(probe.read_text(encoding="utf-8"))
    assert shown["visible"] is True
    assert shown["login_stack_loaded"] is True, done.stderr[-2000:]
    # The Chinese title proves the bundled translations were found and loaded.
    assert shown["window_title"] == "登录 — 县域医共体临床工作站"
    assert Path(shown["screenshot"]).stat().st_size > 1000
