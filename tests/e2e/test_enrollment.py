"""Enrollment through the UI with the ID card reader (real driver, pty simulator): online, and
offline then delivered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from devices.printer.receipt import SpoolReceiptPrinter
from kiosk.app import Kiosk, build_kiosk
from kiosk.central.codes import InsuranceKind, ReceiptState
from kiosk.services.session import ServiceId
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import settings_for
from tests.support.services import PcscdService, on_vpcd
from tests.support.ui import click, running_shell, tray_bar, wait_for_screen
from ui.screens.enrollment import (
    ChooseInsurancesScreen,
    ConfirmEnrollmentScreen,
    ContactMobileScreen,
    EnrollmentDoneScreen,
    PlaceIdCardScreen,
)
from ui.screens.home import HomeScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.receipts import QueuedReceiptScreen
from ui.shell import Home, Shell

NEWCOMER = demo_citizen("not-enrolled")


def insured(sandbox_db: Path) -> set[str]:
    with sqlite3.connect(sandbox_db) as db:
        rows = db.execute(
            "SELECT kind FROM insurances WHERE id_number = ?", (NEWCOMER.id_number,)
        ).fetchall()
    return {kind for (kind,) in rows}


def fill_in(qtbot: QtBot, shell: Shell, citizen: str = "not-enrolled") -> None:
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.ENROLLMENT])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, PlaceIdCardScreen)
    click(qtbot, tray_bar(shell).id_card_buttons[citizen])


def choose_and_confirm(qtbot: QtBot, shell: Shell) -> ConfirmEnrollmentScreen:
    mobile = wait_for_screen(qtbot, shell, ContactMobileScreen)
    assert isinstance(mobile, ContactMobileScreen)
    for digit in NEWCOMER.mobile:
        click(qtbot, mobile.entry.keys[digit])  # type: ignore[arg-type]
    click(qtbot, mobile.entry._confirm)
    choose = wait_for_screen(qtbot, shell, ChooseInsurancesScreen)
    assert isinstance(choose, ChooseInsurancesScreen)
    assert not choose.next_button.isEnabled()
    for kind in (InsuranceKind.RESIDENT_PENSION, InsuranceKind.RESIDENT_MEDICAL):
        click(qtbot, choose.toggles[kind])
    click(qtbot, choose.next_button)
    confirm = wait_for_screen(qtbot, shell, ConfirmEnrollmentScreen)
    assert isinstance(confirm, ConfirmEnrollmentScreen)
    return confirm


def printed_slips(kiosk: Kiosk) -> list[bytes]:
    printer = kiosk.devices.receipt_printer
    assert isinstance(printer, SpoolReceiptPrinter)
    return [path.read_bytes() for path in sorted(printer.directory.glob("*.escpos"))]


def test_a_resident_enrols_with_only_an_id_card(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    with running_shell(qtbot, kiosk) as shell:
        fill_in(qtbot, shell)
        confirm = choose_and_confirm(qtbot, shell)
        click(qtbot, confirm.confirm_button)
        done = wait_for_screen(qtbot, shell, EnrollmentDoneScreen)
        assert done.heading.text() == "参保登记成功"  # type: ignore[attr-defined]
        assert done.printed_label.text() == "请取走您的身份证和回执。"  # type: ignore[attr-defined]
    assert insured(sandbox_db) == {"resident_pension", "resident_medical"}
    (slip,) = printed_slips(kiosk)
    assert "参保登记回执".encode("gb18030") in slip
    assert "城乡居民基本医疗保险".encode("gb18030") in slip
    assert "陈静".encode("gb18030") not in slip  # the name only masked on a slip


@pytest.mark.expected_log("enrollment.already_enrolled")
def test_someone_already_insured_is_told_before_typing_anything(qtbot: QtBot, kiosk: Kiosk) -> None:
    with running_shell(qtbot, kiosk) as shell:
        fill_in(qtbot, shell, citizen="contributor")  # holds the employees' pension and medical
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert error.code == "enrollment.already_enrolled"  # type: ignore[attr-defined]


@pytest.mark.expected_log("central POST /enrollments", "central POST /ident")
def test_offline_the_enrollment_is_queued_and_delivered_after_reconnect(
    qtbot: QtBot, kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    port = int(sandbox.url.rsplit(":", 1)[1])
    back: SandboxProcess | None = None
    try:
        with running_shell(qtbot, kiosk) as shell:
            sandbox.stop()
            qtbot.waitUntil(lambda: kiosk.online is False, timeout=5000)
            fill_in(qtbot, shell)
            confirm = choose_and_confirm(qtbot, shell)
            click(qtbot, confirm.confirm_button)
            receipt = wait_for_screen(qtbot, shell, QueuedReceiptScreen)
            number = receipt.qr.payload  # type: ignore[attr-defined]
            (slip,) = printed_slips(kiosk)
            assert "受理回执".encode("gb18030") in slip and number.encode() in slip
            back = start_sandbox_process(sandbox_db, port=port)
            qtbot.waitUntil(lambda: kiosk.outbound.queue.outbox.open_count() == 0, timeout=20_000)
            assert kiosk.outbound.progress(number).state is ReceiptState.DELIVERED
    finally:
        if back is not None:
            back.stop()
    assert insured(sandbox_db) == {"resident_pension", "resident_medical"}


def test_without_an_id_card_reader_enrolment_is_not_offered(
    qtbot: QtBot, sandbox: SandboxProcess, pcscd: PcscdService
) -> None:
    """Not a demo: no ID card reader configured; the card reader is PC/SC as at a branch. The
    home tile says so before the citizen starts (it used to end on idcard.no_reader after the
    tap); the services that need only the card reader stay."""
    kiosk = build_kiosk(settings_for(sandbox.url, **on_vpcd(pcscd.port)))
    try:
        with running_shell(qtbot, kiosk) as shell:
            shell.show_state(Home())
            home = wait_for_screen(qtbot, shell, HomeScreen)
            assert isinstance(home, HomeScreen)
            enrolment = home.tiles[ServiceId.ENROLLMENT]
            assert not enrolment.isEnabled()
            assert enrolment.accessibleDescription() == "本机暂不提供"
            assert home.tiles[ServiceId.QUERY].isEnabled()
    finally:
        kiosk.close()


@pytest.mark.expected_log("idcard.malformed")
def test_a_broken_frame_from_the_reader_ends_on_a_clear_screen(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    assert kiosk.id_card_tray is not None
    kiosk.id_card_tray.simulator.faults.broken_checksum = True
    kiosk.id_card_tray.place("not-enrolled")
    with running_shell(qtbot, kiosk) as shell:
        # Every frame is broken, the first "is a card there?" answer too: the error can come
        # before the "place your ID card" screen has been seen, so the test does not wait for it.
        shell.show_state(Home())
        home = wait_for_screen(qtbot, shell, HomeScreen)
        click(qtbot, home.tiles[ServiceId.ENROLLMENT])  # type: ignore[attr-defined]
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert error.code == "idcard.malformed"  # type: ignore[attr-defined]
    assert insured(sandbox_db) == set()
