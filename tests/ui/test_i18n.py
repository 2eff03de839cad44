"""Every visible string has a Chinese translation, and the compiled file is the current one."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "i18n" / "zh_CN.ts"


def _lupdate() -> Path:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    if not tool.exists():
        pytest.fail(f"{tool} missing: PySide6 tools are part of the pinned install")
    return tool


def test_every_ui_string_is_translated_to_chinese(tmp_path):
    copy = tmp_path / "zh_CN.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (REPO / "ui").rglob("*.py"))
    subprocess.run([str(_lupdate()), *sources, "-ts", str(copy), "-no-obsolete"],
                   check=True, capture_output=True)
    untranslated = [
        m.findtext("source")
        for m in ET.parse(copy).getroot().iter("message")
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")
    ]
    assert untranslated == [], "translate these in resources/i18n/zh_CN.ts (make lupdate)"


def test_placeholders_survive_translation():
    for message in ET.parse(TS).getroot().iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation") or ""
        for token in ("{url}", "{name}", "{n}", "{time}", "{path}", "{status}", "{code}",
                      "{error}", "{what}", "{institution}", "{username}", "{password}"):
            assert (token in source) == (token in translation), (source, translation)
