"""What the query flow (参保查询) asks and shows; ui/screens/query.py renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from kiosk.services.steps import Navigation, Prompt

if TYPE_CHECKING:  # the models load with the central client, not before the first screen
    from kiosk.central import models as m


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
