"""What enrollment (参保登记) asks and shows; ui/screens/enrollment.py renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from kiosk.central.codes import InsuranceKind
from kiosk.services.steps import Confirmation, Navigation, Prompt

if TYPE_CHECKING:  # the models load with the central client, not before the first screen
    pass


@dataclass(frozen=True)
class EnterContactMobile(Prompt[str]):
    """The mobile number the bureau will use, for a new enrollment."""

    answer_type: ClassVar[type] = str
    masked_name: str = field(repr=False)
    invalid: bool = False


@dataclass(frozen=True)
class ChooseInsurances(Prompt[tuple]):  # type: ignore[type-arg]
    """Answered with a non-empty tuple of InsuranceKind."""

    answer_type: ClassVar[type] = tuple
    offered: tuple[InsuranceKind, ...]
    already: tuple[InsuranceKind, ...] = ()
    """Enrolled before: shown, not offered."""


@dataclass(frozen=True)
class ConfirmEnrollment(Prompt[Confirmation]):
    answer_type: ClassVar[type] = Confirmation
    masked_name: str = field(repr=False)
    masked_id_number: str = field(repr=False)
    """Masked, so no birth date stands beside it: that would give back 8 of its 10 hidden
    digits. A bystander reads no more than the family name and the county."""
    gender: str
    nation: str
    masked_address: str = field(repr=False)
    masked_mobile: str = field(repr=False)
    insurances: tuple[InsuranceKind, ...]
    offline: bool = False


@dataclass(frozen=True)
class EnrollmentDone(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    receipt_number: str
    insurances: tuple[InsuranceKind, ...]
    effective_from: date
    printed: bool = False
