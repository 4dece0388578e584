"""What certificate printing (权益证明打印) asks and shows; ui/screens/certificates.py renders it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from kiosk.services.steps import Confirmation, Navigation, Prompt

if TYPE_CHECKING:  # the models load with the central client, not before the first screen
    pass


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
