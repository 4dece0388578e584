"""The technician's way in and vendor mode through the kiosk's own screen (issue 15): the
hidden corner, the login against the sandbox, the device desk with a self-test per device,
the kiosk handed back; citizens meanwhile see 暂停服务; every step in the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

import ui.widgets.corner
import ui.widgets.maintenance
from demo.kiosk import build_demo_kiosk
from devices.manager import DeviceClass
from kiosk.audit import read_records, verify
from kiosk.roles.device_checks import CheckResult, DeviceCheck
from kiosk.roles.state_file import write_state
from kiosk.roles.vendor_mode import VendorState
from kiosk.roles.vendor_request import STALE_AFTER, write_request
from kiosk.services.session import ServiceId
from offline_queue.store import EntryState
from sandbox.citizens import demo_citizen
from sandbox.credentials import DEMO_TECHNICIANS
from sandbox.server import SandboxProcess
from tests.support.kiosks import QUICK_QUEUE, refused_loss_report, settings_for
from tests.support.ui import click, running_shell, wait_for_screen
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.shell import Attract, Failed, Shell
from ui.technician.desk import TechnicianDeskScreen
from ui.technician.device import DeviceScreen
from ui.technician.line import LineScreen
from ui.technician.login import TechnicianLoginScreen
from ui.technician.words import result_words

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
    click(qtbot, desk.open_buttons[DeviceClass.PRINTER])
    printer = wait_for_screen(qtbot, shell, DeviceScreen)
    assert isinstance(printer, DeviceScreen)
    click(qtbot, printer.check_buttons[DeviceCheck.SELF_TEST])
    qtbot.waitUntil(lambda: printer.results[DeviceCheck.SELF_TEST].text() == "通过", timeout=10_000)

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


def test_a_failed_check_shows_its_code_and_an_absent_device_says_so(shell: Shell) -> None:
    """The words for a device that misbehaves (paper out) and for one not fitted."""
    failed = CheckResult(DeviceCheck.SELF_TEST, False, "receipt_printer.paper_out")
    assert result_words(failed) == "未通过：receipt_printer.paper_out"
    read = CheckResult(DeviceCheck.READ_ID_CARD, True, "ok", (("photo_bytes", "1024"),))
    assert result_words(read) == "通过\n照片（字节） 1024"
    details = dict.fromkeys(DeviceClass, None)
    desk = TechnicianDeskScreen(
        "T0007", details, lambda _d: None, on_hand_back=_nothing, on_line=_nothing, on_logs=_nothing
    )
    assert desk.open_buttons == {}
    assert [w.text() for w in desk.findChildren(QLabel)].count("未配置") == len(DeviceClass)


def _nothing() -> None:
    pass


@pytest.fixture
def quick_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """The citizen's minute to finish passes in a few hundred milliseconds."""
    monkeypatch.setattr(ui.widgets.maintenance.MaintenanceWarning, "TICK_MS", 10)


def start_a_query(qtbot: QtBot, shell: Shell) -> None:
    """A citizen's session, waiting for their card."""
    shell.show_state(Attract())
    click(qtbot, wait_for_screen(qtbot, shell, AttractScreen).start_button)  # type: ignore[attr-defined]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, InsertCardScreen)
    assert shell.session is not None


def test_vendor_mode_asked_for_during_a_session_warns_ends_it_and_loses_nothing(
    qtbot: QtBot, quick_warning: None, sandbox: SandboxProcess, own_data_dir: Path
) -> None:
    """From the console (`sheyin vendor-mode enter`): the citizen is warned, the session ends
    when the time is up, what it wrote (a call for staff) is still delivered, 暂停服务 shows."""
    built = build_demo_kiosk(settings_for(sandbox.url, **QUICK_QUEUE))
    try:
        with running_shell(qtbot, built) as shell:
            start_a_query(qtbot, shell)
            shell.call_staff()
            write_request(built.vendor_request_file, TECHNICIAN)
            qtbot.waitUntil(lambda: shell.maintenance is not None, timeout=5_000)
            warning = shell.maintenance
            assert warning is not None and warning.isVisible()
            assert warning.heading.text() == "本机即将暂停服务，进行维护"
            assert shell.kiosk.vendor_state() is VendorState.ENTER_PENDING
            wait_for_screen(qtbot, shell, OutOfServiceScreen)
            assert shell.session is None and shell.maintenance is None
            assert shell.kiosk.vendor_state() is VendorState.ACTIVE
            outbox = built.outbound.queue.outbox

            def delivered() -> bool:
                (entry,) = outbox.entries(EntryState.DELIVERED, limit=5) or (None,)
                return entry is not None and entry.kind == "help_request"

            qtbot.waitUntil(delivered, timeout=10_000)
            actions = [r.action for r in read_records(built.audit.path)]
            assert actions[-3:] == [
                "vendor_mode.enterPending",
                "vendor_mode.session_ended",
                "vendor_mode.active",
            ]
            # The technician comes to the screen and takes the desk up.
            hold_the_corner(qtbot, shell, held_ms=400)
            log_in(qtbot, shell, TECHNICIAN, PIN)
            wait_for_screen(qtbot, shell, TechnicianDeskScreen)
    finally:
        built.close()


def test_a_session_that_ends_in_time_is_not_cut_short(
    qtbot: QtBot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui.widgets.maintenance.MaintenanceWarning, "TICK_MS", 60_000)
    start_a_query(qtbot, shell)
    write_request(shell.kiosk.vendor_request_file, TECHNICIAN)
    qtbot.waitUntil(lambda: shell.maintenance is not None, timeout=5_000)
    warning = shell.maintenance
    assert warning is not None
    click(qtbot, warning.continue_button)  # the citizen goes on: the warning steps aside
    assert warning.isHidden() and shell.session is not None
    assert shell.kiosk.vendor_state() is VendorState.ENTER_PENDING
    shell.go_home()  # finished: nothing was ended for them
    wait_for_screen(qtbot, shell, OutOfServiceScreen)

    def actions() -> list[str]:
        return [r.action for r in read_records(shell.kiosk.audit.path)]

    # The state file is written before the audit record, on the vendor mode's thread: the
    # screen may show 暂停服务 a moment before the record is there.
    qtbot.waitUntil(lambda: actions()[-1] == "vendor_mode.active", timeout=5_000)
    assert "vendor_mode.session_ended" not in actions()


@pytest.mark.expected_log("vendor_mode.request_stale")
def test_a_request_with_no_citizen_closes_the_kiosk_at_once_and_a_stale_one_is_dropped(
    qtbot: QtBot, shell: Shell, caplog: pytest.LogCaptureFixture
) -> None:
    path = shell.kiosk.vendor_request_file
    long_ago = datetime.now(UTC) - 2 * STALE_AFTER
    write_state(path, {"technician": TECHNICIAN, "at": long_ago.isoformat()})
    qtbot.waitUntil(lambda: "vendor_mode.request_stale" in caplog.text, timeout=5_000)
    qtbot.wait(200)  # were it taken up, its answer would have come by now
    assert shell.kiosk.vendor_state() is VendorState.INACTIVE
    assert isinstance(shell.screen_widget, AttractScreen)
    write_request(path, TECHNICIAN)
    wait_for_screen(qtbot, shell, OutOfServiceScreen)
    assert shell.kiosk.vendor_state() is VendorState.ACTIVE


def test_an_error_screen_left_up_starts_no_service_once_the_kiosk_is_taken(
    qtbot: QtBot, shell: Shell
) -> None:
    """Found by a second reader: its remedy started a session on devices the technician held."""
    shell.show_state(Failed("card.absent", ServiceId.QUERY))
    shell.technician.vendor.request_enter(TECHNICIAN)
    shell.start_service(ServiceId.QUERY)
    wait_for_screen(qtbot, shell, OutOfServiceScreen)
    assert shell.session is None
