"""Whole citizen sessions through the UI, against a sandbox of their own over HTTP."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from demo.kiosk import build_demo_kiosk
from kiosk.app import Kiosk
from kiosk.central.client import CentralClient
from kiosk.domain.money import Money
from kiosk.services.session import ServiceId
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
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
from ui.screens.identify import InsertCardScreen, PinScreen, TakeCardScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.query import QueryResultsScreen
from ui.shell import Shell


@pytest.fixture
def kiosk(fresh_sandbox: SandboxProcess) -> Iterator[Kiosk]:
    built = build_demo_kiosk(
        settings_for(
            fresh_sandbox.url,
            SHEYIN_CENTRAL_READ_TIMEOUT_S="1",
            SHEYIN_CENTRAL_READ_RETRIES="0",
        )
    )
    yield built
    built.close()


@pytest.fixture
def shell(qtbot: QtBot, kiosk: Kiosk) -> Iterator[Shell]:
    with running_shell(qtbot, kiosk) as window:
        yield window


def start_query(qtbot: QtBot, shell: Shell, citizen_key: str) -> None:
    attract = wait_for_screen(qtbot, shell, AttractScreen)
    click(qtbot, attract.start_button)  # type: ignore[attr-defined]
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.QUERY])  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, InsertCardScreen)
    click(qtbot, tray_bar(shell).card_buttons[citizen_key])


def test_a_pensioner_checks_their_pension_in_elder_mode(
    qtbot: QtBot, fast_idle: None, shell: Shell, fresh_sandbox: SandboxProcess
) -> None:
    spoken: list[str] = []
    shell.voice.spoken.connect(spoken.append)
    citizen = demo_citizen("pensioner-due")
    assert shell.top_bar is not None
    click(qtbot, shell.top_bar.elder_button)
    start_query(qtbot, shell, "pensioner-due")

    enter_pin(qtbot, shell, "999999")
    qtbot.waitUntil(lambda: any("还可以再试2次" in t for t in texts_on_screen()), timeout=10_000)
    enter_pin(qtbot, shell, citizen.card.pin)  # type: ignore[union-attr]
    results = wait_for_screen(qtbot, shell, QueryResultsScreen)
    assert isinstance(results, QueryResultsScreen)
    assert "享受待遇" in texts_on_screen()

    # What the screen says is what the central system holds.
    reference = CentralClient(settings_for(fresh_sandbox.url).central)
    found = reference.identify(citizen.id_number)
    payments = reference.benefits(found.person_ref).items
    reference.close()
    click(qtbot, results.segment_buttons["benefits"])
    table = results.stack.currentWidget()
    assert table.rowCount() == len(payments) > 0  # type: ignore[attr-defined]
    amount = f"{Money(payments[0].amount_fen).decimal_text()}元"
    assert table.item(0, 2).text() == amount  # type: ignore[attr-defined]
    assert table.item(0, 4).text().endswith(f"{payments[0].bank_account_tail}的银行卡")  # type: ignore[attr-defined]

    click(qtbot, results.done_button)
    wait_for_screen(qtbot, shell, TakeCardScreen)
    click(qtbot, tray_bar(shell).remove_button)
    wait_for_screen(qtbot, shell, HomeScreen)
    assert shell.elder

    # Left alone, the kiosk goes back to the attract screen by itself.
    wait_for_screen(qtbot, shell, AttractScreen)
    # Every screen on the way spoke its instruction.
    assert "请插入社保卡，芯片朝上" in spoken
    assert any("密码错误" in s for s in spoken)


@pytest.mark.expected_log(": timeout", "failed with central.timeout")
def test_the_central_system_stops_answering_mid_session(
    qtbot: QtBot, shell: Shell, fresh_sandbox: SandboxProcess
) -> None:
    start_query(qtbot, shell, "contributor")
    wait_for_screen(qtbot, shell, PinScreen)
    os.kill(fresh_sandbox.process.pid, signal.SIGSTOP)
    try:
        enter_pin(qtbot, shell, "345678")
        error = wait_for_screen(qtbot, shell, ErrorScreen)
    finally:
        os.kill(fresh_sandbox.process.pid, signal.SIGCONT)
    assert isinstance(error, ErrorScreen)
    assert error.code == "central.timeout"
    assert f"错误代码：{error.code}" in texts_on_screen()
    assert shell.session is None
    click(qtbot, error.home_button)
    wait_for_screen(qtbot, shell, HomeScreen)
