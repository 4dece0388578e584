"""The staff role in the window: the login, the lock after idle minutes, the end of the day,
the staff bar's actions and keys, the sync panel and the day report. Every wait (the central
system, the outbox, a PDF) runs on a thread and comes back by a queued signal; an answer for a
screen already left is dropped."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as clock_time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.roles.credentials import Grant, LoginRefused, answered
from kiosk.roles.staff import FAILED
from kiosk.roles.staff_day import day_end_after
from ui.i18n import Language, tr
from ui.screens.login import LoginScreen
from ui.staff.bar import StaffActions, StaffBar
from ui.staff.lock import StaffLock
from ui.staff.report import DayReportScreen, ReportView
from ui.staff.states import AtDayReport, AtStaffLogin, AtSync, StaffState
from ui.staff.sync import SyncScreen, SyncView
from ui.staff.words import logged_out_words, refusal_words

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from ui.screens.base import Screen

log = logging.getLogger(__name__)

PRINT_WAIT_S = 120.0
SYNC_WAIT_S = 30.0
"""How long Sync now waits for what was waiting to be sent before it says what is left."""
REFRESH_MS = 1000
DAY_END_CHECK_MS = 10_000


@dataclass(frozen=True)
class Synced:
    sent: int
    waiting: int


class StaffRole(QObject):
    login_answered = Signal(int, object)
    unlock_answered = Signal(object)
    synced = Signal(int, object)
    report_ready = Signal(int, object)

    def __init__(
        self,
        kiosk: Kiosk,
        *,
        show: Callable[[object], None],
        home: Callable[[], None],
        logged_out: Callable[[str], None],
        session_running: Callable[[], bool],
        start_service: Callable[[int], None],
        language: Callable[[], Language],
        unlocked: Callable[[], None],
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        """`show` puts a staff state on screen, `home` the services; `logged_out(reason)` ends
        any citizen's session and wipes it; `start_service(n)` starts the n-th tile's service;
        `unlocked` is told when the lock is gone (the idle time and the keyboard start again)."""
        super().__init__()
        self._kiosk = kiosk
        self._settings = kiosk.settings.staff
        self._show = show
        self._home = home
        self._logged_out = logged_out
        self._session_running = session_running
        self._start_service = start_service
        self._language = language
        self._unlocked = unlocked
        self._clock = clock
        self.on_duty: str | None = None
        self.day_ends: datetime | None = None
        self._syncing = False
        self.lock: StaffLock | None = None
        self.screen: Screen | None = None
        self._visit = 0
        self.busy: threading.Thread | None = None
        queued = Qt.ConnectionType.QueuedConnection
        self.login_answered.connect(self._on_login_answer, queued)
        self.unlock_answered.connect(self._on_unlock_answer, queued)
        self.synced.connect(self._on_synced, queued)
        self.report_ready.connect(self._on_report, queued)
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._refresh_sync)
        self._day_end = QTimer(self)
        self._day_end.setInterval(DAY_END_CHECK_MS)
        self._day_end.timeout.connect(self.check_day_end)

    # --- screens ---

    def screen_for(self, state: StaffState) -> Screen:
        self.left()
        screen: Screen
        if isinstance(state, AtStaffLogin):
            days = self._settings.offline_days
            refusal = refusal_words(state.refused, state.until, days) if state.refused else ""
            screen = LoginScreen(
                title=tr("Staff login"),
                prefix="S",
                number_name=tr("Staff number"),
                number_instruction=tr("Type your staff number: the four digits after S"),
                refusal=refusal or logged_out_words(state.logged_out),
                on_login=self._log_in,
                on_cancel=None,
                keyboard=True,
            )
        elif isinstance(state, AtSync):
            screen = SyncScreen(self._sync_view(), self.sync_now, state.syncing, _synced(state))
            self._refresh.start()
        else:
            if state.report is None:
                self._build_report()
            printer = self._kiosk.devices.printer
            screen = DayReportScreen(
                state.report,
                on_save=self._save_report,
                on_print=self._print_report if printer is not None else None,
                on_back=self._home,
                saved_to=state.saved_to,
                printed=state.printed,
                problem=state.problem,
            )
        self.screen = screen
        return screen

    def left(self) -> None:
        """A new screen: answers for the old one are for nobody."""
        self._visit += 1
        self._refresh.stop()
        self.screen = None

    def bar(self, in_service: bool, parent: QWidget) -> StaffBar | None:
        """The staff bar for every screen but the login."""
        if self.on_duty is None:
            return None
        queue = self._kiosk.queue
        waiting = queue.outbox.open_count() if queue is not None else None
        actions = StaffActions(
            home=self._home,
            sync=lambda: self._show(AtSync()),
            report=lambda: self._show(AtDayReport()),
            lock=self.lock_now,
            log_out=lambda: self.log_out("manual"),
        )
        return StaffBar(self.on_duty, waiting, in_service, actions, parent)

    # --- keys ---

    def key_pressed(self, event: QKeyEvent, at_home: bool) -> bool:
        """The staff's keys; True if this one was theirs."""
        if self.on_duty is None or self.lock is not None:
            return False
        key, modifiers = event.key(), event.modifiers()
        free = not self._session_running()
        if key == Qt.Key.Key_L and modifiers & Qt.KeyboardModifier.ControlModifier:
            self.lock_now()
        elif key == Qt.Key.Key_F2 and free:
            self._home()
        elif key == Qt.Key.Key_F5 and free:
            if isinstance(self.screen, SyncScreen):
                self.sync_now()
            else:
                self._show(AtSync())
        elif key == Qt.Key.Key_F9 and free:
            self._show(AtDayReport())
        elif (
            at_home
            and modifiers & Qt.KeyboardModifier.AltModifier
            and Qt.Key.Key_1 <= key <= Qt.Key.Key_9
        ):
            self._start_service(key - Qt.Key.Key_1)
        else:
            return False
        return True

    # --- login, lock, logout ---

    def _log_in(self, staff_id: str, pin: str) -> None:
        visit = self._visit

        def check() -> None:
            login = self._kiosk.staff_login
            answer = answered(lambda: login.login(staff_id, pin), FAILED, "staff.login_failed")
            self.login_answered.emit(visit, answer)

        self._run("staff-login", check)

    def _on_login_answer(self, visit: int, answer: Grant | LoginRefused) -> None:
        if visit != self._visit:
            return
        if isinstance(answer, LoginRefused):
            self._show(AtStaffLogin(answer.code, answer.until))
            return
        now = self._clock()
        self.on_duty = answer.number
        self._kiosk.operator = answer.number
        self.day_ends = day_end_after(now, _hour_minute(self._settings.day_ends_at))
        self._day_end.start()
        log.info("staff: logged in (%s)", "online" if answer.online else "offline")
        self._home()

    def lock_now(self) -> None:
        """Over everything, the citizen's screen kept under it as it was."""
        if self.on_duty is None or self.lock is not None:
            return
        root = self._root()
        if root is None:
            return
        self.lock = StaffLock(self.on_duty, self._unlock, lambda: self.log_out("manual"), root)
        self._veil(True)
        self.lock.show_locked()
        log.info("staff: locked")

    def keep_locked_on_top(self) -> None:
        """A re-render (the flow's next step) built new widgets under the lock: they are
        veiled, and the PIN pad keeps the keyboard."""
        if self.lock is not None:
            self._veil(True)
            self.lock.raise_()
            self.lock.pin.setFocus()

    def _unlock(self, pin: str) -> None:
        staff_id = self.on_duty
        assert staff_id is not None

        def check() -> None:
            login = self._kiosk.staff_login
            answer = answered(lambda: login.unlock(staff_id, pin), FAILED, "staff.unlock_failed")
            self.unlock_answered.emit(answer)

        self._run("staff-unlock", check)

    def _on_unlock_answer(self, answer: LoginRefused | None) -> None:
        if self.lock is None:
            return  # logged out meanwhile
        if answer is not None:
            self.lock.refuse(refusal_words(answer.code, answer.until, self._settings.offline_days))
            return
        self._remove_lock()
        log.info("staff: unlocked")

    def _remove_lock(self) -> None:
        lock, self.lock = self.lock, None
        if lock is not None:
            self._veil(False)
            lock.remove()
            self._unlocked()

    def _veil(self, veiled: bool) -> None:
        """What is under the lock takes no key and no click (Tab must not reach it)."""
        root = self._root()
        if root is None:
            return
        for child in root.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child is not self.lock:
                child.setEnabled(not veiled)

    def _root(self) -> QWidget | None:
        parent = self.parent()
        return parent.centralWidget() if parent is not None else None  # type: ignore[attr-defined]

    def log_out(self, reason: str) -> None:
        """Ends the citizen's session, wipes the screen, and shows the login again."""
        staff_id, self.on_duty = self.on_duty, None
        if staff_id is None:
            return
        self._kiosk.operator = None
        self.day_ends = None
        self._day_end.stop()
        self._remove_lock()
        self._logged_out(reason)

        def audit() -> None:
            try:
                self._kiosk.staff_login.logout(staff_id, reason)
            except Exception as exc:
                log.error("staff.logout_not_audited: %s", getattr(exc, "code", type(exc).__name__))

        self._run("staff-logout", audit)

    def check_day_end(self) -> None:
        if self.day_ends is not None and self._clock() >= self.day_ends:
            log.info("staff: the working day ended")
            self.log_out("day_end")

    def stop(self) -> None:
        """The window closes: whoever is on duty is logged out (audited, on this thread: the
        application is about to end)."""
        self._refresh.stop()
        self._day_end.stop()
        staff_id, self.on_duty = self.on_duty, None
        if staff_id is None:
            return
        self._kiosk.operator = None
        try:
            self._kiosk.staff_login.logout(staff_id, "window_closed")
        except Exception as exc:
            log.error("staff.logout_not_audited: %s", getattr(exc, "code", type(exc).__name__))

    # --- sync ---

    def _sync_view(self) -> SyncView:
        from offline_queue.store import EntryState

        queue = self._kiosk.queue
        if queue is None:
            return SyncView(self._kiosk.online, (), (), ())
        outbox = queue.outbox
        midnight = self._clock().replace(hour=0, minute=0, second=0, microsecond=0)
        delivered = outbox.entries(EntryState.DELIVERED, finished_since=midnight)
        waiting = outbox.entries(EntryState.PENDING) + outbox.entries(EntryState.LEASED)
        return SyncView(
            queue.monitor.online,
            sorted(waiting, key=lambda entry: entry.created_at),
            outbox.entries(EntryState.DEAD),
            delivered,
        )

    def _refresh_sync(self) -> None:
        if isinstance(self.screen, SyncScreen):
            self.screen.refresh(self._sync_view())

    def sync_now(self) -> None:
        """Tries the network now, makes every waiting entry due, and waits for them; says how
        many were delivered (a refused one is on the panel with its reason, not counted)."""
        from offline_queue.store import EntryState

        queue = self._kiosk.queue
        if queue is None or self._syncing:
            return
        self._syncing = True
        self._show(AtSync(syncing=True))
        visit = self._visit
        started = self._clock()

        def sync() -> None:
            try:
                queue.monitor.probe_now()
                queue.outbox.wake()
                queue.worker.wake()
                deadline = time.monotonic() + SYNC_WAIT_S
                while queue.monitor.online and queue.outbox.open_count():
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.1)
                sent = len(queue.outbox.entries(EntryState.DELIVERED, finished_since=started))
                result: Synced | None = Synced(sent, queue.outbox.open_count())
            except Exception as exc:  # the panel must not stay on "Sending…"
                log.error("staff.sync_failed: %s", getattr(exc, "code", type(exc).__name__))
                result = None
            self.synced.emit(visit, result)

        self._run("staff-sync", sync)

    def _on_synced(self, visit: int, result: Synced | None) -> None:
        self._syncing = False
        if visit == self._visit:
            offline = result is None or (result.waiting > 0 and self._kiosk.online is False)
            self._show(AtSync(sent=result.sent if result else 0, still_offline=offline))

    # --- the day report ---

    def _build_report(self) -> None:
        visit = self._visit
        staff_id = self.on_duty

        def build() -> None:
            try:
                view: ReportView | str = self._report_view(staff_id, self._clock().date())
            except Exception as exc:
                code = str(getattr(exc, "code", type(exc).__name__))
                log.error("staff.report_failed: %s", code)
                view = code
            self.report_ready.emit(visit, view)

        self._run("staff-report", build)

    def _report_view(self, staff_id: str | None, day: date) -> ReportView:
        return ReportView(self._kiosk.day_report(day, staff_id, self._clock()))

    def _on_report(self, visit: int, view: ReportView | str | AtDayReport) -> None:
        if visit != self._visit:
            return
        if isinstance(view, AtDayReport):
            self._show(view)
        elif isinstance(view, str):
            self._show(AtDayReport(ReportView(None), problem=view))
        else:
            self._show(AtDayReport(view))

    def _save_report(self, view: ReportView) -> None:
        """Writes the signed PDF to the reports folder, off this thread."""
        report = view.report
        if report is None:
            return
        visit, language = self._visit, self._language().value

        def save() -> None:
            try:
                path = self._kiosk.save_day_report(report, language)
            except Exception as exc:
                code = str(getattr(exc, "code", type(exc).__name__))
                log.error("staff.report_not_saved: %s", code)
                self.report_ready.emit(visit, AtDayReport(view, problem=code))
                return
            self.report_ready.emit(visit, AtDayReport(view, saved_to=path))

        self._run("staff-report-save", save)

    def _print_report(self, view: ReportView) -> None:
        report, printer = view.report, self._kiosk.devices.printer
        if report is None or printer is None:
            return
        visit, language = self._visit, self._language().value

        def print_it() -> None:
            try:
                pdf = self._kiosk.day_report_pdf(report, language)
                job = printer.print_pdf(pdf, "day-report").result(PRINT_WAIT_S)
                printer.wait_done(job, PRINT_WAIT_S).result(PRINT_WAIT_S)
            except Exception as exc:
                code = str(getattr(exc, "code", type(exc).__name__))
                log.error("staff.report_not_printed: %s", code)
                self.report_ready.emit(visit, AtDayReport(view, problem=code))
                return
            self.report_ready.emit(visit, AtDayReport(view, printed=True))

        self._run("staff-report-print", print_it)

    def _run(self, name: str, work: Callable[[], None]) -> None:
        self.busy = threading.Thread(target=work, name=name, daemon=True)
        self.busy.start()


def _synced(state: AtSync) -> str:
    if state.sent is None:
        return ""
    if state.still_offline:
        return tr("Still no network: what waits is kept here and sent by itself when it is back.")
    return tr("Sent: %n", None, state.sent)


def _hour_minute(text: str) -> clock_time:
    hour, minute = text.split(":")
    return clock_time(int(hour), int(minute))


def is_key_press(event: QEvent) -> bool:
    return event.type() == QEvent.Type.KeyPress
