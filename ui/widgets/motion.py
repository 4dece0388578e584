"""Things that move: a busy spinner and the insert-card / take-card animation.

Their timers run only while they are visible, so a hidden screen costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QWidget

from ui.theme import DISABLED_BG, INK, PRIMARY, WHITE


class _Animated(QWidget):
    def __init__(self, interval_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.frame += 1
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)


class Spinner(_Animated):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(30, parent)
        self.setFixedSize(QSize(120, 120))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(12, 12, -12, -12)
        painter.setPen(QPen(QColor(DISABLED_BG), 12))
        painter.drawEllipse(rect)
        arc = QPen(QColor(PRIMARY), 12)
        arc.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(arc)
        painter.drawArc(rect, -(self.frame * 8 % 360) * 16, 100 * 16)


class CardSlotAnimation(_Animated):
    """A card sliding into (or out of) the reader slot, chip first, looping."""

    def __init__(self, inserting: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(40, parent)
        self.inserting = inserting
        self.setMinimumSize(QSize(260, 280))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        slot_y = h * 0.7
        travel = (self.frame % 50) / 50
        progress = travel if self.inserting else 1 - travel
        card_w, card_h = w * 0.5, h * 0.55
        card_x = (w - card_w) / 2
        card_y = slot_y - card_h + progress * card_h * 0.7 - h * 0.05
        painter.setPen(QPen(QColor(INK), 3))
        painter.setBrush(QColor(PRIMARY))
        painter.drawRoundedRect(QRectF(card_x, card_y, card_w, card_h), 12, 12)
        painter.setBrush(QColor("#D4A017"))
        painter.drawRoundedRect(
            QRectF(card_x + card_w * 0.15, card_y + card_h * 0.62, 36, 28), 4, 4
        )
        # The reader in front of the card hides the part that is already inside.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(WHITE))
        painter.drawRect(QRectF(0, slot_y, w, h - slot_y))
        painter.setPen(QPen(QColor(INK), 4))
        painter.setBrush(QColor(DISABLED_BG))
        painter.drawRoundedRect(QRectF(w * 0.15, slot_y, w * 0.7, h * 0.22), 10, 10)
        painter.setBrush(QColor(INK))
        painter.drawRect(QRectF(card_x - 6, slot_y + 6, card_w + 12, 8))
