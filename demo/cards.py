"""The demo citizens' cards, made from the sandbox's register: their social security cards (virtual
chips with the sandbox's issuer key) and their resident ID cards (for the reader simulator)."""

from __future__ import annotations

from datetime import date

from devices.idcard.message import IdCardData
from devices.smartcard.virtual_card import ChipLies, VirtualCardProfile
from kiosk.central.codes import Gender
from sandbox.citizens import NATION_CODES, DemoCitizen, bank_pan, chip_data
from sandbox.credentials import DEMO_ISSUER_KEY


def card_profile(
    citizen: DemoCitizen, lies: ChipLies | None = None, *, today: date | None = None
) -> VirtualCardProfile:
    """The demo citizen's card as made: the SSSE records, the PIN and the debit application.

    Its dates are placed relative to `today`, by default the terminal's own calendar day (the
    clock the kiosk checks the card against, `date.today()`)."""
    if citizen.card is None:
        raise ValueError("this demo citizen has no card")
    return VirtualCardProfile(
        chip_data(citizen, today or date.today()),
        citizen.card.pin,
        issuer_key=DEMO_ISSUER_KEY,
        lies=lies or ChipLies(),
        bank_pan=bank_pan(citizen),
    )


def id_card_data(citizen: DemoCitizen, today: date | None = None) -> IdCardData:
    """What the citizen's resident ID card holds, for the demo's ID card reader simulator.

    Issued ten years before `today` (by default the terminal's calendar day), valid 20 years,
    by the police where they are registered; a citizen aged 46 or more at issue holds a card
    valid for life. The photo is 1 024 bytes of stand-in data: a WLT photo is opaque without
    the vendor's library anyway."""
    today = today or date.today()
    issued = date(today.year - 10, citizen.birth_date.month, min(citizen.birth_date.day, 28))
    age_at_issue = issued.year - citizen.birth_date.year
    valid_to = "长期" if age_at_issue >= 46 else f"{issued.year + 20:04d}{issued:%m%d}"
    return IdCardData(
        name=citizen.name,
        gender_code="1" if citizen.gender is Gender.MALE else "2",
        nation_code=f"{NATION_CODES[citizen.nation]:02d}",
        birth_date=f"{citizen.birth_date:%Y%m%d}",
        address=citizen.address,
        id_number=citizen.id_number,
        authority="户籍地公安机关",
        valid_from=f"{issued:%Y%m%d}",
        valid_to=valid_to,
        photo_wlt=bytes((citizen.sequence * 7 + i) % 256 for i in range(1024)),
    )
