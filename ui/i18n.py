"""Load the interface language: our own translations plus Qt's for standard dialogs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from workstation.resources import resources_dir

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


class LanguageManager:
    """Swaps translators; Qt then sends LanguageChange so open widgets retranslate.

    One per application (`LanguageManager.of(app)`): a second one could not remove the
    first one's translators.
    """

    _by_app: dict[int, LanguageManager] = {}

    @classmethod
    def of(cls, app: QCoreApplication) -> LanguageManager:
        key = id(app)
        if key not in cls._by_app:
            cls._by_app[key] = cls(app)
        return cls._by_app[key]

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
            if not ok:
                log.warning("no compiled %s translation in %s: run `make i18n`", language,
                            resources_dir() / "i18n")
            # PySide6-Essentials ships no qtbase catalogue, so this usually finds nothing;
            # our dialogs therefore word their own buttons instead of relying on Qt's.
            self._load(f"qtbase_{language}",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        QLocale.setDefault(QLocale(language))
        self.language = language
        # Qt posts LanguageChange; deliver it now so every open window is retranslated
        # before this call returns (and tests see the result without spinning the loop).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return ok

    def _load(self, name: str, directory: str) -> bool:
        translator = QTranslator(self._app)
        if not translator.load(name, directory):
            return False
        self._app.installTranslator(translator)
        self._installed.append(translator)
        return True
