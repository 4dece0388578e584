"""The demo card tray: virtual cards of the demo citizens that a visitor can insert and remove."""

from __future__ import annotations

from dataclasses import dataclass

from devices.smartcard.inprocess import InProcessCardSlot
from devices.smartcard.virtual_card import VirtualCardProfile, VirtualSocialSecurityCard
from kiosk.central.sandbox.citizens import DEMO_CITIZENS, chip_data
from kiosk.domain.identity import mask_card_number


@dataclass(frozen=True)
class DemoCard:
    citizen_key: str
    """Which demo situation the card belongs to (docs/demo-data.md); no personal data."""
    masked_card_number: str
    card: VirtualSocialSecurityCard


class DemoCardTray:
    def __init__(self, slot: InProcessCardSlot) -> None:
        self._slot = slot
        self.cards: tuple[DemoCard, ...] = tuple(
            DemoCard(
                citizen.key,
                mask_card_number(citizen.card.card_number),
                VirtualSocialSecurityCard(VirtualCardProfile(chip_data(citizen), citizen.card.pin)),
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

    def remove(self) -> None:
        self._slot.remove()

    def inserted_key(self) -> str | None:
        card = self._slot.inserted_card()
        for demo_card in self.cards:
            if demo_card.card is card:
                return demo_card.citizen_key
        return None
