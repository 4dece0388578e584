"""ISO 7816-4 command and response APDUs (short form)."""

from __future__ import annotations

from dataclasses import dataclass

SW_OK = 0x9000
SW_FILE_NOT_FOUND = 0x6A82
SW_RECORD_NOT_FOUND = 0x6A83
SW_WRONG_LENGTH = 0x6700
SW_SECURITY_NOT_SATISFIED = 0x6982
SW_AUTH_BLOCKED = 0x6983
SW_CONDITIONS_NOT_SATISFIED = 0x6985
SW_WRONG_P1P2 = 0x6B00
SW_INS_NOT_SUPPORTED = 0x6D00
SW_CLA_NOT_SUPPORTED = 0x6E00
SW_WRONG_DATA = 0x6A80
SW_MEMORY_FAILURE = 0x6581
MAX_SHORT_DATA = 256
"""The most data a short response APDU carries (Le = 00)."""


class MalformedApdu(ValueError):
    """Bytes that are not a short APDU. A ValueError, so existing callers keep catching it;
    the message names the breach, never the bytes."""


@dataclass(frozen=True)
class Command:
    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def to_bytes(self) -> bytes:
        if len(self.data) > 255 or (self.le is not None and not 0 <= self.le <= 256):
            raise ValueError("only short APDUs are supported")
        out = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([self.le % 256])
        return out

    @classmethod
    def parse(cls, raw: bytes) -> Command:
        """Parses a short command APDU (cases 1-4)."""
        if len(raw) < 4:
            raise MalformedApdu("command APDU shorter than its header")
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        if not body:
            return cls(cla, ins, p1, p2)
        if len(body) == 1:
            return cls(cla, ins, p1, p2, le=body[0] or 256)
        lc = body[0]
        if lc == 0 or len(body) not in (1 + lc, 2 + lc):
            raise MalformedApdu("command APDU length does not match Lc")
        data = body[1 : 1 + lc]
        le = (body[1 + lc] or 256) if len(body) == 2 + lc else None
        return cls(cla, ins, p1, p2, data, le)


@dataclass(frozen=True)
class Response:
    data: bytes
    sw: int

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    def to_bytes(self) -> bytes:
        return self.data + self.sw.to_bytes(2, "big")

    @classmethod
    def parse(cls, raw: bytes) -> Response:
        """Data and SW1 SW2; MalformedApdu when there is no status word or more data than a
        short response can hold."""
        if len(raw) < 2:
            raise MalformedApdu("response APDU shorter than its status word")
        if len(raw) > MAX_SHORT_DATA + 2:
            raise MalformedApdu("response APDU longer than a short response")
        return cls(bytes(raw[:-2]), int.from_bytes(raw[-2:], "big"))
