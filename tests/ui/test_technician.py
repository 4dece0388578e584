"""The technician's way in and vendor mode through the kiosk's own screen (issue 15): the
hidden corner, the login against the sandbox, the device desk with a self-test per device,
the kiosk handed back; citizens meanwhile see 暂停服务; every step in the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

import ui.widgets.corner
from devices.base import DeviceStatus, SelfTestReport
from devices.manager import DeviceClass
from kiosk.audit import read_records, verify
from kiosk.roles.vendor_mode import VendorState
from offline_queue.store import EntryState
from sandbox.citizens import demo_citizen
from sandbox.credentials import DEMO_TECHNICIANS
from tests.support.kiosks import refused_loss_report
from tests.support.ui import click, wait_for_screen
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.shell import Attract, Shell
from ui.technician.desk import TechnicianDeskScreen, report_words
from ui.technician.line import LineScreen
from ui.technician.login import TechnicianLoginScreen

((TECHNICIAN, PIN),) = DEMO_TECHNICIANS.items()


@pytest.fixture(autouse=True)
def quick_corner(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(ui.widgets.corner, "HOLD_MS", 200)
    yield


def hold_the_corner(qtbot: QtBot, shell: Shell, held_ms: int) -> None:
    screen = shell.screen_widget
    assert screen is not None
    qtbot.mousePress(screen, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.wait(held_ms)
    if shell.screen_widget is screen:
        qtbot.mouseRelease(screen, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))


def log_in(qtbot: QtBot, shell: Shell, number: str, pin: str) -> None:
    login = wait_for_screen(qtbot, shell, TechnicianLoginScreen)
    assert isinstance(login, TechnicianLoginScreen)
    for digit in number.removeprefix("T"):
        login.number.type(digit)
    login.number.confirm()
    assert login.pin is not None
    for digit in pin:
        login.pin.press_digit(digit)
    login.pin.confirm()


def test_a_short_press_in_the_corner_starts_as_anywhere(qtbot: QtBot, shell: Shell) -> None:
    shell.show_state(Attract())
    wait_for_screen(qtbot, shell, AttractScreen)
    hold_the_corner(qtbot, shell, held_ms=20)
    wait_for_screen(qtbot, shell, HomeScreen)


@pytest.mark.expected_log("central POST /technician-logins: technician.refused")
def test_the_technician_takes_the_kiosk_tests_a_device_and_hands_it_back(
    qtbot: QtBot, shell: Shell, own_data_dir: Path
) -> None:
    shell.show_state(Attract())
    wait_for_screen(qtbot, shell, AttractScreen)
    hold_the_corner(qtbot, shell, held_ms=400)

    log_in(qtbot, shell, TECHNICIAN, "135790")

    def refused() -> bool:
        screen = shell.screen_widget
        return isinstance(screen, TechnicianLoginScreen) and not screen.refusal.isHidden()

    qtbot.waitUntil(refused, timeout=10_000)
    assert shell.screen_widget.refusal.text() == "技术人员工号或密码不正确。"  # type: ignore[union-attr]

    log_in(qtbot, shell, TECHNICIAN, PIN)
    desk = wait_for_screen(qtbot, shell, TechnicianDeskScreen)
    assert isinstance(desk, TechnicianDeskScreen)
    assert shell.kiosk.vendor_state() is VendorState.ACTIVE
    click(qtbot, desk.test_buttons[DeviceClass.PRINTER])
    qtbot.waitUntil(lambda: desk.results[DeviceClass.PRINTER].text() == "通过", timeout=10_000)

    # Walked away from the desk: citizens see 暂停服务; the technician comes back to it.
    shell._idle()
    out = wait_for_screen(qtbot, shell, OutOfServiceScreen)
    assert isinstance(out, OutOfServiceScreen)
    assert out.staff_codes.text() == "供工作人员参考：vendor_mode active"
    assert out.progress_button is None
    hold_the_corner(qtbot, shell, held_ms=400)
    log_in(qtbot, shell, TECHNICIAN, PIN)
    desk = wait_for_screen(qtbot, shell, TechnicianDeskScreen)
    assert isinstance(desk, TechnicianDeskScreen)

    click(qtbot, desk.hand_back_button)
    qtbot.waitUntil(lambda: isinstance(shell.screen_widget, AttractScreen), timeout=30_000)
    assert shell.kiosk.vendor_state() is VendorState.INACTIVE
    actions = [(r.action, r.outcome) for r in read_records(shell.kiosk.audit.path)]
    assert actions[:4] == [
        ("technician.login", "failed:technician.refused"),
        ("technician.login", "ok:online"),
        ("vendor_mode.enterPending", "ok"),
        ("vendor_mode.active", "ok"),
    ]
    assert ("vendor_mode.resumed", "ok") in actions
    assert [a for a, _ in actions[-3:]] == [
        "vendor_mode.exitPending",
        "vendor_mode.self_test",
        "vendor_mode.inactive",
    ]
    assert verify(shell.kiosk.audit.path).intact
    assert PIN not in shell.kiosk.audit.path.read_text()


def test_a_login_answered_after_cancel_takes_nothing(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by a second reader: a grant that came after Cancel put the kiosk into vendor mode
    and opened the desk over whoever had come to the screen since."""
    import time

    real = shell.kiosk.technician_login.login

    def slow(technician_id: str, pin: str) -> object:
        time.sleep(0.5)
        return real(technician_id, pin)

    monkeypatch.setattr(shell.kiosk.technician_login, "login", slow)
    shell.open_technician_login()
    log_in(qtbot, shell, TECHNICIAN, PIN)
    login = shell.screen_widget
    assert isinstance(login, TechnicianLoginScreen)
    click(qtbot, login.cancel_button)
    wait_for_screen(qtbot, shell, AttractScreen)
    busy = shell.technician.busy
    assert busy is not None
    busy.join(10)
    qtbot.wait(100)  # the answer's queued signal is handled
    assert isinstance(shell.screen_widget, AttractScreen)
    assert shell.kiosk.vendor_state() is VendorState.INACTIVE


@pytest.mark.expected_log("loss_report.proof_mismatch", "queue.dead_letter")
def test_the_network_and_queue_screen_retries_a_dead_letter(qtbot: QtBot, shell: Shell) -> None:
    citizen = demo_citizen("contributor")
    refused_loss_report(shell.kiosk.outbound, citizen)
    (dead,) = shell.kiosk.outbound.queue.outbox.entries(EntryState.DEAD)

    shell.open_technician_login()
    log_in(qtbot, shell, TECHNICIAN, PIN)
    desk = wait_for_screen(qtbot, shell, TechnicianDeskScreen)
    click(qtbot, desk.line_button)  # type: ignore[attr-defined]

    def checked() -> bool:
        screen = shell.screen_widget
        return isinstance(screen, LineScreen) and bool(screen.retry_buttons)

    qtbot.waitUntil(checked, timeout=10_000)
    line = shell.screen_widget
    assert isinstance(line, LineScreen)
    texts = [w.text() for w in line.findChildren(QLabel)]
    assert any(t.startswith("中心系统：已连通") for t in texts)
    assert "loss_report.proof_mismatch" in texts
    assert citizen.id_number not in " ".join(texts)
    click(qtbot, line.retry_buttons[dead.id])

    def retried() -> bool:
        screen = shell.screen_widget
        return isinstance(screen, LineScreen) and screen is not line and not screen.retry_buttons

    qtbot.waitUntil(retried, timeout=10_000)
    records = [(r.action, r.outcome, r.target) for r in read_records(shell.kiosk.audit.path)]
    assert ("queue.retry", "ok", f"entry:{dead.id}") in records


def test_a_failed_self_test_shows_its_codes_and_an_absent_device_says_so(shell: Shell) -> None:
    """The desk's words for a device that misbehaves (paper out) and for one not fitted."""
    failed = SelfTestReport(
        "receipt printer",
        False,
        DeviceStatus.USER_ERROR,
        (("paper", False, "receipt_printer.paper_out"), ("cutter", True, "")),
    )
    assert report_words(failed) == "未通过：receipt_printer.paper_out"
    assert report_words(SelfTestReport("printer", False, DeviceStatus.NO_DEVICE)) == (
        "未通过：noDevice"
    )
    assert report_words(None) == "未配置"
