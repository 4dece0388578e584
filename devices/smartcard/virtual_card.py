"""A virtual social security card: the SSSE files and commands, answering APDUs as a T=0 card does.

It knows nothing of readers; whoever holds it (the in-process tray, or a vpcd bridge) passes
command APDUs to `process` and returns what it answers.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field

from devices.smartcard.apdu import (
    SW_AUTH_BLOCKED,
    SW_CLA_NOT_SUPPORTED,
    SW_CONDITIONS_NOT_SATISFIED,
    SW_FILE_NOT_FOUND,
    SW_INS_NOT_SUPPORTED,
    SW_MEMORY_FAILURE,
    SW_OK,
    SW_RECORD_NOT_FOUND,
    SW_SECURITY_NOT_SATISFIED,
    SW_WRONG_DATA,
    SW_WRONG_LENGTH,
    SW_WRONG_P1P2,
    Command,
    Response,
)
from devices.smartcard.bank import (
    ACCOUNT_SFI,
    UNIONPAY_DEBIT_AID,
    account_record,
    read_record_p2,
)
from devices.smartcard.cryptogram import issuer_cryptogram
from devices.smartcard.records import EF05, EF06, RECORDS, SSSE_AID, SsCardData, encode_card
from devices.smartcard.ssse import encode_pin

# A plausible T=0 ATR; its historical bytes name nothing real.
DEFAULT_ATR = bytes.fromhex("3B6D000080318065B08701FF0F83009000")
PIN_TRY_LIMIT = 3
CHALLENGE_LENGTH = 8


@dataclass(frozen=True)
class ChipLies:
    """What a broken or foreign chip answers wrongly; all off for a good card."""

    no_ssse: bool = False
    """Not a social security card: the SSSE application is not there (6A82)."""
    wrong_tags: bool = False
    short_records: bool = False
    endless_6c: bool = False
    """Answers every READ RECORD with 6Cxx, whatever Le it is given."""
    write_fails: bool = False
    """A chip whose EEPROM is bad: every UPDATE RECORD answers 6581 (memory failure)."""


@dataclass(frozen=True)
class VirtualCardProfile:
    """What a virtual card holds when it is made: the records, the PIN and the issuer key."""

    data: SsCardData | None
    """None for a blank card from the issuer's hopper: every record zeros, to be personalised."""
    pin: str
    pin_tries_left: int = PIN_TRY_LIMIT
    issuer_key: bytes | None = field(default=None, repr=False)
    """The key EXTERNAL AUTHENTICATE is checked against; None for a chip that accepts no issuer
    (it refuses every personalisation and PIN reset)."""
    lies: ChipLies = ChipLies()
    bank_pan: str | None = field(default=None, repr=False)
    """The debit application's account number; None for a card without the bank function."""


class VirtualSocialSecurityCard:
    def __init__(self, profile: VirtualCardProfile, atr: bytes = DEFAULT_ATR) -> None:
        self.atr = atr
        self._records = (
            encode_card(profile.data)
            if profile.data is not None
            else {(spec.file_id, spec.number): bytes(spec.length) for spec in RECORDS}
        )
        self._pin = encode_pin(profile.pin)
        self._tries_left = profile.pin_tries_left
        self._issuer_key = profile.issuer_key
        self._lies = profile.lies
        self._account_record = (
            account_record(profile.bank_pan, profile.data.expiry_date.strftime("%y%m%d"))
            if profile.bank_pan and profile.data is not None
            else None
        )
        self._bank_selected = False
        self._challenge: bytes | None = None
        self._issuer_authenticated = False
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
            self._bank_selected = False
            self._file = None
            self._pin_verified = False
            self._challenge = None
            self._issuer_authenticated = False
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
            (0x00, 0x84): self._get_challenge,
            (0x00, 0x82): self._external_authenticate,
            (0x00, 0xDC): self._update_record,
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
        if c.p1 == 0x04 and c.data == UNIONPAY_DEBIT_AID and self._account_record:
            self._application_selected = False
            self._file = None
            self._bank_selected = True
            self._pending = bytes([0x6F, len(c.data) + 2, 0x84, len(c.data)]) + c.data
            return Response(b"", 0x6100 | len(self._pending))
        if c.p1 == 0x04:
            self._bank_selected = False
            if c.data != SSSE_AID or self._lies.no_ssse:
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

    def _read_record(self, c: Command) -> Response:  # noqa: PLR0911 - one answer per check
        if self._bank_selected:
            return self._read_bank_record(c)
        if c.p2 != 0x04:
            return Response(b"", SW_WRONG_P1P2)
        if self._file is None:
            return Response(b"", SW_CONDITIONS_NOT_SATISFIED)
        value = self._records.get((self._file, c.p1))
        if value is None:
            return Response(b"", SW_RECORD_NOT_FOUND)
        if self._lies.short_records:
            value = value[:-1]
        tag = c.p1 ^ 0x40 if self._lies.wrong_tags else c.p1
        record = bytes([tag, len(value)]) + value
        if self._lies.endless_6c:
            return Response(b"", 0x6C00 | ((c.le or 0) + 1) % 256)
        if c.le != len(record):
            return Response(b"", 0x6C00 | len(record))
        return Response(record, SW_OK)

    def _read_bank_record(self, c: Command) -> Response:
        if c.p2 != read_record_p2(ACCOUNT_SFI) or c.p1 != 0x01 or self._account_record is None:
            return Response(b"", SW_RECORD_NOT_FOUND)
        if c.le not in (0, len(self._account_record)):
            return Response(b"", 0x6C00 | len(self._account_record))
        return Response(self._account_record, SW_OK)

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
        if c.p1 == 0x00:
            return self._reset_pin(c)
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

    def _reset_pin(self, c: Command) -> Response:
        """RESET PIN (80 5E 00 00, new PIN): only after the issuer has authenticated."""
        if not self._issuer_authenticated:
            return Response(b"", SW_SECURITY_NOT_SATISFIED)
        if len(c.data) != len(self._pin):
            return Response(b"", SW_WRONG_LENGTH)
        self._pin = c.data
        self._tries_left = PIN_TRY_LIMIT
        return Response(b"", SW_OK)

    def _get_challenge(self, c: Command) -> Response:
        if c.le != CHALLENGE_LENGTH:
            return Response(b"", 0x6C00 | CHALLENGE_LENGTH)
        self._challenge = secrets.token_bytes(CHALLENGE_LENGTH)
        return Response(self._challenge, SW_OK)

    def _external_authenticate(self, c: Command) -> Response:
        challenge, self._challenge = self._challenge, None  # a challenge is good for one try
        if challenge is None:
            return Response(b"", SW_CONDITIONS_NOT_SATISFIED)
        if self._issuer_key is None or not secrets.compare_digest(
            c.data, issuer_cryptogram(self._issuer_key, challenge)
        ):
            self._issuer_authenticated = False
            return Response(b"", SW_SECURITY_NOT_SATISFIED)
        self._issuer_authenticated = True
        return Response(b"", SW_OK)

    def _update_record(self, c: Command) -> Response:  # noqa: PLR0911 - one answer per check
        """UPDATE RECORD (00 DC rec 04, `tag len value`): personalisation, issuer only."""
        if not self._issuer_authenticated:
            return Response(b"", SW_SECURITY_NOT_SATISFIED)
        if c.p2 != 0x04 or self._file is None:
            return Response(b"", SW_WRONG_P1P2 if c.p2 != 0x04 else SW_CONDITIONS_NOT_SATISFIED)
        current = self._records.get((self._file, c.p1))
        if current is None:
            return Response(b"", SW_RECORD_NOT_FOUND)
        if len(c.data) < 2 or c.data[0] != c.p1 or c.data[1] != len(c.data) - 2:
            return Response(b"", SW_WRONG_DATA)
        if len(c.data) - 2 != len(current):
            return Response(b"", SW_WRONG_LENGTH)
        if self._lies.write_fails:
            return Response(b"", SW_MEMORY_FAILURE)
        self._records[(self._file, c.p1)] = c.data[2:]
        return Response(b"", SW_OK)


def _sw(sw: int) -> bytes:
    return sw.to_bytes(2, "big")
