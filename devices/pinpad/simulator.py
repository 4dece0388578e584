"""A PIN pad simulator: keys are pressed through `press`, the PIN block is built inside.

Behaves as an encrypting PIN pad towards the host: digits never leave it, only their count and,
on Enter, the ISO 9564 format-0 block. Faults for tests: `unplugged`."""

from __future__ import annotations

import threading
from concurrent.futures import Future

from devices.base import Counters, DeviceCounts, DeviceStatus, SelfTestReport
from devices.pinpad.base import KeyCount, PinEntryCancelled, PinEntryTimeout, PinPadError
from devices.pinpad.pinblock import InvalidPinBlock, pin_block

MAX_DIGITS = 12
KEYS = frozenset("0123456789") | {"clear", "backspace", "enter", "cancel"}


class SimulatedPinPad:
    name = "pinpad"

    def __init__(self) -> None:
        self.unplugged = False
        self.counters = Counters("entries")
        self._lock = threading.Lock()
        self._entry: _Entry | None = None

    def status(self) -> DeviceStatus:
        return DeviceStatus.NO_DEVICE if self.unplugged else DeviceStatus.ONLINE

    def self_test(self) -> SelfTestReport:
        ok = not self.unplugged
        return SelfTestReport(
            self.name, ok, self.status(), (("attached", ok, "simulator" if ok else "unplugged"),)
        )

    def counts(self) -> DeviceCounts:
        return self.counters.snapshot()

    def media(self) -> str | None:
        return None

    @property
    def waiting(self) -> bool:
        """Whether an entry is in progress (tests and the demo press keys only then)."""
        with self._lock:
            return self._entry is not None

    def read_pin_block(self, pan: str, on_key: KeyCount, timeout_s: float) -> Future[str]:
        future: Future[str] = Future()
        if self.unplugged:
            self.counters.fault(PinPadError.code)
            future.set_exception(PinPadError("unplugged"))
            return future
        with self._lock:
            if self._entry is not None:
                self._entry.finish(PinEntryCancelled("replaced by a new entry"))
            entry = _Entry(pan, on_key, future)
            self._entry = entry
        timer = threading.Timer(timeout_s, lambda: self._end(entry, PinEntryTimeout()))
        timer.daemon = True
        timer.start()
        future.add_done_callback(lambda _f: timer.cancel())
        return future

    def press(self, key: str) -> None:
        """A key on the pad: a digit, clear, backspace, enter or cancel."""
        if key not in KEYS:
            raise ValueError(f"no key {key!r} on the pad")
        with self._lock:
            entry = self._entry
        if entry is None:
            return  # a key pressed with no entry asked for does nothing, as on a real pad
        if key == "cancel":
            self._end(entry, PinEntryCancelled("cancel key"))
        elif key == "enter":
            try:
                self._end(entry, entry.block())
                self.counters.add("entries")
            except InvalidPinBlock:
                entry.clear()  # too short: the pad beeps and starts over
        else:
            entry.key(key)

    def cancel(self) -> None:
        with self._lock:
            entry = self._entry
        if entry is not None:
            self._end(entry, PinEntryCancelled("cancelled by the terminal"))

    def _end(self, entry: _Entry, result: str | Exception) -> None:
        with self._lock:
            if self._entry is entry:
                self._entry = None
        entry.finish(result)

    def close(self) -> None:
        self.cancel()


class _Entry:
    def __init__(self, pan: str, on_key: KeyCount, future: Future[str]) -> None:
        self._pan = pan
        self._on_key = on_key
        self._future = future
        self._digits = ""

    def key(self, key: str) -> None:
        if key == "clear":
            self._digits = ""
        elif key == "backspace":
            self._digits = self._digits[:-1]
        elif len(self._digits) < MAX_DIGITS:
            self._digits += key
        self._on_key(len(self._digits))

    def clear(self) -> None:
        self._digits = ""
        self._on_key(0)

    def block(self) -> str:
        return pin_block(self._digits, self._pan)

    def finish(self, result: str | Exception) -> None:
        self._digits = ""
        if self._future.done():
            return
        if isinstance(result, Exception):
            self._future.set_exception(result)
        else:
            self._future.set_result(result)
