"""An ID card reader on a pseudo-terminal, speaking GA 467 frames, so the real driver runs in
the demo and the tests. Place or take away a card; inject faults: the next read fails, the
next answer has a broken checksum, the reader goes mute, noise on the line."""

from __future__ import annotations

import os
import select
import threading
import time
import tty
from dataclasses import dataclass

from devices.idcard import frames
from devices.idcard.errors import MalformedFrame
from devices.idcard.frames import Command, FrameReader, Sw3
from devices.idcard.message import IdCardData, encode_message


@dataclass
class Faults:
    read_fails: bool = False
    broken_checksum: bool = False
    mute: bool = False
    noise_before_answer: bool = False


@dataclass(frozen=True)
class Timing:
    """Rough timings of a real reader (a base message read takes most of a second)."""

    find_s: float = 0.03
    select_s: float = 0.03
    read_s: float = 0.4


class IdCardReaderSimulator:
    def __init__(self, card: IdCardData | None = None, timing: Timing | None = None) -> None:
        self.card = card
        self.timing = timing or Timing()
        self.faults = Faults()
        self.requests: list[tuple[int, int]] = []
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="idcard-sim", daemon=True)

    def start(self) -> IdCardReaderSimulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2.0)
        for fd in (self._master, self._slave):
            os.close(fd)

    def _run(self) -> None:
        cutter = FrameReader()
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self._master, 4096)
            except OSError:
                return
            try:
                requests = cutter.feed(chunk)
            except MalformedFrame:
                self._send(frames.answer(Sw3.LENGTH_ERROR))
                continue
            for frame in requests:
                self._answer(frame)

    def _answer(self, frame: bytes) -> None:
        try:
            command, _ = frames.decode_request(frame)
        except MalformedFrame:
            self._send(frames.answer(Sw3.CHECKSUM_ERROR))
            return
        self.requests.append(command)
        if self.faults.mute:
            return
        if command == Command.FIND_CARD.value:
            time.sleep(self.timing.find_s)
            reply = frames.answer(Sw3.CARD_FOUND if self.card else Sw3.FIND_FAILED)
        elif command == Command.SELECT_CARD.value:
            time.sleep(self.timing.select_s)
            reply = frames.answer(Sw3.OK if self.card else Sw3.SELECT_FAILED)
        elif command == Command.READ_BASE_MESSAGE.value:
            time.sleep(self.timing.read_s)
            if self.card is None or self.faults.read_fails:
                reply = frames.answer(Sw3.READ_FAILED)
            else:
                reply = frames.answer(Sw3.OK, encode_message(self.card))
        else:
            reply = frames.answer(Sw3.UNKNOWN_COMMAND)
        if self.faults.broken_checksum:
            reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
        if self.faults.noise_before_answer:
            reply = b"\x00\x13\x37" + reply
        self._send(reply)

    def _send(self, data: bytes) -> None:
        os.write(self._master, data)
