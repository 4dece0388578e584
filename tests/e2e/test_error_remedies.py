"""An error screen's remedy carried through, the card read through real pcscd and vpcd: a
citizen whose card PIN is locked meets it in a query and sets a new PIN right there."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from devices.smartcard.errors import PinBlocked
from kiosk.app import Kiosk
from kiosk.services.cards.steps import CardService
from kiosk.services.session import ServiceId
from tests.e2e.test_card_issuance import NEW_PIN, demo_chip, type_new_pin_twice
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
from ui.shell import Home, InFlow


@pytest.mark.expected_log("failed with card.pin_blocked")
def test_a_locked_pin_met_in_a_query_is_reset_from_the_error_screen(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    chip = demo_chip(kiosk, "contributor")
    for tries_left in (2, 1):  # the citizen forgot it: three wrong tries lock it
        assert chip.verify_pin("000000").tries_left == tries_left
    with pytest.raises(PinBlocked):
        chip.verify_pin("000000")
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
