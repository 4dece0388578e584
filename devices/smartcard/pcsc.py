"""A reader slot through PC/SC (pcscd) with pyscard's `scard` API.

A monitor thread follows readers and card presence with SCardGetStatusChange; connect and
transmit run on the reader device's own thread. Every PC/SC failure becomes a typed card error.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from smartcard import scard

from devices.smartcard.errors import CardRemoved, CardUnresponsive, NoCard, NoReader
from devices.smartcard.reader import PresenceListener

log = logging.getLogger(__name__)

POLL_MS = 200
MONITOR_WAIT_MS = 5000
"""How long the monitor waits in SCardGetStatusChange: any change ends the wait at once, and
closing cancels it (SCardCancel), so this only bounds how long a wait goes unchecked."""
CLOSE_JOIN_S = 2.0
REMOVAL_SETTLE_MS = 1000
NO_SERVICE = frozenset({scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED})
NO_READER = frozenset({scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE}) | NO_SERVICE
CARD_GONE = frozenset({scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD})


def _message(hresult: int) -> str:
    text: str = scard.SCardGetErrorMessage(hresult)
    return f"{text} (0x{hresult & 0xFFFFFFFF:08X})"


def _establish() -> Any:
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        raise NoReader(f"PC/SC service not reachable: {_message(hresult)}")
    return context


@contextmanager
def _pcsc_context() -> Iterator[Any]:
    """A short-lived PC/SC context; NoReader when the PC/SC service is not reachable."""
    context = _establish()
    try:
        yield context
    finally:
        scard.SCardReleaseContext(context)


def _readers_in(context: Any) -> list[str]:
    hresult, readers = scard.SCardListReaders(context, [])
    if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
        return []
    if hresult != scard.SCARD_S_SUCCESS:
        raise NoReader(_message(hresult))
    return list(readers)


def list_readers() -> list[str]:
    """The readers pcscd knows; NoReader when the PC/SC service is not reachable."""
    with _pcsc_context() as context:
        return _readers_in(context)


def reader_states() -> list[tuple[str, bool]]:
    """Each reader pcscd knows, with whether a card is in it."""
    with _pcsc_context() as context:
        readers = _readers_in(context)
        if not readers:
            return []
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(r, scard.SCARD_STATE_UNAWARE) for r in readers]
        )
        if hresult != scard.SCARD_S_SUCCESS:
            raise NoReader(_message(hresult))
        return [(name, bool(state & scard.SCARD_STATE_PRESENT)) for name, state, _ in states]


class PcscCardSlot:
    def __init__(self, reader_pattern: str) -> None:
        self._pattern = re.compile(reader_pattern)
        self.name = reader_pattern
        self._lock = threading.Lock()
        self._listeners: list[PresenceListener] = []
        self._reader: str | None = None
        self._present = False
        self._io_context: Any = None
        self._card: Any = None
        self._protocol: Any = None
        self._stopping = threading.Event()
        self._monitor_context: Any = None
        self._started = False
        self._scan(timeout_ms=0)  # the state is known before anyone asks
        self._started = True
        self._monitor = threading.Thread(target=self._watch, name="pcsc-monitor", daemon=True)
        self._monitor.start()

    # --- state ---

    def attached(self) -> bool:
        with self._lock:
            return self._reader is not None

    def present(self) -> bool:
        with self._lock:
            return self._present

    @property
    def reader_name(self) -> str | None:
        with self._lock:
            return self._reader

    def watch(self, listener: PresenceListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def service_check(self) -> tuple[str, bool, str]:
        try:
            count = len(list_readers())
        except NoReader as exc:
            return ("pcscd reachable", False, exc.code)
        return ("pcscd reachable", True, f"{count} reader(s)")

    def close(self) -> None:
        self._stopping.set()
        self._cancel_monitor()
        self.disconnect()
        for context in (self._io_context, self._monitor_context):
            if context is not None:
                scard.SCardReleaseContext(context)
        self._io_context = self._monitor_context = None

    def _cancel_monitor(self) -> None:
        """Ends the monitor's wait now instead of at its timeout. A cancel that comes while the
        monitor is between two PC/SC calls cancels nothing, so it is repeated until the thread
        has ended."""
        deadline = time.monotonic() + CLOSE_JOIN_S
        while self._monitor.is_alive() and time.monotonic() < deadline:
            context = self._monitor_context
            if context is not None:
                scard.SCardCancel(context)
            self._monitor.join(0.005)

    # --- the monitor thread ---

    def _watch(self) -> None:
        while not self._stopping.is_set():
            self._scan(timeout_ms=MONITOR_WAIT_MS)

    def _scan(self, timeout_ms: int) -> None:
        """One look at the readers and the card; waits up to timeout_ms for a change."""
        if self._monitor_context is None:
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                self._update(None, False)
                self._stopping.wait(POLL_MS / 1000)
                return
            self._monitor_context = context
        hresult, readers = scard.SCardListReaders(self._monitor_context, [])
        if hresult in NO_SERVICE:
            scard.SCardReleaseContext(self._monitor_context)
            self._monitor_context = None
        reader = next((r for r in readers or [] if self._pattern.search(r)), None)
        if hresult != scard.SCARD_S_SUCCESS or reader is None:
            self._update(None, False)
            self._stopping.wait(POLL_MS / 1000)
            return
        known = scard.SCARD_STATE_PRESENT if self.present() else scard.SCARD_STATE_EMPTY
        if self.reader_name != reader:
            known = scard.SCARD_STATE_UNAWARE
        hresult, states = scard.SCardGetStatusChange(
            self._monitor_context, timeout_ms, [(reader, known)]
        )
        if hresult == scard.SCARD_E_TIMEOUT:
            self._update(reader, self.present() if known != scard.SCARD_STATE_UNAWARE else False)
            return
        if hresult == scard.SCARD_E_CANCELLED or self._stopping.is_set():
            return  # closing: neither the reader nor the card changed
        if hresult != scard.SCARD_S_SUCCESS:
            self._update(None, False)
            self._stopping.wait(POLL_MS / 1000)
            return
        _, event_state, _atr = states[0]
        present = bool(event_state & scard.SCARD_STATE_PRESENT) and not (
            event_state & scard.SCARD_STATE_UNAVAILABLE
        )
        self._update(reader, present)

    def _update(self, reader: str | None, present: bool) -> None:
        with self._lock:
            changed = present != self._present
            if reader != self._reader and self._started:
                log.info("card reader %s", "attached" if reader else "gone")
            self._reader, self._present = reader, present
            listeners = list(self._listeners)
        if changed:
            for listener in listeners:
                listener(present)

    # --- I/O (the reader device's thread) ---

    def _context(self) -> Any:
        if self._io_context is None:
            self._io_context = _establish()
        return self._io_context

    def connect(self) -> bytes:
        reader = self.reader_name
        if reader is None:
            raise NoReader(self.name)
        hresult, card, protocol = scard.SCardConnect(
            self._context(),
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if hresult in NO_SERVICE:
            self._drop_context()
        if hresult != scard.SCARD_S_SUCCESS:
            raise self._error(hresult, "connect")
        self._card, self._protocol = card, protocol
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(card)
        if hresult != scard.SCARD_S_SUCCESS:
            self.disconnect()
            raise self._error(hresult, "status")
        return bytes(atr)

    def transmit(self, apdu: bytes) -> bytes:
        if self._card is None:
            raise NoCard()
        pci = (
            scard.SCARD_PCI_T1 if self._protocol == scard.SCARD_PROTOCOL_T1 else scard.SCARD_PCI_T0
        )
        hresult, response = scard.SCardTransmit(self._card, pci, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            raise self._error(hresult, "transmit")
        # Some drivers (vpcd among them) answer a card pulled mid-exchange with success and no
        # bytes; not even a status word means: look whether the card is still there.
        if len(response) < 2 and self._card_went_away():
            raise CardRemoved("transmit: no answer, and the card has gone")
        return bytes(response)

    def disconnect(self) -> None:
        """Resets the card on the way out: a verified PIN must not outlive the operation."""
        card, self._card = self._card, None
        if card is not None:
            scard.SCardDisconnect(card, scard.SCARD_RESET_CARD)

    def _drop_context(self) -> None:
        if self._io_context is not None:
            scard.SCardReleaseContext(self._io_context)
            self._io_context = None

    def _error(self, hresult: int, during: str) -> Exception:
        detail = f"{during}: {_message(hresult)}"
        if hresult in NO_READER:
            return NoReader(detail)
        if hresult in CARD_GONE or self._card_went_away():
            return CardRemoved(detail) if during == "transmit" else NoCard(detail)
        return CardUnresponsive(detail)

    def _card_went_away(self) -> bool:
        """After a failed exchange: was the card pulled out? The driver notices a pull on its
        next presence poll, so this waits up to REMOVAL_SETTLE_MS for the slot to empty."""
        reader = self.reader_name
        if reader is None or self._io_context is None:
            return True
        hresult, states = scard.SCardGetStatusChange(
            self._io_context, REMOVAL_SETTLE_MS, [(reader, scard.SCARD_STATE_PRESENT)]
        )
        if hresult == scard.SCARD_E_TIMEOUT:
            return False  # still in the slot after all that time: it is there, just not talking
        return hresult != scard.SCARD_S_SUCCESS or not states[0][1] & scard.SCARD_STATE_PRESENT
