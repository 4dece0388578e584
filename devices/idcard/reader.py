"""The serial driver: find, select, read, each a request frame and an answer frame.

Every exchange has a deadline; a garbled answer is a typed error, never a hang or a crash. A
reader that reports our request garbled (SW3 10) is asked once more. All I/O runs on the
reader's own thread (`DeviceWorker`); the public operations answer with futures. A reader
unplugged and plugged back (the same port name, as udev's /dev/serial/by-id links keep it) is
opened again: by the device manager when it sees the port come back, or by the next read."""

from __future__ import annotations

import contextlib
import os
import termios
import time
from concurrent.futures import Future

import serial

from devices.base import Counters, DeviceCounts, DeviceStatus, DeviceWorker, SelfTestReport
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
        self._status = DeviceStatus.STARTING
        self.counters = Counters("cards_read")
        self._worker = DeviceWorker(self.name, self.counters)
        # Opened on its own thread, so that building the reader never waits for the port; a
        # port that is not there is a status (noDevice), and the first read tries again.
        self._worker.submit(self._open_quietly)

    # --- the public side: futures, and a status without I/O ---

    def status(self) -> DeviceStatus:
        """Cheap, no I/O: noDevice while the port is missing, starting once it is back and not
        yet opened again, otherwise what the last exchange showed."""
        if not os.path.exists(self.port):
            # What is open is stale now: when the port is back, it is starting until reopened.
            self._status = DeviceStatus.NO_DEVICE
            return DeviceStatus.NO_DEVICE
        status = self._status
        return DeviceStatus.STARTING if status is DeviceStatus.NO_DEVICE else status

    def counts(self) -> DeviceCounts:
        return self.counters.snapshot()

    def media(self) -> str | None:
        """Unknown without asking the reader (a find-card exchange): not from a status."""
        return None

    def read_card(self) -> Future[IdCardData]:
        """Finds, selects and reads the card on the reader."""
        return self._worker.submit(self._read_card)

    def reopen(self) -> Future[None]:
        """Closes the port if open and opens it again (the reader came back)."""
        return self._worker.submit(self._reopen)

    def self_test(self) -> SelfTestReport:
        """The port, then whether the reader answers; waits for the reader's thread, so not
        from the GUI thread."""
        return self._worker.call(self._self_test)

    def close(self) -> None:
        self._worker.close()
        self._close_port()  # the worker has stopped: no other thread touches the port now

    # --- the reader's thread ---

    def _open(self) -> None:
        self._worker.check_thread()
        try:
            self._serial = serial.Serial(self.port, BAUD_RATE, timeout=POLL_S)
        except (serial.SerialException, OSError) as exc:
            # A port that exists but will not open (busy, no permission) is offline, not gone.
            gone = not os.path.exists(self.port)
            self._status = DeviceStatus.NO_DEVICE if gone else DeviceStatus.OFFLINE
            raise NoIdCardReader(self.port) from exc
        self._status = DeviceStatus.ONLINE

    def _open_quietly(self) -> None:
        with contextlib.suppress(NoIdCardReader):  # the status says so
            self._open()

    def _reopen(self) -> None:
        self._worker.check_thread()
        self._close_port()
        self._open()

    def _read_card(self) -> IdCardData:
        self._worker.check_thread()
        if self._serial is None:
            self._open()
            return self._find_select_read()
        try:
            return self._find_select_read()
        except NoIdCardReader:
            # The port was open but has gone: a reader plugged back under the same name
            # answers on a fresh open. Once; a second failure is the answer.
            if not os.path.exists(self.port):
                raise
            self._open()
            return self._find_select_read()

    def _find_select_read(self) -> IdCardData:
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
        card = decode_message(read.data)
        self.counters.add("cards_read")
        return card

    def _self_test(self) -> SelfTestReport:
        self._worker.check_thread()
        checks: list[tuple[str, bool, str]] = []
        try:
            if self._serial is None:
                self._open()
            checks.append(("port open", True, self.port))
        except IdCardError as exc:
            checks.append(("port open", False, exc.code))
        if self._serial is not None:
            try:
                found = self._exchange(Command.FIND_CARD, self._command_timeout_s)
                checks.append(("reader answers", True, f"sw3={found.sw3:02x}"))
            except IdCardError as exc:
                checks.append(("reader answers", False, exc.code))
        return SelfTestReport(
            device=self.name,
            passed=all(ok for _, ok, _ in checks),
            status=self.status(),
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
        self._worker.check_thread()
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
                        answer = frames.decode_answer(found[0])
                        self._status = DeviceStatus.ONLINE
                        return answer
        except (serial.SerialException, OSError, termios.error) as exc:
            # termios: a flush on a pseudo-terminal whose other end has gone (EIO).
            self._status = DeviceStatus.NO_DEVICE
            self._close_port()
            raise NoIdCardReader(self.port) from exc
        except MalformedFrame:
            self._status = DeviceStatus.ONLINE  # it answers, if badly
            raise
        raise IdCardTimeout(command.name.lower())

    def _close_port(self) -> None:
        port, self._serial = self._serial, None
        # A port that went away cannot be closed cleanly; it is dropped all the same.
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()
