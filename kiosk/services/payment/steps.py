"""What contribution payment (社保缴费) asks and shows; ui/screens/payment.py renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from kiosk.central.codes import PaymentMethod
from kiosk.services.steps import Confirmation, Navigation, Prompt, View

if TYPE_CHECKING:  # the models load with the central client, not before the first screen
    pass


@dataclass(frozen=True)
class PayableOption:
    """One year of one insurance that can be paid, with its grades as (grade, amount in fen)."""

    kind: str
    """A kiosk.central.codes.InsuranceKind value (resident_pension, resident_medical)."""
    year: int
    grades: tuple[tuple[int, int], ...]
    back_year: bool
    """An earlier year left unpaid (补缴)."""


@dataclass(frozen=True)
class PayableChoice:
    option: int
    """Index into ChoosePayable.options."""
    grade: int


@dataclass(frozen=True)
class ChoosePayable(Prompt[PayableChoice]):
    answer_type: ClassVar[type] = PayableChoice
    masked_name: str = field(repr=False)
    options: tuple[PayableOption, ...] = ()


@dataclass(frozen=True)
class NothingToPay(Prompt[Navigation]):
    """Enrolled in nothing payable here, or every year is paid."""

    answer_type: ClassVar[type] = Navigation


@dataclass(frozen=True)
class ChoosePaymentMethod(Prompt[PaymentMethod]):
    answer_type: ClassVar[type] = PaymentMethod
    kind: str
    year: int
    amount_fen: int


@dataclass(frozen=True)
class PayByQr(Prompt[Confirmation]):
    """The QR code to scan with a payment app, with the time left. Only Back answers it (the
    citizen cancels); the flow ends the wait when the order is paid, expired or cancelled."""

    answer_type: ClassVar[type] = Confirmation
    payload: str = field(repr=False)
    amount_fen: int
    expires_at: datetime


@dataclass(frozen=True)
class EnterBankPin(Prompt[str]):
    """The bank PIN on the on-screen keypad, its digits laid out in `keypad` order."""

    answer_type: ClassVar[type] = str
    keypad: tuple[int, ...] = field(repr=False)
    amount_fen: int = 0
    tries_left: int | None = None
    """Set after a wrong PIN."""


@dataclass(frozen=True)
class BankPinOnPad(View):
    """The PIN is typed on the PIN pad; the screen shows one dot per digit typed."""

    digits: int
    amount_fen: int
    tries_left: int | None = None


@dataclass(frozen=True)
class PaymentDone(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    kind: str
    year: int
    amount_fen: int
    receipt_number: str
    """The confirmation's receipt: follow it with 查进度 if it was queued."""
    queued: bool
    """Paid, but the booking waits in the queue (the central system did not answer in time)."""
    printed: bool
    """The receipt came out of the receipt printer."""
