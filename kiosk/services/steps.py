"""What a flow asks and shows: plain data, no text. `ui/screens` decides how each one looks.

A Prompt waits for the citizen's answer (`Session.ask`); a View is shown while the flow works
(`Session.show`). Anything the citizen reads at leisure (results) is a Prompt answered by Done.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from kiosk.face.codes import FaceAction, QualityIssue

if TYPE_CHECKING:  # the models load with the central client, not before the first screen
    pass

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


class StaffConfirms(enum.Enum):
    """EnterPin's other answer on a staff terminal: the citizen cannot enter a PIN (bedridden,
    say), and the member of staff will confirm who they are with a face check and a reason."""

    IDENTITY = "staff_confirms_identity"


@dataclass(frozen=True)
class EnterPin(Prompt["str | StaffConfirms"]):
    answer_type: ClassVar[type] = str
    masked_name: str = field(repr=False)
    tries_left: int | None = None
    """Set after a wrong PIN."""
    staff_may_confirm: bool = False
    """Offers StaffConfirms.IDENTITY (a staff terminal, a service whose face check follows)."""


class ConfirmationReason(enum.StrEnum):
    """Why a citizen cannot enter their PIN, as the member of staff states it."""

    BEDRIDDEN = "bedridden"
    CANNOT_USE_HANDS = "cannot_use_hands"
    CANNOT_SEE = "cannot_see"


@dataclass(frozen=True)
class AskConfirmationReason(Prompt[ConfirmationReason]):
    """The member of staff states why they, not the PIN, confirm the citizen's identity."""

    answer_type: ClassVar[type] = ConfirmationReason


Step = Prompt[object] | View


class Confirmation(enum.Enum):
    CONFIRM = "confirm"


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
class FaceGuidance(View):
    """The live camera step: the action asked now, and the one thing to fix, if any."""

    action: FaceAction
    feedback: QualityIssue | None
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
class PlaceIdCard(View):
    """Place the resident ID card on the reader."""
