"""The Qt frontend's entry point (`sheyin.frontends: qt`)."""

from __future__ import annotations

import logging
import os
import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk
from kiosk.logs import recent_log
from ui.i18n import Language, Translations
from ui.shell import BottomPanel, Shell
from ui.theme import load_fonts

log = logging.getLogger(__name__)


def create_shell(kiosk: Kiosk, bottom_panel: BottomPanel | None = None) -> Shell:
    """Builds the window for an existing QApplication (used by run, tests and screenshots)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if load_fonts(app) is None:
        log.warning("ui.no_cjk_font: Chinese text may not show; install fonts-wqy-microhei")
    translations = Translations()
    translations.install(Language(kiosk.settings.kiosk.language))
    recent_log()  # the technician's log screen shows what happened since the window opened
    return Shell(kiosk, translations, bottom_panel=bottom_panel)


def run(kiosk: Kiosk, bottom_panel: BottomPanel | None = None) -> int:
    """`bottom_panel`: a strip under every screen; only `sheyin demo` gives one (its card tray)."""
    if kiosk.settings.kiosk.role == "staff":
        # Before the application exists: Qt reads its scale once.
        os.environ.setdefault("QT_SCALE_FACTOR", str(kiosk.settings.staff.ui_scale))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Sheyin")
    shell = create_shell(kiosk, bottom_panel)
    shell.show_for_role()
    kiosk.warm_up()
    _quit_on_signals(app, shell)
    code = app.exec()
    kiosk_runner_done = shell.runner.join(5.0)
    if not kiosk_runner_done:
        log.warning("session.thread_stuck: the session thread did not end within 5 s")
    return code


def _quit_on_signals(app: QApplication, shell: Shell) -> None:
    """SIGTERM (systemd, kill) and SIGINT (Ctrl+C) close the kiosk the normal way, so that
    sessions end, devices are released and child processes are stopped."""

    def shut_down(*_: object) -> None:
        shell.shut_down()
        app.quit()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, shut_down)
    # Python runs signal handlers only between bytecodes; let it in while Qt waits for events.
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
