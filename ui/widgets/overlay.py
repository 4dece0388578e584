"""A dialog over the whole window (the idle warning, 求助's answer): the screen behind stays as
it was, veiled, and the dialog in the middle is what can be touched."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Overlay(QWidget):
    WIDTH_PX = 1000
    MARGIN_PX = 40

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.dialog = QWidget(self)
        self.dialog.setObjectName("Dialog")
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.dialog.setFixedWidth(self.WIDTH_PX)
        self.column = QVBoxLayout(self.dialog)
        self.column.setContentsMargins(*(self.MARGIN_PX,) * 4)
        self.column.setSpacing(24)
        self.buttons = QHBoxLayout()
        """The dialog's bottom row; a subclass adds its buttons, then calls `finish`."""
        outer = QVBoxLayout(self)
        outer.addStretch()
        outer.addWidget(self.dialog, alignment=Qt.AlignmentFlag.AlignCenter)
        outer.addStretch()
        parent.installEventFilter(self)

    def finish(self) -> None:
        """Puts the button row under what the subclass added to the column."""
        self.column.addLayout(self.buttons)

    def fit(self, message: QLabel) -> None:
        """A centred dialog is given its size hint, which does not follow a wrapped label's
        height for its width: the message asks for the lines it needs at the dialog's width."""
        message.ensurePolished()
        message.setMinimumHeight(message.heightForWidth(self.WIDTH_PX - 2 * self.MARGIN_PX))

    def show_over_window(self, focus: QPushButton) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        focus.setFocus()

    def remove(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and parent is not None and watched is parent:
            self.setGeometry(parent.rect())  # the window resized: still over all of it
        return False
