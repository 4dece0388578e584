"""The citizen as the kiosk knows them during one session, and their social security card."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from devices.smartcard.records import SsCardData
from kiosk.central.codes import Gender
from kiosk.codes import Code
from kiosk.domain.identity import (
    InvalidIdNumber,
    mask_id_number,
    mask_name,
    validate_id_number,
)


def gender_from_card_code(code: str) -> Gender | None:
    """GB/T 2261.1 as the cards write it: '1' male, '2' female; None for anything else."""
    return {"1": Gender.MALE, "2": Gender.FEMALE}.get(code)


class CardRejected(ValueError):
    """The chip read fine but its content cannot identify a citizen."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class SocialSecurityCard:
    card_number: str = field(repr=False)
    region: str
    card_type: str
    spec_version: str
    issue_date: date
    expiry_date: date
    holder_id_number: str = field(repr=False)
    holder_name: str = field(repr=False)
    holder_gender: Gender | None = field(repr=False)
    """None when the chip holds no valid code."""
    holder_birth_date: date = field(repr=False)

    @classmethod
    def from_chip(cls, data: SsCardData) -> SocialSecurityCard:
        """The holder as the chip names them (records already checked by decode_card);
        CardRejected when the ID number is invalid or disagrees with the birth date, or the
        name is empty."""
        try:
            id_number = validate_id_number(data.social_security_number)
        except InvalidIdNumber as exc:
            raise CardRejected(Code.CARD_BAD_ID_NUMBER) from exc
        if id_number[6:14] != data.birth_date.strftime("%Y%m%d"):
            # The number carries the birth date; a chip whose two disagree is not one holder's.
            raise CardRejected(Code.CARD_BAD_ID_NUMBER)
        if not data.name:
            raise CardRejected(Code.CARD_NO_NAME)
        return cls(
            card_number=data.card_number,
            region=data.region,
            card_type=data.card_type,
            spec_version=data.spec_version,
            issue_date=data.issue_date,
            expiry_date=data.expiry_date,
            holder_id_number=id_number,
            holder_name=data.name,
            holder_gender=gender_from_card_code(data.gender),
            holder_birth_date=data.birth_date,
        )

    def expired_on(self, today: date) -> bool:
        return today > self.expiry_date


@dataclass(frozen=True)
class Person:
    """An identified citizen. `reference` is the central system's opaque handle for this session."""

    reference: str = field(repr=False)
    id_number: str = field(repr=False)
    name: str = field(repr=False)
    gender: Gender | None = field(repr=False)
    birth_date: date = field(repr=False)
    card_number: str | None = field(default=None, repr=False)
    is_pensioner: bool | None = None
    """None when it could not be asked (identified offline, from the chip alone)."""
    card_activated: bool = True
    """False for a card issued but not activated yet (identify(not_activated_ok=True))."""

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)
