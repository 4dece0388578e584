"""How a service ended badly: what happened in plain words, the kiosk's own remedy as the main
button, Back to home beside it, and the logged code small at the bottom for staff."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from ui.i18n import tr
from ui.i18n.texts import error_text
from ui.screens.base import Screen
from ui.widgets.basics import button, label

MAIN_BUTTON_MIN_WIDTH = 360


class ErrorScreen(Screen):
    def __init__(
        self,
        code: str,
        on_home: Callable[[], None],
        remedy: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        """`remedy` is the main button's words and action; without one, Back to home is it,
        and the advice says where to go instead of promising what this kiosk cannot do."""
        text = error_text(code)
        self.advice_text = text.elsewhere if remedy is None and text.elsewhere else text.advice
        super().__init__(f"{text.title}. {self.advice_text}")
        self.code = code
        self.column.addStretch()
        mark = label("!", "ErrorMark", self)
        mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(mark)
        title = label(text.title, "ErrorTitle", self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(title)
        advice = label(self.advice_text, "", self)
        advice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(advice)
        self.column.addSpacing(24)
        row = QHBoxLayout()
        row.setSpacing(48)
        row.addStretch()
        self.home_button = button(tr("Back to home"), on_home, primary=remedy is None, parent=self)
        row.addWidget(self.home_button)
        self.remedy_button: QPushButton | None = None
        if remedy is not None:
            words, action = remedy
            self.remedy_button = button(words, action, primary=True, parent=self)
            row.addWidget(self.remedy_button)
        self.main_button = self.remedy_button or self.home_button
        self.main_button.setMinimumWidth(MAIN_BUTTON_MIN_WIDTH)
        row.addStretch()
        self.column.addLayout(row)
        self.column.addStretch()
        reference = label(tr("Error code: {code}").format(code=code), "Code", self)
        reference.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(reference)
