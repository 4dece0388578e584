"""The on-screen PIN keypad: digits shuffled for every entry, input shown only as dots."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr
from ui.widgets.basics import button

PIN_LENGTH = 6


def pin_dots(typed: int, length: int = PIN_LENGTH) -> str:
    """One filled dot per digit typed, hollow ones for the rest: never the digits."""
    return " ".join("●" * typed + "○" * max(0, length - typed))


def shuffled_digits() -> list[str]:
    from devices.pinpad.base import shuffled_keypad

    return [str(digit) for digit in shuffled_keypad()]


class PinKeypad(QWidget):
    entered = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        length: int = PIN_LENGTH,
        order: tuple[int, ...] | None = None,
        *,
        keyboard: bool = False,
    ) -> None:
        """`order`: the digits' places as the flow shuffled them; a fresh shuffle if None.
        `keyboard`: a keyboard types here too (a staff laptop); at a kiosk it does not, or a
        receipt held to the scanner on a PIN screen would type the card's PIN."""
        super().__init__(parent)
        self._keyboard = keyboard
        self._length = length
        self._digits: list[str] = []
        self.layout_order = [str(d) for d in order] if order else shuffled_digits()

        self._dots = QLabel()
        self._dots.setObjectName("Big")
        self._dots.setAccessibleName(tr("PIN entered so far"))

        # Laid out like a bank PIN pad: digits on the left, actions in a column on the right.
        grid = QGridLayout()
        grid.setSpacing(12)
        self.digit_buttons = []
        for index, digit in enumerate(self.layout_order):
            key = button(digit, functools.partial(self._press, digit), name="Key")
            self.digit_buttons.append(key)
            if index < 9:
                grid.addWidget(key, index // 3, index % 3)
            else:
                grid.addWidget(key, 3, 0, 1, 3)
        self._delete = button(tr("Delete"), self._delete_one)
        self._clear = button(tr("Clear"), self._clear_all)
        self._confirm = button(tr("Confirm"), self._submit, primary=True)
        self._confirm.setEnabled(False)
        for action in (self._delete, self._clear, self._confirm):
            action.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        grid.addWidget(self._delete, 0, 3)
        grid.addWidget(self._clear, 1, 3)
        grid.addWidget(self._confirm, 2, 3, 2, 1)

        dots_row = QHBoxLayout()
        dots_row.addStretch()
        dots_row.addWidget(self._dots)
        dots_row.addStretch()
        column = QVBoxLayout(self)
        column.addLayout(dots_row)
        column.addLayout(grid)
        if keyboard:  # digits, Backspace, Enter (never shown)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._refresh()

    @property
    def handles_enter(self) -> bool:
        """Enter confirms this pad's entry, whichever of its keys has the focus."""
        return self._keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self._keyboard:
            super().keyPressEvent(event)
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self._press(chr(key))
        elif key == Qt.Key.Key_Backspace:
            self._delete_one()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        else:
            super().keyPressEvent(event)

    @property
    def entered_count(self) -> int:
        return len(self._digits)

    def press_digit(self, digit: str) -> None:
        """Presses the key showing `digit`, wherever the shuffle put it (tests, accessibility)."""
        for key in self.digit_buttons:
            if key.text() == digit:
                key.click()
                return
        raise ValueError("no such key")

    def confirm(self) -> None:
        self._confirm.click()

    def _press(self, digit: str) -> None:
        if len(self._digits) < self._length:
            self._digits.append(digit)
            self._refresh()

    def _delete_one(self) -> None:
        if self._digits:
            self._digits.pop()
            self._refresh()

    def _clear_all(self) -> None:
        self._digits.clear()
        self._refresh()

    def _submit(self) -> None:
        if len(self._digits) != self._length:
            return
        pin = "".join(self._digits)
        self._digits.clear()
        self._refresh()
        self._confirm.setEnabled(False)
        self.entered.emit(pin)

    def _refresh(self) -> None:
        filled = len(self._digits)
        self._dots.setText(pin_dots(filled, self._length))
        self._confirm.setEnabled(filled == self._length)
