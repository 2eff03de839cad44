"""Administration mode for the consortium administrator: users, institutions, identity queue."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ui.mode_page import ModePage
from ui.widgets.panels import make_table, set_headers
from workstation.roles import Mode


class AdminPage(ModePage):
    mode = Mode.ADMIN

    def __init__(self, roles, parent=None):
        super().__init__(roles, parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.users = make_table("usersTable", 5)
        self.institutions = QTreeWidget()
        self.institutions.setObjectName("institutionTree")
        self.merge_queue = make_table("identityQueue", 4)
        for widget in (self.users, self.institutions, self.merge_queue):
            self.tabs.addTab(widget, "")
        QVBoxLayout(self).addWidget(self.tabs)
        self.retranslate()

    def show_directory(self, institutions: list[dict]) -> None:
        """Fill the institution tree from the cached consortium directory."""
        self.institutions.clear()
        for inst in institutions:
            node = QTreeWidgetItem([inst.get("name", ""), inst.get("code", "")])
            for dept in inst.get("departments", []):
                node.addChild(QTreeWidgetItem([dept.get("name", ""), dept.get("code", "")]))
            self.institutions.addTopLevelItem(node)
        self.institutions.expandAll()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Users"))
        self.tabs.setTabText(1, self.tr("Institutions"))
        self.tabs.setTabText(2, self.tr("Identity merge queue"))
        set_headers(self.users, [self.tr("Name"), self.tr("User name"), self.tr("Institution"),
                                 self.tr("Roles"), self.tr("Locked until")])
        self.institutions.setHeaderLabels([self.tr("Name"), self.tr("Code")])
        set_headers(self.merge_queue, [self.tr("Patient"), self.tr("Field"),
                                       self.tr("Values"), self.tr("Raised")])
