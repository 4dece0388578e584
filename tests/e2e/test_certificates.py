"""Certificate printing through the UI: the contributor prints a contribution certificate; an
empty printer is said before anything is issued."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from devices.printer.base import PrinterState
from devices.printer.spool import SpoolPrinter
from kiosk.app import Kiosk
from kiosk.central.codes import CertificateKind
from kiosk.documents.certificate import verify_certificate
from kiosk.services.session import ServiceId
from sandbox.server import SandboxProcess
from tests.support.kiosks import sandbox_certificate_key
from tests.support.ui import click, enter_pin, running_shell, tray_bar, wait_for_screen
from ui.screens.certificates import (
    CertificatePreviewScreen,
    CertificatePrintedScreen,
    ChooseCertificateScreen,
)
from ui.screens.home import HomeScreen
from ui.screens.identify import TakeCardScreen
from ui.screens.outcome import ErrorScreen
from ui.shell import Home, Shell


def start(qtbot: QtBot, shell: Shell, citizen: str, pin: str) -> None:
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    click(qtbot, home.tiles[ServiceId.CERTIFICATES])  # type: ignore[attr-defined]
    click(qtbot, tray_bar(shell).card_buttons[citizen])
    enter_pin(qtbot, shell, pin)


def issued(sandbox_db: Path) -> int:
    with sqlite3.connect(sandbox_db) as db:
        count: int = db.execute("SELECT count(*) FROM certificates").fetchone()[0]
    return count


def test_a_contribution_certificate_is_previewed_printed_and_verifiable(
    qtbot: QtBot, kiosk: Kiosk, sandbox: SandboxProcess
) -> None:
    printer = kiosk.devices.printer
    assert isinstance(printer, SpoolPrinter)
    with running_shell(qtbot, kiosk) as shell:
        start(qtbot, shell, "contributor", "345678")
        choose = wait_for_screen(qtbot, shell, ChooseCertificateScreen)
        assert isinstance(choose, ChooseCertificateScreen)
        assert list(choose.choices) == [
            CertificateKind.CONTRIBUTION,
            CertificateKind.PERSONAL_RIGHTS,
        ]  # not a pensioner: no pension certificate offered
        click(qtbot, choose.choices[CertificateKind.CONTRIBUTION])
        preview = wait_for_screen(qtbot, shell, CertificatePreviewScreen)
        assert isinstance(preview, CertificatePreviewScreen)
        assert preview.page.pixmap().height() == 640
        click(qtbot, preview.print_button)
        printed = wait_for_screen(qtbot, shell, CertificatePrintedScreen)
        click(qtbot, printed.done_button)  # type: ignore[attr-defined]
        wait_for_screen(qtbot, shell, TakeCardScreen)
    (spooled,) = printer.directory.glob("*.pdf")
    result = verify_certificate(spooled.read_bytes(), sandbox_certificate_key(sandbox.url))
    assert result.valid and result.kind is not None and result.kind.value == "contribution"


@pytest.mark.expected_log("printer.media_empty")
def test_an_empty_printer_is_said_before_anything_is_issued(
    qtbot: QtBot, kiosk: Kiosk, sandbox_db: Path
) -> None:
    printer = kiosk.devices.printer
    assert isinstance(printer, SpoolPrinter)
    printer.fault = PrinterState.MEDIA_EMPTY
    with running_shell(qtbot, kiosk) as shell:
        shell.show_state(Home())
        home = wait_for_screen(qtbot, shell, HomeScreen)
        click(qtbot, home.tiles[ServiceId.CERTIFICATES])  # type: ignore[attr-defined]
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert error.code == "printer.media_empty"  # type: ignore[attr-defined]
    assert issued(sandbox_db) == 0


@pytest.mark.expected_log("printer.media_empty")
def test_paper_running_out_during_the_preview_is_said_before_printing(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    printer = kiosk.devices.printer
    assert isinstance(printer, SpoolPrinter)
    with running_shell(qtbot, kiosk) as shell:
        start(qtbot, shell, "contributor", "345678")
        choose = wait_for_screen(qtbot, shell, ChooseCertificateScreen)
        click(qtbot, choose.choices[CertificateKind.PERSONAL_RIGHTS])  # type: ignore[attr-defined]
        preview = wait_for_screen(qtbot, shell, CertificatePreviewScreen)
        printer.fault = PrinterState.MEDIA_EMPTY
        click(qtbot, preview.print_button)  # type: ignore[attr-defined]
        error = wait_for_screen(qtbot, shell, ErrorScreen)
        assert error.code == "printer.media_empty"  # type: ignore[attr-defined]
    assert not printer.directory.exists() or not list(printer.directory.glob("*.pdf"))
