"""A reader slot held in this process: the demo card tray puts virtual cards in and takes them out.

Used where no pcscd runs. The reader code above it is the same as for a PC/SC reader.
"""

from __future__ import annotations

import threading

from devices.smartcard.errors import CardRemoved, NoCard
from devices.smartcard.reader import PresenceListener
from devices.smartcard.virtual_card import VirtualSocialSecurityCard


class InProcessCardSlot:
    def __init__(self, name: str = "Sheyin in-process reader") -> None:
        self.name = name
        self._lock = threading.Lock()
        self._card: VirtualSocialSecurityCard | None = None
        self._listeners: list[PresenceListener] = []

    def attached(self) -> bool:
        return True

    def present(self) -> bool:
        with self._lock:
            return self._card is not None

    @property
    def card(self) -> VirtualSocialSecurityCard | None:
        with self._lock:
            return self._card

    def insert(self, card: VirtualSocialSecurityCard) -> None:
        with self._lock:
            if self._card is card:
                return
            replaced = self._card is not None
            self._card = card
        if replaced:
            self._announce(False)
        self._announce(True)

    def remove(self) -> None:
        with self._lock:
            had_card, self._card = self._card is not None, None
        if had_card:
            self._announce(False)

    def watch(self, listener: PresenceListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def _announce(self, present: bool) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(present)

    def connect(self) -> bytes:
        card = self.card
        if card is None:
            raise NoCard()
        return card.reset()

    def transmit(self, apdu: bytes) -> bytes:
        card = self.card
        if card is None:
            raise CardRemoved()
        return card.process(apdu)

    def disconnect(self) -> None:
        """The virtual card keeps its state until the next power-up (connect)."""

    def close(self) -> None:
        """Nothing to release: no thread, no service."""

    def service_check(self) -> tuple[str, bool, str]:
        return ("card service", True, "in-process")
