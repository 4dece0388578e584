"""Typed card errors. Codes are stable and safe to log; none carries card data."""

from __future__ import annotations

from devices.base import DeviceError


class CardError(DeviceError):
    code = "card.error"


class NoReader(CardError):
    code = "card.no_reader"
    fault = False  # the reader gone: counted once, as its noDevice status


class NoCard(CardError):
    code = "card.absent"
    fault = False


class CardRemoved(CardError):
    code = "card.removed"
    fault = False


class CardUnresponsive(CardError):
    """The card does not answer (dirty contacts, half inserted, mute chip)."""

    code = "card.unresponsive"


class NotSocialSecurityCard(CardError):
    code = "card.not_ssc"
    fault = False


class NotBankCard(CardError):
    """The card has no debit application (a card issued without the financial function)."""

    code = "card.not_bank_card"
    fault = False


class MalformedCardResponse(CardError):
    code = "card.malformed"


class CardCommandFailed(CardError):
    code = "card.command_failed"

    def __init__(self, sw: int, during: str) -> None:
        super().__init__(f"SW {sw:04X} during {during}")
        self.sw = sw


class PinBlocked(CardError):
    code = "card.pin_blocked"
    fault = False


class PinFormatInvalid(CardError):
    code = "card.pin_format"
    fault = False
