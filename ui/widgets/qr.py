"""A QR code drawn crisply at any size, with the quiet zone scanners need."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_MODULES = 4


class QrCode(QWidget):
    def __init__(self, payload: str, side_px: int = 240, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import qrcode  # with the first receipt, not with the window

        code = qrcode.QRCode(border=0, error_correction=qrcode.ERROR_CORRECT_M)
        code.add_data(payload)
        code.make(fit=True)
        self.payload = payload
        self.matrix: list[list[bool]] = code.get_matrix()
        self._side = side_px
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self._side, self._side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        modules = len(self.matrix) + 2 * QUIET_MODULES
        side = min(self.width(), self.height())
        module = side / modules
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for row, cells in enumerate(self.matrix):
            for column, dark in enumerate(cells):
                if dark:
                    painter.drawRect(
                        QRectF(
                            (column + QUIET_MODULES) * module,
                            (row + QUIET_MODULES) * module,
                            module + 0.5,  # overlap by half a pixel: no hairline gaps
                            module + 0.5,
                        )
                    )
        painter.end()
