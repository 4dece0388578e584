"""A day of home visits on a staff laptop: logged in online, then out of network range for the
visits, then back; Sync now delivers everything once, and the day report lists every visit with
its outcome. Cards are read through real pcscd and vpcd; no printer, no card issuer."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.central.codes import CardApplicationReason, CardDelivery, ReceiptState
from kiosk.documents.day_report import ReceiptState as ReportedState
from kiosk.documents.day_report import verify_report
from kiosk.services.cards.steps import CardService
from kiosk.services.session import ServiceId
from kiosk.services.steps import ConfirmationReason
from sandbox.credentials import DEMO_STAFF, DEMO_TERMINAL_KEY
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.e2e.test_enrollment import choose_and_confirm, fill_in
from tests.support.kiosks import STAFF_LAPTOP, demo_kiosk_on_pcscd
from tests.support.services import PcscdService
from tests.support.ui import click, enter_pin, running_shell, tray_bar, wait_for_screen
from ui.screens.card import (
    ChooseCardDeliveryScreen,
    ChooseCardServiceScreen,
    ChooseReplacementReasonScreen,
    ConfirmCardApplicationScreen,
    ConfirmCardLossScreen,
)
from ui.screens.eligibility import EligibilityDueScreen, FaceScreen
from ui.screens.enrollment import PlaceIdCardScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import ConfirmationReasonScreen, PinScreen, TakeCardScreen
from ui.screens.login import LoginScreen
from ui.screens.receipts import QueuedReceiptScreen
from ui.shell import Home, Shell
from ui.staff.report import DayReportScreen
from ui.staff.role import AtDayReport, AtSync
from ui.staff.sync import SyncScreen

STAFF = "S0101"
LAPTOP = {
    **STAFF_LAPTOP,
    "SHEYIN_DEVICES_ISSUER_TIMING_SCALE": "0",
    # Offline, the laptop looks for the network only every ten minutes: back in range, it is
    # Sync now that sends the day's work, not a probe that happens to come.
    "SHEYIN_QUEUE_OFFLINE_PROBE_S": "600",
}
PENSIONER_PINS = {"pensioner-due": "123456", "pensioner-authenticated": "234567"}


def log_in(qtbot: QtBot, shell: Shell) -> None:
    login = wait_for_screen(qtbot, shell, LoginScreen)
    assert isinstance(login, LoginScreen)
    for digit in STAFF.removeprefix("S"):
        login.number.type(digit)
    login.number.confirm()
    assert login.pin is not None
    for digit in DEMO_STAFF[STAFF]:
        login.pin.press_digit(digit)
    login.pin.confirm()
    wait_for_screen(qtbot, shell, HomeScreen)


def eligibility_check(qtbot: QtBot, shell: Shell, citizen: str, bedridden: bool = False) -> str:
    """A proof of life at the door, offline; the queued receipt's number."""
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.ELIGIBILITY])  # type: ignore[attr-defined]
    click(qtbot, tray_bar(shell).card_buttons[citizen])
    if bedridden:
        pin_screen = wait_for_screen(qtbot, shell, PinScreen)
        assert isinstance(pin_screen, PinScreen)
        assert pin_screen.staff_confirms_button is not None
        click(qtbot, pin_screen.staff_confirms_button)
        reasons = wait_for_screen(qtbot, shell, ConfirmationReasonScreen)
        assert isinstance(reasons, ConfirmationReasonScreen)
        click(qtbot, reasons.reason_tiles[ConfirmationReason.BEDRIDDEN])
    else:
        enter_pin(qtbot, shell, PENSIONER_PINS[citizen])
    due = wait_for_screen(qtbot, shell, EligibilityDueScreen)
    click(qtbot, due.start_button)  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, FaceScreen)
    receipt = wait_for_screen(qtbot, shell, QueuedReceiptScreen)
    number = receipt.qr.payload  # type: ignore[attr-defined]
    click(qtbot, receipt.done_button)  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, TakeCardScreen)
    click(qtbot, tray_bar(shell).remove_button)
    wait_for_screen(qtbot, shell, HomeScreen)
    return str(number)


def report_loss(qtbot: QtBot, shell: Shell, citizen: str) -> None:
    """A lost card reported at the door: the ID card, a face check, confirmed."""
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.CARD])  # type: ignore[attr-defined]
    menu = wait_for_screen(qtbot, shell, ChooseCardServiceScreen)
    assert isinstance(menu, ChooseCardServiceScreen)
    click(qtbot, menu.choices[CardService.REPORT_LOSS])
    wait_for_screen(qtbot, shell, PlaceIdCardScreen)
    click(qtbot, tray_bar(shell).id_card_buttons[citizen])
    confirm = wait_for_screen(qtbot, shell, ConfirmCardLossScreen)  # after the face check
    click(qtbot, confirm.confirm_button)  # type: ignore[attr-defined]


def apply_for_a_card(qtbot: QtBot, shell: Shell, citizen: str) -> None:
    """A first card applied for at the door: made at the branch, brought by staff."""
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.CARD])  # type: ignore[attr-defined]
    menu = wait_for_screen(qtbot, shell, ChooseCardServiceScreen)
    assert isinstance(menu, ChooseCardServiceScreen)
    click(qtbot, menu.choices[CardService.APPLY_FOR_DELIVERY])
    which = wait_for_screen(qtbot, shell, ChooseReplacementReasonScreen)
    click(qtbot, which.reasons[CardApplicationReason.NEW])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, PlaceIdCardScreen)
    click(qtbot, tray_bar(shell).id_card_buttons[citizen])
    how = wait_for_screen(qtbot, shell, ChooseCardDeliveryScreen)  # after the face check
    click(qtbot, how.deliveries[CardDelivery.STAFF_VISIT])  # type: ignore[attr-defined]
    confirm = wait_for_screen(qtbot, shell, ConfirmCardApplicationScreen)
    click(qtbot, confirm.confirm_button)  # type: ignore[attr-defined]


def queued_receipt(qtbot: QtBot, shell: Shell) -> str:
    receipt = wait_for_screen(qtbot, shell, QueuedReceiptScreen)
    number = str(receipt.qr.payload)  # type: ignore[attr-defined]
    click(qtbot, receipt.done_button)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: shell.session is None, timeout=10_000)
    return number


def sandbox_staff_numbers(sandbox_db: Path) -> dict[str, int]:
    """How many writes the sandbox applied with each staff number."""
    with sqlite3.connect(sandbox_db) as db:
        rows = db.execute(
            "SELECT staff_number, COUNT(*) FROM write_staff GROUP BY staff_number"
        ).fetchall()
    return {str(number): int(count) for number, count in rows}


@pytest.mark.expected_log(
    "central POST",
    "central GET /health",
    "central.unreachable",
)
def test_a_day_of_visits_offline_then_synced_and_reported(
    qtbot: QtBot, sandbox: SandboxProcess, sandbox_db: Path, pcscd: PcscdService
) -> None:
    port = int(sandbox.url.rsplit(":", 1)[1])
    back: SandboxProcess | None = None
    try:
        with (
            demo_kiosk_on_pcscd(sandbox.url, pcscd.port, **LAPTOP) as kiosk,
            running_shell(qtbot, kiosk) as shell,
        ):
            kiosk.outbound  # noqa: B018 - opened as warm_up opens it
            shell.show_for_role()
            log_in(qtbot, shell)  # online: the PIN's hash is kept for the day offline
            sandbox.stop()
            qtbot.waitUntil(lambda: kiosk.online is False, timeout=5000)

            receipts = [
                eligibility_check(qtbot, shell, "pensioner-due"),
                eligibility_check(qtbot, shell, "pensioner-authenticated"),
                eligibility_check(qtbot, shell, "pensioner-due", bedridden=True),
            ]
            fill_in(qtbot, shell)
            confirm = choose_and_confirm(qtbot, shell)
            click(qtbot, confirm.confirm_button)
            receipts.append(queued_receipt(qtbot, shell))
            report_loss(qtbot, shell, "contributor")
            receipts.append(queued_receipt(qtbot, shell))
            apply_for_a_card(qtbot, shell, "no-card")
            receipts.append(queued_receipt(qtbot, shell))
            assert kiosk.outbound.queue.outbox.open_count() == len(receipts)

            shell.show_state(AtSync())
            sync = wait_for_screen(qtbot, shell, SyncScreen)
            assert isinstance(sync, SyncScreen)
            assert {receipt for receipt, _ in sync.rows} == set(receipts)

            back = start_sandbox_process(sandbox_db, port=port)
            qtbot.wait(1000)
            assert kiosk.online is False  # nothing has noticed the network yet
            assert kiosk.outbound.queue.outbox.open_count() == len(receipts)
            click(qtbot, sync.sync_button)
            qtbot.waitUntil(lambda: kiosk.outbound.queue.outbox.open_count() == 0, timeout=30_000)
            for receipt in receipts:
                assert kiosk.outbound.progress(receipt).state is not ReceiptState.QUEUED

            shell.show_state(AtDayReport())
            qtbot.waitUntil(
                lambda: (
                    isinstance(shell.screen_widget, DayReportScreen)
                    and shell.screen_widget.table is not None
                ),
                timeout=10_000,
            )
            screen = shell.screen_widget
            assert isinstance(screen, DayReportScreen) and screen.table is not None
            assert screen.table.rowCount() == len(receipts)  # one row per visit, on screen
            now = datetime.now().astimezone()
            report = kiosk.day_report(now.date(), STAFF, now)
            listed = {line.receipt: line.state for row in report.rows for line in row.receipts}
            assert set(listed) == set(receipts)
            assert set(listed.values()) == {ReportedState.DELIVERED}
            services = [row.service for row in report.rows]
            assert services.count(ServiceId.ELIGIBILITY) == 3
            assert ServiceId.ENROLLMENT in services and services.count(ServiceId.CARD) == 2
            identities = [row.identity for row in report.rows]
            assert "staff_confirmed:bedridden" in identities
            pdf = kiosk.day_report_pdf(report, "zh_CN")
            assert verify_report(pdf, bytes.fromhex(DEMO_TERMINAL_KEY)).valid
    finally:
        if back is not None:
            back.stop()
    # Exactly once each, and each with the staff member's number.
    assert sandbox_staff_numbers(sandbox_db) == {STAFF: len(receipts)}
