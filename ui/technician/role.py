"""The technician's role in the kiosk window: the login, vendor mode, the device desk, a device's
tests, the camera preview, the network and queue, the logs. The shell shows its states; every
wait (the central system, a device) runs on a thread and comes back by a queued signal, so the
screen never freezes; the desk's live figures come from what the device manager already knows."""

from __future__ import annotations

import functools
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from devices.manager import DeviceClass
from kiosk.logs import recent_log
from kiosk.roles.credentials import answered
from kiosk.roles.device_checks import (
    CAMERA_READY_S,
    CAMERA_WATCH_S,
    CHECKS,
    CameraWatch,
    CheckResult,
    DeviceCheck,
)
from kiosk.roles.line_check import LineReport, check_line, unchecked
from kiosk.roles.technician import FAILED, Grant, LoginRefused
from kiosk.roles.vendor_mode import Handback, VendorMode, VendorModeError, VendorState
from kiosk.roles.vendor_request import take_request
from ui.i18n import tr
from ui.technician.camera import CameraCheckScreen
from ui.technician.desk import TechnicianDeskScreen
from ui.technician.device import DeviceScreen
from ui.technician.line import LineScreen
from ui.technician.login import TechnicianLoginScreen
from ui.technician.logs import LogScreen

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from offline_queue.store import Outbox
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


@dataclass(frozen=True)
class AtDevice:
    technician_id: str
    device: DeviceClass


@dataclass(frozen=True)
class AtCamera:
    technician_id: str


@dataclass(frozen=True)
class AtLogs:
    technician_id: str
    level: int = logging.INFO
    device: DeviceClass | None = None


TechnicianState = AtLogin | AtDesk | AtLine | AtDevice | AtCamera | AtLogs
REFRESH_MS = 1000
"""How often the desk and a device's screen show the manager's figures again."""
REQUEST_POLL_MS = 1000
"""How soon a request from the console is taken up."""


class TechnicianRole(QObject):
    answered = Signal(int, object)
    entered = Signal(int, object)
    checked = Signal(int, object)
    pin_typed = Signal(int, int)
    camera_started = Signal(int, object)
    handed_back = Signal(object)
    line_checked = Signal(int, object)
    requested = Signal(object)

    def __init__(
        self,
        kiosk: Kiosk,
        show: Callable[[TechnicianState], None],
        leave: Callable[[], None],
        *,
        session_running: Callable[[], bool],
        end_session: Callable[[], None],
        on_requested: Callable[[VendorState], None],
    ) -> None:
        """`show` puts a technician state on screen; `leave` returns to the citizens' side;
        `on_requested` is told where a request from the console took vendor mode."""
        super().__init__()
        self._kiosk = kiosk
        self._show = show
        self._leave = leave
        self._session_running = session_running
        self.vendor = VendorMode(
            kiosk.vendor_state_file,
            kiosk.audit,
            session_running=session_running,
            end_session=end_session,
            self_test=kiosk.device_manager.self_test,
        )
        self.desk: TechnicianDeskScreen | None = None
        self.device_screen: DeviceScreen | None = None
        self.camera_screen: CameraCheckScreen | None = None
        self._camera: CameraWatch | None = None
        self._stopped = False
        self._pin_check = False
        """A PIN-pad test waits for the technician: leaving its screen ends it (and only then
        is the pad cancelled: a citizen's entry is not this role's)."""
        self._visit = 0
        """Counts the technician screens shown: an answer for one already left is dropped (a
        login checked after Cancel must not take the kiosk from whoever came next)."""
        queued = Qt.ConnectionType.QueuedConnection
        self.answered.connect(self._on_answer, queued)
        self.entered.connect(self._on_entered, queued)
        self.checked.connect(self._on_checked, queued)
        self.pin_typed.connect(self._on_pin_typed, queued)
        self.camera_started.connect(self._on_camera_started, queued)
        self.handed_back.connect(self._on_handed_back, queued)
        self.line_checked.connect(self._on_line_checked, queued)
        self.requested.connect(on_requested, queued)
        self.busy: threading.Thread | None = None
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._show_figures)
        self._requests = QTimer(self)
        self._requests.setInterval(REQUEST_POLL_MS)
        self._requests.timeout.connect(self._take_request)

    def watch_requests(self) -> None:
        """Takes up `sheyin vendor-mode enter`'s requests from now on (stopped by `stop`)."""
        self._requests.start()

    def stop(self) -> None:
        """The window closes: no timer, no wait of this role goes on."""
        self._stopped = True
        self._requests.stop()
        self._left_screen()

    def _take_request(self) -> None:
        path = self._kiosk.vendor_request_file
        if not path.exists():  # a stat a second: the rest off this thread
            return

        def take() -> None:
            request = take_request(path)
            if request is None:
                return
            if self.vendor.state is not VendorState.INACTIVE:
                # A technician has the kiosk (or is taking it): the console's request would
                # make the desk's actions another's in the audit log.
                log.warning("vendor_mode.busy: %s", self.vendor.state.value)
                return
            try:
                state = self.vendor.request_enter(request.technician_id)
            except VendorModeError as busy:  # being handed back, or another's request
                log.warning("vendor_mode.busy: %s", busy)
                return
            except Exception as exc:
                log.error("vendor_mode.enter_failed: %s", getattr(exc, "code", type(exc).__name__))
                return
            self.requested.emit(state)

        self._run("vendor-request", take)

    def take_over(self) -> None:
        """The citizen was warned and the time is up (or they ended it): the session ends and
        the technician has the kiosk. On this thread: ending the session is the shell's, and
        tells `session_over`, which reports the kiosk taken; without a session, this does."""
        running = self._session_running()
        try:
            state = self.vendor.take_over()
        except VendorModeError as moved:  # the session ended by itself meanwhile
            log.info("vendor mode: take-over not needed (%s)", moved)
            return
        except Exception as exc:  # the audit log refused: the kiosk is not taken
            log.error("vendor_mode.take_over_failed: %s", getattr(exc, "code", type(exc).__name__))
            self.requested.emit(VendorState.INACTIVE)
            return
        if not running:
            self.requested.emit(state)

    def session_over(self) -> None:
        """A citizen's session ended: a technician's pending request becomes active (on a
        thread: the state file and the audit log reach the disk)."""
        if self.vendor.state is not VendorState.ENTER_PENDING:
            return

        def ended() -> None:
            try:
                state = self.vendor.session_ended()
            except Exception as exc:
                log.error("vendor_mode.enter_failed: %s", getattr(exc, "code", type(exc).__name__))
                state = self.vendor.state
            self.requested.emit(state)

        self._run("vendor-session-ended", ended)

    def screen_for(self, state: TechnicianState) -> Screen:
        self._left_screen()
        if isinstance(state, AtDevice | AtCamera | AtLogs):
            return self._device_screen_for(state)
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
        actor = state.technician_id
        self.desk = TechnicianDeskScreen(
            actor,
            self._kiosk.device_manager.details(),
            lambda device: self._show(AtDevice(actor, device)),
            on_hand_back=self._hand_back,
            on_line=functools.partial(self._show, AtLine(actor)),
            on_logs=functools.partial(self._show, AtLogs(actor)),
        )
        self._refresh.start()
        return self.desk

    def _device_screen_for(self, state: AtDevice | AtCamera | AtLogs) -> Screen:
        actor = state.technician_id
        back = functools.partial(self._show, AtDesk(actor))
        if isinstance(state, AtLogs):
            manager = self._kiosk.device_manager
            return LogScreen(
                recent_log().lines(at_least=state.level, device=state.device),
                state.level,
                state.device,
                [device for device, built in manager.devices.items() if built is not None],
                on_filter=lambda level, device: self._show(AtLogs(actor, level, device)),
                on_back=back,
            )
        if isinstance(state, AtCamera):
            return self._camera_screen(actor)
        detail = self._kiosk.device_manager.details()[state.device]
        if detail is None:  # the desk opens only a device the kiosk has: not reached
            return self.screen_for(AtDesk(actor))
        self.device_screen = DeviceScreen(
            state.device,
            detail,
            CHECKS[state.device],
            functools.partial(self._check, actor, state.device),
            back,
        )
        self._refresh.start()
        return self.device_screen

    def _left_screen(self) -> None:
        """A new screen: answers for the old one are for nobody; a test it started that waits
        for the technician (the PIN pad, the camera) ends."""
        self._visit += 1
        self._refresh.stop()
        self.desk = self.device_screen = self.camera_screen = None
        camera, self._camera = self._camera, None
        if camera is not None:
            self._run("camera-stop", camera.stop)
        if self._pin_check:
            self._pin_check = False
            self._kiosk.device_checks().cancel_pin_pad()

    def _show_figures(self) -> None:
        details = self._kiosk.device_manager.details()
        if self.desk is not None:
            self.desk.refresh(details)
        if self.device_screen is not None:
            self.device_screen.refresh(details[self.device_screen.device])

    def _check(self, technician_id: str, device: DeviceClass, check: DeviceCheck) -> None:
        if check is DeviceCheck.CAMERA:
            self._show(AtCamera(technician_id))
            return
        visit, checks = self._visit, self._kiosk.device_checks()
        actor = f"technician:{technician_id}"

        self._pin_check = check is DeviceCheck.PIN_PAD

        def run() -> None:
            if check is DeviceCheck.PIN_PAD:
                if visit != self._visit:
                    return  # left before the entry began: the pad is not started for nobody
                result = checks.pin_pad(actor, lambda typed: self.pin_typed.emit(visit, typed))
            else:
                result = checks.run(device, check, actor)
            self.checked.emit(visit, result)

        self._run(f"device-check-{check.value}", run)

    def _on_pin_typed(self, visit: int, typed: int) -> None:
        if visit == self._visit and self.device_screen is not None:
            self.device_screen.show_progress(DeviceCheck.PIN_PAD, pin_pad_words(typed))

    def _on_checked(self, visit: int, result: CheckResult) -> None:
        if visit != self._visit:
            return
        if result.check is DeviceCheck.PIN_PAD:
            self._pin_check = False
        if self.device_screen is not None:
            self.device_screen.show_result(result)
        if self.camera_screen is not None:
            self.camera_screen.show_result(result)

    def _camera_screen(self, technician_id: str) -> Screen:
        checks = self._kiosk.device_checks()
        watch = checks.camera_watch()
        assert watch is not None  # the desk offers the camera check only with a camera
        self._camera = watch
        visit, actor = self._visit, f"technician:{technician_id}"

        def watch_and_judge() -> None:
            watch.start()
            self.camera_started.emit(visit, watch)
            watch.looking.wait(CAMERA_READY_S)  # the face models load with the first look
            time.sleep(CAMERA_WATCH_S)
            if visit == self._visit:  # not judged once the technician has left the preview
                self.checked.emit(visit, checks.camera_result(watch, actor))

        self.camera_screen = CameraCheckScreen(
            watch, functools.partial(self._show, AtDevice(technician_id, DeviceClass.CAMERA))
        )
        self._run("camera-check", watch_and_judge)
        return self.camera_screen

    def _on_camera_started(self, visit: int, watch: CameraWatch) -> None:
        if visit != self._visit:
            # Left before the camera opened: it is stopped now (the leaving could not).
            self._run("camera-stop", watch.stop)

    def _check_line(self, technician_id: str) -> None:
        visit = self._visit
        outbound = self._kiosk.queue

        def check() -> None:
            outbox = outbound.outbox if outbound is not None else None
            self.line_checked.emit(visit, AtLine(technician_id, self._line_report(outbox)))

        self._run("line-check", check)

    def _line_report(self, outbox: Outbox | None) -> LineReport:
        """Never raises: a check that broke is shown with its code, not left at Checking…"""
        central = self._kiosk.settings.central
        try:
            return check_line(self._kiosk.central, outbox, central.url, central.ca_bundle)
        except Exception as exc:
            code = str(getattr(exc, "code", type(exc).__name__))
            log.error("line_check.failed: %s", code)
            return unchecked(code)

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
            outbox = queue.outbox if queue else None
            self.line_checked.emit(visit, AtLine(technician_id, self._line_report(outbox)))

        visit = self._visit
        self._run("queue-retry", retry_and_check)

    def left(self) -> None:
        """The screen went back to the citizens' side: late answers are for nobody."""
        self._left_screen()

    def _run(self, name: str, work: Callable[[], None]) -> None:
        self.busy = threading.Thread(target=work, name=name, daemon=True)
        self.busy.start()

    def _log_in(self, technician_id: str, pin: str) -> None:
        """The check off the GUI thread (the central system may take seconds); its answer
        counts only while this screen is still the one shown."""
        visit = self._visit

        def check() -> None:
            login = self._kiosk.technician_login
            answer = answered(
                lambda: login.login(technician_id, pin), FAILED, "technician.login_failed"
            )
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
        if not self._stopped:  # a window closed meanwhile shows nothing more
            self._leave()


def pin_pad_words(typed: int) -> str:
    return tr("Type 4 to 12 digits on the PIN pad, then Enter. Digits typed: {count}").format(
        count=typed
    )
