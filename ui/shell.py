"""The kiosk window: navigation between attract, home and the flows, idle warning and reset.

The shell only renders state. Flows run on their session's thread; their steps arrive here as
queued signals, and each step's screen is looked up in the screen modules' merged registries
(ui.screens.flow_screens), framed by the step bar of the service that is running. Every
personal datum on screen belongs to the current screen widget, which is destroyed when the
session ends.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMainWindow, QVBoxLayout, QWidget

from kiosk.app import Availability, Kiosk
from kiosk.roles.vendor_mode import VendorState
from kiosk.services.cards.flow import card_menu
from kiosk.services.errors import EndReason
from kiosk.services.help import HelpCall, HelpDesk
from kiosk.services.runner import SessionBusy
from kiosk.services.session import Back, Outcome, ServiceId, Session
from kiosk.services.steps import Confirmation, Navigation, Prompt, QueuedReceipt
from kiosk.system.restarts import BACKOFF_EXIT, CRASH_LOOP, RESTART_EXIT
from ui.bridge import QtUiPort
from ui.i18n import Language, Translations, tr
from ui.lockdown import ScreenVeil, is_leaving_key
from ui.screens import flow_screens
from ui.screens.attract import AttractScreen
from ui.screens.base import AnyStep, FlowScreen, Screen, ScreenContext
from ui.screens.home import HomeScreen
from ui.screens.out_of_service import OutOfServiceScreen, crash_loop_advice
from ui.screens.outcome import ErrorScreen
from ui.screens.remedies import REPLAYED_ON_RETRY, PresetAnswer, Remedy, remedy_for
from ui.staff.states import AtStaffLogin, StaffState
from ui.technician.role import AtLogin, TechnicianRole, TechnicianState
from ui.theme import Theme
from ui.voice import VoicePrompter
from ui.widgets.bars import QueueIndicator, TopBar
from ui.widgets.help import HelpComing
from ui.widgets.idle import IdleWarning
from ui.widgets.maintenance import MaintenanceWarning

if TYPE_CHECKING:  # OpenCV and NumPy load with the first face check, not with the window
    from devices.camera.camera import Frame
    from ui.screens.registry import FlowScreens, StepBar
    from ui.staff.role import StaffRole

log = logging.getLogger(__name__)

STAFF_MIN_WIDTH, STAFF_MIN_HEIGHT = 1366, 768
"""The smallest laptop screen the staff window is made for."""
MS_PER_IDLE_SECOND = 1000
"""Tests shorten this to run the idle path in milliseconds (and the screen's blanking and a
back-off after a crash loop)."""
BACKOFF_RECHECK_S = 10
"""A back-off over while a technician is at the desk waits for them this long, again and again."""
USER_INPUT_EVENTS = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}
)


@dataclass(frozen=True)
class Attract:
    pass


@dataclass(frozen=True)
class Home:
    pass


@dataclass(frozen=True)
class InFlow:
    token: int
    """The prompt's token, which its answer carries back; 0 for a view."""
    step: AnyStep
    service: ServiceId | None = None
    """The service running, whose step bar frames the step; None outside a session (then the
    service of the module that renders the step, if it has one)."""
    choice: Hashable | None = None
    """The citizen's answer on the service's menu, when it picked a step bar of its own (the
    card services: a loss report is not a card made here)."""


@dataclass(frozen=True)
class Failed:
    code: str
    service: ServiceId | None = None
    """The service that failed, which a retry starts again; None if not known."""
    replay: tuple[PresetAnswer, ...] = ()
    """The failed session's procedure choices (ui.screens.remedies.REPLAYED_ON_RETRY), which a
    retry gives again."""


ShellState = Attract | Home | InFlow | Failed | TechnicianState | StaffState
BottomPanel = Callable[["Shell"], QWidget]
"""A strip under every screen, built anew with each screen (the demo's card tray plugs in here)."""


class Shell(QMainWindow):
    connectivity_changed = Signal(bool)
    devices_changed = Signal()
    """A device's status changed (told on the device monitor's thread)."""
    _restart_wanted = False
    """The operations centre asked for a restart while somebody used the terminal."""

    def __init__(
        self,
        kiosk: Kiosk,
        translations: Translations,
        voice: VoicePrompter | None = None,
        bottom_panel: BottomPanel | None = None,
    ) -> None:
        super().__init__()
        self._bottom_panel = bottom_panel
        self._shutting_down = False
        self.setWindowTitle("Sheyin")
        self.kiosk = kiosk
        self._settings = kiosk.settings.kiosk
        self._translations = translations
        self.voice = voice or VoicePrompter(
            self._settings.voice_command, self, enabled=self._settings.voice
        )
        self.elder = self._settings.elder_mode
        self._port = QtUiPort(self)
        self._port.stepped.connect(self._on_step, Qt.ConnectionType.QueuedConnection)
        self._port.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.runner = kiosk.runner(self._port)
        self.session: Session | None = None
        self.technician = TechnicianRole(
            kiosk,
            self.show_state,
            lambda: self.show_state(Attract()),
            session_running=lambda: self.session is not None,
            end_session=lambda: self._end_session(EndReason.CANCELLED),
            on_requested=self._on_vendor_requested,
        )
        # The citizen's warning while a technician waits for their session to end.
        self.maintenance: MaintenanceWarning | None = None
        self.staff = self._staff_role() if self._settings.role == "staff" else None
        self.staff_bar: QWidget | None = None
        self.state: ShellState = self._first_state()
        self.screen_widget: Screen | None = None
        self.idle_warning: IdleWarning | None = None
        self._choice: tuple[type[AnyStep], Hashable] | None = None
        """The session's menu answer that picked a step bar, with the menu's step type."""
        self._preset: list[PresetAnswer] = []
        """Answers an error screen's remedy gives for the citizen (the card menu's procedure)."""
        self._procedure: list[PresetAnswer] = []
        """The session's procedure choices so far, which a retry after a failure gives again."""
        self._generation = 0
        """Counts the screens built: an answer from a screen already replaced is dropped."""

        self.help_desk = HelpDesk(lambda: self.kiosk.outbound)
        self.help_notice: HelpComing | None = None

        root = QWidget(self)
        root.setObjectName("Shell")
        self._root = root
        self._root_layout = QVBoxLayout(root)
        self._root_layout.setContentsMargins(0, 0, 0, 0)
        self._root_layout.setSpacing(0)
        self.setCentralWidget(root)
        self.top_bar: TopBar | None = None
        self.bottom_widget: QWidget | None = None
        self._theme: Theme | None = None

        self._listen_to_the_kiosk()
        self._closed = False

        self._idle_timer = self._make_idle_timer()
        self._set_up_lockdown_timers()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._render(speak=True)
        self.technician.watch_requests()

    def _first_state(self) -> ShellState:
        if self._settings.role == "technician":
            return AtLogin()
        return AtStaffLogin() if self.staff is not None else Attract()

    def _make_idle_timer(self) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        idle_s = self._settings.idle_timeout_s
        if self.staff is not None:
            idle_s = self.kiosk.settings.staff.idle_lock_s  # a staff laptop locks instead
        timer.setInterval(idle_s * MS_PER_IDLE_SECOND)
        timer.timeout.connect(self._idle)
        return timer

    def _set_up_lockdown_timers(self) -> None:
        """The attract screen blanks after a while (kiosk.blank_after_s), a touch wakes it; a
        back-off after a crash loop ends by itself."""
        self.veil = ScreenVeil(self, self._wake_screen)
        self._blank_timer = QTimer(self)
        self._blank_timer.setSingleShot(True)
        self._blank_timer.timeout.connect(self._blank_screen)
        self._backoff_timer = self._make_backoff_timer()

    def _make_backoff_timer(self) -> QTimer | None:
        """A start after a crash loop shows 暂停服务 for the back-off's time, then the
        application ends with BACKOFF_EXIT and the service manager starts it afresh."""
        backoff = self.kiosk.backoff
        if backoff is None:
            return None
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(self._backoff_over)
        timer.start(backoff.seconds * MS_PER_IDLE_SECOND)
        return timer

    def _backoff_over(self) -> None:
        if self._closed:
            return
        if isinstance(self.state, TechnicianState) and self._backoff_timer is not None:
            # A technician at the desk is not thrown out: the fresh start waits for them.
            self._backoff_timer.start(BACKOFF_RECHECK_S * MS_PER_IDLE_SECOND)
            return
        log.info("kiosk.backoff_over: the kiosk starts afresh")
        self._end_application(BACKOFF_EXIT)

    def _end_application(self, code: int) -> None:
        """Closes the window and ends the event loop with `code`, for the service manager
        (or `sheyin run`) to start the kiosk afresh."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)  # its quit would end the loop with 0
        self.shut_down()
        exit_application(code)

    def _staff_role(self) -> StaffRole:
        """Loaded only on a staff terminal: a kiosk starts without the staff's screens."""
        from ui.staff.role import StaffRole

        staff = StaffRole(
            self.kiosk,
            show=self.show_state,  # type: ignore[arg-type]
            home=self.go_home,
            logged_out=self._staff_logged_out,
            session_running=lambda: self.session is not None,
            start_service=self._start_tile,
            language=lambda: self.language,
            unlocked=self._after_unlock,
        )
        staff.setParent(self)
        return staff

    def _listen_to_the_kiosk(self) -> None:
        """The line and the devices, told on their own threads, handled on this one."""
        queued = Qt.ConnectionType.QueuedConnection
        self.connectivity_changed.connect(self._on_connectivity, queued)
        self._stop_connectivity = self.kiosk.add_connectivity_listener(
            self.connectivity_changed.emit
        )
        self.devices_changed.connect(self._on_devices_changed, queued)
        self._stop_device_listener = self.kiosk.device_manager.add_listener(
            lambda _device, _status: self.devices_changed.emit()
        )

    # --- window ---

    @property
    def locked_down(self) -> bool:
        """A citizens' kiosk in fullscreen: nothing but the application itself closes it, and
        it stays on top and fullscreen whatever else happens on the desktop."""
        return self._settings.role == "kiosk" and not self._settings.windowed

    def show_for_role(self) -> None:
        if self.staff is not None:
            # A laptop: a window of its own among the staff's others, down to 1366×768 of the
            # screen's pixels (the window's own are scaled by staff.ui_scale), or what the
            # desktop leaves of a screen that small (its panel, the title bar): maximised there.
            ratio = self.devicePixelRatioF() or 1.0
            least = QSize(round(STAFF_MIN_WIDTH / ratio), round(STAFF_MIN_HEIGHT / ratio))
            screen = QGuiApplication.primaryScreen()
            room = screen.availableSize() if screen is not None else least
            self.setMinimumSize(least.boundedTo(room))
            self.resize(least.boundedTo(room))
            if room.width() <= least.width() or room.height() <= least.height():
                self.showMaximized()
            else:
                self.show()
            return
        if self._settings.windowed:
            self.resize(1280, 800)
            self.show()
            return
        # Without a window manager showFullScreen() alone leaves a small window.
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        if self.locked_down:
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def shut_down(self) -> None:
        """The application's own way out (SIGTERM, technician mode, tests): ends the session
        and closes the window, which a close request from outside cannot do at a kiosk."""
        self._shutting_down = True
        self.close()

    def changeEvent(self, event: QEvent) -> None:
        if (
            event.type() == QEvent.Type.WindowStateChange
            and self.locked_down
            and not self._shutting_down
            and not self.isFullScreen()
        ):
            # Minimised or un-maximised by a desktop shortcut: back to fullscreen at once.
            QTimer.singleShot(0, self.showFullScreen)
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked_down and not self._shutting_down:
            # Alt+F4 or a window manager's close button: a citizen must not end the kiosk.
            log.warning("ui.close_refused: a close request from outside the application")
            event.ignore()
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._closed = True
        self._blank_timer.stop()
        if self._backoff_timer is not None:
            self._backoff_timer.stop()
        self.technician.stop()  # its timers and its waits end with the window
        if self.staff is not None:
            self.staff.stop()  # a member of staff still on duty is logged out, audited
        self._close_maintenance_warning()
        self.voice.stop()  # the prompt ends with the window
        self._stop_connectivity()
        self._stop_device_listener()
        self._end_session(EndReason.SHUTDOWN)
        self._translations.uninstall()
        super().closeEvent(event)

    # --- language and elder mode ---

    @property
    def language(self) -> Language:
        return self._translations.language

    def switch_language(self) -> None:
        other = Language.EN if self.language is Language.ZH_CN else Language.ZH_CN
        self._translations.install(other)
        self._render(speak=True)

    def switch_elder_mode(self) -> None:
        self.elder = not self.elder
        self._render(speak=False)

    # --- navigation ---

    def go_home(self) -> None:
        self._end_session(EndReason.CANCELLED)
        self.show_state(Home())

    def reset_to_attract(self, reason: EndReason = EndReason.IDLE) -> None:
        """Ends the session and removes every trace of the citizen from the screen, their
        choice of language and text size included: the next citizen starts afresh."""
        self._end_session(reason)
        self._restore_defaults()
        self.show_state(Attract())

    def _staff_logged_out(self, reason: str) -> None:
        """The staff member logged out (or the day ended): the citizen's session ends and
        every trace of it leaves the screen, as at a kiosk left idle."""
        self._end_session(EndReason.STAFF_LOGOUT)
        self._close_idle_warning()
        self._restore_defaults()
        self.show_state(AtStaffLogin(logged_out=reason))

    def _after_unlock(self) -> None:
        self.restart_idle_timer()
        if self.screen_widget is not None:
            self._focus_on_screen(self.screen_widget)

    def _start_tile(self, index: int) -> None:
        """Alt+1…: the home screen's n-th tile, if it can be started now."""
        screen = self.screen_widget
        if not isinstance(screen, HomeScreen) or index >= len(self.kiosk.services):
            return
        tile = screen.tiles.get(self.kiosk.services[index].id)
        if tile is not None and tile.isEnabled():
            tile.click()

    def _restore_defaults(self) -> None:
        default_language = Language(self._settings.language)
        if self.language is not default_language:
            self._translations.install(default_language)
        self.elder = self._settings.elder_mode
        self.voice.set_enabled(self._settings.voice)

    def start_service(self, service: ServiceId, answers: tuple[PresetAnswer, ...] = ()) -> None:
        """Starts `service`; `answers` are given for the citizen when their prompts come."""
        if not self.runner.available(service):
            return
        availability = self.kiosk.availability()
        if availability.vendor is not VendorState.INACTIVE or availability.closed_remotely:
            # An error screen's remedy, left up while a technician took the kiosk or the
            # operations centre closed it.
            self.show_state(Attract())  # 暂停服务
            return
        self._choice = None
        self._preset, self._procedure = list(answers), []
        try:
            self.session = self.runner.start(service)
        except SessionBusy:
            self._preset = []
            log.warning("session.busy: a session is still running")
            return

    def start_remedy(self, failed: Failed, remedy: Remedy) -> None:
        """An error screen's main button: the same service again with the procedure it was
        on, or the service and procedure that mend what failed."""
        if self.session is not None:
            return  # a second tap before the first one's session showed its first screen
        if remedy.retries:
            if failed.service is not None:
                self.start_service(failed.service, failed.replay + remedy.answers)
        else:
            assert remedy.service is not None
            self.start_service(remedy.service, remedy.answers)

    def _end_session(self, reason: EndReason) -> None:
        ended = self.session is not None
        if self.session is not None:
            self.session.end(reason)
            self.session = None
        self._choice = None
        self._preset = []
        if ended:
            self._session_over()

    def _session_over(self) -> None:
        """No citizen is served now: a technician waiting for the kiosk has it."""
        self._close_maintenance_warning()
        self.technician.session_over()

    # --- the operations centre (kiosk.fleet, through ui.fleet.WindowHost) ---

    def closure_changed(self) -> None:
        """Closed or reopened remotely: the attract and home screens show it at once; a citizen
        in a service finishes it first."""
        if not self._closed and isinstance(self.state, Attract | Home):
            self._render(speak=False)

    def serving(self) -> bool:
        """Somebody is using the terminal: a citizen choosing a service, in a session, reading
        its outcome or waiting for the staff they called; a technician at the desk; a member
        of staff on duty. Read from the fleet's thread too."""
        if self.session is not None or self._help_notice_open():
            return True
        if isinstance(self.state, Home | InFlow | Failed | TechnicianState):
            return not self._shows_out_of_service()
        return self.staff is not None and self.staff.on_duty is not None

    def _shows_out_of_service(self) -> bool:
        return isinstance(self.screen_widget, OutOfServiceScreen) and self.session is None

    def restart_when_idle(self) -> None:
        """Ends the application for a restart, now or once nobody is using the terminal (the
        next attract or home screen without a session)."""
        if self._closed:
            return
        if self.serving():
            self._restart_wanted = True
            return
        log.info("fleet.restart: the application restarts")
        self._end_application(RESTART_EXIT)

    def _answer(self, token: int, value: object) -> None:
        if self.session is not None:
            self.session.answer(token, value)

    def _on_step(self, session_id: uuid.UUID, token: int, step: AnyStep) -> None:
        if self.session is None or self.session.id != session_id:
            return  # a step from a session that has already been ended here
        if self._choice is not None and type(step) is self._choice[0]:
            self._choice = None  # the menu again: its answer is to come
        state = InFlow(token, step, self.session.service, self._choice[1] if self._choice else None)
        if self._give_preset_answer(state):
            return
        screen = self.screen_widget
        if isinstance(self.state, InFlow) and screen is not None and screen.update_in_place(step):
            # The same screen goes on (the live camera, the PIN dots): only the state moves.
            self.state = state
            return
        self.show_state(state)

    def _on_finished(self, session_id: uuid.UUID, outcome: Outcome) -> None:
        if self.session is None or self.session.id != session_id:
            return
        service, self.session = self.session.service, None
        self._preset = []
        self._session_over()
        if outcome.error_code:
            self.show_state(Failed(outcome.error_code, service, tuple(self._procedure)))
        elif outcome.reason in (EndReason.CARD_REMOVED, EndReason.IDLE):
            self._restore_defaults()
            self.show_state(Attract())
        else:
            self.show_state(Home())

    def _on_connectivity(self, online: bool) -> None:
        if self._closed:
            return  # queued before the window closed
        if self.top_bar is not None and self.top_bar.indicator is not None:
            self.top_bar.indicator.refresh()
        # Only the home screen changes: a citizen halfway through a service is not disturbed.
        if isinstance(self.state, Home):
            self._render(speak=False)

    def _on_devices_changed(self) -> None:
        """A device failed or came back: the attract and home screens show what can be done
        now (out of service, a tile that says why); a citizen in a service is not disturbed."""
        if self._closed:
            return
        if isinstance(self.state, Attract | Home):
            self._render(speak=False)

    # --- vendor mode asked for from the console ---

    def _on_vendor_requested(self, state: VendorState) -> None:
        """Pending: the citizen in a session is warned and given time to finish. Active: 暂停服务
        on the citizens' side (a citizen's outcome screen stays until they leave it)."""
        if self._closed:
            return
        if state is VendorState.ENTER_PENDING:
            if self.session is not None and self.maintenance is None:
                warning = MaintenanceWarning(
                    self.kiosk.settings.technician.session_grace_s, self._root
                )
                warning.expired.connect(self.technician.take_over)
                warning.ended.connect(self.technician.take_over)
                self.maintenance = warning
                warning.start()
                self.voice.say(warning.voice)
                if self.staff is not None:
                    self.staff.keep_locked_on_top()  # a locked laptop shows nothing over it
            return
        self._close_maintenance_warning()
        if self.session is None and not isinstance(self.state, Failed | TechnicianState):
            # A session taken over left its screen behind; an error screen stays for its
            # citizen to read (its buttons lead to 暂停服务 too).
            self._restore_defaults()
            self.show_state(Attract())  # 暂停服务 while the kiosk is the technician's

    def _close_maintenance_warning(self) -> None:
        if self.maintenance is not None:
            warning, self.maintenance = self.maintenance, None
            warning.stop()

    def show_state(self, state: ShellState) -> None:
        self._close_help_notice()
        if self._restart_wanted:
            QTimer.singleShot(0, self.restart_when_idle)  # the operations centre's, waiting
        if self.staff is not None and isinstance(state, Attract | Home):
            # No attract screen on a staff laptop: the services, or the login when nobody is
            # on duty.
            state = Home() if self.staff.on_duty is not None else AtStaffLogin()
        self.state = state
        self._render(speak=True)

    # --- 求助 (call staff) ---

    def call_staff(self) -> None:
        """The top bar's 求助: a help request naming this screen (raised on the help desk's own
        thread), and the citizen told that staff are coming, over the screen they are on."""
        # An error screen names the service that failed: staff know what the citizen was doing.
        service = self.state.service if isinstance(self.state, InFlow | Failed) else None
        screen_name = help_screen_name(self.state)
        called = self.help_desk.call_staff(screen_name, service)
        if called is HelpCall.RAISED:
            self.kiosk.help_raised(screen_name, service.value if service else None)
        self.show_help_notice(
            already_called=called is HelpCall.ALREADY_RAISED, offline=self.kiosk.online is False
        )

    def show_help_notice(self, already_called: bool, offline: bool = False) -> None:
        self._close_help_notice()
        self.help_notice = HelpComing(already_called, self._root, offline)
        self.help_notice.start()
        self.voice.say(self.help_notice.voice)

    def _help_notice_open(self) -> bool:
        notice = self.help_notice
        return notice is not None and shiboken6.isValid(notice) and notice.isVisible()

    def _close_help_notice(self) -> None:
        """A new screen takes the notice away (the citizen has seen it, and heard it said)."""
        if self.help_notice is not None:
            notice, self.help_notice = self.help_notice, None
            with contextlib.suppress(RuntimeError):  # already gone: its OK was pressed
                notice.dismiss()

    # --- idle ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.locked_down and is_leaving_key(event):
            return True  # Alt+F4, Ctrl+Q, Esc, Super…: no key leaves a citizens' kiosk
        if event.type() == QEvent.Type.KeyPress and self.veil.isVisible():
            self._wake_screen()
            return True  # it wakes the screen and does nothing else
        if event.type() in USER_INPUT_EVENTS:
            self._restart_blank_timer()
        if event.type() in USER_INPUT_EVENTS and self.idle_warning is None:
            self.restart_idle_timer()
        if (
            self.staff is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and watched is QApplication.focusWidget()
        ):
            return self._staff_key(event)
        return False

    def _staff_key(self, event: QKeyEvent) -> bool:
        """A laptop's keyboard: the staff's keys, Esc goes back, Enter presses the button that
        has the focus (a number or PIN pad takes its own Enter)."""
        assert self.staff is not None
        if self.staff.key_pressed(event, isinstance(self.state, Home)):
            return True
        if self.staff.lock is not None:
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            return self._go_back_by_key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.isAutoRepeat():
            return True  # a held Enter presses one button, not every next screen's main one
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = QApplication.focusWidget()
            if isinstance(focus, QAbstractButton) and not _takes_own_enter(focus):
                if focus.isEnabled():
                    focus.click()
                return True
        return False

    def _go_back_by_key(self) -> bool:
        screen = self.screen_widget
        if isinstance(screen, FlowScreen):
            # Back where the screen has it; out of the service only from its first step: a
            # habitual Esc on "Sending…" or the live face check must not throw a visit away.
            ways = [screen.back_button]
            if screen.ctx.current == 0:
                ways.append(screen.exit_button)
            for way_back in ways:
                if way_back is not None and way_back.isVisible() and way_back.isEnabled():
                    way_back.click()
                    return True
            return True  # Esc here does nothing, and no widget under it takes it either
        on_duty = self.staff is not None and self.staff.on_duty is not None
        if isinstance(self.state, StaffState | Failed) and on_duty:
            self.go_home()
            return True
        return False

    def restart_idle_timer(self) -> None:
        if self.staff is not None and (self.staff.on_duty is None or self.staff.lock):
            self._idle_timer.stop()  # nobody to lock, or locked already
            return
        if isinstance(self.state, Attract):
            self._idle_timer.stop()
        else:
            self._idle_timer.start()

    # --- the screen blanked on the attract screen ---

    def _may_blank(self) -> bool:
        """Only a citizens' kiosk's attract screen: never in a session, on the technician's
        desk, out of service or on a staff laptop."""
        return (
            self._settings.role == "kiosk"
            and self.staff is None
            and self._settings.blank_after_s > 0
            and not self._closed
            and isinstance(self.state, Attract)
            and isinstance(self.screen_widget, AttractScreen)
        )

    def _restart_blank_timer(self) -> None:
        if self.veil.isVisible() or not self._may_blank():
            self._blank_timer.stop()
            return
        self._blank_timer.start(self._settings.blank_after_s * MS_PER_IDLE_SECOND)

    def _blank_screen(self) -> None:
        if not self._may_blank():
            return
        if self._help_notice_open():
            self._restart_blank_timer()  # told to wait for staff: the screen stays
            return
        self.voice.stop()
        self.veil.cover()
        log.info("kiosk.screen_blanked")

    def _wake_screen(self) -> None:
        if not self.veil.isVisible():
            return
        self.veil.hide()
        log.info("kiosk.screen_woke")
        self._restart_blank_timer()

    def open_technician_login(self) -> None:
        self.show_state(AtLogin())

    def _idle(self) -> None:
        if self.staff is not None:
            # The staff member stepped away: locked, the citizen's service kept under the lock.
            if not isinstance(self.state, TechnicianState):
                self.staff.lock_now()
            return
        if isinstance(self.state, TechnicianState):
            # A technician who walked away: the kiosk shows 暂停服务 (or the attract screen,
            # not yet taken) until they log in again; vendor mode stays as it was.
            self.show_state(Attract())
            return
        if isinstance(self.state, Attract) or self.idle_warning is not None:
            return
        if self._help_notice_open():
            # Told "staff are coming, please wait here": waiting is what the citizen was asked
            # to do, and their place must still be there when staff arrive.
            self.restart_idle_timer()
            return
        warning = IdleWarning(self._settings.idle_warning_s, self._root)
        warning.kept.connect(self._keep_session)
        warning.expired.connect(functools.partial(self.reset_to_attract, EndReason.IDLE))
        warning.ended.connect(functools.partial(self.reset_to_attract, EndReason.CANCELLED))
        self.idle_warning = warning
        warning.start()
        self.voice.say(tr("Are you still there?"))

    def _keep_session(self) -> None:
        self._close_idle_warning()
        self.restart_idle_timer()

    def _close_idle_warning(self) -> None:
        if self.idle_warning is not None:
            self.idle_warning.remove()
            self.idle_warning = None

    # --- rendering ---

    def _render(self, speak: bool) -> None:
        self._close_idle_warning()
        self._wake_screen()  # a new screen is seen: out of service, the technician's login
        # The technician's screens are a tool with a table of every device: elder mode is the
        # citizens' and does not apply to them.
        theme = Theme(
            self.elder and not isinstance(self.state, TechnicianState | StaffState),
            keyboard=self.staff is not None,
        )
        if theme != self._theme:
            # Re-polishes every widget: only when the look really changes, not on every screen.
            self.setStyleSheet(theme.stylesheet())
            self._theme = theme
        for old in (self.top_bar, self.staff_bar, self.screen_widget, self.bottom_widget):
            if old is not None:
                self._root_layout.removeWidget(old)
                old.hide()
                old.deleteLater()
        self.top_bar = TopBar(
            self.language,
            self.elder,
            self,
            self._queue_indicator(),
            # On a staff laptop the member of staff is the help: no 求助 to the branch.
            call_staff=self.staff is None,
        )
        self.top_bar.language_switched.connect(self.switch_language)
        self.top_bar.elder_switched.connect(self.switch_elder_mode)
        self.top_bar.attach_voice(self.voice)
        self.top_bar.help_requested.connect(self.call_staff)
        self._generation += 1
        self.screen_widget = self._screen_for(self.state)
        self._root_layout.addWidget(self.top_bar)
        self.staff_bar = self._staff_bar()
        if self.staff_bar is not None:
            self._root_layout.addWidget(self.staff_bar)
        self._root_layout.addWidget(self.screen_widget, stretch=1)
        self.bottom_widget = self._bottom_panel(self) if self._bottom_panel else None
        if self.bottom_widget is not None:
            self._root_layout.addWidget(self.bottom_widget)
        # Shown now rather than on the next event-loop turn, so a tap never meets a blank frame.
        for widget in (self.top_bar, self.staff_bar, self.screen_widget, self.bottom_widget):
            if widget is not None:
                widget.show()
        if self._help_notice_open():
            assert self.help_notice is not None
            self.help_notice.raise_()  # a re-render (the line came back) stacked over it
        if self.maintenance is not None and self.maintenance.isVisible():
            self.maintenance.raise_()
        self._staff_after_render()
        self.restart_idle_timer()
        self._restart_blank_timer()
        if speak:
            self.voice.say(self.screen_widget.voice)

    def _staff_bar(self) -> QWidget | None:
        if self.staff is None or isinstance(self.state, AtStaffLogin | TechnicianState):
            return None
        return self.staff.bar(self.session is not None, self)

    def _staff_after_render(self) -> None:
        """The keyboard on the new screen, unless the lock is up: then it stays on the lock."""
        if self.staff is None or self.screen_widget is None:
            return
        if self.staff.lock is None:
            self._focus_on_screen(self.screen_widget)
        self.staff.keep_locked_on_top()

    @staticmethod
    def _focus_on_screen(screen: Screen) -> None:
        """A keyboard starts on the new screen, not on the top bar: on its number or PIN pad,
        else its main button, else its first choice, else its first control; never on Back or
        Exit, where one Enter would throw the visit away (then on the screen itself, where the
        staff's keys and Tab still work)."""
        leaving = (
            {screen.back_button, screen.exit_button} if isinstance(screen, FlowScreen) else set()
        )
        controls = [
            widget
            for widget in screen.findChildren(QWidget)
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(screen)
            and widget.isEnabled()
            and widget not in leaving
        ]

        def rank(widget: QWidget) -> int:
            if getattr(widget, "handles_enter", False):
                return 0
            return {"Primary": 1, "Tile": 2}.get(widget.objectName(), 3)

        target = min(controls, key=rank) if controls else screen
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _queue_indicator(self) -> QueueIndicator | None:
        """Staff and technicians see the line and the queue; citizens do not."""
        if self._settings.role == "kiosk":
            return None

        def waiting() -> int | None:
            queue = self.kiosk.queue
            return queue.outbox.open_count() if queue is not None else None

        def online() -> bool | None:
            return self.kiosk.online

        return QueueIndicator(online, waiting)

    def _screen_for(self, state: ShellState) -> Screen:
        if isinstance(state, StaffState):
            assert self.staff is not None  # staff states are shown only with the staff role
            self.technician.left()
            return self.staff.screen_for(state)
        if self.staff is not None:
            self.staff.left()
        if isinstance(state, TechnicianState):
            return self.technician.screen_for(state)
        self.technician.left()
        if isinstance(state, Attract | Home):
            return self._citizens_first_screen(state)
        if isinstance(state, Failed):
            return self._error_screen(state)
        return self._flow_screen(state)

    def _citizens_first_screen(self, state: Attract | Home) -> Screen:
        """Attract or home, or 暂停服务 when no service can start; what can start is read once
        for the screen (a state file, the device monitor's last round), not for every step."""
        availability = self.kiosk.availability()
        if availability.out_of_service:
            return self._out_of_service_screen(availability)
        if isinstance(state, Attract):
            return AttractScreen(
                functools.partial(self.show_state, Home()),
                elder=self.elder,
                on_elder=self.switch_elder_mode,
                on_language=self.switch_language,
                language=self.language,
                voice=self.voice,
                on_technician=self.open_technician_login,
            )
        return HomeScreen(
            self.kiosk.services,
            self.runner.available,
            self.start_service,
            offline=self.kiosk.online is False,
            outages=availability.outages,
            not_fitted=self.kiosk.not_fitted(),
            shortcuts=self.staff is not None,
        )

    def _out_of_service_screen(self, availability: Availability) -> OutOfServiceScreen:
        """Logged with the devices' codes each time it is drawn (the device monitor has logged
        each change that led here already)."""
        advice = None
        if availability.backoff is not None:
            codes = CRASH_LOOP  # logged with its count at start (kiosk.system.restarts)
            progress = None  # nothing starts until the kiosk has started afresh
            advice = crash_loop_advice()
        elif availability.vendor is not VendorState.INACTIVE:
            codes = f"vendor_mode {availability.vendor.value}"
            progress = None  # the technician has the devices and the kiosk
        elif availability.closed_remotely:
            codes = "fleet out_of_service"
            progress = None  # closed by the operations centre: nothing starts
        else:
            statuses = self.kiosk.device_manager.last_status() or {}
            codes = ", ".join(
                f"{device.value} {statuses.get(device) or 'not_configured'}"
                for device in dict.fromkeys(availability.outages.values())
            )
            available = self.runner.available(ServiceId.PROGRESS)
            progress = functools.partial(self.start_service, ServiceId.PROGRESS)
            progress = progress if available else None
        log.info("kiosk.out_of_service: %s", codes)
        return OutOfServiceScreen(
            codes, progress, on_technician=self.open_technician_login, advice=advice
        )

    def _error_screen(self, failed: Failed) -> ErrorScreen:
        """The remedy is the main button only where it can start here: a retry needs the
        service that failed, and the service must run at this kiosk; a call for staff is the
        top bar's 求助 made the main button."""
        remedy = remedy_for(failed.code)
        if remedy is not None and remedy.calls_staff and self.staff is not None:
            return ErrorScreen(failed.code, self.go_home)  # the staff member is the help
        if remedy is not None and remedy.calls_staff:
            return ErrorScreen(failed.code, self.go_home, (remedy.words(), self.call_staff))
        service = None if remedy is None else remedy.service or failed.service
        if remedy is None or service is None or not self.runner.available(service):
            return ErrorScreen(failed.code, self.go_home)
        procedure = remedy.card_procedure
        if procedure is not None:
            menu = card_menu(self.kiosk.devices, self.kiosk.online)
            if not menu.offers(procedure):
                return ErrorScreen(failed.code, self.go_home)
        action = functools.partial(self.start_remedy, failed, remedy)
        return ErrorScreen(failed.code, self.go_home, (remedy.words(), action))

    def _flow_screen(self, state: InFlow) -> Screen:
        """The step's screen from the merged registries, framed by the running service's bar."""
        screens = flow_screens()
        entry = screens.screen_for(state.step)
        bar = self._step_bar(state, screens)
        names = tuple(bar.names()) if bar is not None else ()
        generation = self._generation

        def answer(value: object) -> None:
            # The token is the current state's, not the one the screen was built for: a screen
            # updated in place answers the prompt it shows now.
            if generation != self._generation or not isinstance(self.state, InFlow):
                return  # a tap that reached a screen already replaced
            self._remember_choice(self.state, value)
            self._remember_procedure(self.state.step, value)
            self._answer(self.state.token, value)

        ctx = ScreenContext(
            steps=names,
            current=screens.place_in(bar, state.step, names) if bar is not None else 0,
            answer=answer,
            back=functools.partial(answer, Back.BACK),
            done=functools.partial(answer, Navigation.DONE),
            confirm=functools.partial(answer, Confirmation.CONFIRM),
            exit=self.go_home,
            say=self.voice.say,
            camera=self._camera_frames(),
            elder=self.elder,
            staff_laptop=self.staff is not None,
        )
        return entry.build(state.step, ctx)

    def _step_bar(self, state: InFlow, screens: FlowScreens) -> StepBar | None:
        """The running service's step bar (its menu choice's, if that has one). A queued
        receipt ends the service whose request it is; a step shown outside a session, the
        service of the module that renders it."""
        service, choice = state.service, state.choice
        if isinstance(state.step, QueuedReceipt):
            owner = _service_of_operation(state.step.operation)
            if owner is not None and owner is not service:
                service, choice = owner, None
        if service is None:
            declared = screens.declared_by[type(state.step)].services
            service = declared[0].service if declared else None
        own = screens.services.get(service) if service is not None else None
        if own is None:
            return None
        branch = own.branch_for(choice)
        return branch if branch is not None else own.bar

    def _give_preset_answer(self, asked: InFlow) -> bool:
        """Answers the prompt for the citizen if a remedy chose its answer (the card menu's
        procedure); if the menu does not offer that choice now, the citizen sees the menu."""
        if not self._preset or type(asked.step) is not self._preset[0].prompt:
            return False
        preset = self._preset.pop(0)
        assert isinstance(asked.step, Prompt)  # a preset's step type is a prompt
        if not preset.fits(asked.step):
            self._preset = []
            return False
        self._remember_choice(asked, preset.value)
        self._remember_procedure(asked.step, preset.value)
        self._answer(asked.token, preset.value)
        return True

    def _remember_procedure(self, step: AnyStep, value: object) -> None:
        if isinstance(step, Prompt) and type(step) in REPLAYED_ON_RETRY:
            self._procedure.append(PresetAnswer(type(step), value))

    def _remember_choice(self, asked: InFlow, value: object) -> None:
        """An answer that picks a step bar of its own (a card service on the card menu)."""
        service = flow_screens().services.get(asked.service) if asked.service else None
        if service is not None and service.branch_for(value) is not None:
            assert isinstance(value, Hashable)  # branch_for found it as a key
            self._choice = (type(asked.step), value)

    def _camera_frames(self) -> Callable[[], Frame | None]:
        """The camera's newest frame; the camera itself is built on the first call (by the face
        screen), not with every screen."""
        source = self.kiosk.devices.camera
        if source is None:
            return _no_frame

        def latest() -> Frame | None:
            return source().latest()

        return latest


def exit_application(code: int) -> None:
    """Ends the event loop with `code` (tests replace it: their loop is not the application's)."""
    QApplication.exit(code)


def _takes_own_enter(widget: QWidget) -> bool:
    """A key of a number or PIN pad: Enter confirms the pad's entry, not the key."""
    parent: QWidget | None = widget
    while parent is not None:
        if getattr(parent, "handles_enter", False):
            return True
        parent = parent.parentWidget()
    return False


def _no_frame() -> Frame | None:
    return None


def _service_of_operation(kind: str) -> ServiceId | None:
    # The write operations load with the central client, not with the window; by the time a
    # queued receipt is on screen they have.
    from kiosk.central.operations import service_of

    return service_of(kind)


def help_screen_name(state: ShellState) -> str:
    """How a help request names the screen: its code, never its words (kiosk.services.help)."""
    if isinstance(state, Attract):
        return "attract"
    if isinstance(state, Home):
        return "home"
    if isinstance(state, Failed):
        return f"error:{state.code}"
    if isinstance(state, TechnicianState):
        return "technician"
    if isinstance(state, StaffState):
        return "staff"
    return type(state.step).__name__
