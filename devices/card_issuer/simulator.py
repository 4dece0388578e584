"""The card issuer simulator: a hopper of blank virtual cards whose chip station is a real reader
slot (the in-process slot, or vpcd's second slot behind pcscd), so personalisation really writes
the card through the same PC/SC path as on a kiosk.

Timings (`IssuerTimings`, scaled by `devices.issuer_timing_scale`) follow a desktop
direct-to-card issuer with a contact station (e.g. the class of Evolis Primacy / Zebra ZC):
feed into the chip station 1.5 s, one-sided YMCKO colour print 20 s, eject 1.0 s, retain into
the reject bin 1.5 s. Faults for tests and demos: an empty hopper, the cover open, a jam at the
next feed / print / eject, and blank cards whose chip refuses writes."""

from __future__ import annotations

import itertools
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Protocol

from devices.base import Counters, DeviceCounts, DeviceStatus, DeviceWorker, SelfTestReport
from devices.card_issuer.base import (
    STATE_STATUS,
    CardJammed,
    IssuerState,
    IssuerUnavailable,
    NoCardInPath,
)
from devices.smartcard.reader import CardSlot
from devices.smartcard.virtual_card import (
    ChipLies,
    VirtualCardProfile,
    VirtualSocialSecurityCard,
)

TRANSPORT_PIN = "000000"
"""The PIN a blank chip carries until the citizen sets theirs."""


@dataclass(frozen=True)
class IssuerTimings:
    feed_s: float = 1.5
    print_s: float = 20.0
    eject_s: float = 1.0
    retain_s: float = 1.5

    def scaled(self, factor: float) -> IssuerTimings:
        return IssuerTimings(
            self.feed_s * factor, self.print_s * factor, self.eject_s * factor,
            self.retain_s * factor,
        )  # fmt: skip


class ChipHolder(Protocol):
    """Where the simulator puts the card in the chip station: InProcessCardSlot or VpcdSlot."""

    def insert(self, card: VirtualSocialSecurityCard) -> None: ...

    def remove(self) -> None: ...


class SimulatedCardIssuer:
    name = "card_issuer"

    def __init__(
        self,
        chip_station: CardSlot,
        holder: ChipHolder,
        *,
        hopper: int = 50,
        timings: IssuerTimings | None = None,
        issuer_key: bytes | None = None,
    ) -> None:
        """`issuer_key`: the key the blank chips were made with (the card manufacturer's batch,
        known to the issuing back-end); None for chips no back-end can personalise."""
        self.chip_station = chip_station
        self._issuer_key = issuer_key
        self._holder = holder
        self._timings = timings or IssuerTimings()
        self.counters = Counters("cards_fed", "cards_issued", "cards_retained")
        self._worker = DeviceWorker(self.name, self.counters)
        self._lock = threading.Lock()
        self._serials = itertools.count(1)
        self.hopper = hopper
        self.cover_open = False
        self.jam_at: str | None = None
        """"feed", "print" or "eject": the next such step jams (then the state stays jammed
        until `clear_jam`)."""
        self.bad_chips = 0
        """The next this-many blank cards have a chip that refuses writes."""
        self._jammed = False
        self.stuck = False
        """A jam the transport cannot clear by itself: reset fails until `clear_jam`."""
        self._in_path: VirtualSocialSecurityCard | None = None
        self.presented: VirtualSocialSecurityCard | None = None
        """The card at the exit, until the citizen takes it (`take_presented`)."""
        self.rejected: list[VirtualSocialSecurityCard] = []
        self.faces: list[bytes] = []
        """Card faces printed (held in memory only: they carry the holder's photo and name)."""

    # --- state ---

    def state(self) -> IssuerState:
        with self._lock:
            if self.cover_open:
                return IssuerState.COVER_OPEN
            if self._jammed:
                return IssuerState.JAMMED
            if self.hopper <= 0 and self._in_path is None:
                return IssuerState.OUT_OF_CARDS
            return IssuerState.READY

    def status(self) -> DeviceStatus:
        return STATE_STATUS[self.state()]

    def self_test(self) -> SelfTestReport:
        state = self.state()
        return SelfTestReport(
            self.name,
            state is IssuerState.READY,
            STATE_STATUS[state],
            (
                ("transport", state not in (IssuerState.JAMMED, IssuerState.COVER_OPEN), state),
                ("hopper", self.hopper > 0, f"{self.hopper} blank card(s)"),
                self.chip_station.service_check(),
            ),
        )

    def hopper_count(self) -> int:
        with self._lock:
            return self.hopper

    def counts(self) -> DeviceCounts:
        with self._lock:
            hopper, rejected = self.hopper, len(self.rejected)
        return self.counters.snapshot(("hopper", hopper), ("reject_bin", rejected))

    def media(self) -> str | None:
        with self._lock:
            if self._jammed:
                return "jammed"
            return "present" if self._in_path is not None else "notPresent"

    # --- steps ---

    def feed(self) -> Future[None]:
        return self._worker.submit(self._feed)

    def print_face(self, png: bytes) -> Future[None]:
        return self._worker.submit(self._print, png)

    def eject(self) -> Future[None]:
        return self._worker.submit(self._eject)

    def retain(self) -> Future[bool]:
        return self._worker.submit(self._retain)

    def reset(self) -> Future[bool]:
        return self._worker.submit(self._reset)

    def take_presented(self) -> VirtualSocialSecurityCard | None:
        """The citizen takes the card from the exit."""
        with self._lock:
            card, self.presented = self.presented, None
        return card

    def clear_jam(self) -> None:
        """A technician opens the cover and clears the path; a card in it goes to the bin."""
        with self._lock:
            self._jammed = self.stuck = False
            card, self._in_path = self._in_path, None
        if card is not None:
            self._holder.remove()
            self.rejected.append(card)
            self.counters.add("cards_retained")

    def _ready(self, step: str, needs_card: bool) -> None:
        state = self.state()
        if state not in (IssuerState.READY, IssuerState.OUT_OF_CARDS) or (
            state is IssuerState.OUT_OF_CARDS and not needs_card
        ):
            raise IssuerUnavailable(state)
        with self._lock:
            if needs_card and self._in_path is None:
                raise NoCardInPath(step)
            if self.jam_at == step:
                self.jam_at = None
                self._jammed = True
                raise CardJammed(step)

    def _feed(self) -> None:
        self._worker.check_thread()
        with self._lock:
            if self._in_path is not None:
                raise IssuerUnavailable(IssuerState.JAMMED)  # a card is already in the way
        self._ready("feed", needs_card=False)
        time.sleep(self._timings.feed_s)
        with self._lock:
            self.hopper -= 1
            self.counters.add("cards_fed")
            bad = self.bad_chips > 0
            self.bad_chips -= 1 if bad else 0
            serial = next(self._serials)
        card = VirtualSocialSecurityCard(
            VirtualCardProfile(
                None, TRANSPORT_PIN, issuer_key=self._issuer_key, lies=ChipLies(write_fails=bad)
            ),
            atr=bytes.fromhex("3B6D000080318065B08701FF0F8300") + serial.to_bytes(2, "big"),
        )
        with self._lock:
            self._in_path = card
        self._holder.insert(card)

    def _print(self, png: bytes) -> None:
        self._worker.check_thread()
        self._ready("print", needs_card=True)
        self._holder.remove()  # the card leaves the contacts for the print head
        time.sleep(self._timings.print_s)
        self.faces.append(png)

    def _eject(self) -> None:
        self._worker.check_thread()
        self._ready("eject", needs_card=True)
        time.sleep(self._timings.eject_s)
        self._holder.remove()
        with self._lock:
            self.presented, self._in_path = self._in_path, None
        self.counters.add("cards_issued")

    def _retain(self) -> bool:
        self._worker.check_thread()
        with self._lock:
            card, self._in_path = self._in_path, None
        if card is None:
            return False
        time.sleep(self._timings.retain_s)
        self._holder.remove()
        self.rejected.append(card)
        self.counters.add("cards_retained")
        return True

    def _reset(self) -> bool:
        self._worker.check_thread()
        with self._lock:
            if self.cover_open:
                raise IssuerUnavailable(IssuerState.COVER_OPEN)
            if self.stuck:
                raise CardJammed("reset")
            self._jammed = False
        return self._retain()

    def close(self) -> None:
        self._worker.close()
