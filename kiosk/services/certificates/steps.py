"""What certificate printing (权益证明打印) asks and shows;
ui/screens/certificates.py renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from kiosk.central.codes import CertificateKind
from kiosk.services.steps import Confirmation, Navigation, Prompt

if TYPE_CHECKING:  # the models load with the central client, not before the first screen
    pass


@dataclass(frozen=True)
class ChooseCertificate(Prompt[CertificateKind]):
    answer_type: ClassVar[type] = CertificateKind
    choices: tuple[CertificateKind, ...]
    collection_point: str = ""
    """Set where it is not printed here: where the citizen will collect it."""


@dataclass(frozen=True)
class CertificatePreview(Prompt[Confirmation]):
    """The certificate as it will print; Confirm prints, Back leaves without printing."""

    answer_type: ClassVar[type] = Confirmation
    kind: CertificateKind
    page_png: bytes = field(repr=False)
    verification_code: str


@dataclass(frozen=True)
class CertificatePrinted(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    verification_code: str


@dataclass(frozen=True)
class CertificateToCollect(Prompt[Navigation]):
    """Issued, not printed here (no working A4 printer): collected at `collection_point`, the
    bank's own words from the terminal's settings."""

    answer_type: ClassVar[type] = Navigation
    kind: CertificateKind
    verification_code: str
    collection_point: str
