"""The serial driver: find, select, read, each a request frame and an answer frame.

Every exchange has a deadline; a garbled answer is a typed error, never a hang or a crash. A
reader that reports our request garbled (SW3 10) is asked once more."""

from __future__ import annotations

import threading
import time

import serial

from devices.base import DeviceStatus, SelfTestReport
from devices.idcard import frames
from devices.idcard.errors import (
    IdCardError,
    IdCardReadFailed,
    IdCardSelectFailed,
    IdCardTimeout,
    MalformedFrame,
    NoIdCard,
    NoIdCardReader,
    ReaderRefused,
)
from devices.idcard.frames import Answer, Command, FrameReader, Sw3
from devices.idcard.message import IdCardData, decode_message

BAUD_RATE = 115_200
POLL_S = 0.02


class IdCardReader:
    name = "idcard_reader"

    def __init__(
        self, port: str, command_timeout_s: float = 1.0, read_timeout_s: float = 3.0
    ) -> None:
        self.port = port
        self._command_timeout_s = command_timeout_s
        self._read_timeout_s = read_timeout_s
        self._serial: serial.Serial | None = None
        self._lock = threading.Lock()
        self._status = DeviceStatus.STARTING

    def open(self) -> None:
        try:
            self._serial = serial.Serial(self.port, BAUD_RATE, timeout=POLL_S)
        except (serial.SerialException, OSError) as exc:
            self._status = DeviceStatus.NO_DEVICE
            raise NoIdCardReader(self.port) from exc
        self._status = DeviceStatus.ONLINE

    def close(self) -> None:
        with self._lock:
            if self._serial is not None:
                self._serial.close()
                self._serial = None

    def status(self) -> DeviceStatus:
        return self._status

    def read_card(self) -> IdCardData:
        """Finds, selects and reads the card on the reader."""
        with self._lock:
            if self._serial is None:
                self.open()
            found = self._exchange(Command.FIND_CARD, self._command_timeout_s)
            if found.sw3 == Sw3.FIND_FAILED:
                raise NoIdCard()
            self._expect(found, Sw3.CARD_FOUND)
            selected = self._exchange(Command.SELECT_CARD, self._command_timeout_s)
            if selected.sw3 == Sw3.SELECT_FAILED:
                raise IdCardSelectFailed()
            self._expect(selected, Sw3.OK)
            read = self._exchange(Command.READ_BASE_MESSAGE, self._read_timeout_s)
            if read.sw3 == Sw3.READ_FAILED:
                raise IdCardReadFailed()
            self._expect(read, Sw3.OK)
            return decode_message(read.data)

    def self_test(self) -> SelfTestReport:
        checks: list[tuple[str, bool, str]] = []
        try:
            with self._lock:
                if self._serial is None:
                    self.open()
                checks.append(("port open", True, self.port))
                found = self._exchange(Command.FIND_CARD, self._command_timeout_s)
            checks.append(("reader answers", True, f"sw3={found.sw3:02x}"))
        except IdCardError as exc:
            checks.append(("reader answers", False, exc.code))
        return SelfTestReport(
            device=self.name,
            passed=all(ok for _, ok, _ in checks),
            status=self._status,
            checks=tuple(checks),
        )

    @staticmethod
    def _expect(answer: Answer, wanted: Sw3) -> None:
        if answer.sw3 != wanted:
            raise ReaderRefused(f"sw3={answer.sw3:02x}")

    def _exchange(self, command: Command, timeout_s: float) -> Answer:
        answer = self._once(command, timeout_s)
        if answer.sw3 == Sw3.CHECKSUM_ERROR:
            answer = self._once(command, timeout_s)  # the line garbled our request: once more
        return answer

    def _once(self, command: Command, timeout_s: float) -> Answer:
        assert self._serial is not None
        port = self._serial
        try:
            port.reset_input_buffer()  # a late answer to an earlier request is not this one
            port.write(frames.request(command))
            cutter = FrameReader()
            deadline = time.monotonic() + timeout_s
            while time.monotonic() < deadline:
                chunk = port.read(port.in_waiting or 1)
                if chunk:
                    found = cutter.feed(chunk)
                    if found:
                        return frames.decode_answer(found[0])
        except (serial.SerialException, OSError) as exc:
            self._status = DeviceStatus.NO_DEVICE
            self.close_quietly()
            raise NoIdCardReader(self.port) from exc
        except MalformedFrame:
            self._status = DeviceStatus.ONLINE
            raise
        raise IdCardTimeout(command.name.lower())

    def close_quietly(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            finally:
                self._serial = None
