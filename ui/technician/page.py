"""Technician mode: the worklist routed here, acquisition and viewing, uploads, slots."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTabWidget

from ui.mode_page import ModePage
from ui.widgets.panels import Panel, make_table, set_headers
from workstation.roles import Mode, Role


class TechnicianPage(ModePage):
    mode = Mode.TECHNICIAN

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
        self.uploads = make_table("uploadQueue", 4)
        self.uploads_panel = Panel("uploadPanel", self.uploads)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.worklist_panel)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.uploads_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        QHBoxLayout(self).addWidget(splitter)
        self.retranslate()

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
        set_headers(self.uploads, [self.tr("Study"), self.tr("Size"), self.tr("Progress"),
                                   self.tr("Status")])
