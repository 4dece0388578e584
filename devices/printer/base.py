"""What every A4 printer driver offers: a state, a self-test, printing a PDF, a job's fate.

Each driver talks to its printer on its own thread (`DeviceWorker`): the operations answer
with futures, `status()` is cheap (the state polled within STATUS_WAIT_S, else the last one
known), and a call that skips the worker fails with WrongThread."""

from __future__ import annotations

import enum
import os
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

from devices.base import DeviceError, DeviceStatus, NotReady, SelfTestReport


class PrinterState(enum.StrEnum):
    IDLE = "idle"
    PRINTING = "printing"
    STOPPED = "stopped"
    MEDIA_EMPTY = "media_empty"
    OFFLINE = "offline"


STATE_STATUS = {
    PrinterState.IDLE: DeviceStatus.ONLINE,
    PrinterState.PRINTING: DeviceStatus.DEVICE_BUSY,
    PrinterState.STOPPED: DeviceStatus.OFFLINE,
    PrinterState.MEDIA_EMPTY: DeviceStatus.USER_ERROR,
    PrinterState.OFFLINE: DeviceStatus.OFFLINE,
}


class PrinterError(DeviceError):
    code = "printer.error"


class PrinterUnavailable(NotReady, PrinterError):
    """Not ready to print: stopped, media_empty, offline."""

    family = "printer"


class PrintFailed(PrinterError):
    code = "printer.job_failed"


class JobTimeout(PrinterError):
    code = "printer.timeout"


STATUS_WAIT_S = 0.25
"""How long `status()` waits for the printer's answer before it gives the last one known."""


class A4Printer(Protocol):
    name: str

    def state(self) -> Future[PrinterState]:
        """Asks the printer now."""
        ...

    def status(self) -> DeviceStatus:
        """Cheap: the state polled within STATUS_WAIT_S, else the last one known."""
        ...

    def self_test(self) -> SelfTestReport:
        """Waits for the printer's thread: not from the GUI thread."""
        ...

    def print_pdf(self, pdf: bytes, title: str) -> Future[str]:
        """Hands the document over; the future gives the job id, or PrinterUnavailable when
        the printer is not ready, PrintFailed when it refused the job."""
        ...

    def wait_done(self, job: str, timeout_s: float) -> Future[None]:
        """Done once the job has printed; PrintFailed / PrinterUnavailable / JobTimeout
        otherwise."""
        ...

    def close(self) -> None: ...


def spool_writable(directory: Path) -> bool:
    """Whether a spool simulator can write into `directory` (made on first use): it, or the
    nearest folder above it that exists, is a folder we may write in."""
    for folder in (directory, *directory.parents):
        if folder.exists():
            return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    return False


def ready_report(name: str, state: PrinterState, detail: str) -> SelfTestReport:
    ready = state in (PrinterState.IDLE, PrinterState.PRINTING)
    return SelfTestReport(
        device=name,
        passed=ready,
        status=STATE_STATUS[state],
        checks=(("queue", state is not PrinterState.OFFLINE, detail), ("ready", ready, state)),
    )
