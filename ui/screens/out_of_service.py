"""暂停服务: no service can start (the card reader and the ID card reader are both missing or
out of order). Says so plainly, points to the counter, offers what still works (following a
receipt needs no device), and names the devices small for staff. The shell shows it in place
of the attract and home screens and leaves it by itself when a device comes back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QPushButton

from kiosk.services.session import ServiceId
from ui.i18n import tr
from ui.i18n.texts import service_hint, service_name
from ui.screens.base import Screen
from ui.screens.outcome import MAIN_BUTTON_MIN_WIDTH
from ui.widgets.basics import button, label
from ui.widgets.corner import HiddenCorner


def crash_loop_advice() -> str:
    """The words of a back-off after a crash loop (kiosk.system.restarts)."""
    return tr(
        "This kiosk is restarting after repeated faults. Please go to the counter, or "
        "use another kiosk."
    )


class OutOfServiceScreen(Screen):
    def __init__(
        self,
        staff_codes: str,
        on_progress: Callable[[], None] | None,
        on_technician: Callable[[], None] | None = None,
        advice: str | None = None,
    ) -> None:
        """`staff_codes`: what stops the services (each device with its status, or vendor
        mode); `on_progress`:
        following a receipt, when it runs here; `advice`: the words under the title, when
        the reason is not the usual one (a back-off after repeated faults)."""
        title = tr("Out of service")
        advice = advice or tr(
            "This kiosk cannot serve you right now. Please go to the counter, or use another kiosk."
        )
        super().__init__(f"{title}. {advice}")
        self._corner = HiddenCorner(on_technician, self) if on_technician else None
        self.column.addStretch()
        heading = label(title, "ErrorTitle", self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(heading)
        words = label(advice, "", self)
        words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(words)
        self.progress_button: QPushButton | None = None
        if on_progress is not None:
            self.column.addSpacing(24)
            self.progress_button = button(
                f"{service_name(ServiceId.PROGRESS)} · {service_hint(ServiceId.PROGRESS)}",
                on_progress,
                parent=self,
            )
            self.progress_button.setMinimumWidth(MAIN_BUTTON_MIN_WIDTH)
            self.column.addWidget(self.progress_button, alignment=Qt.AlignmentFlag.AlignCenter)
        self.column.addStretch()
        self.staff_codes = label(tr("For staff: {codes}").format(codes=staff_codes), "Code", self)
        self.staff_codes.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.column.addWidget(self.staff_codes)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._corner is not None:
            self._corner.press(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._corner is not None:
            self._corner.release()
        event.accept()
