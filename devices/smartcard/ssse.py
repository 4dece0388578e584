"""The SSSE application as the terminal sees it: select, read 13 records, verify and change PIN."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from devices.smartcard.apdu import (
    SW_AUTH_BLOCKED,
    SW_FILE_NOT_FOUND,
    Command,
    MalformedApdu,
    Response,
)
from devices.smartcard.errors import (
    CardCommandFailed,
    CardUnresponsive,
    MalformedCardResponse,
    NotSocialSecurityCard,
    PinBlocked,
    PinFormatInvalid,
)
from devices.smartcard.records import RECORDS, SSSE_AID, SsCardData, decode_card

Transmit = Callable[[bytes], bytes]
"""Sends one command APDU and returns the raw response APDU (data + SW1 SW2)."""

_MAX_CHAINED_RESPONSES = 16
PIN_LENGTHS = (6,)


@dataclass(frozen=True)
class PinVerification:
    verified: bool
    tries_left: int | None = None
    """Known after a wrong PIN (63Cx); None when the card did not say."""


def encode_pin(pin: str) -> bytes:
    """A PIN of decimal digits as packed BCD, the way the SSC carries it."""
    if len(pin) not in PIN_LENGTHS or not pin.isdigit() or not pin.isascii():
        raise PinFormatInvalid(f"PIN must be {PIN_LENGTHS} digits")
    return bytes.fromhex(pin)


class SsseApplication:
    def __init__(self, transmit: Transmit) -> None:
        self._transmit = transmit

    def exchange(self, command: Command) -> Response:
        """Sends a command, following 61xx with GET RESPONSE and 6Cxx with the right Le."""
        response = self._send(command)
        if response.sw1 == 0x6C:
            response = self._send(
                Command(
                    command.cla, command.ins, command.p1, command.p2, command.data, response.sw2
                )
            )
        data = response.data
        for _ in range(_MAX_CHAINED_RESPONSES):
            if response.sw1 != 0x61:
                return Response(data, response.sw)
            response = self._send(Command(0x00, 0xC0, 0x00, 0x00, le=response.sw2 or 256))
            data += response.data
        raise MalformedCardResponse("too many chained 61xx responses")

    def _send(self, command: Command) -> Response:
        raw = self._transmit(command.to_bytes())
        if len(raw) < 2:
            # Not even a status word: the contacts, not the chip's content (dirty, half in).
            raise CardUnresponsive("answer shorter than a status word")
        try:
            return Response.parse(raw)
        except MalformedApdu as exc:
            raise MalformedCardResponse("answer longer than a short response") from exc

    def select_application(self) -> None:
        response = self.exchange(Command(0x00, 0xA4, 0x04, 0x00, SSSE_AID))
        if response.sw == SW_FILE_NOT_FOUND:
            raise NotSocialSecurityCard("SSSE application not found")
        if not response.ok:
            raise CardCommandFailed(response.sw, "SELECT SSSE")

    def select_file(self, file_id: int) -> None:
        response = self.exchange(Command(0x00, 0xA4, 0x02, 0x00, file_id.to_bytes(2, "big")))
        if response.sw == SW_FILE_NOT_FOUND:
            raise NotSocialSecurityCard(f"file {file_id:04X} not found")
        if not response.ok:
            raise CardCommandFailed(response.sw, f"SELECT {file_id:04X}")

    def read_record(self, number: int, length: int) -> bytes:
        """READ RECORD; the record answers `tag len value` with tag = record number."""
        response = self.exchange(Command(0x00, 0xB2, number, 0x04, le=length + 2))
        if not response.ok:
            raise CardCommandFailed(response.sw, f"READ RECORD {number:02X}")
        raw = response.data
        if len(raw) < 2 or raw[0] != number:
            raise MalformedCardResponse(f"record {number:02X} has a wrong tag")
        if raw[1] != len(raw) - 2 or raw[1] != length:
            raise MalformedCardResponse(f"record {number:02X} has a wrong length")
        return raw[2:]

    def read_card(self) -> SsCardData:
        self.select_application()
        values: dict[str, bytes] = {}
        selected: int | None = None
        for spec in RECORDS:
            if spec.file_id != selected:
                self.select_file(spec.file_id)
                selected = spec.file_id
            values[spec.field] = self.read_record(spec.number, spec.length)
        return decode_card(values)

    def verify_pin(self, pin: str) -> PinVerification:
        response = self.exchange(Command(0x00, 0x20, 0x00, 0x00, encode_pin(pin)))
        if response.ok:
            return PinVerification(verified=True)
        if response.sw1 == 0x63 and response.sw2 & 0xF0 == 0xC0:
            tries = response.sw2 & 0x0F
            if tries == 0:
                raise PinBlocked("no tries left")
            return PinVerification(verified=False, tries_left=tries)
        if response.sw == SW_AUTH_BLOCKED:
            raise PinBlocked("PIN blocked")
        raise CardCommandFailed(response.sw, "VERIFY")

    def change_pin(self, old_pin: str, new_pin: str) -> PinVerification:
        """CHANGE PIN (80 5E 01 00, old || FF || new); answers like VERIFY for the old PIN."""
        data = encode_pin(old_pin) + b"\xff" + encode_pin(new_pin)
        response = self.exchange(Command(0x80, 0x5E, 0x01, 0x00, data))
        if response.ok:
            return PinVerification(verified=True)
        if response.sw1 == 0x63 and response.sw2 & 0xF0 == 0xC0 and response.sw2 & 0x0F:
            return PinVerification(verified=False, tries_left=response.sw2 & 0x0F)
        if response.sw in (SW_AUTH_BLOCKED, 0x63C0):
            raise PinBlocked("PIN blocked")
        raise CardCommandFailed(response.sw, "CHANGE PIN")
