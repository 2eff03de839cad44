"""The main window only assembles: a mode switcher, the mode pages, the status bar."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QToolBar

from ui.admin.page import AdminPage
from ui.doctor.page import DoctorPage
from ui.messages import mode_text
from ui.mode_page import ModePage
from ui.pharmacist.page import PharmacistPage
from ui.status_bar import DeskStatusBar
from ui.sync_panel import SyncPanel
from ui.tasks import TaskRunner
from ui.technician.page import TechnicianPage
from ui.widgets.upload_row import UploadRow
from workstation.roles import Mode

PAGES: dict[Mode, type[ModePage]] = {
    Mode.DOCTOR: DoctorPage,
    Mode.TECHNICIAN: TechnicianPage,
    Mode.PHARMACIST: PharmacistPage,
    Mode.ADMIN: AdminPage,
}


class MainWindow(QMainWindow):
    sig_logout_requested = Signal()
    """The user asked to log out; the controller ends the session and shows the login."""
    sig_settings_requested = Signal()
    """The user opened the settings dialog."""
    sig_mode_changed = Signal(str)
    """The visible mode changed (its value)."""

    def __init__(self, session, runner: TaskRunner, probe: Callable[[], bool],
                 window_state: QSettings, probe_interval_s: int = 30,
                 initial_mode: str = "", sync_bridge=None, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self._runner = runner
        self._probe = probe
        self._state = window_state
        self._probing = False
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.pages: dict[Mode, ModePage] = {}
        self.mode_actions: dict[Mode, QAction] = {}

        self.mode_bar = QToolBar(objectName="modeBar")
        self.mode_bar.setMovable(False)
        self.mode_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.mode_bar)
        group = QActionGroup(self)
        group.setExclusive(True)
        roles = session.user.roles
        for mode in session.modes:
            page = PAGES[mode](roles)
            self.pages[mode] = page
            self.stack.addWidget(page)
            action = QAction(self, checkable=True)
            action.setObjectName(f"modeAction_{mode.value}")
            action.triggered.connect(lambda _=False, m=mode: self.show_mode(m))
            group.addAction(action)
            self.mode_bar.addAction(action)
            self.mode_actions[mode] = action
        self.mode_bar.addSeparator()
        # Uploads hold a thread for minutes: their own pool, so they never starve the
        # short tasks (connectivity probe, sync actions) of the shared one.
        upload_pool = QThreadPool(self)
        upload_pool.setMaxThreadCount(3)
        self._upload_runner = TaskRunner(upload_pool)
        technician = self.pages.get(Mode.TECHNICIAN)
        if technician is not None:
            technician.sig_files_chosen.connect(self.start_uploads)
        self.sync_bridge = sync_bridge
        self.sync_panel = None
        self.sync_action = QAction(self, objectName="syncAction")
        self.sync_action.triggered.connect(self.open_sync_panel)
        self.sync_action.setEnabled(sync_bridge is not None)
        self.mode_bar.addAction(self.sync_action)
        self.settings_action = QAction(self, objectName="settingsAction")
        self.settings_action.triggered.connect(self.sig_settings_requested)
        self.logout_action = QAction(self, objectName="logoutAction")
        self.logout_action.triggered.connect(self._confirm_logout)
        self.mode_bar.addAction(self.settings_action)
        self.mode_bar.addAction(self.logout_action)

        self.status = DeskStatusBar(session.server_url, session.user,
                                    None if session.secrets_persistent else session.secrets_reason)
        self.setStatusBar(self.status)
        self.status.set_online(session.online)
        self.status.set_pending(session.pending_changes())
        if sync_bridge is not None:
            sync_bridge.sig_status.connect(self.status.show_sync)
            self.status.show_sync(sync_bridge.status)

        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(max(1, probe_interval_s) * 1000)
        self._probe_timer.timeout.connect(self.check_connectivity)
        self._probe_timer.start()

        first = Mode(initial_mode) if initial_mode in {m.value for m in self.pages} else None
        self.show_mode(first or next(iter(self.pages)))
        self.retranslate()
        self._restore_geometry()

    @property
    def current_mode(self) -> Mode:
        page = self.stack.currentWidget()
        return page.mode

    def show_mode(self, mode: Mode) -> None:
        if mode not in self.pages:
            raise ValueError(f"mode {mode} is not allowed for this user")
        self.stack.setCurrentWidget(self.pages[mode])
        self.mode_actions[mode].setChecked(True)
        self.sig_mode_changed.emit(mode.value)

    def start_uploads(self, paths: list) -> None:
        """Send files to the blob store, each in its own resumable, pausable row."""
        from sync.client.blobs import upload_file  # httpx: kept off the start-up path

        page = self.pages[Mode.TECHNICIAN]
        if self.session.api is None:
            self.status.showMessage(self.tr("Offline: uploads start when the server can be "
                                            "reached."), 10_000)
            return
        for path in paths:
            row = UploadRow(path, functools.partial(upload_file, self.session.api),
                            self._upload_runner)
            page.add_upload_row(row)
            row.start()

    def open_sync_panel(self) -> None:
        if self.sync_bridge is None:
            return
        if self.sync_panel is None:
            self.sync_panel = SyncPanel(self.sync_bridge, self._runner, self)
        self.sync_panel.show()
        self.sync_panel.raise_()

    def check_connectivity(self) -> None:
        """Ask the server whether it is reachable, off the UI thread."""
        if self._probing:
            return
        self._probing = True

        def done(online) -> None:
            self._probing = False
            self.status.set_online(bool(online))

        def failed(_exc) -> None:
            self._probing = False
            self.status.set_online(False)

        self._runner.run(self._probe, on_done=done, on_error=failed)

    def retranslate(self) -> None:
        user = self.session.user
        self.setWindowTitle(self.tr("County Consortium Workstation — {name}, {institution}").format(
            name=user.display_name, institution=user.institution.name))
        self.mode_bar.setWindowTitle(self.tr("Modes"))
        for mode, action in self.mode_actions.items():
            action.setText(mode_text(mode.value))
        self.sync_action.setText(self.tr("Sync"))
        self.settings_action.setText(self.tr("Settings"))
        self.logout_action.setText(self.tr("Log out"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _confirm_logout(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Log out"),
                          self.tr("Log out of the workstation?"), parent=self)
        confirm = box.addButton(self.tr("Log out"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(confirm)
        box.exec()
        if box.clickedButton() is confirm:
            self.sig_logout_requested.emit()

    def _restore_geometry(self) -> None:
        geometry = self._state.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self._state.value("main_window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._probe_timer.stop()
        self._state.setValue("main_window/geometry", self.saveGeometry())
        self._state.setValue("main_window/state", self.saveState())
        self._state.sync()
        super().closeEvent(event)
