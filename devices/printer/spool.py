"""The demo's A4 printer: each document lands as a PDF in a spool directory. Faults for tests
and demos: out of paper, stopped, offline."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from devices.base import DeviceStatus, SelfTestReport
from devices.printer.base import STATE_STATUS, PrinterState, PrinterUnavailable, ready_report


class SpoolPrinter:
    name = "a4_printer"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fault: PrinterState | None = None
        """Set to MEDIA_EMPTY, STOPPED or OFFLINE to make the printer refuse."""
        self._jobs = itertools.count(1)

    def state(self) -> PrinterState:
        return self.fault or PrinterState.IDLE

    def status(self) -> DeviceStatus:
        return STATE_STATUS[self.state()]

    def self_test(self) -> SelfTestReport:
        return ready_report(self.name, self.state(), f"spool:{self.directory}")

    def print_pdf(self, pdf: bytes, title: str) -> str:
        if self.fault is not None:
            raise PrinterUnavailable(self.fault)
        self.directory.mkdir(parents=True, exist_ok=True)
        job = f"spool-{next(self._jobs)}"
        safe = re.sub(r"[^A-Za-z0-9_-]+", "_", title)[:40]
        path = self.directory / f"{job}-{safe}.pdf"
        temporary = path.with_suffix(".part")
        temporary.write_bytes(pdf)
        temporary.replace(path)
        return job

    def wait_done(self, job: str, timeout_s: float) -> None:
        return None  # written before print_pdf returned

    def close(self) -> None:
        return None
