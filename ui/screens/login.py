"""A number-and-PIN login (technicians, staff): the number's digits on a number pad, then the PIN
on the shuffled PIN pad; a keyboard types into both. Checked on a thread by the role, the
answer shown here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from ui.i18n import tr
from ui.screens.base import Screen
from ui.widgets.basics import button, label
from ui.widgets.keypad import PinKeypad
from ui.widgets.number_entry import NumberEntry


class LoginScreen(Screen):
    def __init__(
        self,
        *,
        title: str,
        prefix: str,
        number_name: str,
        number_instruction: str,
        refusal: str,
        on_login: Callable[[str, str], None],
        on_cancel: Callable[[], None] | None,
        keyboard: bool = False,
    ) -> None:
        """`prefix`: the letter before the number's four digits; `refusal`: the words of the last
        refusal, shown above the pad ("" for none); no `on_cancel`, no Cancel button;
        `keyboard`: the PIN may be typed on a keyboard (a staff laptop)."""
        super().__init__(title)
        self._on_login = on_login
        self._prefix = prefix
        self._keyboard = keyboard
        self.column.addWidget(label(title, "Heading", self))
        self.refusal = label(refusal, "Warning", self)
        self.refusal.setVisible(bool(refusal))
        self.column.addWidget(self.refusal)
        self.instruction = label(number_instruction, "", self)
        self.column.addWidget(self.instruction)
        self._stage = QVBoxLayout()
        self.column.addLayout(self._stage, stretch=1)
        self.number = NumberEntry(4, (4,), accessible_name=number_name, parent=self)
        self._typed, self._count = self.number.take_display()
        for part in (self._typed, self._count):
            part.setParent(self)
            self._stage.addWidget(part)
        self._stage.addWidget(self.number)
        self.number.entered.connect(self._ask_pin)
        self.pin: PinKeypad | None = None
        self.user_id = ""
        row = QHBoxLayout()
        self.cancel_button: QPushButton | None = None
        if on_cancel is not None:
            self.cancel_button = button(tr("Cancel"), on_cancel, parent=self)
            row.addWidget(self.cancel_button)
        row.addStretch()
        self.column.addLayout(row)
        self.number.setFocus()

    def _ask_pin(self, digits: str) -> None:
        self.user_id = f"{self._prefix}{digits}"
        for shown in (self.number, self._typed, self._count):
            shown.hide()
        self.instruction.setText(tr("{number}: type your PIN").format(number=self.user_id))
        self.pin = PinKeypad(self, keyboard=self._keyboard)
        self.pin.entered.connect(self._log_in)
        self._stage.addWidget(self.pin)
        self.pin.setFocus()

    def _log_in(self, pin: str) -> None:
        assert self.pin is not None
        self.pin.setEnabled(False)
        self.instruction.setText(tr("Checking…"))
        self._on_login(self.user_id, pin)
