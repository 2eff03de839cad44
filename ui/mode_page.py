"""What every mode page has: the signed-in user and the mode it stands for."""

from __future__ import annotations

from ui.widgets.panels import Retranslatable
from workstation.roles import Mode, Role


class ModePage(Retranslatable):
    mode: Mode

    def __init__(self, roles: frozenset[Role], parent=None):
        super().__init__(parent)
        self.roles = roles
        self.setObjectName(f"{self.mode.value}Page")
