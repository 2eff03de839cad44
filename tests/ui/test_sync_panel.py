"""The sync panel and status bar show what the runner reports, translated, and act on it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from sync.client.engine.core import ParkedItem
from sync.client.engine.runner import SyncStatus
from tests.ui.conftest import screenshot
from ui.i18n import LanguageManager
from ui.main_window import MainWindow
from ui.sync_panel import SyncPanel, SyncStatusBridge
from ui.tasks import ImmediateTaskRunner
from workstation.roles import Role, modes_for

pytestmark = pytest.mark.ui


class RunnerStandIn:
    """Publishes statuses like SyncRunner does (from its own thread) and records requests."""

    def __init__(self):
        self.status = SyncStatus(online=True, pending=3)
        self.listeners = []
        self.calls = []

    def add_listener(self, callback):
        self.listeners.append(callback)

    def publish_from_thread(self, status):
        self.status = status
        thread = threading.Thread(target=lambda: [cb(status) for cb in self.listeners])
        thread.start()
        thread.join()

    def sync_now(self):
        self.calls.append(("sync_now",))

    def retry_parked(self, key):
        self.calls.append(("retry", key))

    def discard_parked(self, key):
        self.calls.append(("discard", key))


def parked(key, reason):
    return ParkedItem(key=key, entity="prescription", id="6f1c2d3e-0000-4000-8000-000000000001",
                      op="upsert", reason=reason, params={}, data={}, changed=[], attempts=2)


@pytest.fixture
def window(qtbot, tmp_path, qapp):
    LanguageManager.of(qapp).apply("zh_CN")
    roles = frozenset({Role.DOCTOR})
    user = SimpleNamespace(display_name="王建国", title="主治医师", username="wangjianguo",
                           roles=roles, institution=SimpleNamespace(name="石桥镇卫生院"),
                           department=None)
    session = SimpleNamespace(server_url="http://127.0.0.1:1", user=user, online=True,
                              modes=modes_for(roles), secrets_persistent=True,
                              secrets_reason=None, cache_notice=None, pending_changes=lambda: 0)
    runner = RunnerStandIn()
    bridge = SyncStatusBridge(runner)
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    win = MainWindow(session, ImmediateTaskRunner(), lambda: True, state, sync_bridge=bridge)
    qtbot.addWidget(win)
    return win, runner


def test_status_bar_follows_the_runner(window, qtbot):
    win, runner = window
    assert win.status.pending.text() == "待同步：3"
    when = datetime(2026, 11, 22, 3, 4, tzinfo=UTC)
    runner.publish_from_thread(SyncStatus(online=False, state="offline", pending=5,
                                          parked=(parked("k1", "not_owner"),),
                                          last_success_at=when))
    qtbot.waitUntil(lambda: win.status.pending.text() == "待同步：5")
    assert win.status.connectivity.text() == "○ 离线"
    assert win.status.parked.text() == "被拒：1"
    assert win.status.last_sync.text() == f"上次同步：{when.astimezone():%H:%M}"


def test_panel_lists_refusals_with_reason_and_advice_and_acts(window, qtbot, monkeypatch):
    win, runner = window
    runner.publish_from_thread(SyncStatus(online=True, state="idle", pending=0, parked=(
        parked("k1", "status_backwards"), parked("k2", "identity_conflict_queued"))))
    win.open_sync_panel()
    panel: SyncPanel = win.sync_panel
    qtbot.waitUntil(lambda: panel.parked.rowCount() == 2)
    assert panel.state.text() == "已是最新"
    assert panel.parked.item(0, 0).text() == "处方"
    assert panel.parked.item(0, 2).text() == "状态只能向前推进，不能回退。"
    assert panel.parked.item(1, 3).text() == "暂无需操作，该修改正等待管理员处理。"
    screenshot(panel, "sync_panel_zh")
    panel.sync_button.click()
    panel.parked.selectRow(1)
    panel.retry_button.click()
    # Discarding asks first; answering "keep" must not discard.
    monkeypatch.setattr(QMessageBox, "exec", lambda self: None)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: None)
    panel.discard_button.click()
    assert runner.calls == [("sync_now",), ("retry", "k2")]


def test_offline_state_is_explained(window, qtbot):
    win, runner = window
    win.open_sync_panel()
    runner.publish_from_thread(SyncStatus(online=False, state="offline", pending=2))
    qtbot.waitUntil(lambda: "离线" in win.sync_panel.state.text())
    assert win.sync_panel.summary.text().startswith("待发送：2")
    assert not win.sync_panel.retry_button.isEnabled()
