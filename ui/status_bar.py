"""The status bar: connectivity, server, user, institution, pending changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QStatusBar

from ui.messages import secrets_text


class DeskStatusBar(QStatusBar):
    def __init__(self, server_url: str, user, secrets_reason: str | None, parent=None):
        super().__init__(parent)
        self.setObjectName("deskStatusBar")
        self._server_url = server_url
        self._user = user
        self._online = False
        self._pending = 0
        self._secrets_reason = secrets_reason
        self._parked = 0
        self._last_sync = None
        self.connectivity = QLabel(objectName="connectivityLabel")
        self.server = QLabel(objectName="serverLabel")
        self.user_label = QLabel(objectName="userLabel")
        self.institution = QLabel(objectName="institutionLabel")
        self.pending = QLabel(objectName="pendingLabel")
        self.secrets = QLabel(objectName="secretsLabel")
        self.last_sync = QLabel(objectName="lastSyncLabel")
        self.parked = QLabel(objectName="parkedLabel")
        self.parked.setStyleSheet("color: #b00020;")
        for widget in (self.connectivity, self.server, self.user_label, self.institution,
                       self.pending, self.parked, self.last_sync):
            self.addPermanentWidget(widget)
        self.addWidget(self.secrets)
        self.retranslate()

    def set_online(self, online: bool) -> None:
        self._online = online
        self.retranslate()

    def set_pending(self, count: int) -> None:
        self._pending = count
        self.retranslate()

    def show_sync(self, status) -> None:
        """Everything the sync runner reports (a sync.client.engine SyncStatus)."""
        if status.online is not None:
            self._online = status.online
        self._pending = status.pending
        self._parked = len(status.parked)
        self._last_sync = status.last_success_at
        self.retranslate()

    @property
    def online(self) -> bool:
        return self._online

    def retranslate(self) -> None:
        if self._online:
            self.connectivity.setText("● " + self.tr("Online"))
            self.connectivity.setStyleSheet("color: #1b7f3b;")
        else:
            self.connectivity.setText("○ " + self.tr("Offline"))
            self.connectivity.setStyleSheet("color: #b35c00;")
        self.server.setText(self.tr("Server: {url}").format(url=self._server_url))
        title = f" ({self._user.title})" if self._user.title else ""
        self.user_label.setText(self.tr("User: {name}").format(name=self._user.display_name + title))
        self.institution.setText(self._institution_text())
        self.pending.setText(self.tr("Pending changes: {n}").format(n=self._pending))
        self.parked.setText(self.tr("Refused: {n}").format(n=self._parked) if self._parked else "")
        self.parked.setVisible(bool(self._parked))
        when = self._last_sync.astimezone().strftime("%H:%M") if self._last_sync else "—"
        self.last_sync.setText(self.tr("Last sync: {time}").format(time=when))
        if self._secrets_reason:
            self.secrets.setText(secrets_text(self._secrets_reason))
        else:
            self.secrets.clear()

    def _institution_text(self) -> str:
        inst = self._user.institution
        dept = self._user.department
        name = getattr(inst, "name", "")
        if dept is not None and getattr(dept, "name", ""):
            name = f"{name} · {dept.name}"
        return self.tr("Institution: {name}").format(name=name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
