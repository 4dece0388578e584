"""The technician's role in the kiosk window: the login, vendor mode, the device desk. The
shell shows its states; every wait (the central system, a self-test) runs on a thread and
comes back by a queued signal, so the screen never freezes."""

from __future__ import annotations

import functools
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.roles.line_check import LineReport, check_line
from kiosk.roles.technician import FAILED, Grant, LoginRefused
from kiosk.roles.vendor_mode import Handback, VendorMode, VendorModeError, VendorState
from ui.technician.desk import TechnicianDeskScreen
from ui.technician.line import LineScreen
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


@dataclass(frozen=True)
class AtLine:
    """The network and queue screen; `report` None while it is checked."""

    technician_id: str
    report: LineReport | None = None


class TechnicianRole(QObject):
    answered = Signal(int, object)
    entered = Signal(int, object)
    tested = Signal(int, object, object)
    handed_back = Signal(object)
    line_checked = Signal(int, object)

    def __init__(
        self,
        kiosk: Kiosk,
        show: Callable[[AtLogin | AtDesk | AtLine], None],
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
        self._visit = 0
        """Counts the technician screens shown: an answer for one already left is dropped (a
        login checked after Cancel must not take the kiosk from whoever came next)."""
        queued = Qt.ConnectionType.QueuedConnection
        self.answered.connect(self._on_answer, queued)
        self.entered.connect(self._on_entered, queued)
        self.tested.connect(self._on_tested, queued)
        self.handed_back.connect(self._on_handed_back, queued)
        self.line_checked.connect(self._on_line_checked, queued)
        self.busy: threading.Thread | None = None

    def screen_for(self, state: AtLogin | AtDesk | AtLine) -> Screen:
        self._visit += 1
        self.desk = None
        if isinstance(state, AtLogin):
            return TechnicianLoginScreen(self._log_in, self._leave, state.refused, state.until)
        if isinstance(state, AtLine):
            if state.report is None:
                self._check_line(state.technician_id)
            return LineScreen(
                state.report,
                functools.partial(self._retry, state.technician_id),
                functools.partial(self._show, AtDesk(state.technician_id)),
            )
        manager = self._kiosk.device_manager
        statuses = manager.last_status() or {}
        rows = []
        for device, built in manager.devices.items():
            status = statuses.get(device)
            shown = None if built is None else (status.value if status else "unknown")
            rows.append((device, manager.driver(device), shown))
        self.desk = TechnicianDeskScreen(
            state.technician_id,
            rows,
            self._test,
            self._hand_back,
            functools.partial(self._show, AtLine(state.technician_id)),
        )
        return self.desk

    def _check_line(self, technician_id: str) -> None:
        visit = self._visit
        outbound = self._kiosk.queue

        def check() -> None:
            outbox = outbound.outbox if outbound is not None else None
            report = check_line(self._kiosk.central, outbox)
            self.line_checked.emit(visit, AtLine(technician_id, report))

        self._run("line-check", check)

    def _on_line_checked(self, visit: int, state: AtLine) -> None:
        if visit == self._visit:
            self._show(state)

    def _retry(self, technician_id: str, entry: uuid.UUID | None) -> None:
        """One dead letter (or all) back in the queue, in the audit log; then checked again."""
        queue = self._kiosk.queue
        audit = self._kiosk.audit
        actor = f"technician:{technician_id}"

        def retry() -> None:
            try:
                if queue is None:
                    raise RuntimeError("queue.not_open")
                if entry is None:
                    count = queue.outbox.retry_dead()
                    audit.append(actor, "queue.retry_dead", f"ok:{count}", "queue")
                else:
                    done = queue.outbox.retry(entry)
                    outcome = "ok" if done else "failed:queue.not_dead"
                    audit.append(actor, "queue.retry", outcome, f"entry:{entry}")
            except Exception as exc:  # shown by the screen checked again
                log.error("queue.retry_failed: %s", getattr(exc, "code", type(exc).__name__))

        def retry_and_check() -> None:
            retry()
            report = check_line(self._kiosk.central, queue.outbox if queue else None)
            self.line_checked.emit(visit, AtLine(technician_id, report))

        visit = self._visit
        self._run("queue-retry", retry_and_check)

    def left(self) -> None:
        """The screen went back to the citizens' side: late answers are for nobody."""
        self._visit += 1
        self.desk = None

    def _run(self, name: str, work: Callable[[], None]) -> None:
        self.busy = threading.Thread(target=work, name=name, daemon=True)
        self.busy.start()

    def _log_in(self, technician_id: str, pin: str) -> None:
        """The check off the GUI thread (the central system may take seconds); its answer
        counts only while this screen is still the one shown."""
        visit = self._visit

        def check() -> None:
            answer: Grant | LoginRefused
            try:
                answer = self._kiosk.technician_login.login(technician_id, pin)
            except LoginRefused as refused:
                answer = refused
            except Exception as exc:  # the screen must not stay on "Checking…"
                log.error("technician.login_failed: %s", getattr(exc, "code", type(exc).__name__))
                answer = LoginRefused(FAILED)
            self.answered.emit(visit, answer)

        self._run("technician-login", check)

    def _on_answer(self, visit: int, answer: Grant | LoginRefused) -> None:
        if visit != self._visit:
            log.info("technician: a login answered after its screen was left, dropped")
            return
        if isinstance(answer, LoginRefused):
            self._show(AtLogin(answer.code, answer.until))
            return

        def enter() -> None:
            # Off the GUI thread: the state file and the audit log's writes reach the disk.
            result: AtDesk | LoginRefused
            try:
                state = self.vendor.request_enter(answer.technician_id)
                if state is not VendorState.ACTIVE:
                    # Only from a screen no citizen is on: a session running now is a race
                    # this login does not win (the technician tries again).
                    raise VendorModeError(state.value)
                result = AtDesk(answer.technician_id)
            except VendorModeError as busy:
                log.warning("vendor_mode.busy: %s", busy)
                result = LoginRefused(FAILED)
            except Exception as exc:
                log.error("vendor_mode.enter_failed: %s", getattr(exc, "code", type(exc).__name__))
                result = LoginRefused(FAILED)
            self.entered.emit(visit, result)

        self._run("vendor-enter", enter)

    def _on_entered(self, visit: int, result: AtDesk | LoginRefused) -> None:
        """A technician who left the screen in the meantime finds 暂停服务 and logs in again to
        take the desk up (vendor mode resumes)."""
        if visit != self._visit:
            return
        self._show(result if isinstance(result, AtDesk) else AtLogin(result.code, result.until))

    def _test(self, device: DeviceClass) -> None:
        visit, manager = self._visit, self._kiosk.device_manager
        self._run(
            "device-test", lambda: self.tested.emit(visit, device, manager.self_test_one(device))
        )

    def _on_tested(self, visit: int, device: DeviceClass, report: object) -> None:
        if visit == self._visit and self.desk is not None:
            self.desk.show_result(device, report)  # type: ignore[arg-type]

    def _hand_back(self) -> None:
        if self.desk is not None:
            self.desk.hand_back_button.setEnabled(False)

        def hand_back() -> None:
            try:
                result = self.vendor.hand_back()
            except Exception:  # the technician is told by the screen they are returned to
                log.exception("vendor_mode.hand_back_failed")
                result = Handback(("hand_back",))
            self.handed_back.emit(result)

        self._run("vendor-hand-back", hand_back)

    def _on_handed_back(self, result: Handback) -> None:
        log.info("vendor mode: handed back, self-test %s", "passed" if result.passed else "failed")
        self._leave()
