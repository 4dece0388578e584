"""Typing a number on the screen: ID, mobile or receipt numbers, in big grouped digits.

Unlike the PIN keypad the digits stay in place (nothing here is secret) and what was typed is
shown, grouped as the number is read aloud (ID 6-8-4, mobile 3-4-4, receipt 4-4-4-4), in a
boxed field the screen puts right under its instruction (take_display). A receipt scanner in
keyboard mode types into the same field: digits, then Enter.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets.basics import button

ID_NUMBER_GROUPS = (6, 8, 4)
MOBILE_GROUPS = (3, 4, 4)
RECEIPT_GROUPS = (4, 4, 4, 4)
GROUP_GAP = "  "
"""Between groups: two spaces, so that a group reads as one block at a glance."""


def grouped_digits(typed: str, groups: tuple[int, ...]) -> str:
    """`11010519520701001` typed of (6, 8, 4) -> `110105  19520701  001`: only what was typed,
    in its groups; no placeholders (thin underlines read as nothing from a step away)."""
    shown, start = [], 0
    for size in groups:
        part = typed[start : start + size]
        if part:
            shown.append(part)
        start += size
    return GROUP_GAP.join(shown)


class NumberEntry(QWidget):
    entered = Signal(str)
    edited = Signal()
    """The typed value changed (a digit typed or deleted)."""

    def __init__(
        self,
        length: int,
        groups: tuple[int, ...],
        *,
        allow_x: bool = False,
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._length = length
        self._groups = groups
        self._allow_x = allow_x
        self._typed: list[str] = []
        self._start_anew = False
        """A wrong number kept on show: the next digit starts a new one (a second scan types
        all of its digits into a full field otherwise), Delete corrects the kept one."""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.display = QLabel()
        self.display.setObjectName("Typed")
        self.display.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.display.setAccessibleName(accessible_name)
        self.display.setTextFormat(Qt.TextFormat.PlainText)
        self.display.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.count = QLabel()
        self.count.setObjectName("Muted")
        self.count.setTextFormat(Qt.TextFormat.PlainText)

        grid = QGridLayout()
        grid.setSpacing(12)
        self.keys: dict[str, QWidget] = {}
        for index, digit in enumerate("123456789"):
            self.keys[digit] = button(digit, functools.partial(self.type, digit), name="Key")
            grid.addWidget(self.keys[digit], index // 3, index % 3)
        if allow_x:
            self.keys["X"] = button("X", functools.partial(self.type, "X"), name="Key")
            grid.addWidget(self.keys["X"], 3, 0)
        self.keys["0"] = button("0", functools.partial(self.type, "0"), name="Key")
        grid.addWidget(self.keys["0"], 3, 1)
        self._delete = button(tr("Delete"), self.delete_one)
        self._delete.setAccessibleName(tr("Delete the last digit"))
        grid.addWidget(self._delete, 3, 2)
        self._confirm = button(tr("Confirm"), self.confirm, primary=True)
        self._confirm.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        grid.addWidget(self._confirm, 0, 3, 4, 1)

        self._column = QVBoxLayout(self)
        self._column.addWidget(self.display)
        self._column.addWidget(self.count)
        self._column.addLayout(grid)
        self._refresh()

    def take_display(self) -> tuple[QLabel, QLabel]:
        """The typed digits and their count, out of this widget's own column, for the screen to
        place right under its instruction, where the eye already is."""
        self._column.removeWidget(self.display)
        self._column.removeWidget(self.count)
        return self.display, self.count

    @property
    def text(self) -> str:
        return "".join(self._typed)

    def keep_for_correction(self) -> None:
        """The number typed was refused: it stays on show until the citizen changes it."""
        self._start_anew = True

    def type(self, character: str) -> None:
        if self._start_anew:
            self._start_anew = False
            self._typed.clear()
        if len(self._typed) >= self._length:
            return
        # X is only the check character at the end of an ID number.
        if character == "X" and (not self._allow_x or len(self._typed) != self._length - 1):
            return
        self._typed.append(character)
        self._refresh()
        self.edited.emit()

    def delete_one(self) -> None:
        self._start_anew = False
        if self._typed:
            self._typed.pop()
            self._refresh()
            self.edited.emit()

    def confirm(self) -> None:
        if len(self._typed) == self._length:
            self.entered.emit(self.text)

    handles_enter = True
    """Enter enters the number typed, whichever of its keys has the focus."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.type(chr(key))
        elif key == Qt.Key.Key_X:
            self.type("X")
        elif key == Qt.Key.Key_Backspace:
            self.delete_one()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
        else:
            super().keyPressEvent(event)

    def _refresh(self) -> None:
        # A space, not nothing: the empty field keeps its height and box.
        self.display.setText(grouped_digits(self.text, self._groups) or " ")
        self.count.setText(
            tr("{typed} of {total} digits typed").format(typed=len(self._typed), total=self._length)
        )
        self._delete.setEnabled(bool(self._typed))
        self._confirm.setEnabled(len(self._typed) == self._length)
        if self._allow_x and "X" in self.keys:
            self.keys["X"].setEnabled(len(self._typed) == self._length - 1)
