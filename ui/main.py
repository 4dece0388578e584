"""The Qt frontend's entry point (`sheyin.frontends: qt`)."""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.system.notify import ServiceManager
from ui.i18n import Language, Translations
from ui.lockdown import KeyGuard, apply_kiosk_lockdown, lift_kiosk_lockdown
from ui.theme import load_fonts
from ui.voice import VoicePrompter

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.config import KioskSettings
    from kiosk.first_settings import FirstScreenSettings
    from ui.first_screen import FirstScreen
    from ui.shell import BottomPanel, Shell

log = logging.getLogger(__name__)

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)
CONFIG_INVALID = "config.invalid"
CONFIG_REFUSED = 2
"""`sheyin run`'s exit status for a wrong setting."""
MS_PER_SECOND = 1000
"""Tests shorten this to end a back-off in milliseconds."""


def create_shell(
    kiosk: Kiosk,
    bottom_panel: BottomPanel | None = None,
    *,
    translations: Translations | None = None,
    voice: VoicePrompter | None = None,
) -> Shell:
    """Builds the window for an existing QApplication (used by run, tests and screenshots)."""
    from kiosk.logs import recent_log
    from ui.shell import Shell

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if translations is None:
        _load_fonts(app)
        translations = Translations()
        translations.install(Language(kiosk.settings.kiosk.language))
    recent_log()  # the technician's log screen shows what happened since the window opened
    return Shell(kiosk, translations, voice, bottom_panel=bottom_panel)


def run(
    first: FirstScreenSettings | None,
    build: Callable[[], Kiosk],
    bottom_panel: BottomPanel | None = None,
    *,
    service: ServiceManager | None = None,
) -> int:
    """Shows the kiosk that `build` makes until the application quits (see `start`)."""
    started = start(first, build, bottom_panel, service=service)
    try:
        code = started.app.exec()
    finally:
        started.stop()
    if started.shell is None:
        # A back-off over ends the loop with its own status; stopped meanwhile, the refusal's.
        return code if code else (started.exit_code or 0)
    if not started.shell.runner.join(5.0):
        log.warning("session.thread_stuck: the session thread did not end within 5 s")
    return code


@dataclass(frozen=True)
class Started:
    app: QApplication
    shell: Shell | None
    """None: 暂停服务 stands in for the kiosk (a wrong setting, a back-off; see `start`)."""
    stop: Callable[[], None]
    """Undoes what `start` set up for the whole application (signals, timers, lock-down)."""
    exit_code: int | None = None
    """Without a shell: the status `run` returns when the loop ends by a signal."""


def start(
    first: FirstScreenSettings | None,
    build: Callable[[], Kiosk],
    bottom_panel: BottomPanel | None = None,
    *,
    service: ServiceManager | None = None,
) -> Started:
    """Everything before the event loop. With `first` (the settings read before validation,
    kiosk.first_settings), a citizens' kiosk shows its attract screen first and builds the
    kiosk behind it; without, the kiosk is built first (a laptop, whose scale Qt reads once,
    before the application exists). `bottom_panel`: a strip under every screen; only `sheyin
    demo` gives one (its card tray). `service`: the service manager told READY, once the event
    loop runs, and pinged from it (by default the one in the environment: nobody, outside
    systemd)."""
    service = service or ServiceManager.from_environment()
    kiosk: Kiosk | None = None
    if first is None or not first.shows_first_screen:
        kiosk = build()
        if kiosk.settings.kiosk.role == "staff":
            os.environ.setdefault("QT_SCALE_FACTOR", str(kiosk.settings.staff.ui_scale))
    role = first if kiosk is None else kiosk.settings.kiosk
    assert role is not None
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Sheyin")
    # Before any window: the pointer hidden and no key a way out, from the first screen on.
    guard = apply_kiosk_lockdown(app, role)
    _load_fonts(app)
    translations = Translations()
    translations.install(Language(role.language))
    voice = VoicePrompter(role.voice_command, enabled=role.voice)
    first_window: FirstScreen | None = None
    if kiosk is None:
        first_window = _first_screen(role, voice)
        service.status("starting: the attract screen is up, the kiosk is being built behind it")
        try:
            kiosk = build()
        except Exception as exc:
            refusal = _refusal(exc, service)
            if refusal is None:
                raise  # a technician at a console: `sheyin run` prints it and exits 2
            return _out_of_service(app, first_window, service, guard, refusal)
    shell = create_shell(kiosk, bottom_panel, translations=translations, voice=voice)
    voice.setParent(shell)
    if first_window is not None:
        app.processEvents()  # touches made while the kiosk was built reach the first screen
    shell.show_for_role()
    if first_window is not None:
        first_window.hand_over()
        _do_wishes(shell, first_window)
    kiosk.warm_up()
    if kiosk.settings.fleet.broker_url:
        from ui.fleet import WindowHost

        kiosk.start_fleet(WindowHost(shell))
    stop = _serve(app, shell, service, guard, f"{kiosk.settings.kiosk.role}: first screen shown")
    return Started(app, shell, stop)


def _serve(
    app: QApplication,
    shell: Shell | None,
    service: ServiceManager,
    guard: KeyGuard | None,
    ready_status: str,
) -> Callable[[], None]:
    """What the window (or 暂停服务 in its place) needs of the application while it runs: the
    signals that stop it, the watchdog's pings, READY. Returns how to undo it."""
    restore_signals = _quit_on_signals(app, shell, service)
    pings = _feed_the_watchdog(app, service)
    # From inside the event loop: a SIGTERM that follows READY at once must find a loop to
    # quit (app.quit() before exec() is lost, and the kiosk would not stop).
    QTimer.singleShot(0, lambda: service.ready(ready_status))

    def stop() -> None:
        if pings is not None:
            pings.stop()
        restore_signals()
        lift_kiosk_lockdown(app, guard)
        service.close()

    return stop


@dataclass(frozen=True)
class Refusal:
    """Why 暂停服务 stands in for the kiosk, and how it ends."""

    code: str
    """For staff, on the screen."""
    status: str
    """READY's STATUS for the service manager."""
    advice: str | None
    exit_after_s: int | None
    """A back-off ends by itself (the application exits, the service manager starts it
    afresh); a wrong setting stays until the service is restarted."""
    exit_code: int


def _refusal(error: Exception, service: ServiceManager) -> Refusal | None:
    # Both modules are loaded by then: the build read the settings and the start history.
    from kiosk.config import ConfigError
    from kiosk.system.restarts import BACKOFF_EXIT, CRASH_LOOP, BackingOff

    if isinstance(error, BackingOff):
        from ui.screens.out_of_service import crash_loop_advice

        seconds = error.backoff.seconds
        log.info("%s: back-off of %d s, nothing of the kiosk built", CRASH_LOOP, seconds)
        status = f"{CRASH_LOOP}: back-off {seconds} s"
        return Refusal(CRASH_LOOP, status, crash_loop_advice(), seconds, BACKOFF_EXIT)
    if isinstance(error, ConfigError) and service.present:
        # cage ends with status 0 whatever the kiosk's: an exit would be restarted every
        # RestartSec, the attract screen flashing in between.
        log.error("%s: %s", CONFIG_INVALID, error)  # names the setting, never its value
        return Refusal(CONFIG_INVALID, f"{CONFIG_INVALID}: {error}", None, None, CONFIG_REFUSED)
    return None


def _out_of_service(
    app: QApplication,
    first_window: FirstScreen,
    service: ServiceManager,
    guard: KeyGuard | None,
    refusal: Refusal,
) -> Started:
    """暂停服务 in place of the kiosk, READY and the watchdog fed, until the refusal ends."""
    first_window.out_of_service(refusal.code, refusal.advice)
    stop = _serve(app, None, service, guard, f"out of service: {refusal.status}")
    if refusal.exit_after_s is not None:
        QTimer.singleShot(refusal.exit_after_s * MS_PER_SECOND, lambda: app.exit(refusal.exit_code))
    return Started(app, None, stop, refusal.exit_code)


def _load_fonts(app: QApplication) -> None:
    if load_fonts(app) is None:
        log.warning("ui.no_cjk_font: Chinese text may not show; install fonts-wqy-microhei")


def _first_screen(
    settings: FirstScreenSettings | KioskSettings, voice: VoicePrompter
) -> FirstScreen:
    from ui.first_screen import FirstScreen

    first = FirstScreen(settings, voice)
    first.show_fullscreen()
    first.repaint()  # on screen now, before the kiosk is built on this thread
    QApplication.processEvents()
    return first


def _do_wishes(shell: Shell, first: FirstScreen) -> None:
    """What the citizen touched on the first screen, done on the real one, in their order."""
    from ui.first_screen import Wish
    from ui.screens.attract import AttractScreen

    for wish in first.wishes:
        if wish is Wish.LANGUAGE:
            shell.switch_language()
        elif wish is Wish.ELDER:
            shell.switch_elder_mode()
        elif wish is Wish.CALL_STAFF:
            shell.call_staff()
        elif isinstance(shell.screen_widget, AttractScreen):  # not when out of service
            shell.screen_widget.start_button.click()


def _feed_the_watchdog(app: QApplication, service: ServiceManager) -> QTimer | None:
    """WATCHDOG=1 from a timer on this, the GUI thread: a frozen event loop stops the pings,
    and the service manager restarts the kiosk (not only a dead process, a frozen screen)."""
    interval = service.watchdog_interval_s
    if interval is None:
        return None
    pings = QTimer(app)
    pings.timeout.connect(service.ping)
    pings.start(max(1, round(interval * 1000)))
    service.ping()
    return pings


def _quit_on_signals(
    app: QApplication, shell: Shell | None, service: ServiceManager
) -> Callable[[], None]:
    """SIGTERM (systemd, kill) and SIGINT (Ctrl+C) close the kiosk the normal way, so that
    sessions end, devices are released and child processes are stopped. Returns how to put
    the previous handlers back."""

    def shut_down() -> None:
        service.stopping()
        if shell is not None:
            shell.shut_down()
        # Not quit(): Qt 6's asks every window first, and 暂停服务 standing in for a kiosk
        # refuses a close from outside, as the kiosk's own window does.
        app.exit(0)

    def on_signal(*_: object) -> None:
        # Done by the event loop, not inside whatever Python code the signal interrupted (a
        # screen half rendered); one arriving before the loop runs waits for it.
        QTimer.singleShot(0, shut_down)

    previous = {signum: signal.signal(signum, on_signal) for signum in QUIT_SIGNALS}
    # Python runs signal handlers only between bytecodes; let it in while Qt waits for events.
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)

    def restore() -> None:
        heartbeat.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore
