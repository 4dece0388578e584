"""What every screen shares: the frame, the step bar, Back and Exit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets.basics import button, label
from ui.widgets.number_entry import NumberEntry
from ui.widgets.step_bar import StepBar


class Screen(QWidget):
    """A full screen. `voice` is what the voice prompt says when it appears."""

    def __init__(self, voice: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.voice = voice
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(40, 16, 40, 16)
        self.column.setSpacing(16)


class FlowScreen(Screen):
    """A step of a service: step bar on top, content, and Back / Exit (and the step's main
    action, if any) together at the bottom, where a finger finds them on every screen."""

    def __init__(
        self,
        *,
        steps: list[str],
        current: int,
        on_back: Callable[[], None] | None,
        on_exit: Callable[[], None],
        voice: str = "",
    ) -> None:
        super().__init__(voice)
        self.header = QHBoxLayout()
        self.step_bar = StepBar(steps, current, self)
        self.header.addWidget(self.step_bar)
        self.header.addStretch()
        self.column.addLayout(self.header)
        self.content = QVBoxLayout()
        self.content.setSpacing(16)
        self.column.addLayout(self.content, stretch=1)
        self.nav = QHBoxLayout()
        self.nav.setSpacing(24)
        self.back_button = button(tr("Back"), on_back) if on_back else None
        if self.back_button:
            self.nav.addWidget(self.back_button)
        self.nav.addStretch()
        self.exit_button = button(tr("Exit to home"), on_exit)
        self.nav.addWidget(self.exit_button)
        self.column.addLayout(self.nav)

    def add_beside(self, text: QVBoxLayout, side: QWidget) -> None:
        """What to read on the left, what to touch or keep (keypad, QR code) on the right:
        the layout that fits a landscape screen in elder mode."""
        row = QHBoxLayout()
        row.setSpacing(48)
        row.addLayout(text, stretch=1)
        row.addWidget(side, alignment=Qt.AlignmentFlag.AlignTop)
        self.content.addLayout(row, stretch=1)

    def add_primary(self, text: str, on_click: Callable[[], None]) -> QPushButton:
        """The step's main action, at the right end of the bottom row."""
        primary = button(text, on_click, primary=True, parent=self)
        primary.setMinimumWidth(240)
        self.nav.addWidget(primary)
        return primary


class NumberEntryScreen(FlowScreen):
    """A number to type: what and why on the left, the number pad on the right."""

    def __init__(
        self,
        *,
        steps: list[str],
        current: int,
        subheading: str,
        instruction: str,
        entry: NumberEntry,
        on_back: Callable[[], None],
        on_exit: Callable[[], None],
        note: str = "",
        warning: str | None = None,
    ) -> None:
        super().__init__(
            steps=steps,
            current=current,
            on_back=on_back,
            on_exit=on_exit,
            voice=warning or instruction,
        )
        text = QVBoxLayout()
        text.setSpacing(24)
        text.addWidget(label(subheading, "Subheading", self))
        text.addWidget(label(instruction, "Heading", self))
        if note:
            text.addWidget(label(note, "", self))
        if warning:
            text.addWidget(label(warning, "Warning", self))
        text.addStretch()
        entry.setParent(self)
        self.entry = entry
        self.add_beside(text, entry)
        entry.setFocus()
