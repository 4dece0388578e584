"""The demo's A4 printer: each document lands as a PDF in a spool directory. Faults for tests
and demos: out of paper, stopped, offline; a spool directory it cannot write in is offline."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from devices.printer.base import (
    PrinterState,
    PrinterUnavailable,
    WorkerA4Printer,
    spool_writable,
    write_private,
)


class SpoolPrinter(WorkerA4Printer):
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fault: PrinterState | None = None
        """Set to MEDIA_EMPTY, STOPPED or OFFLINE to make the printer refuse."""
        self._jobs = itertools.count(1)
        super().__init__()

    def _detail(self) -> str:
        return f"spool:{self.directory}"

    # --- the printer's thread ---

    def _read_state(self) -> PrinterState:
        self._worker.check_thread()
        if self.fault is not None:
            return self.fault
        return PrinterState.IDLE if spool_writable(self.directory) else PrinterState.OFFLINE

    def _print_pdf(self, pdf: bytes, title: str) -> str:
        state = self._state.read_here()
        if state is not PrinterState.IDLE:
            raise PrinterUnavailable(state)
        job = f"spool-{next(self._jobs)}"
        safe = re.sub(r"[^A-Za-z0-9_-]+", "_", title)[:40]
        path = self.directory / f"{job}-{safe}.pdf"
        try:
            write_private(path, pdf)
        except OSError:
            self._state.keep(PrinterState.OFFLINE)
            raise PrinterUnavailable(PrinterState.OFFLINE) from None
        return job

    def _wait_done(self, job: str, timeout_s: float) -> None:
        self._worker.check_thread()  # written before print_pdf's future was done
