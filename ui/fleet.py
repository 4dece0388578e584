"""The window's side of the fleet agent (kiosk.fleet.host.Host): asked on the agent's thread,
done on the GUI thread through queued signals."""

from __future__ import annotations

import logging
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QObject, Qt, Signal

from kiosk.fleet.host import CITIZEN_SCREEN, NO_SCREEN, HostRefused
from ui.screens.attract import AttractScreen
from ui.screens.out_of_service import OutOfServiceScreen

if TYPE_CHECKING:
    from ui.shell import Shell

log = logging.getLogger(__name__)

SCREENSHOT_WIDTH = 960
"""Enough to see which screen it is and what it says; small enough for the fleet channel."""
SCREENSHOT_WAIT_S = 10.0


class WindowHost(QObject):
    _screenshot_asked = Signal(object)
    _closure_changed = Signal()
    _restart_asked = Signal()

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._shell = shell
        queued = Qt.ConnectionType.QueuedConnection
        self._screenshot_asked.connect(self._take_screenshot, queued)
        self._closure_changed.connect(shell.closure_changed, queued)
        self._restart_asked.connect(shell.restart_when_idle, queued)

    def serving(self) -> bool:
        return self._shell.serving()

    def service_changed(self) -> None:
        self._closure_changed.emit()

    def restart(self) -> None:
        self._restart_asked.emit()

    def screenshot(self) -> bytes:
        taken: Future[bytes] = Future()
        self._screenshot_asked.emit(taken)
        try:
            return taken.result(SCREENSHOT_WAIT_S)
        except FutureTimeout:
            raise HostRefused(NO_SCREEN) from None

    def _take_screenshot(self, taken: Future[bytes]) -> None:
        shell = self._shell
        screen = shell.screen_widget
        attract_or_closed = isinstance(screen, AttractScreen | OutOfServiceScreen)
        if not attract_or_closed or shell.session is not None or shell.serving():
            # A citizen's screen, a technician's or a member of staff's (their bar names them)
            # is nobody's to see from afar.
            taken.set_exception(HostRefused(CITIZEN_SCREEN))
            return
        picture = shell.grab()
        if picture.width() > SCREENSHOT_WIDTH:
            picture = picture.scaledToWidth(
                SCREENSHOT_WIDTH, Qt.TransformationMode.SmoothTransformation
            )
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        picture.save(buffer, "PNG")
        taken.set_result(bytes(buffer.data().data()))
