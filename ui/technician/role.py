"""The technician's role in the kiosk window: the login, vendor mode, the device desk. The
shell shows its states; every wait (the central system, a self-test) runs on a thread and
comes back by a queued signal, so the screen never freezes."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.roles.technician import Grant, LoginRefused
from kiosk.roles.vendor_mode import Handback, VendorMode, VendorModeError, VendorState
from ui.technician.desk import TechnicianDeskScreen
from ui.technician.login import TechnicianLoginScreen

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.services.catalog import DeviceClass
    from ui.screens.base import Screen

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AtLogin:
    refused: str = ""
    """The code of the last refusal, shown above the pad."""
    until: datetime | None = None


@dataclass(frozen=True)
class AtDesk:
    technician_id: str


class TechnicianRole(QObject):
    answered = Signal(object)
    tested = Signal(object, object)
    handed_back = Signal(object)

    def __init__(
        self,
        kiosk: Kiosk,
        show: Callable[[AtLogin | AtDesk], None],
        leave: Callable[[], None],
        *,
        session_running: Callable[[], bool],
        end_session: Callable[[], None],
    ) -> None:
        """`show` puts a technician state on screen; `leave` returns to the citizens' side."""
        super().__init__()
        self._kiosk = kiosk
        self._show = show
        self._leave = leave
        self.vendor = VendorMode(
            kiosk.vendor_state_file,
            kiosk.audit,
            session_running=session_running,
            end_session=end_session,
            self_test=kiosk.device_manager.self_test,
        )
        self.desk: TechnicianDeskScreen | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self.answered.connect(self._on_answer, queued)
        self.tested.connect(self._on_tested, queued)
        self.handed_back.connect(self._on_handed_back, queued)
        self.busy: threading.Thread | None = None

    def screen_for(self, state: AtLogin | AtDesk) -> Screen:
        self.desk = None
        if isinstance(state, AtLogin):
            return TechnicianLoginScreen(self._log_in, self._leave, state.refused, state.until)
        manager = self._kiosk.device_manager
        statuses = manager.last_status() or {}
        rows = []
        for device, built in manager.devices.items():
            status = statuses.get(device)
            shown = None if built is None else (status.value if status else "unknown")
            rows.append((device, manager.driver(device), shown))
        self.desk = TechnicianDeskScreen(state.technician_id, rows, self._test, self._hand_back)
        return self.desk

    def _run(self, name: str, work: Callable[[], None]) -> None:
        self.busy = threading.Thread(target=work, name=name, daemon=True)
        self.busy.start()

    def _log_in(self, technician_id: str, pin: str) -> None:
        def check() -> None:
            try:
                self.answered.emit(self._kiosk.technician_login.login(technician_id, pin))
            except LoginRefused as refused:
                self.answered.emit(refused)

        self._run("technician-login", check)

    def _on_answer(self, answer: Grant | LoginRefused) -> None:
        if isinstance(answer, LoginRefused):
            self._show(AtLogin(answer.code, answer.until))
            return
        try:
            state = self.vendor.request_enter(answer.technician_id)
            if state is VendorState.ENTER_PENDING:
                state = self.vendor.take_over()
        except VendorModeError as error:  # a hand-back still under way
            log.warning("vendor_mode.busy: %s", error)
            self._show(AtLogin())
            return
        self._show(AtDesk(answer.technician_id))

    def _test(self, device: DeviceClass) -> None:
        manager = self._kiosk.device_manager
        self._run("device-test", lambda: self.tested.emit(device, manager.self_test_one(device)))

    def _on_tested(self, device: DeviceClass, report: object) -> None:
        if self.desk is not None:
            self.desk.show_result(device, report)  # type: ignore[arg-type]

    def _hand_back(self) -> None:
        if self.desk is not None:
            self.desk.hand_back_button.setEnabled(False)
        self._run("vendor-hand-back", lambda: self.handed_back.emit(self.vendor.hand_back()))

    def _on_handed_back(self, result: Handback) -> None:
        log.info("vendor mode: handed back, self-test %s", "passed" if result.passed else "failed")
        self._leave()
