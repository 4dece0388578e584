"""Receipt numbers: what a person keeps to follow a queued entry (printed, and as a QR code)."""

from __future__ import annotations

import secrets

from stdnum import luhn

RECEIPT_DIGITS = 16


def new_receipt_number() -> str:
    """16 digits, the last a Luhn check digit, so a mistyped number is caught at once."""
    # No leading zero: it would be lost when the number is read back as a number.
    low = 10 ** (RECEIPT_DIGITS - 2)
    body = str(low + secrets.randbelow(9 * low))
    return body + luhn.calc_check_digit(body)


def is_receipt_number(text: str) -> bool:
    return len(text) == RECEIPT_DIGITS and text.isdigit() and text.isascii() and luhn.is_valid(text)


def grouped(receipt_number: str) -> str:
    """`1234567812345678` -> `1234 5678 1234 5678`, as bank card numbers are printed."""
    return " ".join(receipt_number[i : i + 4] for i in range(0, len(receipt_number), 4))
