"""What a flow asks and shows: plain data, no text. `ui/screens` decides how each one looks.

A Prompt waits for the citizen's answer (`Session.ask`); a View is shown while the flow works
(`Session.show`). Anything the citizen reads at leisure (results) is a Prompt answered by Done.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

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
