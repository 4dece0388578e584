"""Receipt numbers: what a person keeps to follow a queued entry (printed, and as a QR code)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from stdnum import luhn

RECEIPT_DIGITS = 16
MAX_INPUT_LENGTH = 64
"""Longer input (a scanner stuck on repeat, a pasted page) is refused before it is looked at."""
_SEPARATORS = frozenset(" \t\r\n-")
"""What may stand between the digits: the printed grouping, a hyphen, the Enter a scanner
types after the payload; full-width forms are folded to these first."""
_FULL_WIDTH = {0xFF10 + d: ord("0") + d for d in range(10)} | {0x3000: 0x20, 0xFF0D: 0x2D}


class InvalidReceiptNumber(ValueError):
    code = "receipt.invalid"

    def __init__(self) -> None:
        super().__init__(self.code)  # never the typed text


_COLLECTED: ContextVar[list[str] | None] = ContextVar("collected_receipts", default=None)


@contextmanager
def collecting(receipts: list[str]) -> Iterator[list[str]]:
    """Every receipt number the queue gives out in this context (this thread, unless handed
    on) is appended to `receipts`: what one session wrote, through whichever ledger."""
    token = _COLLECTED.set(receipts)
    try:
        yield receipts
    finally:
        _COLLECTED.reset(token)


def collected(receipt: str) -> None:
    """Called by the queue for each entry it writes."""
    receipts = _COLLECTED.get()
    if receipts is not None:
        receipts.append(receipt)


def new_receipt_number() -> str:
    """16 digits, the last a Luhn check digit, so a mistyped number is caught at once."""
    # No leading zero: it would be lost when the number is read back as a number.
    low = 10 ** (RECEIPT_DIGITS - 2)
    body = str(low + secrets.randbelow(9 * low))
    return body + luhn.calc_check_digit(body)


def is_receipt_number(text: str) -> bool:
    """Exactly the canonical form: 16 ASCII digits, no leading zero, a valid Luhn check digit."""
    return (
        len(text) == RECEIPT_DIGITS
        and text.isdigit()
        and text.isascii()
        and text[0] != "0"
        and luhn.is_valid(text)
    )


def parse_receipt_number(text: str) -> str:
    """A receipt number as typed on the keypad or typed by the scanner from the receipt's QR
    code (which carries the number alone), in canonical form; InvalidReceiptNumber otherwise.

    Full-width digits, spaces and hyphens (an IME's) are folded to ASCII; spaces, tabs, line
    ends and hyphens between digit groups are dropped; what is left must be a receipt number
    (`is_receipt_number`). Nothing else is folded: a circled or superscript digit is refused."""
    if len(text) > MAX_INPUT_LENGTH:
        raise InvalidReceiptNumber()
    number = "".join(c for c in text.translate(_FULL_WIDTH) if c not in _SEPARATORS)
    if not is_receipt_number(number):
        raise InvalidReceiptNumber()
    return number


def grouped(receipt_number: str) -> str:
    """`1234567812345678` -> `1234 5678 1234 5678`, as bank card numbers are printed."""
    return " ".join(receipt_number[i : i + 4] for i in range(0, len(receipt_number), 4))
