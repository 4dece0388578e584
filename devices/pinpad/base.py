"""The PIN pad: the citizen types the bank PIN on it and the terminal receives a PIN block.

An encrypting PIN pad (EPP) never gives the digits to the host: it builds the ISO 9564 PIN
block itself (and, in the field, encrypts it under the acquirer's key), telling the host only
how many digits have been typed so the screen can show dots. Without one, the kiosk falls back
to an on-screen keypad whose digits are shuffled for every entry (`shuffled_keypad`), so a
camera behind the citizen learns nothing from where they touch."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from concurrent.futures import Future
from typing import Protocol

from devices.base import DeviceError, DeviceStatus, SelfTestReport

KeyCount = Callable[[int], None]
"""Called with the number of digits typed so far (after every digit, clear or backspace)."""


class PinPadError(DeviceError):
    code = "pinpad.error"


class PinEntryCancelled(PinPadError):
    """The citizen pressed Cancel on the pad, or the terminal cancelled the entry."""

    code = "pinpad.cancelled"
    fault = False


class PinEntryTimeout(PinPadError):
    code = "pinpad.timeout"
    fault = False


class PinPad(Protocol):
    name: str

    def status(self) -> DeviceStatus: ...

    def self_test(self) -> SelfTestReport: ...

    def read_pin_block(self, pan: str, on_key: KeyCount, timeout_s: float) -> Future[str]:
        """Starts an entry for the card `pan`; the future gives the PIN block (hex) once the
        citizen presses Enter, or PinEntryCancelled / PinEntryTimeout."""
        ...

    def cancel(self) -> None:
        """Ends an entry in progress (the session ended); its future fails with
        PinEntryCancelled."""
        ...

    def close(self) -> None: ...


def shuffled_keypad() -> tuple[int, ...]:
    """The ten digits in a fresh random order, for one on-screen PIN entry."""
    digits = list(range(10))
    secrets.SystemRandom().shuffle(digits)
    return tuple(digits)
