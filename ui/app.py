"""The desk client: `workstation --server URL`.

The controller owns the flow between windows (login → main window → login again after
logout); windows only show things and emit what the user asked for.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.i18n import LanguageManager
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.messages import cache_set_aside_text, local_data_title, ok_text
from ui.settings_dialog import SettingsDialog
from ui.tasks import TaskRunner
from workstation import __version__
from workstation import options as opt

log = logging.getLogger(__name__)


class DeferredLoginService:
    """The login stack (httpx, SQLAlchemy, Alembic) costs most of a second to import.

    It is imported on first use, and first use happens on a worker thread (the dialog's
    demo-account lookup, or the warm-up below), so the login window appears without waiting.
    """

    def __init__(self, factory: Callable[[], object] | None = None):
        self._factory = factory or _default_login_service
        self._service = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._service is not None

    def load(self):
        with self._lock:
            if self._service is None:
                self._service = self._factory()
            return self._service

    def __getattr__(self, name: str):
        return getattr(self.load(), name)


def _default_login_service():
    from sync.client.session import LoginService

    return LoginService()


def window_state_store() -> QSettings:
    """Widget geometry lives apart from preferences (see workstation.options)."""
    return QSettings(str(opt.config_dir() / "window-state.ini"), QSettings.Format.IniFormat)


class AppController(QObject):
    def __init__(self, app: QApplication, options: opt.Options, languages: LanguageManager,
                 service, runner: TaskRunner, server_hint: str = ""):
        super().__init__()
        self.app = app
        self.options = options
        self.languages = languages
        self.service = service
        self.runner = runner
        self.server_hint = server_hint
        self.login_dialog: LoginDialog | None = None
        self.main_window: MainWindow | None = None
        self.notice: QMessageBox | None = None

    def start(self) -> None:
        self.show_login()

    def show_login(self) -> None:
        # An address given on the command line (as `make run` does) wins over the remembered one.
        self.login_dialog = LoginDialog(self.service, self.runner, self.options, self.languages,
                                        server_hint=self.server_hint)
        self.login_dialog.sig_signed_in.connect(self.show_main)
        self.login_dialog.rejected.connect(self._login_cancelled)
        self.login_dialog.show()

    def _login_cancelled(self) -> None:
        if self.main_window is None:
            self.app.quit()

    def show_main(self, session) -> None:
        url = session.server_url

        def probe() -> bool:
            from sync.client.api import InvalidServerAddress, ServerUnreachable

            try:
                self.service.probe(url)
            except (ServerUnreachable, InvalidServerAddress):
                return False
            return True

        window = MainWindow(session, self.runner, probe, window_state_store(),
                            probe_interval_s=self.options.get(opt.CONNECTIVITY_PROBE_S),
                            initial_mode=self.options.get(opt.LAST_MODE))
        window.sig_logout_requested.connect(self.logout)
        window.sig_settings_requested.connect(self.open_settings)
        window.sig_mode_changed.connect(self._remember_mode)
        self.main_window = window
        window.show()
        if session.cache_notice is not None:
            self.notice = QMessageBox(QMessageBox.Icon.Warning, local_data_title(),
                                      cache_set_aside_text(str(session.cache_notice.kept_aside)),
                                      parent=window)
            self.notice.setObjectName("cacheNotice")
            self.notice.setStandardButtons(QMessageBox.StandardButton.NoButton)
            self.notice.addButton(ok_text(), QMessageBox.ButtonRole.AcceptRole)
            self.notice.open()

    def _remember_mode(self, mode: str) -> None:
        self.options.set(opt.LAST_MODE, mode)
        self.options.save()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.options, self.main_window)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.set_language(dialog.chosen_language())

    def set_language(self, language: str) -> None:
        self.languages.apply(language)
        self.options.set(opt.LANGUAGE, language)
        self.options.save()

    def logout(self) -> None:
        window = self.main_window
        if window is None:
            return
        session = window.session

        def back_to_login(_=None) -> None:
            self.main_window = None
            window.close()
            window.deleteLater()
            self.show_login()

        self.runner.run(session.logout, on_done=back_to_login, on_error=back_to_login)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="workstation", description="County consortium workstation")
    parser.add_argument("--server", default="", help="central server address to offer at login")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language for this run")
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("--startup-probe", metavar="FILE",
                        help="for benchmarks and bundle tests: once the login window is shown, "
                             "write FILE (JSON) and a screenshot next to it, then exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("county-workstation")
    app.setApplicationVersion(__version__)
    options = opt.Options()
    languages = LanguageManager.of(app)
    languages.apply(args.lang or options.get(opt.LANGUAGE))
    service = DeferredLoginService()
    runner = TaskRunner()
    controller = AppController(app, options, languages, service, runner, server_hint=args.server)
    controller.start()
    runner.run(service.load)  # warm up while the user types
    if args.startup_probe:
        write_startup_probe(controller, Path(args.startup_probe))
    return app.exec()


def write_startup_probe(controller: AppController, target: Path) -> None:
    """Record when the login window first appeared, with a screenshot, then quit."""

    def record() -> None:
        shown_at = time.time()
        try:
            dialog = controller.login_dialog
            shot = target.with_suffix(".png")
            target.parent.mkdir(parents=True, exist_ok=True)
            dialog.grab().save(str(shot))
            # Also prove the deferred login stack imports (it is what a bundle most often lacks).
            controller.runner.wait_idle(60_000)
            service = controller.service
            target.write_text(json.dumps({
                "shown_at": shown_at,
                "login_stack_loaded": bool(getattr(service, "loaded", True)),
                "window_title": dialog.windowTitle(),
                "visible": dialog.isVisible(),
                "screenshot": str(shot),
            }, ensure_ascii=False), encoding="utf-8")
        finally:
            controller.app.exit(0 if target.exists() else 1)

    # A zero timer fires once the event loop has processed the show and first paint.
    QTimer.singleShot(0, record)
