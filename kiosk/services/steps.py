"""What a flow asks and shows: plain data, no text. `ui/screens` decides how each one looks.

A Prompt waits for the citizen's answer (`Session.ask`); a View is shown while the flow works
(`Session.show`). Anything the citizen reads at leisure (results) is a Prompt answered by Done.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from kiosk.central.codes import ReceiptState

if TYPE_CHECKING:  # the models load with the central client, not before the first screen
    from kiosk.central import models as m

A = TypeVar("A")


class Navigation(enum.Enum):
    DONE = "done"


class Prompt(Generic[A]):
    """Base of everything a flow can ask; the type parameter is the answer's type."""

    answer_type: ClassVar[type]


class View:
    """Base of everything a flow can show while it works."""


class Activity(enum.StrEnum):
    READING_CARD = "reading_card"
    CHECKING_CARD = "checking_card"
    VERIFYING_PIN = "verifying_pin"
    FETCHING_RECORDS = "fetching_records"
    SUBMITTING = "submitting"
    CHECKING_PROGRESS = "checking_progress"
    CHECKING_ELIGIBILITY = "checking_eligibility"
    PREPARING_CAMERA = "preparing_camera"
    ISSUING_CERTIFICATE = "issuing_certificate"
    PRINTING = "printing"
    READING_ID_CARD = "reading_id_card"
    CHECKING_ENROLLMENT = "checking_enrollment"
    FETCHING_PAYABLES = "fetching_payables"
    CREATING_ORDER = "creating_order"
    READING_BANK_CARD = "reading_bank_card"
    DEBITING = "debiting"
    CONFIRMING_PAYMENT = "confirming_payment"
    CANCELLING_ORDER = "cancelling_order"
    APPLYING_FOR_CARD = "applying_for_card"
    RETAINING_CARD = "retaining_card"
    CHANGING_PIN = "changing_pin"
    ACTIVATING_CARD = "activating_card"


@dataclass(frozen=True)
class InsertCard(View):
    pass


@dataclass(frozen=True)
class Working(View):
    activity: Activity


@dataclass(frozen=True)
class TakeCard(View):
    pass


@dataclass(frozen=True)
class EnterPin(Prompt[str]):
    answer_type: ClassVar[type] = str
    masked_name: str = field(repr=False)
    tries_left: int | None = None
    """Set after a wrong PIN."""


@dataclass(frozen=True)
class QueryResults(Prompt[Navigation]):
    """Everything the query service found, for the citizen to browse."""

    answer_type: ClassVar[type] = Navigation
    masked_name: str = field(repr=False)
    masked_id_number: str = field(repr=False)
    insured: m.InsuredStatus = field(repr=False)
    contributions: m.ContributionHistory = field(repr=False)
    accounts: m.PersonalAccounts = field(repr=False)
    benefits: m.BenefitPayments = field(repr=False)


Step = Prompt[object] | View


class Confirmation(enum.Enum):
    CONFIRM = "confirm"


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


@dataclass(frozen=True)
class QueuedReceipt(Prompt[Navigation]):
    """Accepted offline: the receipt to keep, and when it will be processed."""

    answer_type: ClassVar[type] = Navigation
    receipt_number: str
    operation: str
    accepted_at: datetime
    urgent: bool = False
    """Sent before anything else when the line returns (a loss report)."""
    printed: bool = False
    """The receipt came out of the receipt printer."""


@dataclass(frozen=True)
class EnterReceiptNumber(Prompt[str]):
    """Typed on the keypad, or scanned from the receipt's QR code (the scanner types it)."""

    answer_type: ClassVar[type] = str
    invalid: bool = False


@dataclass(frozen=True)
class ReceiptStatus(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    receipt_number: str
    operation: str
    state: ReceiptState
    reason_code: str | None
    updated_at: datetime


class FaceAction(enum.StrEnum):
    """What the citizen is asked to do in front of the camera (kiosk.face.liveness.Action)."""

    LOOK = "look"
    """Look at the camera (before the actions, and to pick the best frame)."""
    BLINK = "blink"
    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"


class FaceFeedback(enum.StrEnum):
    """The one thing to fix right now (kiosk.face.quality.QualityIssue), if any."""

    NO_FACE = "no_face"
    SEVERAL_FACES = "several_faces"
    TOO_FAR = "too_far"
    TOO_CLOSE = "too_close"
    OFF_CENTRE = "off_centre"
    TOO_DARK = "too_dark"
    TOO_BRIGHT = "too_bright"
    BLURRY = "blurry"
    NOT_FACING = "not_facing"


@dataclass(frozen=True)
class EligibilityDue(Prompt[Confirmation]):
    """Shown before the camera: whether the yearly check is due, and until when it is valid.

    Confirm starts the check; Back leaves."""

    answer_type: ClassVar[type] = Confirmation
    masked_name: str = field(repr=False)
    due: bool | None
    """None when it could not be asked (offline)."""
    valid_until: date | None = None


@dataclass(frozen=True)
class FaceGuidance(View):
    """The live camera step: the action asked now, and the one thing to fix, if any."""

    action: FaceAction
    feedback: FaceFeedback | None
    done: int
    total: int
    attempt: int


@dataclass(frozen=True)
class FaceRetry(Prompt[Confirmation]):
    """An attempt did not pass: try again (Confirm) or leave (Back)."""

    answer_type: ClassVar[type] = Confirmation
    attempts_left: int
    reason: str
    """A code: liveness.timeout, liveness.too_fast, face.no_good_frame."""


@dataclass(frozen=True)
class EligibilityResult(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    receipt_number: str
    authenticated: bool
    under_review: bool
    valid_until: date | None
    reason_code: str | None


class CertificateChoice(enum.StrEnum):
    CONTRIBUTION = "contribution"
    PERSONAL_RIGHTS = "personal_rights"
    PENSION_RECEIPT = "pension_receipt"


@dataclass(frozen=True)
class ChooseCertificate(Prompt[CertificateChoice]):
    answer_type: ClassVar[type] = CertificateChoice
    choices: tuple[CertificateChoice, ...]


@dataclass(frozen=True)
class CertificatePreview(Prompt[Confirmation]):
    """The certificate as it will print; Confirm prints, Back leaves without printing."""

    answer_type: ClassVar[type] = Confirmation
    kind: CertificateChoice
    page_png: bytes = field(repr=False)
    verification_code: str


@dataclass(frozen=True)
class CertificatePrinted(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    verification_code: str


@dataclass(frozen=True)
class PlaceIdCard(View):
    """Place the resident ID card on the reader."""


@dataclass(frozen=True)
class EnterContactMobile(Prompt[str]):
    """The mobile number the bureau will use, for a new enrollment."""

    answer_type: ClassVar[type] = str
    masked_name: str = field(repr=False)
    invalid: bool = False


class ResidentInsurance(enum.StrEnum):
    """What a resident can enrol in at the kiosk (kiosk.central.codes.InsuranceKind values)."""

    PENSION = "resident_pension"
    MEDICAL = "resident_medical"


@dataclass(frozen=True)
class ChooseInsurances(Prompt[tuple]):  # type: ignore[type-arg]
    """Answered with a non-empty tuple of ResidentInsurance."""

    answer_type: ClassVar[type] = tuple
    offered: tuple[ResidentInsurance, ...]
    already: tuple[ResidentInsurance, ...] = ()
    """Enrolled before: shown, not offered."""


@dataclass(frozen=True)
class ConfirmEnrollment(Prompt[Confirmation]):
    answer_type: ClassVar[type] = Confirmation
    name: str = field(repr=False)
    """In full: the citizen checks their own details, on their own session."""
    masked_id_number: str = field(repr=False)
    gender: str
    nation: str
    birth_date: date = field(repr=False)
    address: str = field(repr=False)
    masked_mobile: str = field(repr=False)
    insurances: tuple[ResidentInsurance, ...]
    offline: bool = False


@dataclass(frozen=True)
class EnrollmentDone(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    receipt_number: str
    insurances: tuple[ResidentInsurance, ...]
    effective_from: date
    printed: bool = False


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


class PaymentMethodChoice(enum.StrEnum):
    """kiosk.central.models.PaymentMethod values."""

    QR_CODE = "qr_code"
    BANK_CARD = "bank_card"


@dataclass(frozen=True)
class ChoosePaymentMethod(Prompt[PaymentMethodChoice]):
    answer_type: ClassVar[type] = PaymentMethodChoice
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


@dataclass(frozen=True)
class ChooseCardService(Prompt[CardService]):
    answer_type: ClassVar[type] = CardService
    choices: tuple[CardService, ...]
    issuing: bool = True
    """False when this kiosk cannot issue cards now (no issuer, out of cards, offline)."""


class ReplacementReason(enum.StrEnum):
    """kiosk.central.models.CardApplicationReason values."""

    LOST = "replacement_lost"
    DAMAGED = "replacement_damaged"


@dataclass(frozen=True)
class ChooseReplacementReason(Prompt[ReplacementReason]):
    answer_type: ClassVar[type] = ReplacementReason


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
