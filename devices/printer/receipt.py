"""The receipt printer: an 80 mm ESC/POS thermal printer (python-escpos composes the commands).

A receipt is a title, lines of text and an optional QR code. Chinese text goes in the printer's
GB18030 double-byte mode (FS &), which Chinese ESC/POS printers share; the QR code is rendered
by the printer itself (GS ( k), so the host sends its content, not a picture.

Two back ends with the same bytes: `DeviceReceiptPrinter` writes to the printer's character
device (a USB printer is /dev/usb/lp0 under the usblp driver) and asks it for its paper sensor
(DLE EOT 4); `SpoolReceiptPrinter` is the demo's and tests' simulator, writing each receipt's
byte stream to a directory, with faults (paper out, offline). Each talks to its printer on its
own thread (`DeviceWorker`) and answers with futures; `status()` is cheap."""

from __future__ import annotations

import enum
import itertools
import os
import select
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

from devices.base import (
    Counters,
    DeviceCounts,
    DeviceStatus,
    DeviceWorker,
    NotReady,
    PolledState,
    SelfTestReport,
)
from devices.printer.base import STATUS_WAIT_S, PrinterError, spool_writable, write_private

ENTER_CHINESE = b"\x1c\x26"  # FS &: double-byte (GB18030) characters from here on
LEAVE_CHINESE = b"\x1c\x2e"  # FS .
PAPER_SENSOR_QUERY = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor status
PAPER_END_BITS = 0x60
"""In the DLE EOT 4 answer: paper end detected by the roll sensor."""
PAPER_NEAR_END_BITS = 0x0C
ANSWER_TIMEOUT_S = 0.5


class ReceiptPrinterState(enum.StrEnum):
    READY = "ready"
    PAPER_LOW = "paper_low"
    """Prints; a technician should change the roll soon."""
    PAPER_OUT = "paper_out"
    OFFLINE = "offline"


STATE_STATUS = {
    ReceiptPrinterState.READY: DeviceStatus.ONLINE,
    ReceiptPrinterState.PAPER_LOW: DeviceStatus.ONLINE,
    ReceiptPrinterState.PAPER_OUT: DeviceStatus.USER_ERROR,
    ReceiptPrinterState.OFFLINE: DeviceStatus.OFFLINE,
}
PRINTS = frozenset({ReceiptPrinterState.READY, ReceiptPrinterState.PAPER_LOW})
PAPER = {
    ReceiptPrinterState.READY: "ok",
    ReceiptPrinterState.PAPER_LOW: "low",
    ReceiptPrinterState.PAPER_OUT: "out",
}
"""The roll as the paper sensor tells it; an offline printer tells nothing."""


class ReceiptPrinterUnavailable(NotReady, PrinterError):
    """Cannot print a receipt: paper_out, offline."""

    family = "receipt_printer"


class ReceiptPrinter(Protocol):
    name: str
    counters: Counters

    def counts(self) -> DeviceCounts:
        """Jobs and pages printed (slips for a receipt printer), faults, the last fault."""
        ...

    def media(self) -> str | None:
        """The paper: ok, low, out; None while the printer cannot tell."""
        ...

    def state(self) -> Future[ReceiptPrinterState]:
        """Asks the printer now (its paper sensor, where it has one)."""
        ...

    def status(self) -> DeviceStatus:
        """Cheap: the state polled within STATUS_WAIT_S, else the last one known."""
        ...

    def self_test(self) -> SelfTestReport:
        """Waits for the printer's thread: not from the GUI thread."""
        ...

    def print_receipt(
        self, title: str, lines: Sequence[str], qr: str | None = None
    ) -> Future[None]:
        """Prints and cuts one receipt; ReceiptPrinterUnavailable when it cannot."""
        ...

    def close(self) -> None: ...


def escpos_receipt(title: str, lines: Sequence[str], qr: str | None = None) -> bytes:
    """The ESC/POS byte stream of one receipt."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.hw("INIT")
    printer.set(align="center", bold=True, double_height=True, double_width=True)
    printer._raw(ENTER_CHINESE + title.encode("gb18030") + b"\n" + LEAVE_CHINESE)
    printer.set(align="left", normal_textsize=True)
    printer._raw(ENTER_CHINESE + b"".join(line.encode("gb18030") + b"\n" for line in lines))
    printer._raw(LEAVE_CHINESE)
    if qr:
        printer.set(align="center")
        printer.qr(qr, size=6, native=True)
    printer.cut()
    output: bytes = printer.output
    return output


def _report(name: str, state: ReceiptPrinterState, detail: str) -> SelfTestReport:
    return SelfTestReport(
        device=name,
        passed=state in PRINTS,
        status=STATE_STATUS[state],
        checks=(
            ("attached", state is not ReceiptPrinterState.OFFLINE, detail),
            ("paper", state in PRINTS, state.value),
        ),
    )


class WorkerReceiptPrinter:
    """The side every receipt printer driver shows the kiosk, over its own I/O thread: a driver
    supplies `_read_state`, `_print_receipt` and `_detail` (what its self-test names)."""

    name = "receipt_printer"

    def __init__(self) -> None:
        self.counters = Counters("slips_printed")
        self._worker = DeviceWorker(self.name, self.counters)
        self._state = PolledState(self._worker, self._read_state)

    def state(self) -> Future[ReceiptPrinterState]:
        return self._state.read()

    def counts(self) -> DeviceCounts:
        return self.counters.snapshot()

    def media(self) -> str | None:
        state = self._state.last
        return None if state is None else PAPER.get(state)

    def status(self) -> DeviceStatus:
        state = self._state.poll(STATUS_WAIT_S)
        return DeviceStatus.STARTING if state is None else STATE_STATUS[state]

    def self_test(self) -> SelfTestReport:
        return _report(self.name, self._state.read().result(), self._detail())

    def print_receipt(
        self, title: str, lines: Sequence[str], qr: str | None = None
    ) -> Future[None]:
        return self._worker.submit(self._print_and_count, title, lines, qr)

    def _print_and_count(self, title: str, lines: Sequence[str], qr: str | None) -> None:
        self._print_receipt(title, lines, qr)
        self.counters.add("slips_printed")

    def close(self) -> None:
        self._worker.close()

    # --- the driver's part, on the printer's thread ---

    def _detail(self) -> str:
        raise NotImplementedError

    def _read_state(self) -> ReceiptPrinterState:
        raise NotImplementedError

    def _print_receipt(self, title: str, lines: Sequence[str], qr: str | None) -> None:
        raise NotImplementedError


class DeviceReceiptPrinter(WorkerReceiptPrinter):
    """A printer behind a character device (USB printer class, or a serial port set up raw)."""

    def __init__(self, device: str) -> None:
        self.device = device
        super().__init__()

    def _detail(self) -> str:
        return self.device

    # --- the printer's thread ---

    def _read_state(self) -> ReceiptPrinterState:
        self._worker.check_thread()
        try:
            fd = os.open(self.device, os.O_RDWR | os.O_NONBLOCK | os.O_NOCTTY)
        except OSError:
            return ReceiptPrinterState.OFFLINE
        try:
            os.write(fd, PAPER_SENSOR_QUERY)
            readable, _, _ = select.select([fd], [], [], ANSWER_TIMEOUT_S)
            answer = os.read(fd, 1) if readable else b""
        except OSError:
            return ReceiptPrinterState.OFFLINE
        finally:
            os.close(fd)
        if not answer:
            return ReceiptPrinterState.READY  # printers without a back channel stay silent
        if answer[0] & PAPER_END_BITS:
            return ReceiptPrinterState.PAPER_OUT
        if answer[0] & PAPER_NEAR_END_BITS:
            return ReceiptPrinterState.PAPER_LOW
        return ReceiptPrinterState.READY

    def _print_receipt(self, title: str, lines: Sequence[str], qr: str | None) -> None:
        state = self._state.read_here()
        if state not in PRINTS:
            raise ReceiptPrinterUnavailable(state)
        data = escpos_receipt(title, lines, qr)
        try:
            with open(self.device, "wb", buffering=0) as device:
                device.write(data)
        except OSError:
            self._state.keep(ReceiptPrinterState.OFFLINE)
            raise ReceiptPrinterUnavailable(ReceiptPrinterState.OFFLINE) from None


class SpoolReceiptPrinter(WorkerReceiptPrinter):
    """The simulator: each receipt's ESC/POS stream lands as `receipt-N.escpos` in a directory
    (one it cannot write in is offline)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fault: ReceiptPrinterState | None = None
        """PAPER_OUT or OFFLINE to make it refuse; PAPER_LOW to warn."""
        self._numbers = itertools.count(1)
        super().__init__()

    def _detail(self) -> str:
        return f"spool:{self.directory}"

    # --- the printer's thread ---

    def _read_state(self) -> ReceiptPrinterState:
        self._worker.check_thread()
        if self.fault is not None:
            return self.fault
        if not spool_writable(self.directory):
            return ReceiptPrinterState.OFFLINE
        return ReceiptPrinterState.READY

    def _print_receipt(self, title: str, lines: Sequence[str], qr: str | None) -> None:
        state = self._state.read_here()
        if state not in PRINTS:
            raise ReceiptPrinterUnavailable(state)
        path = self.directory / f"receipt-{os.getpid()}-{next(self._numbers)}.escpos"
        try:
            write_private(path, escpos_receipt(title, lines, qr))
        except OSError:
            self._state.keep(ReceiptPrinterState.OFFLINE)
            raise ReceiptPrinterUnavailable(ReceiptPrinterState.OFFLINE) from None
