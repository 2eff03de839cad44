"""Building blocks shared by the mode pages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)


class Retranslatable(QWidget):
    """A widget whose texts are set in `retranslate()`, called again on language change."""

    def retranslate(self) -> None:  # pragma: no cover - every subclass provides it
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Panel(QGroupBox):
    """A named area of a mode page; the title is what users and tests look for."""

    def __init__(self, object_name: str, content: QWidget | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 12, 8, 8)
        self.empty_hint = QLabel(self)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        if content is not None:
            layout.addWidget(content, 1)
        layout.addWidget(self.empty_hint)

    def set_texts(self, title: str, empty_hint: str = "") -> None:
        self.setTitle(title)
        self.empty_hint.setText(empty_hint)
        self.empty_hint.setVisible(bool(empty_hint))


def make_table(object_name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(object_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def set_headers(table: QTableWidget, labels: list[str]) -> None:
    table.setHorizontalHeaderLabels(labels)
