"""The staff role on a laptop: the login, the lock after idle minutes, the logout that wipes the
citizen's session, the end of the working day, and a service run by keyboard alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk, build_demo_kiosk
from kiosk.app import private_data_dir
from kiosk.roles.staff import OFFLINE_EXPIRED
from kiosk.services.session import ServiceId
from offline_queue.errors import OutboxCorrupt
from sandbox.credentials import DEMO_STAFF
from sandbox.server import SandboxProcess
from tests.support.kiosks import STAFF_LAPTOP, settings_for
from tests.support.ports import refused_url
from tests.support.ui import running_shell, wait_for_screen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen, PinScreen, TakeCardScreen
from ui.screens.login import LoginScreen
from ui.screens.query import QueryResultsScreen
from ui.shell import Home, Shell
from ui.staff.bar import StaffBar
from ui.staff.report import DayReportScreen
from ui.staff.role import AtStaffLogin
from ui.staff.sync import SyncScreen
from ui.staff.words import refusal_words

STAFF = "S0101"
PIN = DEMO_STAFF[STAFF]
CONTRIBUTOR_PIN = "345678"  # the demo card of "contributor" (sandbox/citizens.py)


@pytest.fixture
def laptop(shared_sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    built = build_demo_kiosk(settings_for(shared_sandbox.url, **STAFF_LAPTOP))
    built.outbound  # noqa: B018 - as warm_up opens it
    yield built
    built.close()


@pytest.fixture
def staff_shell(qtbot: QtBot, laptop: DemoKiosk) -> Iterator[Shell]:
    with running_shell(qtbot, laptop) as window:
        window.show_for_role()  # as `sheyin run` shows it: a laptop's window
        yield window


def keys(qtbot: QtBot, text: str) -> None:
    """Typed on the keyboard, into whatever has the focus."""
    for character in text:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        QTest.keyClick(target, character)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifier)


def log_in_by_keyboard(qtbot: QtBot, shell: Shell, number: str, pin: str) -> None:
    login = wait_for_screen(qtbot, shell, LoginScreen)
    assert isinstance(login, LoginScreen)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    keys(qtbot, number.removeprefix("S"))
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.pin is not None and login.pin.isVisible())
    keys(qtbot, pin)
    press(Qt.Key.Key_Return)


def logged_in(qtbot: QtBot, shell: Shell) -> HomeScreen:
    shell.activateWindow()
    log_in_by_keyboard(qtbot, shell, STAFF, PIN)
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert isinstance(home, HomeScreen)
    return home


def test_the_staff_log_in_and_every_write_carries_their_number(
    qtbot: QtBot, staff_shell: Shell
) -> None:
    assert isinstance(staff_shell.state, AtStaffLogin)
    assert staff_shell.top_bar is not None and staff_shell.top_bar.help_button.isHidden()
    logged_in(qtbot, staff_shell)
    assert staff_shell.kiosk.operator == STAFF
    assert isinstance(staff_shell.staff_bar, StaffBar)
    assert staff_shell.staff_bar.staff_label.text().endswith(STAFF)
    # 1366×768, or what the screen's desktop leaves if that is less (offscreen: 800×600).
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    room = screen.availableSize()
    assert staff_shell.minimumSize() == QSize(1366, 768).boundedTo(room)


@pytest.mark.expected_log("central POST /staff-logins: staff.refused")
def test_a_wrong_pin_is_refused_in_words(qtbot: QtBot, staff_shell: Shell) -> None:
    staff_shell.activateWindow()
    log_in_by_keyboard(qtbot, staff_shell, STAFF, "000000")

    def refused() -> bool:
        screen = staff_shell.screen_widget
        return isinstance(screen, LoginScreen) and not screen.refusal.isHidden()

    qtbot.waitUntil(refused, timeout=10_000)
    assert staff_shell.kiosk.operator is None


def test_at_a_kiosk_a_keyboard_types_nothing_into_the_pin_pad(
    qtbot: QtBot, shell: Shell, kiosk: DemoKiosk
) -> None:
    """A receipt held to the kiosk's scanner on a PIN screen must not type the card's PIN."""
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    home.tiles[ServiceId.QUERY].click()  # type: ignore[attr-defined]
    assert kiosk.demo_tray is not None
    kiosk.demo_tray.insert("contributor")
    pin_screen = wait_for_screen(qtbot, shell, PinScreen)
    assert isinstance(pin_screen, PinScreen)
    for target in (pin_screen.keypad, *pin_screen.keypad.digit_buttons):
        for digit in "1234567890123456":
            QTest.keyClick(target, digit)
        QTest.keyClick(target, Qt.Key.Key_Return)
    assert pin_screen.keypad.entered_count == 0
    assert shell.screen_widget is pin_screen  # nothing was submitted
    kiosk.demo_tray.remove()


def test_idle_locks_over_the_citizens_screen_and_the_pin_unlocks_it(
    qtbot: QtBot, staff_shell: Shell, laptop: DemoKiosk
) -> None:
    home = logged_in(qtbot, staff_shell)
    home.tiles[ServiceId.QUERY].click()
    wait_for_screen(qtbot, staff_shell, InsertCardScreen)
    session = staff_shell.session
    assert session is not None

    staff_shell._idle()  # the idle minutes, passed
    staff = staff_shell.staff
    assert staff is not None and staff.lock is not None and staff.lock.isVisible()
    under = staff_shell.screen_widget
    assert under is not None and not under.isEnabled()  # no key or click reaches it
    assert staff.lock.geometry() == staff_shell.centralWidget().rect()

    lock = staff.lock
    staff_shell.resize(staff_shell.width() + 200, staff_shell.height() + 100)  # maximised
    qtbot.waitUntil(lambda: lock.geometry() == staff_shell.centralWidget().rect())

    # The flow's next step arrives under the lock: veiled too, and the keys stay the lock's.
    assert laptop.demo_tray is not None
    laptop.demo_tray.insert("contributor")
    pin_screen = wait_for_screen(qtbot, staff_shell, PinScreen)
    assert not pin_screen.isEnabled() and lock.isVisible()
    assert QApplication.focusWidget() is lock.pin
    press(Qt.Key.Key_F2)  # no staff key gets past the lock
    press(Qt.Key.Key_Tab)
    assert (
        staff_shell.screen_widget is pin_screen
        and lock.pin.isAncestorOf(QApplication.focusWidget())
    ) or QApplication.focusWidget() in lock.findChildren(QWidget)

    keys(qtbot, "000000")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.refusal.isHidden(), timeout=10_000)
    keys(qtbot, PIN)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: staff.lock is None, timeout=10_000)
    assert staff_shell.session is session and not session.ended  # nothing lost
    assert staff_shell.screen_widget is pin_screen and pin_screen.isEnabled()
    assert staff_shell._idle_timer.isActive()  # it locks again after the next idle minutes
    assert QApplication.focusWidget() is pin_screen.keypad  # the keyboard is back on the work
    laptop.demo_tray.remove()


def test_logging_out_ends_the_citizens_session_and_wipes_it_from_the_screen(
    qtbot: QtBot, staff_shell: Shell, laptop: DemoKiosk
) -> None:
    home = logged_in(qtbot, staff_shell)
    home.tiles[ServiceId.QUERY].click()
    assert laptop.demo_tray is not None
    laptop.demo_tray.insert("contributor")
    pin_screen = wait_for_screen(qtbot, staff_shell, PinScreen)
    session = staff_shell.session
    assert session is not None
    assert staff_shell.staff_bar is not None
    staff_shell.staff_bar.log_out_button.click()  # type: ignore[attr-defined]
    login = wait_for_screen(qtbot, staff_shell, LoginScreen)
    assert session.ended
    assert staff_shell.session is None and staff_shell.kiosk.operator is None
    assert staff_shell.staff_bar is None
    qtbot.waitUntil(lambda: not isinstance(pin_screen, QWidget) or not pin_screen.isVisible())
    shown = [w for w in staff_shell.findChildren(PinScreen) if w.isVisible()]
    assert shown == [] and isinstance(login, LoginScreen)
    laptop.demo_tray.remove()


def test_the_end_of_the_working_day_logs_out(qtbot: QtBot, staff_shell: Shell) -> None:
    logged_in(qtbot, staff_shell)
    staff = staff_shell.staff
    assert staff is not None and staff.day_ends is not None
    assert staff.day_ends > datetime.now().astimezone()
    staff.day_ends = datetime.now().astimezone() - timedelta(seconds=1)
    staff.check_day_end()
    login = wait_for_screen(qtbot, staff_shell, LoginScreen)
    assert isinstance(login, LoginScreen) and not login.refusal.isHidden()
    assert staff_shell.kiosk.operator is None


class PointerWatch(QObject):
    """Counts every mouse and touch event the application sees."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in POINTER_EVENTS:
            self.seen += 1
        return False


POINTER_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
    }
)


def test_a_query_by_keyboard_alone(qtbot: QtBot, staff_shell: Shell, laptop: DemoKiosk) -> None:
    """No mouse event at all: the service's key, the PIN typed, Esc back, Enter on a button."""
    pointer = PointerWatch()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(pointer)
    logged_in(qtbot, staff_shell)
    order = [service.id for service in laptop.services]
    press(Qt.Key(Qt.Key.Key_1 + order.index(ServiceId.QUERY)), Qt.KeyboardModifier.AltModifier)
    wait_for_screen(qtbot, staff_shell, InsertCardScreen)
    assert laptop.demo_tray is not None
    laptop.demo_tray.insert("contributor")  # the card goes into the reader: not a UI event
    wait_for_screen(qtbot, staff_shell, PinScreen)
    keys(qtbot, CONTRIBUTOR_PIN)
    press(Qt.Key.Key_Return)
    results = wait_for_screen(qtbot, staff_shell, QueryResultsScreen)
    assert isinstance(results, QueryResultsScreen)
    press(Qt.Key.Key_Return)  # on the screen's main button, Done, which has the focus
    wait_for_screen(qtbot, staff_shell, TakeCardScreen)
    laptop.demo_tray.remove()
    wait_for_screen(qtbot, staff_shell, HomeScreen)
    press(Qt.Key(Qt.Key.Key_1 + order.index(ServiceId.QUERY)), Qt.KeyboardModifier.AltModifier)
    wait_for_screen(qtbot, staff_shell, InsertCardScreen)
    press(Qt.Key.Key_Escape)  # back from the first step: out of the service
    wait_for_screen(qtbot, staff_shell, HomeScreen)
    press(Qt.Key.Key_F5)
    sync = wait_for_screen(qtbot, staff_shell, SyncScreen)
    assert isinstance(sync, SyncScreen)
    press(Qt.Key.Key_Escape)
    wait_for_screen(qtbot, staff_shell, HomeScreen)
    app.removeEventFilter(pointer)
    assert pointer.seen == 0


@pytest.mark.expected_log("central.unreachable", "central GET /health", "central POST /staff")
def test_offline_a_login_kept_too_long_ago_is_refused_with_a_clear_screen(
    qtbot: QtBot, shared_sandbox: SandboxProcess
) -> None:
    online = build_demo_kiosk(settings_for(shared_sandbox.url, **STAFF_LAPTOP))
    try:
        online.staff_login.login(STAFF, PIN)  # the PIN's hash kept on the laptop
        state_file = private_data_dir(online.settings) / "staff.json"
        offline_days = online.settings.staff.offline_days
    finally:
        online.close()
    state = json.loads(state_file.read_text(encoding="utf-8"))
    kept_at = datetime.now(UTC) - timedelta(days=offline_days, hours=1)
    state["credentials"][STAFF]["kept_at"] = kept_at.isoformat()
    state_file.write_text(json.dumps(state), encoding="utf-8")

    with refused_url() as nowhere:
        laptop = build_demo_kiosk(settings_for(nowhere, **STAFF_LAPTOP))
        try:
            with running_shell(qtbot, laptop) as shell:
                shell.show_for_role()
                shell.activateWindow()
                log_in_by_keyboard(qtbot, shell, STAFF, PIN)

                def refused() -> bool:
                    screen = shell.screen_widget
                    return isinstance(screen, LoginScreen) and not screen.refusal.isHidden()

                qtbot.waitUntil(refused, timeout=10_000)
                screen = shell.screen_widget
                assert isinstance(screen, LoginScreen)
                assert screen.refusal.text() == refusal_words(OFFLINE_EXPIRED, None, offline_days)
                assert shell.kiosk.operator is None and shell.staff_bar is None
        finally:
            laptop.close()


@pytest.mark.expected_log("staff.report_not_saved: OSError", "staff.report_failed: queue.corrupt")
def test_a_report_that_cannot_be_made_or_saved_says_so_and_keeps_the_way_back(
    qtbot: QtBot, staff_shell: Shell, laptop: DemoKiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged_in(qtbot, staff_shell)
    press(Qt.Key.Key_F9)

    def built() -> bool:
        screen = staff_shell.screen_widget
        return isinstance(screen, DayReportScreen) and screen.save_button is not None

    qtbot.waitUntil(built, timeout=10_000)
    report = staff_shell.screen_widget
    assert isinstance(report, DayReportScreen) and report.save_button is not None
    assert report.print_button is None  # no printer on this laptop: nothing offered

    def disk_full(*_: object) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(type(laptop), "save_day_report", disk_full)
    report.save_button.click()
    qtbot.waitUntil(lambda: "OSError" in problem_words(staff_shell), timeout=10_000)
    saved = staff_shell.screen_widget
    assert isinstance(saved, DayReportScreen) and saved.save_button is not None  # try again

    def broken(*_: object) -> object:
        raise OutboxCorrupt("outbox.corrupt")

    monkeypatch.setattr(type(laptop), "day_report", broken)
    press(Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "queue.corrupt" in problem_words(staff_shell), timeout=10_000)
    press(Qt.Key.Key_Escape)  # back to the services from a report that could not be made
    wait_for_screen(qtbot, staff_shell, HomeScreen)


def problem_words(shell: Shell) -> str:
    screen = shell.screen_widget
    if not isinstance(screen, DayReportScreen):
        return ""
    return " ".join(label.text() for label in screen.findChildren(QLabel) if label.isVisible())


def test_a_restart_the_operations_centre_asked_for_waits_for_the_logout(
    qtbot: QtBot, staff_shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop is in use while a member of staff is on duty: the fleet's restart (and so a
    new settings file) waits for the logout, then happens."""
    from kiosk.system.restarts import RESTART_EXIT
    from ui import shell as shell_module

    exits: list[int] = []
    monkeypatch.setattr(shell_module, "exit_application", exits.append)
    logged_in(qtbot, staff_shell)
    staff_shell.restart_when_idle()
    qtbot.wait(100)
    assert exits == [] and staff_shell.serving()
    assert staff_shell.staff_bar is not None
    staff_shell.staff_bar.log_out_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: exits == [RESTART_EXIT])
