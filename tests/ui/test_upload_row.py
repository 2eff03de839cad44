"""Upload a file to a real server through the widget: progress, pause, resume, cancel."""

from __future__ import annotations

import functools
import hashlib
import os

import pytest

from sync.client.blobs import blob_exists, upload_file
from sync.client.session import LoginService
from tests.support.server_process import start_server
from tests.ui.conftest import screenshot
from ui.i18n import LanguageManager
from ui.tasks import TaskRunner
from ui.widgets.upload_row import UploadRow, human_duration, human_size

pytestmark = [pytest.mark.ui, pytest.mark.e2e]


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory):
    home = tmp_path_factory.mktemp("desk")
    with start_server(tmp_path_factory.mktemp("srv"), demo=True) as server:
        import httpx

        accounts = httpx.get(f"{server.url}/api/v1/demo/accounts", timeout=10).json()
        tech = next(a["username"] for a in accounts if "ecg_technician" in a["roles"])
        session = LoginService(data_dir=home).login(server.url, tech, "Demo@2026")
        yield session
        session.close()


@pytest.fixture
def big_file(tmp_path):
    path = tmp_path / "holter.dat"
    path.write_bytes(os.urandom(48 << 20))
    return path


def test_pause_then_resume_finishes_with_the_exact_bytes(qtbot, qapp, signed_in, big_file):
    LanguageManager.of(qapp).apply("zh_CN")
    upload = functools.partial(upload_file, signed_in.api, chunk_size=1 << 20)
    row = UploadRow(big_file, upload, TaskRunner())
    qtbot.addWidget(row)
    row.start()
    row.toggle_pause()
    assert row.state == "paused"
    assert row.detail.text().startswith("已暂停")
    screenshot(row, "upload_row_paused_zh")
    assert row.pause_button.text() == "继续"
    qtbot.wait(500)
    assert row.bar.value() < 1000  # paused: not finished
    with qtbot.waitSignal(row.sig_finished, timeout=120_000) as finished:
        row.toggle_pause()
    digest = hashlib.sha256(big_file.read_bytes()).hexdigest()
    assert finished.args[0].sha256 == digest
    assert blob_exists(signed_in.api, digest) == big_file.stat().st_size
    assert row.detail.text() == "已上传，服务器已校验"
    assert not row.cancel_button.isEnabled()


def test_cancel_then_resume_continues(qtbot, qapp, signed_in, tmp_path):
    LanguageManager.of(qapp).apply("zh_CN")
    path = tmp_path / "study.bin"
    path.write_bytes(os.urandom(24 << 20))
    upload = functools.partial(upload_file, signed_in.api, chunk_size=1 << 20)
    row = UploadRow(path, upload, TaskRunner())
    qtbot.addWidget(row)
    row.start()
    row.toggle_pause()
    with qtbot.waitSignal(row.sig_failed, timeout=60_000):
        row.cancel()
    assert row.state == "cancelled"
    assert row.pause_button.isEnabled()
    with qtbot.waitSignal(row.sig_finished, timeout=120_000):
        row.toggle_pause()  # "继续" after a cancel resumes from the server's offset
    assert blob_exists(signed_in.api, hashlib.sha256(path.read_bytes()).hexdigest())


def test_sizes_and_durations_read_naturally():
    assert human_size(512) == "512 B"
    assert human_size(3 * 1024 * 1024) == "3.0 MB"
    assert human_duration(None) == "—"
    assert human_duration(75) == "1:15"
    assert human_duration(3725) == "1:02:05"


def test_technician_chooses_files_and_they_upload(qtbot, qapp, tmp_path, signed_in):
    """The technician mode's upload queue, as wired in the main window."""
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow
    from workstation.roles import Mode

    LanguageManager.of(qapp).apply("zh_CN")
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    window = MainWindow(signed_in, TaskRunner(), lambda: True, state)
    qtbot.addWidget(window)
    page = window.pages[Mode.TECHNICIAN]
    assert page.add_upload_button.text() == "选择文件上传…"
    files = []
    for i in range(2):
        files.append(tmp_path / f"ecg{i}.xml")
        files[-1].write_bytes(os.urandom(3 << 20))
    page.sig_files_chosen.emit(files)
    rows = page.upload_row_widgets()
    assert [r.path for r in rows] == files
    qtbot.waitUntil(lambda: all(r.state == "done" for r in rows), timeout=60_000)
    screenshot(window, "technician_uploads_zh")
    for f in files:
        assert blob_exists(signed_in.api, hashlib.sha256(f.read_bytes()).hexdigest())
