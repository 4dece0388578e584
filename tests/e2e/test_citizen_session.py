"""Whole citizen sessions through the UI, against a sandbox of their own over HTTP, each card
read through real pcscd and vpcd: a query, the central system stopping mid-session, and a
proof of life queued offline whose progress the citizen follows until it is delivered."""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from demo.kiosk import build_demo_kiosk
from kiosk.app import Kiosk
from kiosk.central.client import CentralClient
from kiosk.central.codes import ReceiptState
from kiosk.domain.money import Money
from kiosk.services.session import ServiceId
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import QUICK_QUEUE, demo_kiosk_on_pcscd, settings_for
from tests.support.services import PcscdService, on_vpcd, wait_for_slot
from tests.support.ui import (
    click,
    enter_pin,
    running_shell,
    texts_on_screen,
    tray_bar,
    wait_for_screen,
)
from ui.screens.attract import AttractScreen
from ui.screens.eligibility import EligibilityDueScreen
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen, PinScreen, TakeCardScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.query import QueryResultsScreen
from ui.screens.receipts import QueuedReceiptScreen, ReceiptNumberScreen, ReceiptStatusScreen
from ui.shell import Home, Shell
from ui.widgets.pages import PagedTable


@pytest.fixture
def kiosk(fresh_sandbox: SandboxProcess, pcscd: PcscdService) -> Iterator[Kiosk]:
    """On pcscd + vpcd like the other e2e kiosks, but a central system that gives up after one
    second, and no queue opened ahead: nothing probes the line unless a session asks."""
    built = build_demo_kiosk(
        settings_for(
            fresh_sandbox.url,
            **on_vpcd(pcscd.port),
            SHEYIN_CENTRAL_READ_TIMEOUT_S="1",
            SHEYIN_CENTRAL_READ_RETRIES="0",
        )
    )
    yield built
    built.close()
    wait_for_slot(0, present=False)


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
    page = results.stack.currentWidget()
    assert isinstance(page, PagedTable)  # elder mode: in pages, not scrolled
    table = page.table
    assert table.rowCount() == len(payments) > 0
    assert table.columnCount() == 3  # for month, amount, paid on
    amount = f"{Money(payments[0].amount_fen).decimal_text()}元"
    assert table.item(0, 1).text() == amount

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


def follow_receipt(qtbot: QtBot, shell: Shell, receipt: str) -> ReceiptState:
    """A whole 查进度 session: home, the receipt number typed, its state, done."""
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.progress_button)  # type: ignore[attr-defined]
    entry = wait_for_screen(qtbot, shell, ReceiptNumberScreen)
    for digit in receipt:
        click(qtbot, entry.entry.keys[digit])  # type: ignore[attr-defined]
    click(qtbot, entry.entry._confirm)  # type: ignore[attr-defined]
    status = wait_for_screen(qtbot, shell, ReceiptStatusScreen)
    assert isinstance(status, ReceiptStatusScreen)
    state = status.state
    click(qtbot, status.done_button)
    qtbot.waitUntil(lambda: shell.session is None, timeout=5000)
    return state


@pytest.mark.expected_log("central POST /eligibility-authentications", "central POST /ident")
def test_offline_a_proof_of_life_is_queued_and_its_progress_followed_to_delivery(
    qtbot: QtBot, sandbox: SandboxProcess, sandbox_db: Path, pcscd: PcscdService
) -> None:
    """The pensioner's card and PIN through pcscd, the face on the camera simulator, the check
    queued while the line is down; the receipt's progress followed before and after it returns."""
    pensioner = demo_citizen("pensioner-due")
    assert pensioner.card is not None
    port = int(sandbox.url.rsplit(":", 1)[1])
    back: SandboxProcess | None = None
    try:
        with (
            demo_kiosk_on_pcscd(sandbox.url, pcscd.port, **QUICK_QUEUE) as kiosk,
            running_shell(qtbot, kiosk) as shell,
        ):
            sandbox.stop()
            qtbot.waitUntil(lambda: kiosk.online is False, timeout=5000)
            shell.show_state(Home())
            home = wait_for_screen(qtbot, shell, HomeScreen)
            click(qtbot, home.tiles[ServiceId.ELIGIBILITY])  # type: ignore[attr-defined]
            wait_for_screen(qtbot, shell, InsertCardScreen)
            click(qtbot, tray_bar(shell).card_buttons["pensioner-due"])
            enter_pin(qtbot, shell, pensioner.card.pin)  # checked by the chip, offline too
            due = wait_for_screen(qtbot, shell, EligibilityDueScreen)
            click(qtbot, due.start_button)  # type: ignore[attr-defined]
            qtbot.waitUntil(
                lambda: isinstance(shell.screen_widget, QueuedReceiptScreen), timeout=30_000
            )
            queued = shell.screen_widget
            assert isinstance(queued, QueuedReceiptScreen)
            receipt = queued.qr.payload
            click(qtbot, queued.done_button)
            wait_for_screen(qtbot, shell, TakeCardScreen)
            click(qtbot, tray_bar(shell).remove_button)
            wait_for_slot(0, present=False)
            qtbot.waitUntil(lambda: shell.session is None, timeout=5000)

            assert follow_receipt(qtbot, shell, receipt) is ReceiptState.QUEUED
            back = start_sandbox_process(sandbox_db, port=port)
            qtbot.waitUntil(lambda: kiosk.outbound.queue.outbox.open_count() == 0, timeout=20_000)
            assert follow_receipt(qtbot, shell, receipt) is ReceiptState.DELIVERED
    finally:
        if back is not None:
            back.stop()
    with sqlite3.connect(sandbox_db) as db:
        rows = db.execute("SELECT outcome, receipt_number FROM authentications").fetchall()
    assert rows == [("authenticated", receipt)]
