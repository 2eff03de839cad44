"""Doctor mode: patients, orders, prescriptions, referrals, and the report inbox.

Reading physicians (county ECG and imaging centres) work here too, with a reading queue
as their first tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QSplitter, QTabWidget

from ui.mode_page import ModePage
from ui.widgets.panels import Panel, make_table, set_headers
from workstation.roles import READING_ROLES, Mode


class DoctorPage(ModePage):
    mode = Mode.DOCTOR

    def __init__(self, roles, parent=None):
        super().__init__(roles, parent)
        self.search = QLineEdit()
        self.search.setObjectName("patientSearch")
        self.search.setClearButtonEnabled(True)
        self.patient_list = QListWidget()
        self.patient_list.setObjectName("patientList")
        self.patients_panel = Panel("patientsPanel")
        self.patients_panel.layout().insertWidget(0, self.search)
        self.patients_panel.layout().insertWidget(1, self.patient_list, 1)

        self.work_tabs = QTabWidget()
        self.work_tabs.setObjectName("doctorWorkTabs")
        self.reading_queue = make_table("readingQueue", 5) if roles & READING_ROLES else None
        if self.reading_queue is not None:
            self.work_tabs.addTab(self.reading_queue, "")
        self.timeline = Panel("patient360Panel")
        self.orders = make_table("ordersTable", 5)
        self.prescriptions = make_table("prescriptionsTable", 4)
        self.referrals = make_table("referralsTable", 5)
        for widget in (self.timeline, self.orders, self.prescriptions, self.referrals):
            self.work_tabs.addTab(widget, "")

        self.inbox_tabs = QTabWidget()
        self.inbox_tabs.setObjectName("reportInboxViews")
        self.inbox_views = [make_table(f"inboxView{i}", 4) for i in range(3)]
        for view in self.inbox_views:
            self.inbox_tabs.addTab(view, "")
        self.inbox_panel = Panel("reportInboxPanel", self.inbox_tabs)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.patients_panel)
        splitter.addWidget(self.work_tabs)
        splitter.addWidget(self.inbox_panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 4)
        # The inbox's three view names must stay readable at the default width.
        splitter.setSizes([260, 600, 480])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate()

    def retranslate(self) -> None:
        self.patients_panel.set_texts(self.tr("Patients"), self.tr("No patient selected"))
        self.search.setPlaceholderText(self.tr("Name, pinyin, ID number, phone"))
        tab = 0
        if self.reading_queue is not None:
            self.work_tabs.setTabText(tab, self.tr("Reading queue"))
            set_headers(self.reading_queue, [self.tr("Urgency"), self.tr("Patient"),
                                             self.tr("Exam"), self.tr("From"), self.tr("Waiting")])
            tab += 1
        self.timeline.set_texts(self.tr("Patient 360"),
                                self.tr("Select a patient to see their history across the consortium"))
        for offset, text in enumerate((self.tr("Patient 360"), self.tr("Exam orders"),
                                       self.tr("Prescriptions"), self.tr("Referrals"))):
            self.work_tabs.setTabText(tab + offset, text)
        set_headers(self.orders, [self.tr("Ordered"), self.tr("Exam"), self.tr("Executed at"),
                                  self.tr("Slot"), self.tr("Status")])
        set_headers(self.prescriptions, [self.tr("Written"), self.tr("Drugs"),
                                         self.tr("Review"), self.tr("Status")])
        set_headers(self.referrals, [self.tr("Date"), self.tr("Direction"), self.tr("To"),
                                     self.tr("Reason"), self.tr("Status")])
        self.inbox_panel.set_texts(self.tr("Report inbox"))
        for i, text in enumerate((self.tr("Ordered here, done here"),
                                  self.tr("Ordered here, done elsewhere"),
                                  self.tr("Ordered elsewhere, done here"))):
            self.inbox_tabs.setTabText(i, text)
            set_headers(self.inbox_views[i], [self.tr("Reported"), self.tr("Patient"),
                                              self.tr("Exam"), self.tr("Result")])
