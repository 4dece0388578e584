"""Printing a service's receipt slip. Asked before anything is charged; a slip that cannot be
printed at the end does not undo the service: the screen shows the receipt number instead."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.services.session import Session

if TYPE_CHECKING:  # the documents load with the first receipt, not with the first screen
    from kiosk.documents.receipt import ReceiptSlip

log = logging.getLogger(__name__)


def receipt_printer_ready(s: Session) -> None:
    """Refuses to start a service whose receipt could not be printed (no paper, offline)."""
    from devices.printer.receipt import PRINTS, ReceiptPrinterUnavailable

    printer = s.devices.receipt_printer
    if printer is None:
        return  # a terminal without one (a staff laptop): the receipt is on screen
    state = s.await_device(printer.state())
    if state not in PRINTS:
        raise ReceiptPrinterUnavailable(state)  # receipt_printer.<state>


def print_receipt(s: Session, slip: ReceiptSlip) -> bool:
    """Prints the slip; False (and a logged code) when there is no printer or it failed."""
    from devices.printer.base import PrinterError

    printer = s.devices.receipt_printer
    if printer is None:
        return False
    try:
        s.await_device(printer.print_receipt(slip.title, slip.lines, slip.qr))
    except PrinterError as exc:
        log.warning("session %s: receipt not printed: %s", s.id, exc.code)
        return False
    return True


def print_queued_receipt(s: Session, receipt_number: str, operation: str) -> bool:
    """The slip for a request accepted offline."""
    from datetime import UTC, datetime

    from kiosk.documents.receipt import queued_receipt

    slip = queued_receipt(
        receipt_number=receipt_number,
        operation=operation,
        terminal_id=s.terminal_id,
        accepted_at=datetime.now(UTC),
    )
    return print_receipt(s, slip)
