"""The technician's device screens with the simulators healthy and in fault states (issue 15):
the desk shows each device's status, media and faults live; each test passes on a healthy
simulator and fails with its code on a faulty one, the screen going on either way; the camera
preview, the PIN-pad test that counts digits, the log screen without personal data."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk, build_demo_kiosk
from devices.base import DeviceStatus
from devices.camera.source import ClipSource
from devices.card_issuer.simulator import SimulatedCardIssuer
from devices.manager import DeviceClass
from devices.pinpad.simulator import SimulatedPinPad
from devices.printer.base import PrinterState
from devices.printer.receipt import ReceiptPrinterState, SpoolReceiptPrinter
from devices.printer.spool import SpoolPrinter
from kiosk.audit import read_records
from kiosk.domain.identity import mask_id_number
from kiosk.logs import RecentLog
from kiosk.roles.device_checks import DeviceCheck
from sandbox.citizens import demo_citizen
from sandbox.credentials import DEMO_TECHNICIANS
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for, wait_until
from tests.support.services import PcscdService, on_vpcd, wait_for_slot
from tests.support.ui import click, running_shell, wait_for_screen
from ui.shell import Shell
from ui.technician.camera import CameraCheckScreen
from ui.technician.desk import TechnicianDeskScreen
from ui.technician.device import DeviceScreen
from ui.technician.logs import LogScreen
from ui.technician.role import AtDesk, AtLogs

((TECHNICIAN, _PIN),) = DEMO_TECHNICIANS.items()
CITIZEN = demo_citizen("pensioner-due")
DEVICES = {
    "SHEYIN_DEVICES_PINPAD": "simulator",
    "SHEYIN_DEVICES_ISSUER_TIMING_SCALE": "0.01",
}


@pytest.fixture
def kiosk(shared_sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    built = build_demo_kiosk(settings_for(shared_sandbox.url, **DEVICES))
    yield built
    built.close()


@pytest.fixture
def shell(qtbot: QtBot, kiosk: DemoKiosk, caplog: pytest.LogCaptureFixture) -> Iterator[Shell]:
    caplog.set_level(logging.INFO)  # the terminal's level: the log screen shows INFO too
    root = logging.getLogger()
    for kept in [h for h in root.handlers if isinstance(h, RecentLog)]:
        # One a module's window installed before: this window's log starts with it.
        root.removeHandler(kept)
    kiosk.device_manager.start_monitoring(0.2)  # as `sheyin run` starts it
    with running_shell(qtbot, kiosk) as window:
        window.technician.vendor.request_enter(TECHNICIAN)
        window.show_state(AtDesk(TECHNICIAN))
        wait_for_screen(qtbot, window, TechnicianDeskScreen)
        yield window


def open_device(qtbot: QtBot, shell: Shell, device: DeviceClass) -> DeviceScreen:
    desk = wait_for_screen(qtbot, shell, TechnicianDeskScreen)
    assert isinstance(desk, TechnicianDeskScreen)
    click(qtbot, desk.open_buttons[device])
    screen = wait_for_screen(qtbot, shell, DeviceScreen)
    assert isinstance(screen, DeviceScreen) and screen.device is device
    return screen


def run_check(qtbot: QtBot, screen: DeviceScreen, check: DeviceCheck) -> str:
    click(qtbot, screen.check_buttons[check])
    qtbot.waitUntil(screen.check_buttons[check].isEnabled, timeout=20_000)
    return screen.results[check].text()


def back_to_desk(qtbot: QtBot, shell: Shell, screen: DeviceScreen) -> None:
    click(qtbot, screen.back_button)
    wait_for_screen(qtbot, shell, TechnicianDeskScreen)


def screen_text(shell: Shell) -> str:
    assert shell.screen_widget is not None
    return "\n".join(w.text() for w in shell.screen_widget.findChildren(QLabel))


def test_every_test_passes_on_healthy_simulators(
    qtbot: QtBot, shell: Shell, kiosk: DemoKiosk
) -> None:
    assert kiosk.demo_tray is not None and kiosk.id_card_tray is not None
    kiosk.demo_tray.insert("pensioner-due")
    kiosk.id_card_tray.place("pensioner-due")
    expected = {
        DeviceClass.CARD_READER: (DeviceCheck.READ_CARD, "社保应用 已选中"),
        DeviceClass.IDCARD_READER: (DeviceCheck.READ_ID_CARD, "照片（字节） 1024"),
        DeviceClass.PRINTER: (DeviceCheck.TEST_PAGE, "打印页数 1"),
        DeviceClass.RECEIPT_PRINTER: (DeviceCheck.TEST_RECEIPT, "打印凭条数 1"),
        DeviceClass.CARD_ISSUER: (DeviceCheck.FEED_AND_RETAIN, "废卡箱卡数 0 → 1"),
    }
    for device, (check, fact) in expected.items():
        screen = open_device(qtbot, shell, device)
        assert run_check(qtbot, screen, DeviceCheck.SELF_TEST) == "通过"
        result = run_check(qtbot, screen, check)
        assert result.startswith("通过\n") and fact in result, result
        shown = screen_text(shell)
        assert CITIZEN.id_number not in shown and CITIZEN.name not in shown
        back_to_desk(qtbot, shell, screen)
    screen = open_device(qtbot, shell, DeviceClass.CARD_READER)
    assert "读卡次数 1" in screen.counters.text()  # the self-test only probes: no read
    assert mask_id_number(CITIZEN.id_number) not in screen.counters.text()
    actions = [(r.action, r.target, r.outcome) for r in read_records(kiosk.audit.path)]
    assert ("device.feed_and_retain", "card_issuer", "ok") in actions
    assert ("device.read_card", "card_reader", "ok") in actions


@pytest.mark.expected_log(
    "camera.unplugged",
    "camera.not_opened",
    "device.reopen_failed",
    "device card_issuer",
    "device printer",
    ": check ",
)
def test_faulty_simulators_fail_clearly_with_their_codes(
    qtbot: QtBot, shell: Shell, kiosk: DemoKiosk
) -> None:
    devices = kiosk.device_manager.set
    printer, receipts, issuer = devices.printer, devices.receipt_printer, devices.card_issuer
    assert isinstance(printer, SpoolPrinter) and isinstance(receipts, SpoolReceiptPrinter)
    assert isinstance(issuer, SimulatedCardIssuer) and kiosk.id_card_tray is not None
    printer.fault = PrinterState.MEDIA_EMPTY
    receipts.fault = ReceiptPrinterState.PAPER_OUT
    issuer.jam_at = "feed"
    kiosk.id_card_tray.simulator.faults.mute = True

    desk = shell.screen_widget
    assert isinstance(desk, TechnicianDeskScreen)
    # Live: the monitor's next round reaches the desk without the screen being built again.
    qtbot.waitUntil(lambda: desk.media[DeviceClass.PRINTER].text() == "缺纸", timeout=10_000)
    assert desk.statuses[DeviceClass.RECEIPT_PRINTER].text() == "需要处理 (userError)"
    assert desk.faults[DeviceClass.PRINTER].text() == "故障1次"

    failures = {
        DeviceClass.PRINTER: (DeviceCheck.TEST_PAGE, "未通过：printer.media_empty"),
        DeviceClass.RECEIPT_PRINTER: (
            DeviceCheck.TEST_RECEIPT,
            "未通过：receipt_printer.paper_out",
        ),
        DeviceClass.CARD_READER: (DeviceCheck.READ_CARD, "未通过：card.absent"),
        DeviceClass.IDCARD_READER: (DeviceCheck.READ_ID_CARD, "未通过：idcard.timeout"),
        DeviceClass.CARD_ISSUER: (DeviceCheck.FEED_AND_RETAIN, "未通过：issuer.jammed"),
    }
    for device, (check, words) in failures.items():
        screen = open_device(qtbot, shell, device)
        assert run_check(qtbot, screen, check) == words
        back_to_desk(qtbot, shell, screen)

    screen = open_device(qtbot, shell, DeviceClass.CARD_ISSUER)
    # The jam as the feed met it; the monitor, seeing hardwareError after, counts it once.
    qtbot.waitUntil(lambda: "hardwareError" in screen.state.text(), timeout=5_000)
    assert "卡片堵塞" in screen.state.text()
    assert screen.fault.text().startswith("启动以来故障1次；最近一次 issuer.jammed")
    # The jam came as the card left the hopper: none in the path for the reset to retain.
    assert run_check(qtbot, screen, DeviceCheck.RESET) == "通过\n已回收卡 否 · 状态 ready"
    issuer.hopper = 0
    assert run_check(qtbot, screen, DeviceCheck.FEED_AND_RETAIN) == "未通过：issuer.out_of_cards"
    back_to_desk(qtbot, shell, screen)

    pinpad = devices.pinpad
    assert isinstance(pinpad, SimulatedPinPad)
    pinpad.unplugged = True
    screen = open_device(qtbot, shell, DeviceClass.PINPAD)
    assert run_check(qtbot, screen, DeviceCheck.PIN_PAD) == "未通过：pinpad.error"
    back_to_desk(qtbot, shell, screen)

    camera = devices.camera
    assert camera is not None
    source = camera().source
    assert isinstance(source, ClipSource)
    source.unplugged = True
    screen = open_device(qtbot, shell, DeviceClass.CAMERA)
    click(qtbot, screen.check_buttons[DeviceCheck.CAMERA])
    preview = wait_for_screen(qtbot, shell, CameraCheckScreen)
    assert isinstance(preview, CameraCheckScreen)
    qtbot.waitUntil(lambda: bool(preview.result.text()), timeout=15_000)
    assert preview.result.text().startswith("未通过：camera.")


def test_the_camera_preview_measures_its_rate_and_finds_the_face(
    qtbot: QtBot, shell: Shell
) -> None:
    screen = open_device(qtbot, shell, DeviceClass.CAMERA)
    click(qtbot, screen.check_buttons[DeviceCheck.CAMERA])
    preview = wait_for_screen(qtbot, shell, CameraCheckScreen)
    assert isinstance(preview, CameraCheckScreen)
    qtbot.waitUntil(lambda: bool(preview.result.text()), timeout=15_000)
    assert preview.result.text().startswith("通过\n帧率（帧/秒） "), preview.result.text()
    assert "检测到人脸 是" in preview.result.text()
    assert preview.view.frames_shown > 0
    click(qtbot, preview.back_button)
    wait_for_screen(qtbot, shell, DeviceScreen)
    camera = shell.kiosk.device_manager.set.camera
    assert camera is not None
    wait_until(lambda: camera().latest() is None, 5)  # stopped: its light is off


def test_the_pin_pad_test_counts_digits_and_shows_none(
    qtbot: QtBot, shell: Shell, kiosk: DemoKiosk
) -> None:
    pinpad = kiosk.device_manager.set.pinpad
    assert isinstance(pinpad, SimulatedPinPad)
    screen = open_device(qtbot, shell, DeviceClass.PINPAD)
    click(qtbot, screen.check_buttons[DeviceCheck.PIN_PAD])
    qtbot.waitUntil(lambda: pinpad.waiting, timeout=5_000)
    for key in "8642":
        pinpad.press(key)
    result = screen.results[DeviceCheck.PIN_PAD]
    qtbot.waitUntil(lambda: result.text().endswith("已输入：4位"), timeout=5_000)
    pinpad.press("enter")
    qtbot.waitUntil(lambda: result.text().startswith("通过"), timeout=5_000)
    assert "已输入位数 4" in result.text()
    assert "8642" not in screen_text(shell)

    # Left while the pad waits: the entry ends, and a citizen's later entry is not touched.
    click(qtbot, screen.check_buttons[DeviceCheck.PIN_PAD])
    qtbot.waitUntil(lambda: pinpad.waiting, timeout=5_000)
    back_to_desk(qtbot, shell, screen)
    qtbot.waitUntil(lambda: not pinpad.waiting, timeout=5_000)
    citizens = pinpad.read_pin_block("6214830000000001", lambda _typed: None, 30)
    shell.show_state(AtLogs(TECHNICIAN))  # the technician goes on through their screens
    wait_for_screen(qtbot, shell, LogScreen)
    shell.show_state(AtDesk(TECHNICIAN))
    wait_for_screen(qtbot, shell, TechnicianDeskScreen)
    qtbot.wait(300)
    assert pinpad.waiting and not citizens.done()
    pinpad.cancel()


@pytest.mark.expected_log("read failed for")
def test_the_log_screen_filters_and_shows_no_personal_data(qtbot: QtBot, shell: Shell) -> None:
    logging.getLogger("devices.idcard.reader").warning("read failed for %s", CITIZEN.id_number)
    logging.getLogger("devices.printer.receipt").info(
        "receipt printer: a slip for %s", "13800000004"
    )
    shell.show_state(AtLogs(TECHNICIAN))
    logs = wait_for_screen(qtbot, shell, LogScreen)
    assert isinstance(logs, LogScreen)
    shown = logs.shown_text()
    assert "read failed for [redacted]" in shown and "a slip for [redacted]" in shown
    assert CITIZEN.id_number not in shown and "13800000004" not in shown
    click(qtbot, logs.level_buttons[logging.WARNING])
    warnings = wait_for_screen(qtbot, shell, LogScreen)
    assert isinstance(warnings, LogScreen) and warnings is not logs
    assert "a slip for" not in warnings.shown_text()
    assert "read failed for [redacted]" in warnings.shown_text()
    click(qtbot, warnings.device_buttons[DeviceClass.RECEIPT_PRINTER])
    receipts = wait_for_screen(qtbot, shell, LogScreen)
    assert isinstance(receipts, LogScreen) and receipts is not warnings
    assert receipts.table.rowCount() == 0 and receipts.empty.isVisible()


@pytest.fixture
def pcsc_kiosk(shared_sandbox: SandboxProcess, pcscd: PcscdService) -> Iterator[DemoKiosk]:
    built = build_demo_kiosk(settings_for(shared_sandbox.url, **on_vpcd(pcscd.port)))
    yield built
    built.close()
    wait_for_slot(0, present=False)


@pytest.mark.expected_log(
    "card reader gone", "card reader attached", "device card_reader", ": check "
)
def test_the_card_reader_gone_with_pcscd_is_shown_and_comes_back(
    qtbot: QtBot, pcsc_kiosk: DemoKiosk, pcscd: PcscdService
) -> None:
    pcsc_kiosk.device_manager.start_monitoring(0.2)
    with running_shell(qtbot, pcsc_kiosk) as shell:
        shell.technician.vendor.request_enter(TECHNICIAN)
        shell.show_state(AtDesk(TECHNICIAN))
        screen = open_device(qtbot, shell, DeviceClass.CARD_READER)
        pcscd.current.stop()
        try:
            qtbot.waitUntil(lambda: "noDevice" in screen.state.text(), timeout=10_000)
            assert run_check(qtbot, screen, DeviceCheck.READ_CARD) == "未通过：card.no_reader"
            assert run_check(qtbot, screen, DeviceCheck.SELF_TEST).startswith("未通过：")
        finally:
            pcscd.restart()
        manager = pcsc_kiosk.device_manager
        wait_until(lambda: manager.status()[DeviceClass.CARD_READER] is DeviceStatus.ONLINE, 10)
        qtbot.waitUntil(lambda: "(online)" in screen.state.text(), timeout=10_000)
        # The reader going, once: the reads refused without it are not more faults.
        assert screen.fault.text().startswith("启动以来故障1次；最近一次 card_reader.noDevice")
