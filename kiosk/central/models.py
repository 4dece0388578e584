"""The central system's API v1 as typed models, shared by the client and the sandbox.

Requests are strict (unknown fields rejected); replies ignore fields they do not know, so the
central system can add fields without breaking terminals in the field. Money is integer fen.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from kiosk.central.codes import CardApplicationReason as CardApplicationReason
from kiosk.central.codes import CardDelivery as CardDelivery
from kiosk.central.codes import CardDeliveryStage as CardDeliveryStage
from kiosk.central.codes import CardStatus as CardStatus
from kiosk.central.codes import CertificateKind as CertificateKind
from kiosk.central.codes import Gender as Gender
from kiosk.central.codes import InsuranceKind as InsuranceKind
from kiosk.central.codes import InsuredState as InsuredState
from kiosk.central.codes import PaymentMethod as PaymentMethod
from kiosk.central.codes import PaymentState as PaymentState
from kiosk.central.codes import ReceiptState as ReceiptState

API_PREFIX = "/api/v1"

# Digit classes are spelled [0-9]: pydantic's regex engine reads \d as any Unicode digit, and an
# Arabic-Indic or full-width number must not pass for a receipt, ID or card number.
IdNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{17}[0-9X]$")]
CardNumber = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{9}$")]
Fen = Annotated[int, Field(ge=0)]
MobileNumber = Annotated[str, StringConstraints(pattern=r"^1[0-9]{10}$")]
Year = Annotated[int, Field(ge=1990, le=2100)]
Month = Annotated[int, Field(ge=1, le=12)]
ReceiptNumber = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{15}$")]
"""The number a citizen keeps for a write that may be queued (16 digits, Luhn check)."""


QrPayload = Annotated[str, StringConstraints(min_length=1, max_length=512, pattern=r"^[ -~]+$")]
"""What the kiosk draws as a payment QR code: printable ASCII, at most 512 bytes (a version-18
code at level M), so a payload the screen cannot draw is refused as malformed, not drawn."""


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


StaffNumber = Annotated[str, StringConstraints(pattern=r"^S[0-9]{4}$")]


class WriteRequest(Request):
    """A write (kiosk.central.operations): it names the member of staff on duty at the terminal
    that made it, if any, so that the central system knows who served the citizen."""

    staff_number: StaffNumber | None = None


class Reply(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Problem(Reply):
    """RFC 9457 problem details with a stable `code`."""

    type: str = "about:blank"
    title: str
    status: int
    code: str
    detail: str | None = None


class Health(Reply):
    status: Literal["ok"]
    version: str
    time: AwareDatetime


# --- identification (shared by every service) ---


class IdentificationRequest(Request):
    """A lookup, not a write: it changes nothing, so it carries no Idempotency-Key."""

    id_number: IdNumber
    card_number: CardNumber | None = None


class Identification(Reply):
    person_ref: str
    """Opaque handle for this person, valid until `expires_at`; used in the paths below."""
    expires_at: AwareDatetime
    name: str
    gender: Gender
    birth_date: date
    card_status: CardStatus | None = None
    """Status of the card named in the request; None when no card was named."""
    is_pensioner: bool


# --- query (参保查询) ---


class InsuranceStatus(Reply):
    kind: InsuranceKind
    state: InsuredState
    since: date | None = None
    region: str
    """Administrative division code (6 digits) of the insuring bureau."""


class InsuredStatus(Reply):
    items: list[InsuranceStatus]


class ContributionMonth(Reply):
    month: Month
    base_fen: Fen
    personal_fen: Fen
    employer_fen: Fen
    to_account_fen: Fen
    state: PaymentState


class ContributionYear(Reply):
    year: Year
    kind: InsuranceKind
    months: list[ContributionMonth]
    """Monthly rows; resident insurances pay per year and have one row with month 12."""


class ContributionHistory(Reply):
    years: list[ContributionYear]


class AccountYear(Reply):
    year: Year
    credited_fen: Fen
    interest_fen: Fen
    closing_balance_fen: Fen


class PersonalAccount(Reply):
    kind: InsuranceKind
    balance_fen: Fen
    as_of: date
    years: list[AccountYear]


class PersonalAccounts(Reply):
    accounts: list[PersonalAccount]


class BenefitPayment(Reply):
    month: date
    """First day of the month the payment is for."""
    kind: InsuranceKind
    amount_fen: Fen
    paid_on: date
    bank_account_tail: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]


class BenefitPayments(Reply):
    items: list[BenefitPayment]


# --- eligibility authentication (待遇领取资格认证) ---


class EligibilityStatus(Reply):
    due: bool
    last_authenticated_on: date | None
    valid_until: date | None


class LivenessStep(Reply):
    action: Literal["blink", "turn_left", "turn_right"]
    passed: bool
    at: AwareDatetime


class EligibilityAuthenticationRequest(WriteRequest):
    receipt_number: ReceiptNumber
    id_number: IdNumber
    captured_at: AwareDatetime
    best_frame_jpeg_b64: str
    liveness: list[LivenessStep]
    local_match_score: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    captured_offline: bool
    staff_confirmation: Literal["bedridden", "cannot_use_hands", "cannot_see"] | None = None
    """Set when the citizen could not enter their PIN and a member of staff (named by the
    request's staff number) confirmed their identity for this reason; the face is the proof."""


class AuthenticationOutcome(enum.StrEnum):
    AUTHENTICATED = "authenticated"
    UNDER_REVIEW = "under_review"
    REJECTED = "rejected"


class EligibilityAuthenticationResult(Reply):
    authentication_id: UUID
    outcome: AuthenticationOutcome
    match_score: float | None
    valid_until: date | None
    reason_code: str | None = None


# --- enrollment (参保登记) ---


class EnrollmentRequest(WriteRequest):
    receipt_number: ReceiptNumber
    id_number: IdNumber
    name: Annotated[str, StringConstraints(min_length=1, max_length=30)]
    gender: Gender
    nation: Annotated[str, StringConstraints(min_length=1, max_length=10)]
    birth_date: date
    address: Annotated[str, StringConstraints(min_length=1, max_length=70)]
    id_valid_until: date | None
    """None for an ID card valid for life (长期)."""
    mobile: MobileNumber
    insurances: Annotated[
        list[Literal[InsuranceKind.RESIDENT_PENSION, InsuranceKind.RESIDENT_MEDICAL]],
        Field(min_length=1, max_length=2),
    ]
    accepted_offline_at: AwareDatetime | None = None


class EnrollmentReceipt(Reply):
    enrollment_id: UUID
    insurances: list[InsuranceKind]
    effective_from: date


# --- contribution payment (社保缴费) ---


class ContributionGrade(Reply):
    grade: int
    amount_fen: Fen


class PayableItem(Reply):
    kind: InsuranceKind
    year: Year
    grades: list[ContributionGrade]
    """Resident pension: the grades to choose from; medical: one fixed amount."""
    unpaid_back_year: bool


class PayableItems(Reply):
    items: list[PayableItem]


class PaymentOrderRequest(WriteRequest):
    id_number: IdNumber
    kind: InsuranceKind
    year: Year
    grade: int
    method: PaymentMethod


class OrderState(enum.StrEnum):
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    CONFIRMED = "confirmed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class PaymentOrder(Reply):
    order_id: UUID
    amount_fen: Fen
    state: OrderState
    expires_at: AwareDatetime
    qr_payload: QrPayload | None = None
    bank_reference: str | None = None
    """Set once the money has moved."""
    paid_at: AwareDatetime | None = None


class OrderCancellation(WriteRequest):
    order_id: UUID
    reason: Literal["citizen_left", "timeout", "kiosk_fault"]


class CardDebitRequest(WriteRequest):
    """A debit of the citizen's bank card for an order. `pin_block` is the ISO 9564 format-0
    PIN block (hex); a real PIN pad sends it encrypted under the acquirer's key."""

    order_id: UUID
    pan: Annotated[str, StringConstraints(pattern=r"^[0-9]{16,19}$")]
    pin_block: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{16}$")]


class PaymentConfirmation(WriteRequest):
    """Sent through the outbox once money has moved; never lost, applied once."""

    receipt_number: ReceiptNumber
    order_id: UUID
    bank_reference: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    paid_at: AwareDatetime
    amount_fen: Fen


# --- certificates (权益证明打印) ---


class CertificateRequest(WriteRequest):
    id_number: IdNumber
    kind: CertificateKind


VerificationCode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{16}$")]


class CertificateTable(Reply):
    """Columns are codes (`year`, `kind`, `months_paid`, `personal_fen`, …) the document
    renders in words; money columns end in `_fen`."""

    columns: list[str]
    rows: list[list[str | int]]


class CertificateContent(Reply):
    """What a certificate says. The central system signs its JSON, byte for byte."""

    verification_code: VerificationCode
    verify_url: Annotated[str, Field(min_length=8, max_length=300, pattern=r"^https?://\S+$")]
    """Where anyone checks it (its QR code): named by the central system, so the certificate
    is the same whichever terminal printed or verifies it."""
    kind: CertificateKind
    issued_at: AwareDatetime
    issuer: str
    holder_name: str
    holder_id_number: IdNumber
    tables: list[CertificateTable]


class IssuedCertificate(Reply):
    verification_code: VerificationCode
    kind: CertificateKind
    issued_at: AwareDatetime
    content_json: str
    """The signed bytes (UTF-8) of a CertificateContent."""
    content_sha256: str
    signature: str
    """Hex Ed25519 signature of the central system over `content_json`."""


class CertificateVerification(Reply):
    verification_code: str
    valid: bool
    kind: CertificateKind | None
    issued_at: AwareDatetime | None
    content_sha256: str | None


# --- card issuance (社保卡办理) ---


class CardLossReportRequest(WriteRequest):
    """The holder's active card is reported lost. Who reports it proves it: with the card number
    (read from the chip or known from an ID-card identification) or, without the card in hand
    (临时挂失), with the mobile number registered with the bureau."""

    receipt_number: ReceiptNumber
    id_number: IdNumber
    card_number: CardNumber | None = None
    registered_mobile: MobileNumber | None = None
    face_photo_jpeg_b64: str | None = None
    """A third proof: the reporter's live face (ID card on the reader and a face check at the
    kiosk), matched against the reference photo on file."""
    reported_at: AwareDatetime


class CardLossReportReceipt(Reply):
    report_id: UUID
    card_number: CardNumber
    card_status: CardStatus
    reported_at: AwareDatetime


class CardApplicationRequest(WriteRequest):
    """Not queued: a card is issued while the citizen waits, or not at all."""

    id_number: IdNumber
    reason: CardApplicationReason
    face_photo_jpeg_b64: str
    """The live photo from the kiosk's face check; also the photo printed on the card."""


class CardApplication(Reply):
    application_id: UUID
    card_number: CardNumber
    """Assigned now, never given to another card, even if this one is spoiled."""
    retired_card_number: CardNumber | None
    valid_from: date
    valid_until: date


class PersonalisationRequest(WriteRequest):
    application_id: UUID
    challenge_hex: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{16}$")]
    """GET CHALLENGE's answer from the blank chip in the issuer's chip station."""


class PersonalisationStep(Reply):
    apdu_hex: Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-F]{2}){4,261}$")]
    """A short command APDU: header, Lc, at most 255 bytes of data, Le."""
    expect_sw: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{4}$")]


class PersonalisationScript(Reply):
    """EXTERNAL AUTHENTICATE with the issuer key's answer to the challenge, then the records.
    The PIN is not in it: the kiosk sets the citizen's PIN in the same chip session."""

    application_id: UUID
    steps: Annotated[list[PersonalisationStep], Field(min_length=1, max_length=64)]

    def commands(self) -> list[tuple[bytes, int]]:
        """Each step as (command APDU, expected status word), the way the chip is sent them."""
        return [(bytes.fromhex(step.apdu_hex), int(step.expect_sw, 16)) for step in self.steps]


class IssuanceOutcome(WriteRequest):
    """Through the outbox: the card came out (issued) or went to the reject bin (spoiled)."""

    receipt_number: ReceiptNumber
    application_id: UUID
    outcome: Literal["issued", "spoiled"]
    detail_code: str | None = None


class CardApplicationState(enum.StrEnum):
    APPLIED = "applied"
    PERSONALISING = "personalising"
    ISSUED = "issued"
    SPOILED = "spoiled"


class CardApplicationStatus(Reply):
    application_id: UUID
    card_number: CardNumber
    state: CardApplicationState


class CardActivationRequest(WriteRequest):
    receipt_number: ReceiptNumber
    id_number: IdNumber
    card_number: CardNumber


CardDeliveryMethod = Literal["staff_visit", "branch_pickup"]
"""kiosk.central.codes.CardDelivery's values, as the contract spells them."""


class CardDeliveryApplicationRequest(WriteRequest):
    """A card made at the branch and brought to the citizen, applied for where no card can be
    made (a staff laptop on a home visit, a kiosk without a card issuer). May wait in the
    queue: the central system matches the face against the photo on file when it arrives."""

    receipt_number: ReceiptNumber
    id_number: IdNumber
    reason: CardApplicationReason
    face_photo_jpeg_b64: str
    """The live photo from the face check at the door; also the photo printed on the card."""
    delivery: CardDeliveryMethod
    applied_at: AwareDatetime


class CardDeliveryApplication(Reply):
    application_id: UUID
    stage: CardDeliveryStage


class PinResetRequest(WriteRequest):
    """A forgotten or blocked PIN, reset at the kiosk: the card in the reader, the ID card and
    a live face as proof. Not queued. The answer authenticates the kiosk to this card's chip as
    the issuer (EXTERNAL AUTHENTICATE to the chip's challenge); the new PIN itself never leaves
    the kiosk."""

    id_number: IdNumber
    card_number: CardNumber
    challenge_hex: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{16}$")]
    face_photo_jpeg_b64: str


class CardActivation(Reply):
    card_number: CardNumber
    card_status: CardStatus


# --- receipts (查进度) ---


class ReceiptProgress(Reply):
    receipt_number: ReceiptNumber
    operation: str
    state: ReceiptState
    reason_code: str | None = None
    updated_at: AwareDatetime
    card_stage: CardDeliveryStage | None = None
    """A card applied for with delivery: where it stands once the application arrived."""


# --- help requests (求助) ---

ScreenName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z_.:]{0,79}$")]
"""A screen's stable name (its step's class, or `home`, `attract`, `error:<code>`): letters and
punctuation only, so it cannot carry a name, an ID, card or mobile number."""
ServiceCode = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,32}$")]


class HelpRequest(WriteRequest):
    """A citizen pressed 求助 (call staff). Nothing personal: the terminal is the one that signed
    it, the screen is named by its code, never by what it shows."""

    screen: ScreenName
    service: ServiceCode | None = None
    """The service the citizen was in, if any."""
    raised_at: AwareDatetime


class HelpRequestReceipt(Reply):
    request_id: UUID
    received_at: AwareDatetime


class OpenHelpRequest(Reply):
    """One request the branch has yet to answer."""

    request_id: UUID
    terminal_id: str
    screen: str
    service: str | None
    raised_at: AwareDatetime
    received_at: AwareDatetime


class HelpRequests(Reply):
    items: list[OpenHelpRequest]


Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
TechnicianNumber = Annotated[str, StringConstraints(pattern=r"^T[0-9]{4}$")]


class TechnicianLoginRequest(Request):
    """A technician's number and PIN, checked by the central system. Not queued, not kept:
    offline the terminal checks against what it kept from the last online login."""

    technician_id: TechnicianNumber
    pin: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]


class TechnicianGrant(Reply):
    technician_id: str
    granted_at: AwareDatetime


class StaffLoginRequest(Request):
    """A member of staff's number and PIN, checked by the central system. Not queued, not
    kept: offline the terminal checks against what it kept from the last online login."""

    staff_id: StaffNumber
    pin: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]


class StaffGrant(Reply):
    staff_id: str
    granted_at: AwareDatetime
    branch: str | None = None
    """The branch the member of staff belongs to, when the central system says."""


class AuditAnchor(WriteRequest):
    """The terminal's audit log as it stood: its last record's number and hash. Kept by the
    central system, it fixes the log up to there: a terminal that rewrote its own log
    afterwards no longer reaches the same hash at that record."""

    day: date
    records: Annotated[int, Field(ge=1)]
    last_hash: Sha256Hex
    anchored_at: AwareDatetime


class AuditAnchorReceipt(Reply):
    anchor_id: UUID
    received_at: AwareDatetime


class AuditAnchors(Reply):
    """The anchors the central system holds for the terminal that asks, oldest first."""

    items: list[AuditAnchor]
