"""Sync status for people: what waits to be sent, what the server refused, and why.

The runner lives on its own thread; its status reaches the UI through `SyncStatusBridge`
(a queued signal). Retrying or discarding a parked change writes to the cache, so it goes
through the TaskRunner, never on the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from ui.messages import entity_text, sync_advice_text, sync_reason_text, sync_state_text
from ui.tasks import TaskRunner
from ui.widgets.panels import make_table, set_headers


class SyncStatusBridge(QObject):
    sig_status = Signal(object)
    """A new SyncStatus from the runner thread, delivered on the UI thread."""

    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.runner = runner
        runner.add_listener(self.sig_status.emit)

    @property
    def status(self):
        return self.runner.status


def format_time(value) -> str:
    return value.astimezone().strftime("%H:%M:%S") if value is not None else "—"


class SyncPanel(QDialog):
    def __init__(self, bridge: SyncStatusBridge, tasks: TaskRunner, parent=None):
        super().__init__(parent)
        self.setObjectName("syncPanel")
        self.bridge = bridge
        self.tasks = tasks
        self.state = QLabel(objectName="syncState")
        self.state.setWordWrap(True)
        self.summary = QLabel(objectName="syncSummary")
        self.sync_button = QPushButton(objectName="syncNowButton")
        self.sync_button.clicked.connect(bridge.runner.sync_now)
        self.parked_label = QLabel(objectName="parkedLabel")
        self.parked = make_table("parkedTable", 5)
        self.parked.setWordWrap(True)
        header = self.parked.horizontalHeader()
        # The reason and the advice are what the user reads: they get the width, wrapped.
        for column in (0, 1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.retry_button = QPushButton(objectName="retryButton")
        self.discard_button = QPushButton(objectName="discardButton")
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.close_button = QPushButton(objectName="closeButton")
        self.close_button.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.sync_button)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.retry_button, self.discard_button, self.close_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.parked_label)
        layout.addWidget(self.parked, 1)
        layout.addLayout(actions)
        self.resize(860, 420)
        self._items: list = []
        bridge.sig_status.connect(self.show_status)
        self.retranslate()
        self.show_status(bridge.status)

    def show_status(self, status) -> None:
        self._status = status
        self.state.setText(sync_state_text(status.state))
        self.summary.setText(self.tr("Waiting to be sent: {pending}    Last successful sync: {time}")
                             .format(pending=status.pending,
                                     time=format_time(status.last_success_at)))
        self._items = list(status.parked)
        self.parked.setRowCount(len(self._items))
        for row, item in enumerate(self._items):
            cells = [entity_text(item.entity), str(item.id)[:8],
                     sync_reason_text(item.reason, item.params), sync_advice_text(item.reason),
                     str(item.attempts)]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.parked.setItem(row, column, cell)
        self.parked.resizeRowsToContents()
        has_items = bool(self._items)
        self.retry_button.setEnabled(has_items)
        self.discard_button.setEnabled(has_items)

    def _selected(self):
        row = self.parked.currentRow()
        if row < 0 and len(self._items) == 1:
            row = 0
        return self._items[row] if 0 <= row < len(self._items) else None

    def retry_selected(self) -> None:
        item = self._selected()
        if item is not None:
            self.tasks.run(lambda: self.bridge.runner.retry_parked(item.key))

    def discard_selected(self) -> None:
        item = self._selected()
        if item is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Discard change"),
                          self.tr("Discard this refused change? What was typed in it will not "
                                  "be sent to the server."), parent=self)
        confirm = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is confirm:
            self.tasks.run(lambda: self.bridge.runner.discard_parked(item.key))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sync"))
        self.sync_button.setText(self.tr("Sync now"))
        self.parked_label.setText(self.tr("Changes the server refused:"))
        set_headers(self.parked, [self.tr("Record"), self.tr("ID"), self.tr("Reason"),
                                  self.tr("What you can do"), self.tr("Attempts")])
        self.retry_button.setText(self.tr("Retry"))
        self.discard_button.setText(self.tr("Discard"))
        self.close_button.setText(self.tr("Close"))
        if hasattr(self, "_status"):
            self.show_status(self._status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
