"""Contribution payment through the UI against the sandbox: QR paid (by the demo payer's phone),
expired, cancelled; bank card with a wrong then the right PIN. Each time the sandbox's own
database says what happened to the money and the contribution."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from devices.pinpad.simulator import SimulatedPinPad
from devices.printer.receipt import ReceiptPrinterState, SpoolReceiptPrinter
from kiosk.app import Kiosk
from kiosk.central.codes import PaymentMethod
from kiosk.ledgers.payments import IntentState
from kiosk.services.session import ServiceId
from sandbox.payments import PAYER_PATH
from sandbox.server import SandboxProcess
from tests.support.kiosks import demo_kiosk_on_pcscd
from tests.support.services import PcscdService
from tests.support.ui import click, enter_pin, running_shell, tray_bar, wait_for_screen
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import TakeCardScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.payment import (
    BankPinOnPadScreen,
    BankPinScreen,
    ChoosePayableScreen,
    ChoosePaymentMethodScreen,
    PayByQrScreen,
    PaymentDoneScreen,
)
from ui.shell import Home, Shell

CITIZEN, PIN = "unpaid-year", "678901"
ID_NUMBER = "420106197202140065"


def choose(qtbot: QtBot, shell: Shell, method: PaymentMethod) -> None:
    """Home → payment → card → PIN → the unpaid back year of pension at grade 2 → method."""
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.PAYMENT])  # type: ignore[attr-defined]
    click(qtbot, tray_bar(shell).card_buttons[CITIZEN])
    enter_pin(qtbot, shell, PIN)
    payables = wait_for_screen(qtbot, shell, ChoosePayableScreen)
    assert isinstance(payables, ChoosePayableScreen)
    click(qtbot, payables.items[0])  # the back year comes first
    assert len(payables.grade_buttons) == 5
    click(qtbot, payables.grade_buttons[1])
    methods = wait_for_screen(qtbot, shell, ChoosePaymentMethodScreen)
    assert isinstance(methods, ChoosePaymentMethodScreen)
    assert methods.amount.text() == "500.00元"
    click(qtbot, methods.methods[method])


def orders(sandbox_db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute("SELECT order_id, state FROM payment_orders").fetchall()


def booked(sandbox_db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute(
            "SELECT year, state FROM contributions WHERE id_number = ? AND kind = ?"
            " AND state IN ('paid', 'back_paid')",
            (ID_NUMBER, "resident_pension"),
        ).fetchall()


def receipts(kiosk: Kiosk) -> list[bytes]:
    printer = kiosk.devices.receipt_printer
    assert isinstance(printer, SpoolReceiptPrinter)
    return [p.read_bytes() for p in sorted(printer.directory.glob("*.escpos"))]


def test_qr_paid_by_phone_is_confirmed_once_and_printed(
    qtbot: QtBot, kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    before = booked(sandbox_db)
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, PaymentMethod.QR_CODE)
        qr = wait_for_screen(qtbot, shell, PayByQrScreen)
        assert isinstance(qr, PayByQrScreen)
        assert qr.qr.payload.startswith("sheyinpay:")
        assert qr.countdown.text().startswith(("剩余时间：9:", "剩余时间：10:"))
        assert tray_bar(shell).payer_button is not None
        click(qtbot, tray_bar(shell).payer_button)
        done = wait_for_screen(qtbot, shell, PaymentDoneScreen)
        assert isinstance(done, PaymentDoneScreen)
        assert done.printed_label.text() == "请取走您的社保卡和回执。"
        number = done.receipt_label.text().replace(" ", "")
        click(qtbot, done.done_button)
        wait_for_screen(qtbot, shell, TakeCardScreen)
    assert [state for _order, state in orders(sandbox_db)] == ["confirmed"]
    assert len(booked(sandbox_db)) == len(before) + 1
    (slip,) = receipts(kiosk)
    assert "社保缴费回执".encode("gb18030") in slip
    assert number.encode() in slip  # in the QR code's data (GS ( k … P 0)
    assert "500.00".encode("gb18030") in slip
    assert [i.state for i in kiosk.outbound.payments.unsettled()] == []


@pytest.mark.expected_log("order.expired")
def test_an_expired_qr_order_says_so_and_takes_nothing(
    qtbot: QtBot, kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    before = booked(sandbox_db)
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, PaymentMethod.QR_CODE)
        wait_for_screen(qtbot, shell, PayByQrScreen)
        ((order_id, _state),) = orders(sandbox_db)
        requests.post(f"{sandbox.url}{PAYER_PATH}/{order_id}/expiry", timeout=5).raise_for_status()
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert isinstance(error, ErrorScreen)
        assert error.code == "order.expired"
    assert booked(sandbox_db) == before
    intent = kiosk.outbound.payments.intent(uuid.UUID(order_id))
    assert intent is not None and intent.state is IntentState.CLOSED
    payer = requests.post(f"{sandbox.url}{PAYER_PATH}/{order_id}", timeout=5)
    assert payer.status_code == 409  # the phone can no longer pay it


@pytest.mark.expected_log("order.cancelled")
def test_cancelling_on_the_qr_screen_cancels_the_order(
    qtbot: QtBot, kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, PaymentMethod.QR_CODE)
        qr = wait_for_screen(qtbot, shell, PayByQrScreen)
        assert isinstance(qr, PayByQrScreen)
        click(qtbot, qr.cancel_button)
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert isinstance(error, ErrorScreen)
        assert error.code == "order.cancelled"
    ((order_id, state),) = orders(sandbox_db)
    assert state == "cancelled"
    payer = requests.post(f"{sandbox.url}{PAYER_PATH}/{order_id}", timeout=5)
    assert payer.status_code == 409
    kiosk.outbound.payments.reconcile()
    assert kiosk.outbound.payments.unsettled() == []


def test_pulling_the_card_out_on_the_qr_screen_cancels_the_order(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, PaymentMethod.QR_CODE)
        wait_for_screen(qtbot, shell, PayByQrScreen)
        click(qtbot, tray_bar(shell).remove_button)
        wait_for_screen(qtbot, shell, AttractScreen)  # the session ended, nothing left on screen
    qtbot.waitUntil(lambda: orders(sandbox_db)[0][1] == "cancelled", timeout=10_000)
    kiosk.outbound.payments.reconcile()
    assert kiosk.outbound.payments.unsettled() == []


@pytest.mark.expected_log("debit.wrong_pin")
def test_card_payment_with_a_wrong_then_the_right_bank_pin(
    qtbot: QtBot, kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    before = booked(sandbox_db)
    with running_shell(qtbot, kiosk) as shell:
        choose(qtbot, shell, PaymentMethod.BANK_CARD)
        first = wait_for_screen(qtbot, shell, BankPinScreen)
        assert isinstance(first, BankPinScreen)
        layout = list(first.keypad.layout_order)
        for digit in "111111":
            first.keypad.press_digit(digit)
        first.keypad.confirm()
        qtbot.waitUntil(
            lambda: (
                isinstance(shell.screen_widget, BankPinScreen) and shell.screen_widget is not first
            ),
            timeout=10_000,
        )
        second = shell.screen_widget
        assert isinstance(second, BankPinScreen)
        assert "还可尝试2次" in second.voice
        assert sorted(second.keypad.layout_order) == sorted(layout)
        assert second.keypad.layout_order != layout  # shuffled again (1 in 3.6 million alike)
        for digit in PIN:
            second.keypad.press_digit(digit)
        second.keypad.confirm()
        done = wait_for_screen(qtbot, shell, PaymentDoneScreen)
        assert isinstance(done, PaymentDoneScreen)
        click(qtbot, done.done_button)
        wait_for_screen(qtbot, shell, TakeCardScreen)
    assert [state for _order, state in orders(sandbox_db)] == ["confirmed"]
    assert len(booked(sandbox_db)) == len(before) + 1
    with sqlite3.connect(sandbox_db) as db:
        assert db.execute("SELECT debit_failures FROM payment_orders").fetchone() == (1,)


@pytest.mark.expected_log("receipt_printer.paper_out")
def test_no_receipt_paper_is_said_before_anything_is_charged(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    printer = kiosk.devices.receipt_printer
    assert isinstance(printer, SpoolReceiptPrinter)
    printer.fault = ReceiptPrinterState.PAPER_OUT
    with running_shell(qtbot, kiosk) as shell:
        shell.show_state(Home())
        home = wait_for_screen(qtbot, shell, HomeScreen)
        click(qtbot, home.tiles[ServiceId.PAYMENT])  # type: ignore[attr-defined]
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert isinstance(error, ErrorScreen)
        assert error.code == "receipt_printer.paper_out"
    assert orders(sandbox_db) == []


def test_card_payment_with_the_pin_on_the_pin_pad(
    qtbot: QtBot, sandbox: SandboxProcess, sandbox_db: Path, pcscd: PcscdService
) -> None:
    """With a PIN pad the screen shows only dots, one per key; the pad sends the PIN block."""
    with demo_kiosk_on_pcscd(sandbox.url, pcscd.port, SHEYIN_DEVICES_PINPAD="simulator") as kiosk:
        pad = kiosk.devices.pinpad
        assert isinstance(pad, SimulatedPinPad)
        with running_shell(qtbot, kiosk) as shell:
            choose(qtbot, shell, PaymentMethod.BANK_CARD)
            screen = wait_for_screen(qtbot, shell, BankPinOnPadScreen)
            assert isinstance(screen, BankPinOnPadScreen)
            qtbot.waitUntil(lambda: pad.waiting, timeout=5000)
            for key in PIN[:3]:
                pad.press(key)
            qtbot.waitUntil(lambda: screen.dots.text() == "● ● ● ○ ○ ○", timeout=5000)
            assert shell.screen_widget is screen  # updated in place, not rebuilt
            for key in [*PIN[3:], "enter"]:
                pad.press(key)
            done = wait_for_screen(qtbot, shell, PaymentDoneScreen)
            assert isinstance(done, PaymentDoneScreen)
    assert [state for _order, state in orders(sandbox_db)] == ["confirmed"]
