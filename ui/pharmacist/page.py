"""Pharmacist mode: the review queue across member institutions, comments, statistics."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.mode_page import ModePage
from ui.widgets.panels import Panel, make_table, set_headers
from workstation.roles import Mode


class PharmacistPage(ModePage):
    mode = Mode.PHARMACIST

    def __init__(self, roles, parent=None):
        super().__init__(roles, parent)
        self.institution_filter = QComboBox()
        self.institution_filter.setObjectName("institutionFilter")
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("categoryFilter")
        filters = QWidget()
        filter_row = QHBoxLayout(filters)
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.addWidget(self.institution_filter)
        filter_row.addWidget(self.category_filter)
        self.queue = make_table("reviewQueue", 5)
        self.queue_panel = Panel("reviewQueuePanel")
        self.queue_panel.layout().insertWidget(0, filters)
        self.queue_panel.layout().insertWidget(1, self.queue, 1)

        self.items = make_table("prescriptionItems", 6)
        self.findings = QListWidget()
        self.findings.setObjectName("findingsList")
        self.approve = QPushButton()
        self.approve.setObjectName("approveButton")
        self.give_back = QPushButton()
        self.give_back.setObjectName("returnButton")
        for button in (self.approve, self.give_back):
            button.setEnabled(False)  # enabled once a prescription is selected
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        self.context_panel = Panel("patientContextPanel")
        self.findings_panel = Panel("findingsPanel", self.findings)
        detail_layout.addWidget(self.context_panel)
        detail_layout.addWidget(self.items, 2)
        detail_layout.addWidget(self.findings_panel, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.give_back)
        buttons.addWidget(self.approve)
        detail_layout.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("pharmacistTabs")
        self.comments = make_table("commentsTable", 5)
        self.statistics = Panel("statisticsPanel")
        self.tabs.addTab(detail, "")
        self.tabs.addTab(self.comments, "")
        self.tabs.addTab(self.statistics, "")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.queue_panel)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        QHBoxLayout(self).addWidget(splitter)
        self.retranslate()

    def retranslate(self) -> None:
        self.queue_panel.set_texts(self.tr("Review queue"))
        for combo, first in ((self.institution_filter, self.tr("All institutions")),
                             (self.category_filter, self.tr("All finding categories"))):
            if combo.count() == 0:
                combo.addItem(first)
            else:
                combo.setItemText(0, first)
        set_headers(self.queue, [self.tr("Severity"), self.tr("Waiting"), self.tr("Institution"),
                                 self.tr("Doctor"), self.tr("Patient")])
        self.context_panel.set_texts(self.tr("Patient context"),
                                     self.tr("Select a prescription from the queue"))
        set_headers(self.items, [self.tr("Drug"), self.tr("Dose"), self.tr("Route"),
                                 self.tr("Frequency"), self.tr("Days"), self.tr("Quantity")])
        self.findings_panel.set_texts(self.tr("Pre-review findings"))
        self.approve.setText(self.tr("Approve"))
        self.give_back.setText(self.tr("Return to doctor"))
        self.tabs.setTabText(0, self.tr("Prescription review"))
        self.tabs.setTabText(1, self.tr("Prescription comments"))
        self.tabs.setTabText(2, self.tr("Statistics"))
        set_headers(self.comments, [self.tr("Sampled"), self.tr("Institution"), self.tr("Doctor"),
                                    self.tr("Comment code"), self.tr("Result")])
        self.statistics.set_texts(self.tr("Statistics"),
                                  self.tr("Review rate, intervention rate and rationality rate by "
                                          "institution, doctor and period"))
