"""A4 printing through a real CUPS with the cups-pdf queue; printer states; the spool printer."""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import pytest

from devices.base import DeviceClosed, DeviceStatus, WrongThread
from devices.printer.base import PrinterState, PrinterUnavailable
from devices.printer.cups import CupsPrinter, state_of
from devices.printer.spool import SpoolPrinter
from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.documents.certificate import render_certificate
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for
from tests.support.services import CupsService


def certificate_pdf(sandbox: SandboxProcess) -> bytes:
    client = CentralClient(settings_for(sandbox.url).central)
    issued = client.issue_certificate(
        m.CertificateRequest(
            id_number=demo_citizen("contributor").id_number, kind=m.CertificateKind.CONTRIBUTION
        ),
        uuid.uuid4(),
    )
    client.close()
    return render_certificate(issued)


def test_a_certificate_goes_through_cups_and_the_printed_file_appears(
    cups: CupsService, fresh_sandbox: SandboxProcess
) -> None:
    printer = CupsPrinter(cups.QUEUE)
    assert printer.state().result(15) is PrinterState.IDLE and printer.self_test().passed
    before = set(cups.output.glob("*.pdf")) if cups.output.exists() else set()
    title = f"sheyin-{uuid.uuid4().hex[:8]}"
    started = time.monotonic()
    job = printer.print_pdf(certificate_pdf(fresh_sandbox), title).result(15)
    printer.wait_done(job, 60).result(70)
    deadline = time.monotonic() + 30
    while not (set(cups.output.glob("*.pdf")) - before):
        assert time.monotonic() < deadline, "cups-pdf wrote nothing"
        time.sleep(0.1)
    (printed,) = set(cups.output.glob("*.pdf")) - before
    assert title in printed.name and printed.stat().st_size > 1000
    assert printed.read_bytes().startswith(b"%PDF")
    print(f"\nhanded over and printed in {time.monotonic() - started:.2f} s")
    printed.unlink()
    printer.close()


def test_a_stopped_queue_refuses_before_anything_is_sent(cups: CupsService) -> None:
    printer = CupsPrinter(cups.QUEUE)
    subprocess.run(["cupsdisable", cups.QUEUE], check=True)
    try:
        assert printer.state().result(15) is PrinterState.STOPPED
        assert not printer.self_test().passed
        assert printer.status() is DeviceStatus.OFFLINE
        with pytest.raises(PrinterUnavailable) as refused:
            printer.print_pdf(b"%PDF-1.4", "refused").result(15)
        assert refused.value.code == "printer.stopped"
    finally:
        subprocess.run(["cupsenable", cups.QUEUE], check=True)
        printer.close()


def test_an_unknown_queue_is_offline(cups: CupsService) -> None:
    printer = CupsPrinter("NO-SUCH-QUEUE")
    assert printer.state().result(15) is PrinterState.OFFLINE
    printer.close()


def test_the_cups_driver_runs_the_lp_tools_on_its_own_thread_only(cups: CupsService) -> None:
    printer = CupsPrinter(cups.QUEUE)
    try:
        with pytest.raises(WrongThread):
            printer._read_state()
        with pytest.raises(WrongThread):
            printer._print_pdf(b"%PDF-1.4", "wrong thread")
        assert printer.state().result(15) is PrinterState.IDLE
    finally:
        printer.close()


def test_lpstat_alerts_name_the_state() -> None:
    assert state_of("printer X is idle.  enabled since today\n\tAlerts: media-empty-error") is (
        PrinterState.MEDIA_EMPTY
    )
    assert state_of("printer X disabled since today -\n\tPaused") is PrinterState.STOPPED
    assert state_of("printer X now printing X-3.  enabled since today") is PrinterState.PRINTING
    assert state_of("printer X is idle.  enabled since today") is PrinterState.IDLE


def test_the_spool_printer_writes_files_and_can_run_out_of_paper(tmp_path: Path) -> None:
    printer = SpoolPrinter(tmp_path / "spool")
    job = printer.print_pdf(b"%PDF-1.4 demo", "证明 certificate").result(5)
    printer.wait_done(job, 1).result(5)
    (written,) = (tmp_path / "spool").glob("*.pdf")
    assert written.read_bytes() == b"%PDF-1.4 demo"
    printer.fault = PrinterState.MEDIA_EMPTY
    assert not printer.self_test().passed
    with pytest.raises(PrinterUnavailable) as refused:
        printer.print_pdf(b"%PDF", "x").result(5)
    assert refused.value.code == "printer.media_empty"
    printer.close()


def test_a_spool_directory_it_cannot_write_in_is_offline(tmp_path: Path) -> None:
    printer = SpoolPrinter(tmp_path / "spool")
    try:
        assert printer.status() is DeviceStatus.ONLINE
        (tmp_path / "spool").write_bytes(b"not a directory")
        assert printer.state().result(5) is PrinterState.OFFLINE
        assert printer.status() is DeviceStatus.OFFLINE
        with pytest.raises(PrinterUnavailable) as refused:
            printer.print_pdf(b"%PDF", "x").result(5)
        assert refused.value.code == "printer.offline"
    finally:
        printer.close()


def test_the_spool_printer_writes_on_its_own_thread_only(tmp_path: Path) -> None:
    printer = SpoolPrinter(tmp_path / "spool")
    try:
        with pytest.raises(WrongThread) as wrong:
            printer._print_pdf(b"%PDF", "x")
        assert wrong.value.code == "device.wrong_thread"
        assert not (tmp_path / "spool").exists()
    finally:
        printer.close()


def test_a_closed_printer_says_so() -> None:
    printer = SpoolPrinter(Path("/nonexistent-never-written"))
    printer.close()
    with pytest.raises(DeviceClosed):
        printer.print_pdf(b"%PDF", "x").result(5)
