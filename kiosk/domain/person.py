"""The citizen as the kiosk knows them during one session, and their social security card."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from devices.smartcard.records import SsCardData
from kiosk.domain.identity import (
    InvalidIdNumber,
    mask_id_number,
    mask_name,
    validate_id_number,
)


class Gender(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"

    @classmethod
    def from_card_code(cls, code: str) -> Gender:
        return {"1": cls.MALE, "2": cls.FEMALE}.get(code, cls.UNKNOWN)


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
    holder_gender: Gender = field(repr=False)
    holder_birth_date: date = field(repr=False)

    @classmethod
    def from_chip(cls, data: SsCardData) -> SocialSecurityCard:
        try:
            id_number = validate_id_number(data.social_security_number)
        except InvalidIdNumber as exc:
            raise CardRejected("card.bad_id_number") from exc
        if not data.name:
            raise CardRejected("card.no_name")
        return cls(
            card_number=data.card_number,
            region=data.region,
            card_type=data.card_type,
            spec_version=data.spec_version,
            issue_date=data.issue_date,
            expiry_date=data.expiry_date,
            holder_id_number=id_number,
            holder_name=data.name,
            holder_gender=Gender.from_card_code(data.gender),
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
    gender: Gender = field(repr=False)
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
