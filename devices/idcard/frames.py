"""GA 467 frames, as DESIGN.md lays them out.

    AA AA AA 96 69 | LEN (2, big-endian) | body | XOR

A request's body is CMD PARA data; an answer's is SW1 SW2 SW3 data. LEN counts the body and
the checksum; the checksum is the XOR of LEN and the body.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import reduce

from devices.idcard.errors import MalformedFrame

PREAMBLE = bytes.fromhex("AAAAAA9669")
MAX_LENGTH = 0x0A00
"""Longest body a reader sends (base message and photo: 1 295 bytes) with room to spare."""


class Command(enum.Enum):
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_BASE_MESSAGE = (0x30, 0x01)


class Sw3(enum.IntEnum):
    OK = 0x90
    CARD_FOUND = 0x9F
    FIND_FAILED = 0x80
    SELECT_FAILED = 0x81
    READ_FAILED = 0x41
    CHECKSUM_ERROR = 0x10
    LENGTH_ERROR = 0x11
    UNKNOWN_COMMAND = 0x21


@dataclass(frozen=True)
class Answer:
    sw1: int
    sw2: int
    sw3: int
    data: bytes


def checksum(payload: bytes) -> int:
    return reduce(lambda a, b: a ^ b, payload, 0)


def encode(body: bytes) -> bytes:
    if len(body) + 1 > MAX_LENGTH:
        raise ValueError("frame too long")
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def request(command: Command, data: bytes = b"") -> bytes:
    return encode(bytes(command.value) + data)


def answer(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return encode(bytes([sw1, sw2, sw3]) + data)


def decode_body(frame: bytes) -> bytes:
    """The body of one whole frame; MalformedFrame on any breach."""
    if len(frame) < len(PREAMBLE) + 3 or not frame.startswith(PREAMBLE):
        raise MalformedFrame("preamble")
    length = int.from_bytes(frame[5:7], "big")
    if length < 1 or length > MAX_LENGTH or len(frame) != 7 + length:
        raise MalformedFrame("length")
    body, check = frame[7:-1], frame[-1]
    if checksum(frame[5:-1]) != check:
        raise MalformedFrame("checksum")
    return body


def decode_answer(frame: bytes) -> Answer:
    """SW1 SW2 SW3 and the data of one whole answer frame; MalformedFrame on any breach."""
    body = decode_body(frame)
    if len(body) < 3:
        raise MalformedFrame("status")
    return Answer(body[0], body[1], body[2], body[3:])


def decode_request(frame: bytes) -> tuple[tuple[int, int], bytes]:
    body = decode_body(frame)
    if len(body) < 2:
        raise MalformedFrame("command")
    return (body[0], body[1]), body[2:]


class FrameReader:
    """Cuts frames out of a byte stream: skips noise before a preamble, waits for the rest."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, chunk: bytes) -> list[bytes]:
        self._buffer += chunk
        frames: list[bytes] = []
        while True:
            start = self._buffer.find(PREAMBLE)
            if start < 0:
                # Keep a possible partial preamble at the end, drop the noise before it.
                del self._buffer[: max(0, len(self._buffer) - len(PREAMBLE) + 1)]
                return frames
            del self._buffer[:start]
            if len(self._buffer) < 7:
                return frames
            length = int.from_bytes(self._buffer[5:7], "big")
            if length < 1 or length > MAX_LENGTH:
                if frames:  # hand over the whole frames first; the next feed reports this
                    return frames
                del self._buffer[:1]  # not a real frame start: look for the next preamble
                raise MalformedFrame("length")
            if len(self._buffer) < 7 + length:
                return frames
            frames.append(bytes(self._buffer[: 7 + length]))
            del self._buffer[: 7 + length]
