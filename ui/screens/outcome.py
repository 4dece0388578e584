"""How a service ended badly: the error screen, with the logged code shown small."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from ui.i18n import tr
from ui.i18n.texts import error_text
from ui.screens.base import Screen
from ui.widgets.basics import button, label


class ErrorScreen(Screen):
    def __init__(self, code: str, on_home: Callable[[], None]) -> None:
        text = error_text(code)
        super().__init__(f"{text.title}. {text.advice}")
        self.code = code
        self.column.addStretch()
        mark = label("!", "ErrorMark", self)
        mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(mark)
        title = label(text.title, "ErrorTitle", self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(title)
        advice = label(text.advice, "", self)
        advice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(advice)
        self.home_button = button(tr("Back to home"), on_home, primary=True, parent=self)
        self.home_button.setMinimumWidth(360)
        self.column.addWidget(self.home_button, alignment=Qt.AlignmentFlag.AlignCenter)
        self.column.addStretch()
        reference = label(tr("Error code: {code}").format(code=code), "Code", self)
        reference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(reference)
