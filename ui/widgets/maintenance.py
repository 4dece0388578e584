"""The warning a citizen sees when a technician asked for the kiosk during their session: it
closes for maintenance in so many seconds, and what they have done is kept. They may go on (the
warning comes back for the last seconds) or end now; at zero the session ends by itself."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from ui.i18n import tr
from ui.widgets.basics import button, label
from ui.widgets.overlay import Overlay

LAST_SECONDS = 15
"""A citizen who chose to go on is warned again this long before the end."""


class MaintenanceWarning(Overlay):
    TICK_MS = 1000
    """One second of countdown; tests shorten it."""

    expired = Signal()
    ended = Signal()

    def __init__(self, seconds: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.remaining = seconds
        self._warned_again = False
        self.heading = label(tr("This kiosk is closing for maintenance"), "Heading", self.dialog)
        self.message = label("", "Subheading", self.dialog)
        self.continue_button = button(
            tr("Continue"), self._continue, primary=True, parent=self.dialog
        )
        self.continue_button.setDefault(True)
        self.end_button = button(tr("End now"), self._end, parent=self.dialog)
        self.buttons.addWidget(self.end_button)
        self.buttons.addStretch()
        self.buttons.addWidget(self.continue_button)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.message)
        self.finish()
        self._timer = QTimer(self)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._show_remaining()

    @property
    def voice(self) -> str:
        return f"{self.heading.text()} {self.message.text()}"

    def start(self) -> None:
        self.show_over_window(self.continue_button)
        self._timer.start()

    def _show_remaining(self) -> None:
        self.message.setText(
            tr(
                "Please finish within %n second(s). Nothing you have already sent is lost. "
                "Afterwards, take your social security card and ID card with you.",
                None,
                self.remaining,
            )
        )
        self.fit(self.message)

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self._timer.stop()
            self.expired.emit()
            return
        self._show_remaining()
        if self.remaining <= LAST_SECONDS and self.isHidden() and not self._warned_again:
            self._warned_again = True
            self.show_over_window(self.continue_button)

    def _continue(self) -> None:
        """The countdown goes on behind the screen; the warning is back for its last seconds."""
        self.hide()

    def _end(self) -> None:
        self._timer.stop()
        self.ended.emit()

    def stop(self) -> None:
        self._timer.stop()
        self.remove()
