"""Load the interface language: our own translations plus Qt's for standard dialogs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workstation.resources import resources_dir

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


class LanguageManager:
    """Swaps translators; Qt then sends LanguageChange so open widgets retranslate."""

    def __init__(self, app: QCoreApplication):
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> bool:
        """Install `language`; returns False when its compiled translation is missing."""
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        ok = True
        if language != "en":  # source strings are English
            ok = self._load(f"{language}", str(resources_dir() / "i18n"))
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._load(f"qt_{language}", qt_dir)
        QLocale.setDefault(QLocale(language))
        self.language = language
        return ok

    def _load(self, name: str, directory: str) -> bool:
        translator = QTranslator(self._app)
        if not translator.load(name, directory):
            log.warning("no translation %s in %s (run `make i18n`)", name, directory)
            return False
        self._app.installTranslator(translator)
        self._installed.append(translator)
        return True
