"""The live camera picture, mirrored like a mirror, with an oval face guide (the citizen's) or
the box of the face found (the technician's preview).

Only the display conversion runs here on the GUI thread (the newest frame, scaled and
mirrored); the analysis runs on the session's thread. A timer pulls the camera's newest frame
while the widget is visible; a frame already shown is not converted again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QImage, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import PRIMARY, WHITE

if TYPE_CHECKING:
    from devices.camera.camera import Frame
    from kiosk.roles.device_checks import FaceBox

REFRESH_MS = 33


class CameraView(QWidget):
    def __init__(
        self,
        latest: Callable[[], Frame | None],
        parent: QWidget | None = None,
        face: Callable[[], FaceBox | None] | None = None,
    ) -> None:
        """`face`: where a face was found, drawn as a box instead of the guide."""
        super().__init__(parent)
        self._latest = latest
        self._face = face
        self._shown_seq = -1
        self._image: QImage | None = None
        self.frames_shown = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(480, 360))
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def refresh(self) -> None:
        import cv2  # loaded by the camera already; not on the start-up path

        frame = self._latest()
        if frame is None or frame.seq == self._shown_seq:
            return
        self._shown_seq = frame.seq
        height = max(1, self.height())
        source = frame.image
        scale = height / source.shape[0]
        small = cv2.resize(source, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(cv2.flip(small, 1), cv2.COLOR_BGR2RGB)
        h, w = rgb.shape[:2]
        self._image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
        self.frames_shown += 1
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#20262E"))
        if self._image is not None:
            x = (self.width() - self._image.width()) / 2
            painter.drawImage(int(x), 0, self._image)
        if self._face is not None:
            self._draw_face(painter, self._face())
            painter.end()
            return
        # The guide: where the face belongs, about a third of the picture's height wide.
        side = self.height() * 0.55
        guide = QRectF((self.width() - side * 0.78) / 2, self.height() * 0.18, side * 0.78, side)
        painter.setPen(QPen(QColor(WHITE), 6, Qt.PenStyle.DashLine))
        painter.drawEllipse(guide)
        painter.setPen(QPen(QColor(PRIMARY), 2))
        painter.drawEllipse(guide.adjusted(-4, -4, 4, 4))
        painter.end()

    def _draw_face(self, painter: QPainter, face: FaceBox | None) -> None:
        if face is None or self._image is None:
            return
        x, y, width, height, frame_width, frame_height = face
        scale = self._image.height() / max(1, frame_height)
        left = (self.width() - self._image.width()) / 2
        mirrored_x = (frame_width - x - width) * scale  # the picture is shown mirrored
        painter.setPen(QPen(QColor(PRIMARY), 4))
        painter.drawRect(QRectF(left + mirrored_x, y * scale, width * scale, height * scale))

    def showEvent(self, event: QShowEvent) -> None:
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)
