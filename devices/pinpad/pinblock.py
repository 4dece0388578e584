"""ISO 9564-1 format 0 PIN blocks: the PIN never travels as digits on their own.

PIN field `0 L P…P F…F`, PAN field `0000` + the 12 rightmost PAN digits before the check digit,
block = PIN field XOR PAN field. A real encrypting PIN pad encrypts this block under the
acquirer's key; this module is the format, not the encryption."""

from __future__ import annotations


class InvalidPinBlock(ValueError):
    code = "debit.pin_block_invalid"

    def __init__(self) -> None:
        super().__init__(self.code)  # never the PIN or the PAN


def _pan_field(pan: str) -> int:
    if not pan.isdigit() or len(pan) < 13:
        raise InvalidPinBlock()
    return int("0000" + pan[-13:-1], 16)


def pin_block(pin: str, pan: str) -> str:
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise InvalidPinBlock()
    field = f"0{len(pin):X}{pin}".ljust(16, "F")
    return f"{int(field, 16) ^ _pan_field(pan):016X}"


def pin_from_block(block: str, pan: str) -> str:
    try:
        field = f"{int(block, 16) ^ _pan_field(pan):016X}"
    except ValueError:
        raise InvalidPinBlock() from None
    length = int(field[1], 16)
    pin, padding = field[2 : 2 + length], field[2 + length :]
    if field[0] != "0" or not 4 <= length <= 12 or not pin.isdigit() or set(padding) - {"F"}:
        raise InvalidPinBlock()
    return pin
