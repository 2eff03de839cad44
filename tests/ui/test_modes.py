"""Each role sees exactly the modes it may use; language switching updates open windows."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings

from tests.ui.conftest import log_in, screenshot
from ui.main_window import MainWindow
from ui.tasks import ImmediateTaskRunner
from workstation import options as opt
from workstation.roles import Mode, Role, modes_for

pytestmark = [pytest.mark.ui, pytest.mark.e2e]

EXPECTED = {
    "doctor": [Mode.DOCTOR],
    "ecg_reader": [Mode.DOCTOR],
    "imaging_reader": [Mode.DOCTOR],
    "ecg_technician": [Mode.TECHNICIAN],
    "imaging_technician": [Mode.TECHNICIAN],
    "pharmacist": [Mode.PHARMACIST],
    "admin": [Mode.ADMIN],
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_mode_switcher_offers_only_the_roles_modes(desk, demo_server, role):
    controller = desk(demo_server.url)
    log_in(controller, demo_server.user_with_role(role))
    window = controller.main_window
    assert list(window.pages) == EXPECTED[role]
    assert [a.text() for a in window.mode_bar.actions() if a.isCheckable()] == [
        {"doctor": "医生", "technician": "医技", "pharmacist": "药师", "admin": "管理"}[m.value]
        for m in EXPECTED[role]]
    page = window.stack.currentWidget()
    assert page.mode == EXPECTED[role][0]
    if role in ("ecg_reader", "imaging_reader"):
        assert page.work_tabs.tabText(0) == "判读队列"
    elif role == "doctor":
        assert page.work_tabs.tabText(0) == "患者360视图"
    screenshot(window, f"mode_{role}_zh")


def test_a_user_cannot_be_shown_a_mode_they_do_not_have(desk, demo_server):
    controller = desk(demo_server.url)
    log_in(controller, demo_server.user_with_role("pharmacist"))
    with pytest.raises(ValueError):
        controller.main_window.show_mode(Mode.DOCTOR)


def test_switching_between_modes_with_the_switcher(qtbot, tmp_path):
    """A user holding several roles moves between their modes with the switcher."""
    roles = frozenset({Role.DOCTOR, Role.ECG_TECHNICIAN, Role.PHARMACIST})
    user = SimpleNamespace(display_name="李明", title="主治医师", username="liming", roles=roles,
                           institution=SimpleNamespace(name="城关镇卫生院"), department=None)
    session = SimpleNamespace(server_url="http://127.0.0.1:1", user=user, online=False,
                              modes=modes_for(roles), secrets_persistent=True, secrets_reason=None,
                              cache_notice=None, pending_changes=lambda: 0)
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, ImmediateTaskRunner(), lambda: False, state)
    qtbot.addWidget(window)
    assert list(window.pages) == [Mode.DOCTOR, Mode.TECHNICIAN, Mode.PHARMACIST]
    window.mode_actions[Mode.PHARMACIST].trigger()
    assert window.current_mode == Mode.PHARMACIST
    assert window.stack.currentWidget().objectName() == "pharmacistPage"
    window.mode_actions[Mode.TECHNICIAN].trigger()
    assert window.current_mode == Mode.TECHNICIAN
    assert window.mode_actions[Mode.TECHNICIAN].isChecked()
    assert not window.mode_actions[Mode.DOCTOR].isChecked()
    window.check_connectivity()
    assert window.status.connectivity.text() == "○ 离线"


def test_language_switch_updates_the_open_window(desk, demo_server, qapp):
    controller = desk(demo_server.url)
    log_in(controller, demo_server.user_with_role("pharmacist"))
    window = controller.main_window
    page = window.stack.currentWidget()
    assert page.approve.text() == "审核通过"
    controller.set_language("en")
    assert page.approve.text() == "Approve"
    assert window.mode_actions[Mode.PHARMACIST].text() == "Pharmacist"
    assert window.status.connectivity.text() == "● Online"
    screenshot(window, "mode_pharmacist_en")
    controller.set_language("zh_CN")
    assert page.approve.text() == "审核通过"
    assert controller.options.get(opt.LANGUAGE) == "zh_CN"


def test_login_dialog_language_choice_is_remembered(desk, demo_server):
    controller = desk(demo_server.url)
    dialog = controller.login_dialog
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.login_button.text() == "Log in"
    assert opt.Options(controller.options.path).get(opt.LANGUAGE) == "en"
