"""What the eligibility check (待遇领取资格认证) asks and shows;
ui/screens/eligibility.py renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from kiosk.services.steps import Confirmation, Navigation, Prompt


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
class EligibilityResult(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    receipt_number: str
    authenticated: bool
    under_review: bool
    valid_until: date | None
    reason_code: str | None
