"""The technician's login: the number (T and four digits) on a number pad, then the PIN on the
shuffled PIN pad; checked on a thread by the shell, the answer shown here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.roles import technician as codes
from ui.i18n import tr
from ui.i18n.format import date_time
from ui.screens.base import Screen
from ui.widgets.basics import button, label
from ui.widgets.keypad import PinKeypad
from ui.widgets.number_entry import NumberEntry


def refusal_words(code: str, until: datetime | None) -> str:
    if code == codes.LOCKED_OUT and until is not None:
        return tr("Too many wrong logins. The login is locked until {time}.").format(
            time=date_time(until)
        )
    return {
        codes.REFUSED: lambda: tr("The technician number or PIN is not right."),
        codes.OFFLINE_UNKNOWN: lambda: tr(
            "The kiosk is offline and has not seen this technician online yet."
        ),
        codes.OFFLINE_EXPIRED: lambda: tr(
            "The kiosk is offline and this technician's last online login is too long ago."
        ),
    }.get(code, lambda: tr("The login did not work. Please try again."))()


class TechnicianLoginScreen(Screen):
    def __init__(
        self,
        on_login: Callable[[str, str], None],
        on_cancel: Callable[[], None],
        refused: str = "",
        until: datetime | None = None,
    ) -> None:
        super().__init__(tr("Technician login"))
        self._on_login = on_login
        self.column.addWidget(label(tr("Technician login"), "Heading", self))
        self.refusal = label(refusal_words(refused, until) if refused else "", "Warning", self)
        self.refusal.setVisible(bool(refused))
        self.column.addWidget(self.refusal)
        self.instruction = label(
            tr("Type your technician number: the four digits after T"), "", self
        )
        self.column.addWidget(self.instruction)
        self._stage = QVBoxLayout()
        self.column.addLayout(self._stage, stretch=1)
        self.number = NumberEntry(4, (4,), accessible_name=tr("Technician number"), parent=self)
        self._typed, self._count = self.number.take_display()
        for part in (self._typed, self._count):
            part.setParent(self)
            self._stage.addWidget(part)
        self._stage.addWidget(self.number)
        self.number.entered.connect(self._ask_pin)
        self.pin: PinKeypad | None = None
        self.technician_id = ""
        row = QHBoxLayout()
        self.cancel_button = button(tr("Cancel"), on_cancel, parent=self)
        row.addWidget(self.cancel_button)
        row.addStretch()
        self.column.addLayout(row)
        self.number.setFocus()

    def _ask_pin(self, digits: str) -> None:
        self.technician_id = f"T{digits}"
        for shown in (self.number, self._typed, self._count):
            shown.hide()
        self.instruction.setText(tr("{number}: type your PIN").format(number=self.technician_id))
        self.pin = PinKeypad(self)
        self.pin.entered.connect(self._log_in)
        self._stage.addWidget(self.pin)

    def _log_in(self, pin: str) -> None:
        assert self.pin is not None
        self.pin.setEnabled(False)
        self.instruction.setText(tr("Checking…"))
        self._on_login(self.technician_id, pin)
