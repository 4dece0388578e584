"""The lock over a staff laptop left idle: opaque, so nothing of the citizen's screen shows
through; the staff member's PIN unlocks it and the work under it goes on as it was."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets.basics import button, label
from ui.widgets.keypad import PinKeypad


class StaffLock(QWidget):
    def __init__(
        self,
        staff_id: str,
        on_unlock: Callable[[str], None],
        on_log_out: Callable[[], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Locked")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._on_unlock = on_unlock
        outer = QVBoxLayout(self)
        outer.addStretch()
        dialog = QWidget(self)
        dialog.setObjectName("Dialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        dialog.setFixedWidth(900)
        column = QVBoxLayout(dialog)
        column.setContentsMargins(40, 32, 40, 32)
        column.setSpacing(16)
        column.addWidget(label(tr("Locked"), "Heading", dialog))
        self.instruction = label(
            tr("{number}: type your PIN to go on where you left off").format(number=staff_id),
            "",
            dialog,
        )
        column.addWidget(self.instruction)
        self.refusal = label("", "Warning", dialog)
        self.refusal.hide()
        column.addWidget(self.refusal)
        self.pin = PinKeypad(dialog, keyboard=True)
        self.pin.entered.connect(self._unlock)
        column.addWidget(self.pin)
        row = QHBoxLayout()
        self.log_out_button = button(tr("Log out"), on_log_out, parent=dialog)
        row.addWidget(self.log_out_button)
        row.addStretch()
        column.addLayout(row)
        outer.addWidget(dialog, alignment=Qt.AlignmentFlag.AlignCenter)
        outer.addStretch()
        self.setGeometry(parent.rect())
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and watched is parent and parent is not None:
            self.setGeometry(parent.rect())  # the window grew: still over all of it
        return False

    def remove(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()

    def show_locked(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.pin.setFocus()

    def refuse(self, words: str) -> None:
        self.refusal.setText(words)
        self.refusal.show()
        self.pin.setEnabled(True)
        self.pin.setFocus()
        self.instruction.setText(self.instruction.text())

    def _unlock(self, pin: str) -> None:
        self.pin.setEnabled(False)
        self.refusal.hide()
        self._on_unlock(pin)
