"""What every screen shares: the frame, the step bar, Back and Exit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets.basics import button
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

    def add_primary(self, text: str, on_click: Callable[[], None]) -> QPushButton:
        """The step's main action, at the right end of the bottom row."""
        primary = button(text, on_click, primary=True, parent=self)
        primary.setMinimumWidth(240)
        self.nav.addWidget(primary)
        return primary
