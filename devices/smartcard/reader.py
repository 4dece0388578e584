"""The card reader device: one I/O thread, media status, insert/remove events, SSSE operations."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Protocol, TypeVar

from devices.base import (
    Counters,
    DeviceCounts,
    DeviceStatus,
    DeviceWorker,
    MediaStatus,
    SelfTestReport,
)
from devices.smartcard.bank import read_pan
from devices.smartcard.errors import CardError, NoCard, NoReader
from devices.smartcard.records import SsCardData
from devices.smartcard.ssse import PinVerification, SsseApplication

log = logging.getLogger(__name__)

T = TypeVar("T")

PresenceListener = Callable[[bool], None]
CardListener = Callable[[bool, int], None]
"""Called with (present, generation): every insertion starts a new generation, and a removal
carries the generation of the card that went, so a late event about an old card is told apart."""


class CardSlot(Protocol):
    """One reader slot as a transport: a PC/SC reader, or the in-process demo tray."""

    name: str

    def attached(self) -> bool: ...

    def present(self) -> bool: ...

    def connect(self) -> bytes:
        """Powers the card and returns its ATR; raises NoCard or CardUnresponsive."""
        ...

    def transmit(self, apdu: bytes) -> bytes: ...

    def disconnect(self) -> None: ...

    def watch(self, listener: PresenceListener) -> None:
        """Calls listener(present) on every insert and removal, from any thread."""
        ...

    def service_check(self) -> tuple[str, bool, str]:
        """(check, passed, detail) for what the slot depends on, e.g. pcscd."""
        ...

    def close(self) -> None: ...


class SmartCardReader:
    def __init__(self, slot: CardSlot, name: str = "card_reader") -> None:
        self.name = name
        self._slot = slot
        self.counters = Counters("cards_read")
        self._worker = DeviceWorker(name, self.counters)
        self._listeners: list[CardListener] = []
        self._listeners_lock = threading.Lock()
        self._generation = 0
        self.card_inserted = threading.Event()
        self.card_absent = threading.Event()
        (self.card_inserted if slot.present() else self.card_absent).set()
        slot.watch(self._on_presence)

    @property
    def slot(self) -> CardSlot:
        return self._slot

    def status(self) -> DeviceStatus:
        return DeviceStatus.ONLINE if self._slot.attached() else DeviceStatus.NO_DEVICE

    def media(self) -> MediaStatus:
        return MediaStatus.PRESENT if self.card_inserted.is_set() else MediaStatus.NOT_PRESENT

    def counts(self) -> DeviceCounts:
        return self.counters.snapshot()

    @property
    def generation(self) -> int:
        """The generation of the card in the slot now (or of the last one, when empty)."""
        return self._generation

    def add_listener(self, listener: CardListener) -> Callable[[], None]:
        """Listeners run on the reader's own thread. Returns a function that removes it."""
        with self._listeners_lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def _on_presence(self, present: bool) -> None:
        with self._listeners_lock:
            if present:
                self._generation += 1
                self.card_absent.clear()
                self.card_inserted.set()
            else:
                self.card_inserted.clear()
                self.card_absent.set()
            generation = self._generation
        self._worker.submit(self._notify, present, generation)

    def _notify(self, present: bool, generation: int) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(present, generation)
            except Exception:
                log.exception("card presence listener failed")

    def _with_card(self, operation: Callable[[SsseApplication], object]) -> object:
        return self._session(operation)[1]

    def _session(self, operation: Callable[[SsseApplication], T]) -> tuple[bytes, T]:
        """One power-up: (the ATR, what `operation` gave)."""
        self._worker.check_thread()
        if not self._slot.attached():
            raise NoReader(self._slot.name)
        if not self._slot.present():
            raise NoCard()
        atr = self._slot.connect()
        try:
            result = operation(SsseApplication(self._slot.transmit))
        finally:
            self._slot.disconnect()
        return atr, result

    def _read_counted(self) -> tuple[bytes, SsCardData]:
        """A card read: counted once, however many chip sessions its service then opens."""
        read = self._session(SsseApplication.read_card)
        self.counters.add("cards_read")
        return read

    def read_card(self) -> Future[SsCardData]:
        return self._worker.submit(lambda: self._read_counted()[1])

    def run(self, operation: Callable[[SsseApplication], T]) -> Future[T]:
        """Runs `operation` in one chip session (one power-up) on the reader's thread: what a
        session establishes on the card (issuer authentication) lasts for all of it."""
        return self._worker.submit(self._with_card, operation)  # type: ignore[arg-type]

    def read_card_and_atr(self) -> Future[tuple[bytes, SsCardData]]:
        """The technician's card test: the ATR, and the SSSE application selected and read."""
        return self._worker.submit(self._read_counted)

    def read_bank_pan(self) -> Future[str]:
        """The account number of the card's debit application (NotBankCard if it has none)."""
        return self._worker.submit(self._with_card, read_pan)  # type: ignore[arg-type]

    def verify_pin(self, pin: str) -> Future[PinVerification]:
        def verify(app: SsseApplication) -> PinVerification:
            app.select_application()
            return app.verify_pin(pin)

        return self._worker.submit(self._with_card, verify)  # type: ignore[arg-type]

    def change_pin(self, old_pin: str, new_pin: str) -> Future[PinVerification]:
        def change(app: SsseApplication) -> PinVerification:
            app.select_application()
            return app.change_pin(old_pin, new_pin)

        return self._worker.submit(self._with_card, change)  # type: ignore[arg-type]

    def self_test(self) -> SelfTestReport:
        """The card path: the service behind the slot, the reader, the card, its ATR, SSSE."""
        attached = self._slot.attached()
        checks = [self._slot.service_check(), ("reader attached", attached, self._slot.name)]
        present = attached and self._slot.present()
        checks.append(("card present", present, "present" if present else "no card"))
        if present:
            atr, failure = self._worker.call(self._probe)
            checks.append(("ATR", atr is not None, atr.hex().upper() if atr else failure))
            if atr is not None:
                checks.append(("card answers SSSE", failure == "", failure or "ok"))
        # An empty slot is a finding, not a failure of the device.
        passed = all(ok for check, ok, _ in checks if check != "card present")
        return SelfTestReport(self.name, passed, self.status(), tuple(checks))

    def _probe(self) -> tuple[bytes | None, str]:
        """One power-up: the ATR, then SSSE select. (ATR or None, failure code or "")."""
        self._worker.check_thread()
        try:
            atr = self._slot.connect()
        except CardError as exc:
            return None, exc.code
        try:
            SsseApplication(self._slot.transmit).select_application()
        except CardError as exc:
            return atr, exc.code
        finally:
            self._slot.disconnect()
        return atr, ""

    def close(self) -> None:
        self._worker.close()
        self._slot.close()
