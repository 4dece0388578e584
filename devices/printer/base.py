"""What every A4 printer driver offers: a state, a self-test, printing a PDF, a job's fate."""

from __future__ import annotations

import enum
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


class A4Printer(Protocol):
    name: str

    def state(self) -> PrinterState: ...

    def status(self) -> DeviceStatus: ...

    def self_test(self) -> SelfTestReport: ...

    def print_pdf(self, pdf: bytes, title: str) -> str:
        """Hands the document over and returns the job id; PrinterUnavailable when not ready."""

    def wait_done(self, job: str, timeout_s: float) -> None:
        """Returns once the job has printed; PrintFailed / JobTimeout otherwise."""

    def close(self) -> None: ...


def ready_report(name: str, state: PrinterState, detail: str) -> SelfTestReport:
    ready = state in (PrinterState.IDLE, PrinterState.PRINTING)
    return SelfTestReport(
        device=name,
        passed=ready,
        status=STATE_STATUS[state],
        checks=(("queue", state is not PrinterState.OFFLINE, detail), ("ready", ready, state)),
    )
