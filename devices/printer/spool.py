"""The demo's A4 printer: each document lands as a PDF in a spool directory. Faults for tests
and demos: out of paper, stopped, offline; a spool directory it cannot write in is offline."""

from __future__ import annotations

import itertools
import re
from concurrent.futures import Future
from pathlib import Path

from devices.base import DeviceStatus, DeviceWorker, PolledState, SelfTestReport
from devices.printer.base import (
    STATE_STATUS,
    STATUS_WAIT_S,
    PrinterState,
    PrinterUnavailable,
    ready_report,
    spool_writable,
)


class SpoolPrinter:
    name = "a4_printer"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fault: PrinterState | None = None
        """Set to MEDIA_EMPTY, STOPPED or OFFLINE to make the printer refuse."""
        self._jobs = itertools.count(1)
        self._worker = DeviceWorker(self.name)
        self._state = PolledState(self._worker, self._read_state)

    def state(self) -> Future[PrinterState]:
        return self._state.read()

    def status(self) -> DeviceStatus:
        state = self._state.poll(STATUS_WAIT_S)
        return DeviceStatus.STARTING if state is None else STATE_STATUS[state]

    def self_test(self) -> SelfTestReport:
        return ready_report(self.name, self._state.read().result(), f"spool:{self.directory}")

    def print_pdf(self, pdf: bytes, title: str) -> Future[str]:
        return self._worker.submit(self._print_pdf, pdf, title)

    def wait_done(self, job: str, timeout_s: float) -> Future[None]:
        return self._worker.submit(self._wait_done, job)

    def close(self) -> None:
        self._worker.close()

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
        temporary = path.with_suffix(".part")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(pdf)
            temporary.replace(path)
        except OSError:
            self._state.keep(PrinterState.OFFLINE)
            raise PrinterUnavailable(PrinterState.OFFLINE) from None
        return job

    def _wait_done(self, job: str) -> None:
        self._worker.check_thread()  # written before print_pdf's future was done
