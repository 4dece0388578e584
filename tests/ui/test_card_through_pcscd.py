"""The kiosk with its card reader on real PC/SC: pcscd, vpcd, the demo tray's virtual cards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from demo.kiosk import build_demo_kiosk
from kiosk.app import Kiosk
from kiosk.domain.identity import mask_id_number, mask_name
from kiosk.services.session import ServiceId
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
from tests.support.services import PcscdService, wait_for_slot
from tests.support.ui import (
    click,
    enter_pin,
    running_shell,
    texts_on_screen,
    tray_bar,
    wait_for_screen,
)
from ui.screens.attract import AttractScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen, PinScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.query import QueryResultsScreen
from ui.shell import Shell


@pytest.fixture
def kiosk(shared_sandbox: SandboxProcess, pcscd: PcscdService) -> Iterator[Kiosk]:
    built = build_demo_kiosk(
        settings_for(
            shared_sandbox.url,
            SHEYIN_DEVICES_CARD_READER="pcsc",
            SHEYIN_DEVICES_CARD_READER_NAME="^Virtual PCD 00 00$",
            SHEYIN_DEVICES_VPCD_PORT=str(pcscd.port),
        )
    )
    yield built
    built.close()
    wait_for_slot(0, present=False)


@pytest.fixture
def shell(qtbot: QtBot, kiosk: Kiosk) -> Iterator[Shell]:
    with running_shell(qtbot, kiosk) as window:
        yield window


def start_query_with(qtbot: QtBot, shell: Shell, citizen_key: str) -> None:
    click(qtbot, wait_for_screen(qtbot, shell, AttractScreen).start_button)  # type: ignore[attr-defined]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, InsertCardScreen)
    click(qtbot, tray_bar(shell).card_buttons[citizen_key])


def test_a_card_through_pcscd_reaches_the_query_result(qtbot: QtBot, shell: Shell) -> None:
    start_query_with(qtbot, shell, "pensioner-authenticated")
    wait_for_screen(qtbot, shell, PinScreen)
    assert "李**，您好" in texts_on_screen()  # greeted by masked name once the chip is read
    enter_pin(qtbot, shell, "234567")
    wait_for_screen(qtbot, shell, QueryResultsScreen)
    assert any("1101**********0018" in t for t in texts_on_screen())


def test_pulling_the_card_mid_flow_leaves_nothing(qtbot: QtBot, shell: Shell) -> None:
    citizen = demo_citizen("contributor")
    start_query_with(qtbot, shell, "contributor")
    enter_pin(qtbot, shell, "345678")
    wait_for_screen(qtbot, shell, QueryResultsScreen)
    session = shell.session
    click(qtbot, tray_bar(shell).remove_button)
    wait_for_screen(qtbot, shell, AttractScreen)
    qtbot.waitUntil(lambda: shell.runner.current is None, timeout=5_000)
    assert session is not None and session.person is None
    shown = " ".join(texts_on_screen())
    for trace in (citizen.name, citizen.id_number, mask_name(citizen.name),
                  mask_id_number(citizen.id_number)):  # fmt: skip
        assert trace not in shown


@pytest.mark.expected_log("failed with card.not_ssc")
def test_a_foreign_card_gets_its_own_message(
    qtbot: QtBot, shell: Shell, kiosk: Kiosk, pcscd: PcscdService
) -> None:
    from devices.smartcard.virtual_card import (
        ChipLies,
        VirtualCardProfile,
        VirtualSocialSecurityCard,
    )
    from devices.smartcard.vpcd import VpcdSlot
    from sandbox.citizens import chip_data

    click(qtbot, wait_for_screen(qtbot, shell, AttractScreen).start_button)  # type: ignore[attr-defined]
    click(qtbot, wait_for_screen(qtbot, shell, HomeScreen).tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, InsertCardScreen)
    citizen = demo_citizen("contributor")
    assert citizen.card is not None
    bank_card = VirtualSocialSecurityCard(
        VirtualCardProfile(
            chip_data(citizen, date.today()), citizen.card.pin, lies=ChipLies(no_ssse=True)
        )
    )
    hand = VpcdSlot(pcscd.port)
    hand.insert(bank_card)
    try:
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert error.code == "card.not_ssc"  # type: ignore[attr-defined]
        assert "这不是社保卡" in texts_on_screen()
    finally:
        hand.remove()
