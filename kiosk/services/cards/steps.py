"""What the card services (社保卡办理) ask and show;
ui/screens/card.py and card_loss.py render it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from kiosk.central.codes import CardApplicationReason, CardDelivery
from kiosk.services.steps import Confirmation, Navigation, Prompt, View

if TYPE_CHECKING:  # the models load with the central client, not before the first screen
    pass


@dataclass(frozen=True)
class EnterIdNumber(Prompt[str]):
    """The citizen types their ID number (no card at hand, e.g. to report it lost)."""

    answer_type: ClassVar[type] = str
    invalid: bool = False
    """Set when the number typed before was not a valid ID number."""


@dataclass(frozen=True)
class EnterMobile(Prompt[str]):
    """The mobile number registered with the bureau, as proof when the card is not at hand."""

    answer_type: ClassVar[type] = str
    invalid: bool = False


@dataclass(frozen=True)
class ConfirmLossReport(Prompt[Confirmation]):
    answer_type: ClassVar[type] = Confirmation
    masked_id_number: str = field(repr=False)
    masked_mobile: str = field(repr=False)
    offline: bool = False
    """The central system is unreachable: the report will be queued; the citizen is told what
    that means before confirming."""


@dataclass(frozen=True)
class LossReported(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    receipt_number: str
    masked_card_number: str = field(repr=False)
    reported_at: datetime


class CardService(enum.StrEnum):
    NEW_CARD = "new_card"
    REPLACEMENT = "replacement"
    REPORT_LOSS = "report_loss"
    """By ID card and face."""
    REPORT_LOSS_BY_MOBILE = "report_loss_by_mobile"
    """Without any card at hand (临时挂失): ID number and registered mobile."""
    ACTIVATE = "activate"
    CHANGE_PIN = "change_pin"
    RESET_PIN = "reset_pin"
    APPLY_FOR_DELIVERY = "apply_for_delivery"
    """Where no card can be made (no card issuer fitted): a new card or a replacement, made at
    the branch and brought to the citizen or collected there."""


ISSUES_A_CARD = (CardService.NEW_CARD, CardService.REPLACEMENT)


@dataclass(frozen=True)
class ChooseCardService(Prompt[CardService]):
    answer_type: ClassVar[type] = CardService
    choices: tuple[CardService, ...]
    issuing: bool = True
    """False when this kiosk cannot issue cards now (no issuer, out of cards, offline)."""

    def offers(self, procedure: CardService) -> bool:
        """Whether a tap on `procedure` starts it now (a card-making one needs `issuing`)."""
        return procedure in self.choices and (self.issuing or procedure not in ISSUES_A_CARD)


@dataclass(frozen=True)
class ChooseReplacementReason(Prompt[CardApplicationReason]):
    answer_type: ClassVar[type] = CardApplicationReason
    first_card: bool = False
    """A first card is among the answers too (an application for delivery asks it here; the
    card made on the spot has a menu choice of its own for it)."""


@dataclass(frozen=True)
class ChooseCardDelivery(Prompt[CardDelivery]):
    """A staff terminal: the card brought on a visit, or collected at the branch."""

    answer_type: ClassVar[type] = CardDelivery


@dataclass(frozen=True)
class ConfirmCardApplication(Prompt[Confirmation]):
    """The summary of an application for delivery, confirmed before it is sent."""

    answer_type: ClassVar[type] = Confirmation
    masked_name: str = field(repr=False)
    masked_id_number: str = field(repr=False)
    reason: CardApplicationReason
    delivery: CardDelivery
    offline: bool = False
    """The central system is unreachable: the application will wait in the queue."""


@dataclass(frozen=True)
class CardApplied(Prompt[Navigation]):
    """An application for delivery the central system has: the card is being made."""

    answer_type: ClassVar[type] = Navigation
    receipt_number: str
    reason: CardApplicationReason
    delivery: CardDelivery


@dataclass(frozen=True)
class SetNewPin(Prompt[str]):
    """A new 6-digit card PIN, typed twice (`again`); `mismatch` after two that differed."""

    answer_type: ClassVar[type] = str
    again: bool = False
    mismatch: bool = False
    weak: bool = False
    """The PIN typed was too easy to guess (all one digit, or a run)."""


class IssuanceStage(enum.StrEnum):
    FEEDING = "feeding"
    WRITING_CHIP = "writing_chip"
    PRINTING = "printing"
    PRESENTING = "presenting"


@dataclass(frozen=True)
class IssuingCard(View):
    """The machine part, stage by stage: the citizen waits and watches."""

    stage: IssuanceStage
    done: int
    total: int


@dataclass(frozen=True)
class CardReady(Prompt[Navigation]):
    """The card is at the exit: take it. Activated, with the PIN just set."""

    answer_type: ClassVar[type] = Navigation
    masked_card_number: str = field(repr=False)
    receipt_number: str
    machine_seconds: float
    retired_masked_card_number: str | None = field(default=None, repr=False)
    printed: bool = False


@dataclass(frozen=True)
class ConfirmCardLoss(Prompt[Confirmation]):
    """After the ID card and the face check: block the card now?"""

    answer_type: ClassVar[type] = Confirmation
    masked_name: str = field(repr=False)
    masked_id_number: str = field(repr=False)
    offline: bool = False
    replaced_here: bool = True
    """A card issuer is fitted: a replacement is made here at once (else it is applied for)."""


@dataclass(frozen=True)
class PinChanged(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    reset: bool = False
    """Set after a reset (ID card and face) rather than a change with the old PIN."""


@dataclass(frozen=True)
class CardActivated(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    masked_card_number: str = field(repr=False)
    receipt_number: str
    queued: bool = False
    """Offline: the activation waits in the queue; the card works once it arrives."""
    printed: bool = False
