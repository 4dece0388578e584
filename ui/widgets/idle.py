"""The idle warning: a countdown over the whole window; its default button keeps the session."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from ui.i18n import tr
from ui.widgets.basics import button, label
from ui.widgets.overlay import Overlay


class IdleWarning(Overlay):
    TICK_MS = 1000
    """One second of countdown; tests shorten it."""

    kept = Signal()
    expired = Signal()
    ended = Signal()

    def __init__(self, seconds: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.remaining = seconds
        self._message = label("", "Subheading", self.dialog)
        self.continue_button = button(tr("Continue"), self._keep, primary=True, parent=self.dialog)
        self.continue_button.setDefault(True)
        self.end_button = button(tr("End now"), self._end, parent=self.dialog)
        self.buttons.addWidget(self.end_button)
        self.buttons.addStretch()
        self.buttons.addWidget(self.continue_button)
        self.column.addWidget(label(tr("Are you still there?"), "Heading", self.dialog))
        self.column.addWidget(self._message)
        self.finish()
        self._timer = QTimer(self)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._show_remaining()

    def start(self) -> None:
        self.show_over_window(self.continue_button)
        self._timer.start()

    def _show_remaining(self) -> None:
        self._message.setText(
            tr(
                "For your privacy, the session will end in %n second(s) and your "
                "information will be cleared from the screen.",
                None,
                self.remaining,
            )
        )
        self.fit(self._message)

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self._timer.stop()
            self.expired.emit()
        else:
            self._show_remaining()

    def _keep(self) -> None:
        self._timer.stop()
        self.kept.emit()

    def _end(self) -> None:
        self._timer.stop()
        self.ended.emit()
