"""Logging in as a user would: online, offline, and every way it can go wrong."""

from __future__ import annotations

import sqlite3

import httpx
import pytest

from tests.support.server_process import start_server
from tests.ui.conftest import DEMO_PASSWORD, log_in, screenshot

pytestmark = [pytest.mark.ui, pytest.mark.e2e]


def _doctor(url: str) -> str:
    accounts = httpx.get(f"{url}/api/v1/demo/accounts", timeout=10).json()
    return next(a["username"] for a in accounts if "doctor" in a["roles"])


def test_online_login_opens_main_window(desk, demo_server):
    controller = desk(demo_server.url)
    dialog = controller.login_dialog
    assert dialog.server.text() == demo_server.url
    assert dialog.windowTitle() == "登录 — 县域医共体临床工作站"
    log_in(controller, demo_server.user_with_role("doctor"))
    window = controller.main_window
    assert window is not None and window.isVisible()
    assert window.status.connectivity.text() == "● 在线"
    assert window.session.online
    assert window.status.pending.text() == "待同步：0"
    screenshot(window, "main_window_doctor_zh")


def test_demo_accounts_are_offered_by_a_demo_server(desk, demo_server, qtbot):
    controller = desk(demo_server.url)
    dialog = controller.login_dialog
    dialog.look_for_demo_accounts()
    assert dialog.demo_list.topLevelItemCount() == len(demo_server.accounts)
    assert dialog.demo_list.headerItem().text(0) == "用户名"
    screenshot(dialog, "login_dialog_demo_zh")
    dialog.demo_list.itemClicked.emit(dialog.demo_list.topLevelItem(0), 0)
    assert dialog.user.text() == demo_server.accounts[0]["username"]
    assert dialog.password.text() == DEMO_PASSWORD


def test_no_demo_accounts_without_demo_flag(desk, tmp_path):
    with start_server(tmp_path / "plain", demo=False) as server:
        controller = desk(server.url)
        controller.login_dialog.look_for_demo_accounts()
        assert controller.login_dialog.demo_list.topLevelItemCount() == 0
        assert not controller.login_dialog.demo_list.isVisibleTo(controller.login_dialog)


def test_wrong_password_says_so_and_keeps_what_was_typed(desk, demo_server):
    controller = desk(demo_server.url)
    user = demo_server.user_with_role("pharmacist")
    log_in(controller, user, "not-the-password")
    dialog = controller.login_dialog
    assert controller.main_window is None
    assert dialog.message.text() == "用户名或密码错误。"
    assert dialog.user.text() == user and dialog.server.text() == demo_server.url
    assert dialog.login_button.isEnabled()


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(desk, demo_server):
    controller = desk(demo_server.url)
    log_in(controller, "nobody-here")
    assert controller.login_dialog.message.text() == "用户名或密码错误。"


def test_malformed_server_address(desk):
    controller = desk("http://:99999/")
    log_in(controller, "anyone")
    assert controller.login_dialog.message.text().startswith("服务器地址无效")


def test_server_down_and_never_logged_in_here(desk, tmp_path):
    with start_server(tmp_path / "gone", demo=True) as server:
        url = server.url
    controller = desk(url)
    log_in(controller, "nobody-logged-in-here")
    assert controller.login_dialog.message.text().startswith("无法连接服务器，且该用户从未在本机联网登录过")


def test_offline_login_after_one_online_login(desk, tmp_path):
    with start_server(tmp_path / "srv", demo=True) as server:
        url = server.url
        first = desk(url)
        user = _doctor(server.url)
        log_in(first, user)
        assert first.main_window is not None
        first.main_window.session.close()
        first.main_window.close()
    # The server is gone now: the same desk logs the same user in offline.
    second = desk(url)
    log_in(second, user, "wrong-password")
    assert second.main_window is None
    assert second.login_dialog.message.text().startswith("无法连接服务器，且密码与")
    log_in(second, user)
    window = second.main_window
    assert window is not None and not window.session.online
    assert window.status.connectivity.text() == "○ 离线"
    screenshot(window, "main_window_offline_zh")


def test_locked_account_says_until_when(desk, demo_server):
    controller = desk(demo_server.url)
    user = demo_server.user_with_role("imaging_technician")
    for _ in range(5):
        log_in(controller, user, "wrong")
    log_in(controller, user)  # even the right password is refused while locked
    text = controller.login_dialog.message.text()
    assert text.startswith("多次登录失败，账户已被锁定。请于 ")
    assert controller.main_window is None


def test_corrupt_cache_is_set_aside_and_the_user_told(desk, tmp_path):
    with start_server(tmp_path / "srv", demo=True) as server:
        first = desk(server.url)
        user = _doctor(server.url)
        log_in(first, user)
        cache_path = first.main_window.session.cache.path
        first.main_window.session.close()
        first.main_window.close()
        cache_path.write_bytes(b"this is not a database" * 100)
        garbage = cache_path.read_bytes()
        second = desk(server.url)
        log_in(second, user)
        assert second.main_window is not None
        assert second.notice is not None and "已损坏" in second.notice.text()
        kept = second.main_window.session.cache_notice.kept_aside
        assert kept.read_bytes() == garbage  # nothing silently deleted
        with sqlite3.connect(cache_path) as db:  # and the new cache is a real database
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
