"""Offline through the UI: the home screen says what still works, a lost-card report is queued
with a receipt, and the receipt's progress is followed before and after the line returns."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk
from kiosk.central.codes import ReceiptState
from kiosk.services.cards.steps import CardService
from kiosk.services.session import ServiceId
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import QUICK_QUEUE, settings_for
from tests.support.ui import click, running_shell, texts_on_screen, wait_for_screen
from ui.screens.card import ChooseCardServiceScreen
from ui.screens.card_loss import (
    ConfirmLossScreen,
    IdNumberScreen,
    LossReportedScreen,
    MobileScreen,
)
from ui.screens.home import HomeScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.receipts import QueuedReceiptScreen, ReceiptNumberScreen, ReceiptStatusScreen
from ui.shell import Home, Shell

LOSER = demo_citizen("unpaid-year")

OFFLINE_LOGS = ("central POST /card-loss-reports", "central GET")


class Line:
    """The sandbox behind a line that the test can cut and restore."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.sandbox: SandboxProcess | None = start_sandbox_process(db)
        assert self.sandbox is not None
        self.url = self.sandbox.url
        self.port = int(self.url.rsplit(":", 1)[1])

    def cut(self) -> None:
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None

    def restore(self) -> None:
        if self.sandbox is None:
            self.sandbox = start_sandbox_process(self.db, port=self.port)

    def card_status(self, card_number: str) -> str:
        with sqlite3.connect(self.db) as db:
            status: str = db.execute(
                "SELECT status FROM cards WHERE card_number = ?", (card_number,)
            ).fetchone()[0]
        return status


@pytest.fixture
def line(tmp_path: Path) -> Iterator[Line]:
    cut = Line(tmp_path / "sandbox.sqlite3")
    yield cut
    cut.cut()


@pytest.fixture
def kiosk(line: Line) -> Iterator[Kiosk]:
    built = build_kiosk(settings_for(line.url, **QUICK_QUEUE))
    built.outbound  # noqa: B018 - opened now, as warm_up does in a real start
    yield built
    built.close()


@pytest.fixture
def shell(qtbot: QtBot, kiosk: Kiosk) -> Iterator[Shell]:
    with running_shell(qtbot, kiosk) as window:
        window.show_state(Home())
        yield window


def type_number(qtbot: QtBot, shell: Shell, screen_type: type, number: str) -> None:
    screen = wait_for_screen(qtbot, shell, screen_type)
    for character in number:
        click(qtbot, screen.entry.keys[character])  # type: ignore[attr-defined]
    click(qtbot, screen.entry._confirm)  # type: ignore[attr-defined]


def open_loss_by_mobile(qtbot: QtBot, shell: Shell) -> None:
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.CARD])  # type: ignore[attr-defined]
    menu = wait_for_screen(qtbot, shell, ChooseCardServiceScreen)
    click(qtbot, menu.choices[CardService.REPORT_LOSS_BY_MOBILE])  # type: ignore[attr-defined]


def report_loss(qtbot: QtBot, shell: Shell, mobile: str = LOSER.mobile) -> None:
    open_loss_by_mobile(qtbot, shell)
    type_number(qtbot, shell, IdNumberScreen, LOSER.id_number)
    type_number(qtbot, shell, MobileScreen, mobile)


def test_online_the_card_is_blocked_at_once(qtbot: QtBot, shell: Shell, line: Line) -> None:
    qtbot.waitUntil(lambda: shell.kiosk.online is True, timeout=5000)
    report_loss(qtbot, shell)
    confirm = wait_for_screen(qtbot, shell, ConfirmLossScreen)
    assert not hasattr(confirm, "offline_notice")
    assert LOSER.id_number not in " ".join(texts_on_screen())  # masked on screen
    click(qtbot, confirm.confirm_button)  # type: ignore[attr-defined]
    done = wait_for_screen(qtbot, shell, LossReportedScreen)
    assert LOSER.card is not None
    assert line.card_status(LOSER.card.card_number) == "reported_lost"
    click(qtbot, done.done_button)  # type: ignore[attr-defined]
    wait_for_screen(qtbot, shell, HomeScreen)


@pytest.mark.expected_log("loss_report.proof_mismatch", "queue.dead_letter")
def test_a_wrong_mobile_number_is_refused_with_a_clear_screen(
    qtbot: QtBot, shell: Shell, line: Line
) -> None:
    qtbot.waitUntil(lambda: shell.kiosk.online is True, timeout=5000)
    report_loss(qtbot, shell, mobile="13900000000")
    click(qtbot, wait_for_screen(qtbot, shell, ConfirmLossScreen).confirm_button)  # type: ignore[attr-defined]
    error = wait_for_screen(qtbot, shell, ErrorScreen)
    assert error.code == "loss_report.proof_mismatch"  # type: ignore[attr-defined]
    assert LOSER.card is not None
    assert line.card_status(LOSER.card.card_number) == "active"


def test_an_invalid_id_number_is_asked_again(qtbot: QtBot, shell: Shell) -> None:
    open_loss_by_mobile(qtbot, shell)
    wrong = LOSER.id_number[:-1] + ("0" if LOSER.id_number[-1] != "0" else "1")
    type_number(qtbot, shell, IdNumberScreen, wrong)
    qtbot.waitUntil(lambda: "身份证号码有误，请核对后重新输入。" in texts_on_screen(), timeout=5000)


@pytest.mark.expected_log(*OFFLINE_LOGS)
def test_offline_the_report_is_queued_and_its_progress_followed(
    qtbot: QtBot, shell: Shell, line: Line, kiosk: Kiosk
) -> None:
    line.cut()
    qtbot.waitUntil(lambda: kiosk.online is False, timeout=5000)
    home = wait_for_screen(qtbot, shell, HomeScreen)
    qtbot.waitUntil(lambda: shell.screen_widget.offline_banner is not None, timeout=5000)  # type: ignore[union-attr]
    home = shell.screen_widget
    assert isinstance(home, HomeScreen)
    assert not home.tiles[ServiceId.QUERY].isEnabled()
    assert home.tiles[ServiceId.QUERY].accessibleDescription() == "需要联网：暂不可办"
    assert home.tiles[ServiceId.CARD].isEnabled()

    report_loss(qtbot, shell)
    confirm = wait_for_screen(qtbot, shell, ConfirmLossScreen)
    assert "12333" in confirm.offline_notice.text()  # type: ignore[attr-defined]
    click(qtbot, confirm.confirm_button)  # type: ignore[attr-defined]
    receipt_screen = wait_for_screen(qtbot, shell, QueuedReceiptScreen)
    assert isinstance(receipt_screen, QueuedReceiptScreen)
    receipt = receipt_screen.qr.payload
    assert receipt_screen.receipt_label.text().replace(" ", "") == receipt
    assert kiosk.queue is not None and kiosk.queue.outbox.open_count() == 1
    click(qtbot, receipt_screen.done_button)

    assert follow(qtbot, shell, receipt) is ReceiptState.QUEUED

    line.restore()
    qtbot.waitUntil(lambda: kiosk.queue.outbox.open_count() == 0, timeout=15_000)  # type: ignore[union-attr]
    assert LOSER.card is not None
    assert line.card_status(LOSER.card.card_number) == "reported_lost"
    qtbot.waitUntil(lambda: shell.screen_widget.offline_banner is None, timeout=5000)  # type: ignore[union-attr]
    assert follow(qtbot, shell, receipt, scanned=True) is ReceiptState.DELIVERED


def follow(qtbot: QtBot, shell: Shell, receipt: str, scanned: bool = False) -> ReceiptState:
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.progress_button)  # type: ignore[attr-defined]
    entry_screen = wait_for_screen(qtbot, shell, ReceiptNumberScreen)
    assert isinstance(entry_screen, ReceiptNumberScreen)
    if scanned:
        # A receipt scanner in keyboard mode types the digits and presses Enter.
        QTest.keyClicks(entry_screen.entry, receipt)
        QTest.keyClick(entry_screen.entry, Qt.Key.Key_Return)
    else:
        type_number(qtbot, shell, ReceiptNumberScreen, receipt)
    status = wait_for_screen(qtbot, shell, ReceiptStatusScreen)
    assert isinstance(status, ReceiptStatusScreen)
    words = {ReceiptState.QUEUED: "等待发送", ReceiptState.DELIVERED: "已办结"}
    assert status.state_label.text() == words.get(status.state)
    click(qtbot, status.done_button)
    return status.state


def test_staff_see_the_line_and_the_queue_citizens_do_not(
    qtbot: QtBot, line: Line, shell: Shell, tmp_path: Path
) -> None:
    assert shell.top_bar is not None and shell.top_bar.indicator is None
    shell.shut_down()
    staff = build_kiosk(
        settings_for(
            line.url,
            SHEYIN_KIOSK_ROLE="staff",
            SHEYIN_PATHS_DATA_DIR=str(tmp_path / "staff"),
            **QUICK_QUEUE,
        )
    )
    staff.outbound  # noqa: B018
    try:
        with running_shell(qtbot, staff) as window:
            qtbot.waitUntil(lambda: staff.online is True, timeout=5000)
            indicator = window.top_bar.indicator  # type: ignore[union-attr]
            assert indicator is not None
            indicator.refresh()
            assert indicator.text.text() == "● 在线 · 0 条待发送"
    finally:
        staff.close()


def test_a_line_change_queued_before_closing_is_ignored(qtbot: QtBot, kiosk: Kiosk) -> None:
    with running_shell(qtbot, kiosk) as window:
        window.connectivity_changed.emit(False)  # queued: delivered after the close below
        window.shut_down()
        kiosk.close()
        QTest.qWait(50)  # an exception here fails the test (pytest-qt)
