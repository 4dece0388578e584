"""What every A4 printer driver offers: a state, a self-test, printing a PDF, a job's fate.

Each driver talks to its printer on its own thread (`DeviceWorker`): the operations answer
with futures, `status()` is cheap (the state polled within STATUS_WAIT_S, else the last one
known), and a call that skips the worker fails with WrongThread."""

from __future__ import annotations

import enum
import os
import re
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

from devices.base import (
    Counters,
    DeviceCounts,
    DeviceError,
    DeviceStatus,
    DeviceWorker,
    NotReady,
    PolledState,
    SelfTestReport,
)


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


PAGE_OBJECT = re.compile(rb"/Type\s*/Page\b")
"""A page object in a PDF (not /Pages, the tree above them)."""

STATUS_WAIT_S = 0.25
"""How long `status()` waits for the printer's answer before it gives the last one known."""


class A4Printer(Protocol):
    name: str
    counters: Counters

    def counts(self) -> DeviceCounts:
        """Jobs and pages printed (slips for a receipt printer), faults, the last fault."""
        ...

    def media(self) -> str | None:
        """The paper: ok, low, out; None while the printer cannot tell."""
        ...

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


def write_private(path: Path, data: bytes) -> None:
    """Writes a spooled document readable by this user alone (it names a citizen): the spool
    directory 0700, the file 0600 from its first byte, whole or not at all."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    temporary = path.with_name(path.name + ".part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an old .part left with other bits keeps none of them
        with os.fdopen(fd, "wb") as out:
            fd = -1
            out.write(data)
    finally:
        if fd != -1:
            os.close(fd)
    temporary.replace(path)


def spool_writable(directory: Path) -> bool:
    """Whether a spool simulator can write into `directory` (made on first use): it, or the
    nearest folder above it that exists, is a folder we may write in."""
    for folder in (directory, *directory.parents):
        if folder.exists():
            return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    return False


def page_count(pdf: bytes) -> int:
    """The pages of a PDF, counted by its page objects (compressed object streams hide them:
    the kiosk's own documents have none)."""
    return max(1, len(PAGE_OBJECT.findall(pdf)))


def paper_of(state: PrinterState | None) -> str | None:
    """The media state a printer's state tells: ok, out, or None when it cannot tell."""
    if state in (PrinterState.IDLE, PrinterState.PRINTING):
        return "ok"
    return "out" if state is PrinterState.MEDIA_EMPTY else None


def ready_report(name: str, state: PrinterState, detail: str) -> SelfTestReport:
    ready = state in (PrinterState.IDLE, PrinterState.PRINTING)
    return SelfTestReport(
        device=name,
        passed=ready,
        status=STATE_STATUS[state],
        checks=(("queue", state is not PrinterState.OFFLINE, detail), ("ready", ready, state)),
    )


class WorkerA4Printer:
    """The side every A4 driver shows the kiosk, over its own I/O thread: a driver supplies
    `_read_state`, `_print_pdf`, `_wait_done` and `_detail` (what its self-test names), all run
    on that thread."""

    name = "a4_printer"

    def __init__(self) -> None:
        self.counters = Counters("jobs_printed", "pages_printed")
        self._worker = DeviceWorker(self.name, self.counters)
        self._state = PolledState(self._worker, self._read_state)
        self._pages: dict[str, int] = {}
        self._pages_lock = threading.Lock()

    def state(self) -> Future[PrinterState]:
        return self._state.read()

    def counts(self) -> DeviceCounts:
        return self.counters.snapshot()

    def media(self) -> str | None:
        return paper_of(self._state.last)

    def status(self) -> DeviceStatus:
        state = self._state.poll(STATUS_WAIT_S)
        return DeviceStatus.STARTING if state is None else STATE_STATUS[state]

    def self_test(self) -> SelfTestReport:
        return ready_report(self.name, self._state.read().result(), self._detail())

    def print_pdf(self, pdf: bytes, title: str) -> Future[str]:
        return self._worker.submit(self._print_and_count, pdf, title)

    def wait_done(self, job: str, timeout_s: float) -> Future[None]:
        return self._worker.submit(self._wait_and_count, job, timeout_s)

    def _print_and_count(self, pdf: bytes, title: str) -> str:
        job = self._print_pdf(pdf, title)
        with self._pages_lock:
            self._pages[job] = page_count(pdf)
        return job

    def _wait_and_count(self, job: str, timeout_s: float) -> None:
        try:
            self._wait_done(job, timeout_s)
        finally:
            with self._pages_lock:
                pages = self._pages.pop(job, 0)
        self.counters.add("jobs_printed")
        self.counters.add("pages_printed", pages)

    def close(self) -> None:
        self._worker.close()

    # --- the driver's part, on the printer's thread ---

    def _detail(self) -> str:
        raise NotImplementedError

    def _read_state(self) -> PrinterState:
        raise NotImplementedError

    def _print_pdf(self, pdf: bytes, title: str) -> str:
        raise NotImplementedError

    def _wait_done(self, job: str, timeout_s: float) -> None:
        raise NotImplementedError
