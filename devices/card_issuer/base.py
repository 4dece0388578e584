"""What a card issuer offers: a hopper of blank cards, a transport, a chip station (a PC/SC
contact unit the kiosk personalises the chip through), a card printer, the exit where the
citizen takes the card, and a reject bin for spoiled cards.

The flow drives it one step at a time (feed → chip → print → eject); every step runs on the
device's own thread and answers with a future, so a session can end while the device works.
A card that cannot be finished is retained into the reject bin, never handed out."""

from __future__ import annotations

import enum
from concurrent.futures import Future
from typing import Protocol

from devices.base import (
    Counters,
    DeviceCounts,
    DeviceError,
    DeviceStatus,
    NotReady,
    SelfTestReport,
)
from devices.smartcard.reader import CardSlot


class IssuerState(enum.StrEnum):
    READY = "ready"
    OUT_OF_CARDS = "out_of_cards"
    JAMMED = "jammed"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"


STATE_STATUS = {
    IssuerState.READY: DeviceStatus.ONLINE,
    IssuerState.OUT_OF_CARDS: DeviceStatus.USER_ERROR,
    IssuerState.JAMMED: DeviceStatus.HARDWARE_ERROR,
    IssuerState.COVER_OPEN: DeviceStatus.USER_ERROR,
    IssuerState.OFFLINE: DeviceStatus.OFFLINE,
}


class IssuerError(DeviceError):
    code = "issuer.error"


class IssuerUnavailable(NotReady, IssuerError):
    """Not ready to issue: out_of_cards, jammed, cover_open, offline."""

    family = "issuer"


class CardJammed(IssuerError):
    code = "issuer.jammed"


class NoCardInPath(IssuerError):
    """A step that needs a card in the transport, with none there."""

    code = "issuer.no_card"


class CardIssuer(Protocol):
    name: str
    counters: Counters
    chip_station: CardSlot
    """The contact unit the chip is personalised through (a PC/SC reader of its own)."""

    def state(self) -> IssuerState: ...

    def status(self) -> DeviceStatus: ...

    def self_test(self) -> SelfTestReport: ...

    def hopper_count(self) -> int:
        """Blank cards left (a sensor's estimate on real hardware)."""
        ...

    def counts(self) -> DeviceCounts:
        """The hopper and the reject bin now, and the cards fed, issued and retained."""
        ...

    def media(self) -> str | None:
        """A card in the transport: present, notPresent or jammed."""
        ...

    def feed(self) -> Future[None]:
        """A blank card from the hopper into the chip station."""
        ...

    def print_face(self, png: bytes) -> Future[None]:
        """Moves the card to the printer and prints its face (a 1012×638 image, CR80 at
        300 dpi)."""
        ...

    def eject(self) -> Future[None]:
        """Presents the card at the exit, where the citizen takes it."""
        ...

    def retain(self) -> Future[bool]:
        """Moves any card in the transport into the reject bin; True if there was one."""
        ...

    def reset(self) -> Future[bool]:
        """XFS4IoT's Reset with the retain action, after a technician has cleared a jam: the
        transport is run, a card in it goes to the reject bin (True if there was one), and a
        jam is cleared; a jam that is still there fails with CardJammed."""
        ...

    def close(self) -> None: ...
