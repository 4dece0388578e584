"""The demo's trays: the demo citizens' virtual cards that a visitor inserts and removes, their
resident ID cards on the reader simulator, and the payer's phone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from demo.cards import card_profile, id_card_data
from devices.smartcard.virtual_card import VirtualSocialSecurityCard
from kiosk.domain.identity import mask_card_number
from sandbox.citizens import DEMO_CITIZENS, demo_citizen

if TYPE_CHECKING:
    from devices.idcard.simulator import IdCardReaderSimulator


@dataclass(frozen=True)
class DemoCard:
    citizen_key: str
    """Which demo situation the card belongs to (docs/demo-data.md); no personal data."""
    masked_card_number: str
    card: VirtualSocialSecurityCard


class CardHolder(Protocol):
    """Where the tray puts a card: the in-process slot, or a vpcd slot of a real pcscd."""

    @property
    def card(self) -> VirtualSocialSecurityCard | None: ...

    def insert(self, card: VirtualSocialSecurityCard) -> None: ...

    def remove(self) -> None: ...


class DemoCardTray:
    """The demo citizens' social security cards, each made once with the tray: like a physical
    card, its chip keeps what it stores (the PIN try counter, a changed PIN, its records) when it
    is pulled out and put back, for the life of the tray."""

    def __init__(self, slot: CardHolder) -> None:
        self._slot = slot
        self.cards: tuple[DemoCard, ...] = tuple(
            DemoCard(
                citizen.key,
                mask_card_number(citizen.card.card_number),
                VirtualSocialSecurityCard(card_profile(citizen)),
            )
            for citizen in DEMO_CITIZENS
            if citizen.card is not None
        )

    def insert(self, citizen_key: str) -> None:
        for demo_card in self.cards:
            if demo_card.citizen_key == citizen_key:
                self._slot.insert(demo_card.card)
                return
        raise KeyError(citizen_key)

    def insert_card(self, card: VirtualSocialSecurityCard) -> None:
        """A card that is not one of the demo citizens' own: the one the issuer just made."""
        self._slot.insert(card)

    def remove(self) -> None:
        self._slot.remove()

    def inserted_key(self) -> str | None:
        card = self._slot.card
        for demo_card in self.cards:
            if demo_card.card is card:
                return demo_card.citizen_key
        return None


ID_CARD_HOLDERS = ("not-enrolled", "contributor", "no-card", "card-lost", "card-not-activated")
"""Whose resident ID cards the demo tray offers: the one to enrol, and one already enrolled."""


class DemoIdCardTray:
    """The demo's resident ID cards, placed on the ID card reader simulator (a pty the real
    driver reads through)."""

    def __init__(self, simulator: IdCardReaderSimulator) -> None:
        self.simulator = simulator
        self.holders = ID_CARD_HOLDERS
        self._placed: str | None = None

    def place(self, citizen_key: str) -> None:
        self.simulator.card = id_card_data(demo_citizen(citizen_key))
        self._placed = citizen_key

    def take(self) -> None:
        self.simulator.card = None
        self._placed = None

    def placed_key(self) -> str | None:
        return self._placed


class DemoPayerPhone:
    """The demo's payer's phone: 'scans' the QR code on the screen and pays the order through
    the sandbox's loopback-only payer endpoint, as a payment app would through its bank."""

    def __init__(self, central_url: str) -> None:
        self._central_url = central_url.rstrip("/")

    def pay(self, qr_payload: str) -> bool:
        """True once paid; False for a code that is not a sandbox order, or a refusal."""
        import requests

        from sandbox.payments import PAYER_PATH

        scheme, _, rest = qr_payload.partition(":")
        order_id = rest.partition(":")[0]
        if scheme != "sheyinpay" or not order_id:
            return False
        try:
            answer = requests.post(f"{self._central_url}{PAYER_PATH}/{order_id}", timeout=10)
        except requests.RequestException:
            return False
        return answer.status_code == 200
