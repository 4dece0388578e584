"""A citizens' kiosk locked down (issue 17): no key combination closes, minimises or leaves the
fullscreen window; the pointer is hidden; the attract screen blanks and wakes without starting
anything; a start after a crash loop shows 暂停服务 for its back-off and then starts afresh.

The kiosk session (cage) keeps the desktop's own shortcuts away; these tests send every
combination to the application itself, as a compositor that let them through would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk, build_demo_kiosk
from kiosk.system.restarts import BACKOFF_EXIT, Backoff
from sandbox.server import SandboxProcess
from tests.support.kiosks import STAFF_LAPTOP, settings_for
from tests.support.ui import running_shell, texts_on_screen
from ui import shell as shell_module
from ui.i18n import Language
from ui.lockdown import apply_kiosk_lockdown, lift_kiosk_lockdown
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.shell import Attract, Shell
from ui.technician.role import AtLogin

M = Qt.KeyboardModifier
K = Qt.Key
WAYS_OUT = [
    ("Alt+F4", K.Key_F4, M.AltModifier),
    ("Ctrl+Q", K.Key_Q, M.ControlModifier),
    ("Ctrl+W", K.Key_W, M.ControlModifier),
    ("Escape", K.Key_Escape, M.NoModifier),
    ("Alt+Tab", K.Key_Tab, M.AltModifier),
    ("Super", K.Key_Super_L, M.MetaModifier),
    ("Super+D", K.Key_D, M.MetaModifier),
    ("Ctrl+Alt+F2", K.Key_F2, M.ControlModifier | M.AltModifier),
    ("Ctrl+Alt+Backspace", K.Key_Backspace, M.ControlModifier | M.AltModifier),
    ("Alt+Space", K.Key_Space, M.AltModifier),
    ("F11", K.Key_F11, M.NoModifier),
]
BLANK_AFTER_S = "20"
"""With fast_idle a second is 10 ms: the attract screen blanks after 200 ms."""


class KeyProbe(QObject):
    """Counts the key presses that reach a widget (after the application's filters)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.keys.append(event.key())  # type: ignore[attr-defined]
        return False


@pytest.fixture
def fullscreen(qtbot: QtBot, shell: Shell) -> Shell:
    """The kiosk as `sheyin run` shows it: frameless, on top, fullscreen on the first screen."""
    assert shell.locked_down
    shell.show_for_role()
    qtbot.waitUntil(shell.isFullScreen, timeout=2000)
    return shell


def assert_still_there(shell: Shell, screen: object) -> None:
    QTest.qWait(50)  # a desktop's way out would have taken effect by now
    assert shell.isVisible() and shell.isFullScreen()
    assert not shell.isMinimized() and not shell.isHidden()
    assert shell.screen() is screen
    assert shell.geometry() == shell.screen().geometry()
    assert not shell._closed


@pytest.mark.parametrize(("name", "key", "modifiers"), WAYS_OUT, ids=[w[0] for w in WAYS_OUT])
def test_no_key_leaves_the_kiosk(
    qtbot: QtBot, fullscreen: Shell, name: str, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    screen = fullscreen.screen()
    focus = QApplication.focusWidget() or fullscreen.screen_widget
    assert focus is not None
    for target in (focus, fullscreen):
        probe = KeyProbe()
        target.installEventFilter(probe)
        try:
            QTest.keyClick(target, key, modifiers)
        finally:
            target.removeEventFilter(probe)
        assert probe.keys == [], f"{name} reached {target.objectName()}"
        assert_still_there(fullscreen, screen)
    assert isinstance(fullscreen.state, Attract) and fullscreen.session is None


@pytest.mark.expected_log("ui.close_refused")
def test_a_close_request_and_a_minimise_leave_it_fullscreen(
    qtbot: QtBot, fullscreen: Shell
) -> None:
    screen = fullscreen.screen()
    QApplication.sendEvent(fullscreen, QCloseEvent())
    assert_still_there(fullscreen, screen)
    fullscreen.setWindowState(Qt.WindowState.WindowMinimized)
    qtbot.waitUntil(lambda: fullscreen.isFullScreen() and not fullscreen.isMinimized())
    assert_still_there(fullscreen, screen)
    fullscreen.showNormal()
    qtbot.waitUntil(fullscreen.isFullScreen, timeout=2000)
    assert_still_there(fullscreen, screen)


def test_ordinary_keys_still_reach_the_kiosk(qtbot: QtBot, fullscreen: Shell) -> None:
    """Only the ways out are swallowed: digits (a receipt number typed on a keyboard) pass."""
    target = fullscreen.screen_widget
    assert target is not None
    probe = KeyProbe()
    target.installEventFilter(probe)
    try:
        QTest.keyClick(target, K.Key_5)
        QTest.keyClick(target, K.Key_Return)
    finally:
        target.removeEventFilter(probe)
    assert probe.keys == [K.Key_5, K.Key_Return]


def test_the_application_itself_still_closes_it(qtbot: QtBot, fullscreen: Shell) -> None:
    """shut_down: the service manager's SIGTERM and technician mode's way out."""
    fullscreen.shut_down()
    assert not fullscreen.isVisible()


# --- the pointer ---


def test_the_pointer_is_hidden_on_a_citizens_kiosk_only(qapp: QApplication) -> None:
    kiosk_role = settings_for("http://127.0.0.1:9").kiosk
    assert QGuiApplication.overrideCursor() is None
    guard = apply_kiosk_lockdown(qapp, kiosk_role)
    try:
        assert guard is not None
        cursor = QGuiApplication.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
        # The guard alone (before any window) swallows the ways out.
        widget = QWidget()
        probe = KeyProbe()
        widget.installEventFilter(probe)
        QTest.keyClick(widget, K.Key_F4, M.AltModifier)
        QTest.keyClick(widget, K.Key_A)
        assert probe.keys == [K.Key_A]
        widget.deleteLater()
    finally:
        lift_kiosk_lockdown(qapp, guard)
    assert QGuiApplication.overrideCursor() is None
    shown = kiosk_role.model_copy(update={"hide_pointer": False})
    guard = apply_kiosk_lockdown(qapp, shown)
    try:
        assert guard is not None and QGuiApplication.overrideCursor() is None
    finally:
        lift_kiosk_lockdown(qapp, guard)
    for other in (
        kiosk_role.model_copy(update={"windowed": True}),
        kiosk_role.model_copy(update={"role": "staff"}),
        kiosk_role.model_copy(update={"role": "technician"}),
    ):
        assert apply_kiosk_lockdown(qapp, other) is None
        assert QGuiApplication.overrideCursor() is None


# --- the screen blanked on the attract screen ---


@pytest.fixture
def blanking_kiosk(fast_idle: None, shared_sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    built = build_demo_kiosk(
        settings_for(shared_sandbox.url, SHEYIN_KIOSK_BLANK_AFTER_S=BLANK_AFTER_S)
    )
    yield built
    built.close()


@pytest.fixture
def blanking(qtbot: QtBot, blanking_kiosk: DemoKiosk) -> Iterator[Shell]:
    with running_shell(qtbot, blanking_kiosk) as window:
        yield window


def test_the_attract_screen_blanks_and_a_touch_only_wakes_it(
    qtbot: QtBot, blanking: Shell, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="ui.shell")
    assert isinstance(blanking.screen_widget, AttractScreen)
    qtbot.waitUntil(blanking.veil.isVisible, timeout=3000)
    assert blanking.veil.geometry() == blanking.rect()
    assert [w for w in blanking.veil.findChildren(QWidget)] == []  # black, no text
    assert "kiosk.screen_blanked" in caplog.text
    # A touch on the language switch's place, on the start: it wakes, nothing else.
    qtbot.mouseClick(blanking.veil, Qt.MouseButton.LeftButton, pos=QPoint(200, 300))
    assert not blanking.veil.isVisible()
    assert "kiosk.screen_woke" in caplog.text
    assert isinstance(blanking.state, Attract) and blanking.session is None
    assert isinstance(blanking.screen_widget, AttractScreen)
    assert blanking.language is Language.ZH_CN
    # It blanks again, and a key wakes it and goes no further.
    qtbot.waitUntil(blanking.veil.isVisible, timeout=3000)
    QTest.keyClick(blanking.screen_widget, K.Key_Return)
    assert not blanking.veil.isVisible()
    assert isinstance(blanking.state, Attract)
    # Then a touch starts as always.
    assert isinstance(blanking.screen_widget, AttractScreen)
    qtbot.mouseClick(blanking.screen_widget.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(blanking.screen_widget, HomeScreen))


def test_input_keeps_the_attract_screen_awake(qtbot: QtBot, blanking: Shell) -> None:
    """(A touch there starts a session; the language and large-text switches, a key, do not.)"""
    screen = blanking.screen_widget
    assert isinstance(screen, AttractScreen)
    for _ in range(6):  # input every 100 ms, the blank after 200 ms
        QTest.qWait(100)
        QTest.keyClick(screen, K.Key_Shift)
        assert not blanking.veil.isVisible()
    qtbot.waitUntil(blanking.veil.isVisible, timeout=3000)


def test_it_never_blanks_in_a_session_or_at_the_technician_desk(
    qtbot: QtBot, blanking: Shell
) -> None:
    attract = blanking.screen_widget
    assert isinstance(attract, AttractScreen)
    qtbot.mouseClick(attract.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(blanking.screen_widget, HomeScreen))
    QTest.qWait(500)
    assert not blanking.veil.isVisible()
    blanking.show_state(AtLogin())
    QTest.qWait(500)
    assert not blanking.veil.isVisible()


def test_it_never_blanks_out_of_service(qtbot: QtBot, blanking_kiosk: DemoKiosk) -> None:
    blanking_kiosk.backoff = Backoff(seconds=100, crashes=3, level=0)
    with running_shell(qtbot, blanking_kiosk) as window:
        assert isinstance(window.screen_widget, OutOfServiceScreen)
        QTest.qWait(500)
        assert not window.veil.isVisible()


def test_a_staff_laptop_never_blanks(
    qtbot: QtBot, fast_idle: None, shared_sandbox: SandboxProcess
) -> None:
    laptop = build_demo_kiosk(
        settings_for(shared_sandbox.url, SHEYIN_KIOSK_BLANK_AFTER_S=BLANK_AFTER_S, **STAFF_LAPTOP)
    )
    try:
        with running_shell(qtbot, laptop) as window:
            assert not window.locked_down
            QTest.qWait(500)
            assert not window.veil.isVisible()
    finally:
        laptop.close()


# --- the back-off after a crash loop ---


def test_a_back_off_shows_out_of_service_then_starts_afresh(
    qtbot: QtBot,
    fast_idle: None,
    kiosk: DemoKiosk,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("INFO", logger="ui.shell")
    exits: list[int] = []
    monkeypatch.setattr(shell_module, "exit_application", exits.append)
    monkeypatch.setattr(shell_module, "BACKOFF_RECHECK_S", 5)
    kiosk.backoff = Backoff(seconds=40, crashes=3, level=0)  # 400 ms here
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # The back-off turns the last window's quit off (the loop must end with BACKOFF_EXIT).
    monkeypatch.setattr(app, "setQuitOnLastWindowClosed", lambda _on: None)
    with running_shell(qtbot, kiosk) as window:
        assert isinstance(window.screen_widget, OutOfServiceScreen)
        texts = texts_on_screen()
        assert "暂停服务" in texts
        assert any("多次出现故障" in text and "柜台" in text for text in texts), texts
        assert any("kiosk.crash_loop" in text for text in texts)  # for staff, small
        assert window.screen_widget.progress_button is None
        assert "kiosk.out_of_service: kiosk.crash_loop" in caplog.text
        # The technician's corner is there; at the desk the fresh start waits for them.
        window.open_technician_login()
        QTest.qWait(600)
        assert exits == [] and window.isVisible()
        window.show_state(Attract())
        assert isinstance(window.screen_widget, OutOfServiceScreen)
        qtbot.waitUntil(lambda: exits == [BACKOFF_EXIT], timeout=3000)
        assert not window.isVisible()
        assert "kiosk.backoff_over" in caplog.text
