"""UI tests drive the real widgets offscreen against a real server process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from sync.client.session import LoginService
from tests.support.server_process import start_server
from ui.app import AppController
from ui.i18n import LanguageManager
from ui.tasks import ImmediateTaskRunner
from workstation import options as opt

DEMO_PASSWORD = "Demo@2026"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@dataclass
class DemoServer:
    url: str
    accounts: list[dict]
    process: object

    def user_with_role(self, role: str) -> str:
        return next(a["username"] for a in self.accounts if role in a["roles"])

    def stop(self) -> None:
        self.process.stop()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("server"), demo=True)
    try:
        accounts = httpx.get(f"{server.url}/api/v1/demo/accounts", timeout=10).json()
        yield DemoServer(server.url, accounts, server)
    finally:
        server.stop()


@pytest.fixture
def desk(qtbot, tmp_path, qapp):
    """An application controller as `workstation` builds it, with tasks run inline."""
    controllers: list[AppController] = []

    def make(server_hint: str = "", language: str = "zh_CN") -> AppController:
        options = opt.Options(tmp_path / "options.json")
        options.set(opt.LANGUAGE, language)
        languages = LanguageManager.of(qapp)
        languages.apply(language)
        controller = AppController(qapp, options, languages,
                                   LoginService(data_dir=tmp_path / "data"),
                                   ImmediateTaskRunner(), server_hint=server_hint)
        controller.start()
        qtbot.addWidget(controller.login_dialog)
        controllers.append(controller)
        return controller

    yield make
    for controller in controllers:
        if controller.main_window is not None:
            controller.main_window.session.close()
            controller.main_window.close()
    LanguageManager.of(qapp).apply("zh_CN")


def log_in(controller: AppController, user: str, password: str = DEMO_PASSWORD) -> None:
    dialog = controller.login_dialog
    dialog.user.setText(user)
    dialog.password.setText(password)
    dialog.attempt_login()


def screenshot(widget, name: str) -> Path:
    """Keep a picture of what the user saw, for people reviewing the change."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    widget.grab().save(str(path))
    return path
