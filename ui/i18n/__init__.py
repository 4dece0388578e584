"""Translations: English source strings, Qt .ts/.qm for zh_CN (default) and en (plurals)."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

HERE = Path(__file__).parent


class Language(enum.StrEnum):
    ZH_CN = "zh_CN"
    EN = "en"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translates a source string; all UI text shares one context so translators see it once.

    Same shape as Qt's tr() so lupdate finds plurals: tr("%n file(s)", None, count).
    """
    return QCoreApplication.translate("", text, disambiguation, n)


class Translations:
    """Holds the installed translator, so the language can change while the kiosk runs."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.language = Language.ZH_CN

    def install(self, language: Language) -> None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("no QCoreApplication")
        self.uninstall()
        translator = QTranslator(app)
        qm = HERE / f"sheyin_{language.value}.qm"
        if not translator.load(str(qm)):
            raise FileNotFoundError(qm)
        app.installTranslator(translator)
        self._translator = translator
        self.language = language
        QLocale.setDefault(QLocale(language.value))

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
            self._translator.deleteLater()
        self._translator = None
