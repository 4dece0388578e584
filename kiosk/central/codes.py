"""Codes of the central contract as plain enums, importable without pydantic.

The UI and the flows need these words early (home screen, error screens); the models that
carry them are loaded only when a service first talks to the central system.
"""

from __future__ import annotations

import enum


class Gender(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"


class CardStatus(enum.StrEnum):
    ACTIVE = "active"
    REPORTED_LOST = "reported_lost"
    RETIRED = "retired"
    NOT_ACTIVATED = "not_activated"


class InsuranceKind(enum.StrEnum):
    EMPLOYEE_PENSION = "employee_pension"
    RESIDENT_PENSION = "resident_pension"
    EMPLOYEE_MEDICAL = "employee_medical"
    RESIDENT_MEDICAL = "resident_medical"
    UNEMPLOYMENT = "unemployment"
    WORK_INJURY = "work_injury"


class InsuredState(enum.StrEnum):
    INSURED = "insured"
    SUSPENDED = "suspended"
    RECEIVING_BENEFITS = "receiving_benefits"
    NOT_ENROLLED = "not_enrolled"


class PaymentState(enum.StrEnum):
    PAID = "paid"
    UNPAID = "unpaid"
    BACK_PAID = "back_paid"


class ReceiptState(enum.StrEnum):
    QUEUED = "queued"
    """Only the terminal says this: accepted offline, not yet delivered."""
    DELIVERED = "delivered"
    UNDER_REVIEW = "under_review"
    REJECTED = "rejected"


class PaymentMethod(enum.StrEnum):
    BANK_CARD = "bank_card"
    QR_CODE = "qr_code"


class CertificateKind(enum.StrEnum):
    CONTRIBUTION = "contribution"
    PERSONAL_RIGHTS = "personal_rights"
    PENSION_RECEIPT = "pension_receipt"


class CardApplicationReason(enum.StrEnum):
    NEW = "new"
    REPLACEMENT_LOST = "replacement_lost"
    REPLACEMENT_DAMAGED = "replacement_damaged"


class CardDelivery(enum.StrEnum):
    """How a card made at the branch reaches a citizen who applied where none can be made."""

    STAFF_VISIT = "staff_visit"
    """Brought by bank staff on a visit (a staff terminal's home visits)."""
    BRANCH_PICKUP = "branch_pickup"


class CardDeliveryStage(enum.StrEnum):
    """Where a card applied for with delivery stands (a receipt's progress says it)."""

    APPLIED = "applied"
    IN_PRODUCTION = "in_production"
    READY_FOR_DELIVERY = "ready_for_delivery"


class EligibilityReason(enum.StrEnum):
    """Why the central system did not pass a proof of life (`reason_code` of its answer and of
    the receipt's progress)."""

    FACE_MISMATCH = "eligibility.face_mismatch"
    NO_FACE = "eligibility.no_face"
    LOW_SCORE = "eligibility.low_score"
    NO_REFERENCE_PHOTO = "eligibility.no_reference_photo"
    REVIEW_REJECTED = "eligibility.review_rejected"
