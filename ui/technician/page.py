"""Technician mode: the worklist routed here, acquisition and viewing, uploads, slots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.mode_page import ModePage
from ui.widgets.panels import Panel, make_table, set_headers
from workstation.roles import Mode, Role


class TechnicianPage(ModePage):
    mode = Mode.TECHNICIAN

    sig_files_chosen = Signal(list)
    """The technician chose files to send to the county centre (list of Path)."""

    def __init__(self, roles, parent=None):
        super().__init__(roles, parent)
        self.worklist = make_table("worklistTable", 5)
        self.worklist_panel = Panel("worklistPanel", self.worklist)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("technicianTabs")
        self.acquire = Panel("acquirePanel")
        self.slots = make_table("slotsTable", 5)
        self.tabs.addTab(self.acquire, "")
        self.tabs.addTab(self.slots, "")
        self.add_upload_button = QPushButton(objectName="addUploadButton")
        self.add_upload_button.clicked.connect(self.choose_files)
        self.upload_rows = QWidget(objectName="uploadQueue")
        self.upload_list = QVBoxLayout(self.upload_rows)
        self.upload_list.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.upload_rows)
        self.uploads_panel = Panel("uploadPanel")
        self.uploads_panel.layout().insertWidget(0, self.add_upload_button)
        self.uploads_panel.layout().insertWidget(1, scroll, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.worklist_panel)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.uploads_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 3)
        # Upload rows carry a file name, a bar and speed/time-left text: keep them readable.
        splitter.setSizes([380, 560, 360])
        QHBoxLayout(self).addWidget(splitter)
        self.retranslate()

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose files to upload"))
        if paths:
            self.sig_files_chosen.emit([Path(p) for p in paths])

    def add_upload_row(self, row: QWidget) -> None:
        self.upload_list.insertWidget(self.upload_list.count() - 1, row)

    def upload_row_widgets(self) -> list[QWidget]:
        return [self.upload_list.itemAt(i).widget() for i in range(self.upload_list.count() - 1)]

    def retranslate(self) -> None:
        self.worklist_panel.set_texts(self.tr("Worklist"))
        set_headers(self.worklist, [self.tr("Time"), self.tr("Patient"), self.tr("Exam"),
                                    self.tr("Ordered by"), self.tr("Status")])
        kinds = []
        if Role.ECG_TECHNICIAN in self.roles:
            kinds.append(self.tr("import an ECG from the cart"))
        if Role.IMAGING_TECHNICIAN in self.roles:
            kinds.append(self.tr("receive or import a DICOM study"))
        hint = self.tr("Select a worklist entry, then {what}.").format(what=self.tr(" or ").join(kinds)) if kinds else ""
        self.acquire.set_texts(self.tr("Acquire and view"), hint)
        self.tabs.setTabText(0, self.tr("Acquire and view"))
        self.tabs.setTabText(1, self.tr("Slots"))
        set_headers(self.slots, [self.tr("Date"), self.tr("Segment"), self.tr("Own quota"),
                                 self.tr("Others' quota"), self.tr("Booked")])
        self.uploads_panel.set_texts(self.tr("Upload queue"))
        self.add_upload_button.setText(self.tr("Choose files to upload…"))
