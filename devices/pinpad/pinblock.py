"""ISO 9564-1 format 0 PIN blocks: the PIN never travels as digits on their own.

PIN field `0 L P…P F…F`, PAN field `0000` + the 12 rightmost PAN digits before the check digit,
block = PIN field XOR PAN field. A real encrypting PIN pad encrypts this block under the
acquirer's key; this module is the format, not the encryption."""

from __future__ import annotations


class InvalidPinBlock(ValueError):
    code = "debit.pin_block_invalid"

    def __init__(self) -> None:
        super().__init__(self.code)  # never the PIN or the PAN


_HEX = frozenset("0123456789ABCDEFabcdef")


def _ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _pan_field(pan: str) -> int:
    if not _ascii_digits(pan) or not 13 <= len(pan) <= 19:
        raise InvalidPinBlock()
    return int("0000" + pan[-13:-1], 16)


def pin_block(pin: str, pan: str) -> str:
    if not _ascii_digits(pin) or not 4 <= len(pin) <= 12:
        raise InvalidPinBlock()
    field = f"0{len(pin):X}{pin}".ljust(16, "F")
    return f"{int(field, 16) ^ _pan_field(pan):016X}"


def pin_from_block(block: str, pan: str) -> str:
    """The PIN in a format-0 block: exactly 16 hex digits; control nibble 0, a length of 4-12,
    that many decimal digits, F padding. InvalidPinBlock for anything else."""
    if len(block) != 16 or not set(block) <= _HEX:
        raise InvalidPinBlock()
    field = f"{int(block, 16) ^ _pan_field(pan):016X}"
    length = int(field[1], 16)
    pin, padding = field[2 : 2 + length], field[2 + length :]
    if field[0] != "0" or not 4 <= length <= 12 or not pin.isdigit() or set(padding) - {"F"}:
        raise InvalidPinBlock()
    return pin
