"""Error screens' remedies carried through, the cards read through real pcscd and vpcd: a
citizen whose card PIN is locked meets it in a query and sets a new PIN right there; a QR code
that ran out is renewed and paid."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.central.codes import PaymentMethod
from kiosk.services.cards.steps import CardService
from kiosk.services.session import ServiceId
from sandbox.payments import PAYER_PATH
from sandbox.server import SandboxProcess
from tests.e2e.test_card_issuance import NEW_PIN, block_pin, demo_chip, type_new_pin_twice
from tests.e2e.test_payment import CITIZEN, PIN, orders
from tests.support.ui import (
    click,
    enter_pin,
    running_shell,
    texts_on_screen,
    tray_bar,
    wait_for_screen,
)
from ui.screens.card import PinChangedScreen
from ui.screens.enrollment import PlaceIdCardScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.payment import (
    ChoosePayableScreen,
    ChoosePaymentMethodScreen,
    PayByQrScreen,
    PaymentDoneScreen,
)
from ui.shell import Home, InFlow, Shell


@pytest.mark.expected_log("failed with card.pin_blocked")
def test_a_locked_pin_met_in_a_query_is_reset_from_the_error_screen(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    chip = demo_chip(kiosk, "contributor")
    block_pin(chip)
    with running_shell(qtbot, kiosk) as shell:
        shell.show_state(Home())
        click(qtbot, wait_for_screen(qtbot, shell, HomeScreen).tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
        wait_for_screen(qtbot, shell, InsertCardScreen)
        click(qtbot, tray_bar(shell).card_buttons["contributor"])
        enter_pin(qtbot, shell, "345678")
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert isinstance(error, ErrorScreen) and error.code == "card.pin_blocked"
        assert "社保卡密码已锁定" in texts_on_screen()
        assert error.remedy_button is not None and error.remedy_button.text() == "在这里重设密码"
        click(qtbot, error.remedy_button)
        # No card menu: the PIN reset reads the card still in the reader and asks for the ID card.
        wait_for_screen(qtbot, shell, PlaceIdCardScreen)
        assert isinstance(shell.state, InFlow) and shell.state.choice is CardService.RESET_PIN
        click(qtbot, tray_bar(shell).id_card_buttons["contributor"])
        type_new_pin_twice(qtbot, shell)
        changed = wait_for_screen(qtbot, shell, PinChangedScreen)
        click(qtbot, changed.done_button)  # type: ignore[attr-defined]
    assert demo_chip(kiosk, "contributor").verify_pin(NEW_PIN).verified


@pytest.mark.expected_log("order.expired")
def test_a_qr_code_that_ran_out_is_renewed_from_the_error_screen_and_paid(
    qtbot: QtBot, kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    with running_shell(qtbot, kiosk) as shell:
        renewed = renewing_an_expired_qr_code(qtbot, shell, sandbox, sandbox_db)
        # The way to pay was chosen for the citizen: the new QR code, not the choice, comes.
        wait_for_screen(qtbot, shell, PayByQrScreen)
        click(qtbot, tray_bar(shell).payer_button)  # type: ignore[arg-type]
        wait_for_screen(qtbot, shell, PaymentDoneScreen)
    states = dict(orders(sandbox_db))
    paid = [order for order, state in states.items() if state == "confirmed"]
    assert len(states) == 2 and paid != [renewed] and len(paid) == 1  # a new order, paid


def choose_what_to_pay(qtbot: QtBot, shell: Shell) -> None:
    """The PIN of the card in the reader, then the unpaid back year of pension at grade 2."""
    enter_pin(qtbot, shell, PIN)
    payables = wait_for_screen(qtbot, shell, ChoosePayableScreen)
    assert isinstance(payables, ChoosePayableScreen)
    click(qtbot, payables.items[0])
    click(qtbot, payables.grade_buttons[1])


def renewing_an_expired_qr_code(
    qtbot: QtBot, shell: Shell, sandbox: SandboxProcess, sandbox_db: Path
) -> str:
    """A QR payment whose order runs out, then the error screen's main button; the card stays
    in, so the new payment asks for the PIN and what to pay. Returns the expired order."""
    shell.show_state(Home())
    click(qtbot, wait_for_screen(qtbot, shell, HomeScreen).tiles[ServiceId.PAYMENT])  # type: ignore[attr-defined]
    click(qtbot, tray_bar(shell).card_buttons[CITIZEN])
    choose_what_to_pay(qtbot, shell)
    methods = wait_for_screen(qtbot, shell, ChoosePaymentMethodScreen)
    click(qtbot, methods.methods[PaymentMethod.QR_CODE])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, PayByQrScreen)
    ((expired, _state),) = orders(sandbox_db)
    requests.post(f"{sandbox.url}{PAYER_PATH}/{expired}/expiry", timeout=5).raise_for_status()
    error = wait_for_screen(qtbot, shell, ErrorScreen)
    assert isinstance(error, ErrorScreen) and error.code == "order.expired"
    assert error.remedy_button is not None and error.remedy_button.text() == "重新生成付款码"
    click(qtbot, error.remedy_button)
    choose_what_to_pay(qtbot, shell)
    return expired
