"""One file on its way to the county: progress, speed, time left, pause/resume, cancel.

The upload itself (sync.client.blobs.upload_file) blocks a worker thread; its progress
callback runs there and reaches this widget through queued signals. Pause and cancel are
plain threading.Events the uploader checks between pieces.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.messages import error_text
from ui.tasks import TaskRunner


class _Relay(QObject):
    sig_progress = Signal(int, int, float, object)
    """sent, total, bytes per second, seconds left (None while unknown)."""


def human_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def human_duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class UploadRow(QWidget):
    sig_finished = Signal(object)
    """The server verified and stored the file; carries the upload result."""
    sig_failed = Signal(object)
    """The upload gave up or was cancelled; carries the exception."""

    def __init__(self, path: Path, upload: Callable[..., object], tasks: TaskRunner, parent=None):
        super().__init__(parent)
        self.setObjectName("uploadRow")
        self.path = Path(path)
        self._upload = upload
        self._tasks = tasks
        self.pause_event = threading.Event()
        self.cancel_event = threading.Event()
        self.state = "waiting"
        self._sent = self._total = 0
        self._speed = 0.0
        self._eta: float | None = None
        self._relay = _Relay(self)
        self._relay.sig_progress.connect(self._on_progress)

        self.name = QLabel(self.path.name, objectName="uploadName")
        self.bar = QProgressBar(objectName="uploadBar")
        self.bar.setRange(0, 1000)
        self.detail = QLabel(objectName="uploadDetail")
        self.pause_button = QPushButton(objectName="pauseButton")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton(objectName="cancelButton")
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.detail, 1)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.name)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.retranslate()

    def start(self) -> None:
        self.state = "uploading"
        self.cancel_event.clear()
        self.retranslate()
        self._tasks.run(
            lambda: self._upload(self.path, progress=self._relay.sig_progress.emit,
                                 pause=self.pause_event, cancel=self.cancel_event),
            on_done=self._on_done, on_error=self._on_error)

    def toggle_pause(self) -> None:
        if self.state == "uploading":
            self.pause_event.set()
            self.state = "paused"
        elif self.state == "paused":
            self.pause_event.clear()
            self.state = "uploading"
        elif self.state in ("failed", "cancelled"):
            self.pause_event.clear()
            self.start()  # the server remembers the offset: this resumes, it does not restart
            return
        self.retranslate()

    def cancel(self) -> None:
        if self.state in ("uploading", "paused"):
            self.cancel_event.set()
            self.pause_event.clear()

    def _on_progress(self, sent: int, total: int, speed: float, eta) -> None:
        self._sent, self._total, self._speed, self._eta = sent, total, speed, eta
        self.bar.setValue(int(1000 * sent / total) if total else 1000)
        self.retranslate()

    def _on_done(self, result) -> None:
        self.state = "done"
        self.bar.setValue(1000)
        self.retranslate()
        self.sig_finished.emit(result)

    def _on_error(self, exc: BaseException) -> None:
        self.state = "cancelled" if type(exc).__name__ == "UploadCancelled" else "failed"
        self._error = exc
        self.retranslate()
        self.sig_failed.emit(exc)

    def retranslate(self) -> None:
        progress = self.tr("{sent} of {total}").format(sent=human_size(self._sent),
                                                       total=human_size(self._total))
        if self.state == "uploading":
            text = self.tr("{progress} · {speed}/s · {left} left").format(
                progress=progress, speed=human_size(self._speed), left=human_duration(self._eta))
        elif self.state == "paused":
            text = self.tr("Paused at {progress}").format(progress=progress)
        elif self.state == "done":
            text = self.tr("Uploaded and verified by the server")
        elif self.state == "cancelled":
            text = self.tr("Cancelled at {progress}; resuming continues from there").format(
                progress=progress)
        elif self.state == "failed":
            exc = getattr(self, "_error", None)
            text = self.tr("Stopped: {reason}").format(
                reason=error_text(getattr(exc, "code", "server_unreachable"),
                                  getattr(exc, "params", {}), str(exc)))
        else:
            text = self.tr("Waiting")
        self.detail.setText(text)
        self.pause_button.setText(self.tr("Pause") if self.state == "uploading"
                                  else self.tr("Resume"))
        self.pause_button.setEnabled(self.state in ("uploading", "paused", "failed", "cancelled"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setEnabled(self.state in ("uploading", "paused"))
        for button in (self.pause_button, self.cancel_button):
            button.setVisible(self.state != "done")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
