"""Things that move: a busy spinner and the insert-card / take-card animation.

Their timers run only while they are visible, so a hidden screen costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QWidget

from ui.theme import DISABLED_BG, INK, PAPER, PRIMARY


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
    """A card (ID-1 proportions) going into the reader slot short edge and chip first, looping;
    reversed, coming out of it."""

    CARD_RATIO = 85.6 / 54.0

    def __init__(self, inserting: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(40, parent)
        self.inserting = inserting
        self.setMinimumSize(QSize(260, 280))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        card_w = min(w * 0.3, h * 0.75 / self.CARD_RATIO)
        card_h = card_w * self.CARD_RATIO
        slot_y = h * 0.78
        card_x = (w - card_w) / 2
        travel = (self.frame % 50) / 50
        progress = travel if self.inserting else 1 - travel
        card_y = slot_y - card_h - h * 0.02 + progress * card_h * 0.6
        painter.setPen(QPen(QColor(INK), 3))
        painter.setBrush(QColor(PRIMARY))
        painter.drawRoundedRect(QRectF(card_x, card_y, card_w, card_h), 10, 10)
        chip = QRectF(card_x + card_w * 0.32, card_y + card_h * 0.74, card_w * 0.36, card_w * 0.28)
        painter.setBrush(QColor("#D4A017"))
        painter.drawRoundedRect(chip, 4, 4)
        # The part of the card already inside the reader is hidden behind its front.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(PAPER))
        painter.drawRect(QRectF(0, slot_y, w, h - slot_y))
        reader = QRectF((w - card_w * 1.8) / 2, slot_y, card_w * 1.8, h - slot_y - 2)
        painter.setPen(QPen(QColor(INK), 4))
        painter.setBrush(QColor(DISABLED_BG))
        painter.drawRoundedRect(reader, 12, 12)
        painter.setBrush(QColor(INK))
        painter.drawRect(QRectF(card_x - 8, slot_y + 8, card_w + 16, 10))
