"""The attract screen shown between citizens: a touch anywhere starts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from ui.i18n import tr
from ui.screens.base import Screen
from ui.widgets.basics import button, label


class AttractScreen(Screen):
    def __init__(self, on_touch: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(tr("Welcome. Touch the screen to start."), parent)
        self._on_touch = on_touch
        self.column.addStretch()
        title = label(tr("Social security services at your bank"), "Heading", self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(title)
        lead = label(
            tr(
                "Pension eligibility check, enrollment, records, payments, certificates "
                "and your social security card — here, without a queue."
            ),
            "",
            self,
        )
        lead.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(lead)
        self.start_button = button(tr("Touch to start"), on_touch, primary=True, parent=self)
        self.start_button.setMinimumWidth(420)
        self.column.addWidget(self.start_button, alignment=Qt.AlignmentFlag.AlignCenter)
        self.column.addStretch()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._on_touch()
        event.accept()
