"""The idle warning: a countdown over the whole window; its default button keeps the session."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets.basics import button, label


class IdleWarning(QWidget):
    TICK_MS = 1000
    """One second of countdown; tests shorten it."""
    WIDTH_PX = 1000
    MARGIN_PX = 40

    kept = Signal()
    expired = Signal()
    ended = Signal()

    def __init__(self, seconds: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.remaining = seconds
        dialog = QWidget(self)
        dialog.setObjectName("Dialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        dialog.setFixedWidth(self.WIDTH_PX)
        self._message = label("", "Subheading", dialog)
        self.continue_button = button(tr("Continue"), self._keep, primary=True, parent=dialog)
        self.continue_button.setDefault(True)
        self.end_button = button(tr("End now"), self._end, parent=dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.end_button)
        buttons.addStretch()
        buttons.addWidget(self.continue_button)
        column = QVBoxLayout(dialog)
        column.setContentsMargins(*(self.MARGIN_PX,) * 4)
        column.setSpacing(24)
        column.addWidget(label(tr("Are you still there?"), "Heading", dialog))
        column.addWidget(self._message)
        column.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch()
        outer.addWidget(dialog, alignment=Qt.AlignmentFlag.AlignCenter)
        outer.addStretch()
        self._timer = QTimer(self)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._show_remaining()

    def start(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.continue_button.setFocus()
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
        # A centred dialog is given its size hint, which does not follow a wrapped label's
        # height for its width: the message asks for the lines it needs at the dialog's width.
        self._message.ensurePolished()
        width = self.WIDTH_PX - 2 * self.MARGIN_PX
        self._message.setMinimumHeight(self._message.heightForWidth(width))

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
