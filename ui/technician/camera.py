"""The technician's camera preview: the live picture with the box of the face found, the frame
rate measured as it runs, and after a few seconds the verdict with its code. The camera is
opened and judged on the role's thread; this screen only pulls the newest frame."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer

from kiosk.roles.device_checks import CameraWatch, CheckResult
from ui.i18n import tr
from ui.screens.base import Screen
from ui.technician.back import add_back_row
from ui.technician.words import result_words
from ui.widgets.basics import label
from ui.widgets.camera_view import CameraView

FPS_EVERY_MS = 500


class CameraCheckScreen(Screen):
    def __init__(self, watch: CameraWatch, on_back: Callable[[], None]) -> None:
        heading = tr("Camera preview")
        super().__init__(heading)
        self._watch = watch
        self.column.addWidget(label(heading, "Heading", self))
        self.view = CameraView(watch.latest, self, face=watch.face)
        self.column.addWidget(self.view, stretch=1)
        self.rate = label(tr("Starting the camera…"), "", self)
        self.result = label("", "Subheading", self)
        self.column.addWidget(self.rate)
        self.column.addWidget(self.result)
        self.back_button = add_back_row(self, on_back, tr("Back"))
        self._timer = QTimer(self)
        self._timer.setInterval(FPS_EVERY_MS)
        self._timer.timeout.connect(self._show_rate)
        self._timer.start()

    def _show_rate(self) -> None:
        if self._watch.latest() is None:
            return
        seen = (
            tr("a face is in the picture") if self._watch.face() else tr("no face in the picture")
        )
        self.rate.setText(
            tr("{fps} frames a second · {face}").format(fps=f"{self._watch.fps:.1f}", face=seen)
        )

    def show_result(self, result: CheckResult) -> None:
        self.result.setText(result_words(result))
