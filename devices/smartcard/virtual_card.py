"""A virtual social security card: the SSSE files and commands, answering APDUs as a T=0 card does.

It knows nothing of readers; whoever holds it (the in-process tray, or a vpcd bridge) passes
command APDUs to `process` and returns what it answers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from devices.smartcard.apdu import (
    SW_AUTH_BLOCKED,
    SW_CLA_NOT_SUPPORTED,
    SW_CONDITIONS_NOT_SATISFIED,
    SW_FILE_NOT_FOUND,
    SW_INS_NOT_SUPPORTED,
    SW_OK,
    SW_RECORD_NOT_FOUND,
    SW_WRONG_DATA,
    SW_WRONG_LENGTH,
    SW_WRONG_P1P2,
    Command,
    Response,
)
from devices.smartcard.records import EF05, EF06, SSSE_AID, SsCardData, encode_card
from devices.smartcard.ssse import encode_pin

# A plausible T=0 ATR; its historical bytes name nothing real.
DEFAULT_ATR = bytes.fromhex("3B6D000080318065B08701FF0F83009000")
PIN_TRY_LIMIT = 3


@dataclass(frozen=True)
class VirtualCardProfile:
    """What a virtual card holds when it is made: the records and the PIN."""

    data: SsCardData
    pin: str
    pin_tries_left: int = PIN_TRY_LIMIT


class VirtualSocialSecurityCard:
    def __init__(self, profile: VirtualCardProfile, atr: bytes = DEFAULT_ATR) -> None:
        self.atr = atr
        self._records = encode_card(profile.data)
        self._pin = encode_pin(profile.pin)
        self._tries_left = profile.pin_tries_left
        self._lock = threading.Lock()
        self._pending = b""
        self._application_selected = False
        self._file: int | None = None
        self._pin_verified = False

    @property
    def card_number(self) -> str:
        return self._records[(EF05, 0x07)].decode("ascii")

    @property
    def pin_tries_left(self) -> int:
        return self._tries_left

    def reset(self) -> bytes:
        """Power cycle: the selection and the verified state are lost, the try counter is not."""
        with self._lock:
            self._pending = b""
            self._application_selected = False
            self._file = None
            self._pin_verified = False
        return self.atr

    def process(self, raw: bytes) -> bytes:
        with self._lock:
            try:
                command = Command.parse(raw)
            except ValueError:
                return _sw(SW_WRONG_LENGTH)
            return self._dispatch(command).to_bytes()

    def _dispatch(self, c: Command) -> Response:
        if c.ins == 0xC0 and c.cla == 0x00:
            return self._get_response(c)
        self._pending = b""
        if c.cla not in (0x00, 0x80):
            return Response(b"", SW_CLA_NOT_SUPPORTED)
        handlers = {
            (0x00, 0xA4): self._select,
            (0x00, 0xB2): self._read_record,
            (0x00, 0x20): self._verify,
            (0x80, 0x5E): self._change_pin,
        }
        handler = handlers.get((c.cla, c.ins))
        return handler(c) if handler else Response(b"", SW_INS_NOT_SUPPORTED)

    def _get_response(self, c: Command) -> Response:
        if not self._pending:
            return Response(b"", SW_CONDITIONS_NOT_SATISFIED)
        le = c.le or 256
        if le > len(self._pending):
            return Response(b"", 0x6C00 | len(self._pending))
        chunk, self._pending = self._pending[:le], self._pending[le:]
        return Response(chunk, (0x6100 | min(len(self._pending), 255)) if self._pending else SW_OK)

    def _select(self, c: Command) -> Response:
        if c.p1 == 0x04:
            if c.data != SSSE_AID:
                return Response(b"", SW_FILE_NOT_FOUND)
            self._application_selected = True
            self._file = None
            # T=0: the FCI waits for GET RESPONSE.
            self._pending = bytes([0x6F, len(SSSE_AID) + 2, 0x84, len(SSSE_AID)]) + SSSE_AID
            return Response(b"", 0x6100 | len(self._pending))
        if c.p1 == 0x02:
            file_id = int.from_bytes(c.data, "big") if len(c.data) == 2 else None
            if not self._application_selected or file_id not in (EF05, EF06):
                return Response(b"", SW_FILE_NOT_FOUND)
            self._file = file_id
            return Response(b"", SW_OK)
        return Response(b"", SW_WRONG_P1P2)

    def _read_record(self, c: Command) -> Response:
        if c.p2 != 0x04:
            return Response(b"", SW_WRONG_P1P2)
        if self._file is None:
            return Response(b"", SW_CONDITIONS_NOT_SATISFIED)
        value = self._records.get((self._file, c.p1))
        if value is None:
            return Response(b"", SW_RECORD_NOT_FOUND)
        record = bytes([c.p1, len(value)]) + value
        if c.le != len(record):
            return Response(b"", 0x6C00 | len(record))
        return Response(record, SW_OK)

    def _check_pin(self, candidate: bytes) -> Response | None:
        """None when the PIN matched; otherwise the answer to give."""
        if self._tries_left == 0:
            return Response(b"", SW_AUTH_BLOCKED)
        if candidate != self._pin:
            self._tries_left -= 1
            self._pin_verified = False
            return Response(b"", 0x63C0 | self._tries_left)
        self._tries_left = PIN_TRY_LIMIT
        return None

    def _verify(self, c: Command) -> Response:
        if c.p1 != 0x00 or c.p2 != 0x00:
            return Response(b"", SW_WRONG_P1P2)
        if len(c.data) != len(self._pin):
            return Response(b"", SW_WRONG_LENGTH)
        refused = self._check_pin(c.data)
        if refused:
            return refused
        self._pin_verified = True
        return Response(b"", SW_OK)

    def _change_pin(self, c: Command) -> Response:
        if c.p1 != 0x01:
            return Response(b"", SW_WRONG_P1P2)
        old, sep, new = c.data.partition(b"\xff")
        if not sep or len(new) != len(self._pin):
            return Response(b"", SW_WRONG_DATA)
        refused = self._check_pin(old)
        if refused:
            return refused
        self._pin = new
        return Response(b"", SW_OK)


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")
