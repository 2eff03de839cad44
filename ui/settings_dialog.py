"""Preferences the user may change: for now the interface language."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
)

from workstation import options as opt


class SettingsDialog(QDialog):
    def __init__(self, options: opt.Options, parent=None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._options = options
        self.language = QComboBox(objectName="settingsLanguage")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(options.get(opt.LANGUAGE))))
        self.language_label = QLabel()
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(objectName="settingsOk")
        self.cancel_button = QPushButton(objectName="settingsCancel")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.language_label, self.language)
        form.addRow(self.buttons)
        self.retranslate()

    def chosen_language(self) -> str:
        return self.language.currentData()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("Interface language"))
        self.ok_button.setText(self.tr("OK"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
