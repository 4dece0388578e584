"""The technician's way in: a press held for three seconds in the top-left corner of the
attract or out-of-service screen. Nothing marks the place; a shorter press is an ordinary one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QTimer

HOLD_MS = 3000
CORNER_PX = 160


class HiddenCorner(QObject):
    def __init__(self, on_held: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(HOLD_MS)
        self._hold.timeout.connect(on_held)

    def press(self, at: QPointF) -> bool:
        """True when the press is in the corner (and is being timed)."""
        if max(at.x(), at.y()) >= CORNER_PX:
            return False
        self._hold.start()
        return True

    def release(self) -> bool:
        """True when a press in the corner ended before it was held long enough: a tap."""
        if not self._hold.isActive():
            return False
        self._hold.stop()
        return True
