"""权益证明打印: card and PIN, the certificate chosen, issued and signed by the central system,
previewed, printed on A4. The printer is asked first: out of paper or stopped is said before
anything is issued.

A terminal with a collection point (certificates.collection_point: a staff laptop, a kiosk whose
printer is missing or out of order) issues the certificate all the same and tells the citizen
where to collect the printed one, with its verification code."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.central.codes import CertificateKind
from kiosk.codes import Code
from kiosk.services.certificates.steps import (
    CertificatePreview,
    CertificatePrinted,
    CertificateToCollect,
    ChooseCertificate,
)
from kiosk.services.errors import ServiceError
from kiosk.services.identify import identify, take_card
from kiosk.services.session import Session
from kiosk.services.steps import Activity, Working

if TYPE_CHECKING:
    from kiosk.central import models as m
    from kiosk.domain.person import Person

log = logging.getLogger(__name__)

PRINT_TIMEOUT_S = 90.0
TITLES = {
    CertificateKind.CONTRIBUTION: "contribution-certificate",
    CertificateKind.PERSONAL_RIGHTS: "personal-rights-record",
    CertificateKind.PENSION_RECEIPT: "pension-receipt-certificate",
}


def print_certificate(s: Session) -> None:
    from devices.printer.base import PrinterState, PrinterUnavailable

    printer = s.devices.printer
    collection_point = s.settings.certificates.collection_point if s.settings else ""

    def printer_ready() -> None:
        if printer is None:
            raise ServiceError(Code.PRINTER_OFFLINE)
        state = s.await_device(printer.state())
        if state not in (PrinterState.IDLE, PrinterState.PRINTING):
            raise PrinterUnavailable(state)  # printer.<state>

    def printed_here() -> bool:
        """Whether the certificate is printed here; without a collection point a printer
        that cannot print stops the service (printer.<state>)."""
        if not collection_point:
            printer_ready()
            return True
        if printer is None:
            return False
        return s.await_device(printer.state()) in (PrinterState.IDLE, PrinterState.PRINTING)

    printed_here()
    person = identify(s)
    here = printed_here()  # the citizen took a while: ask again before anything is issued
    choices = [CertificateKind.CONTRIBUTION, CertificateKind.PERSONAL_RIGHTS]
    if person.is_pensioner:
        choices.append(CertificateKind.PENSION_RECEIPT)
    kind = s.ask(ChooseCertificate(tuple(choices), "" if here else collection_point))

    from kiosk.documents.certificate import render_certificate
    from kiosk.documents.preview import PreviewFailed, preview_png

    s.show(Working(Activity.ISSUING_CERTIFICATE))
    issued = _issue(s, person, kind)
    if not here:
        log.info("session %s: certificate issued for collection", s.id)
        s.ask(CertificateToCollect(kind, issued.verification_code, collection_point))
        take_card(s)
        return
    pdf = render_certificate(issued)
    try:
        # What the screen shows a bystander can read: the preview masks the name and ID number.
        page = preview_png(render_certificate(issued, masked=True))
    except PreviewFailed as exc:
        raise ServiceError(exc.code) from None
    s.ask(CertificatePreview(kind, page, issued.verification_code))

    printer_ready()
    assert printer is not None  # printer_ready() said so
    s.show(Working(Activity.PRINTING))
    from devices.printer.base import PrinterError

    try:
        job = s.await_device(printer.print_pdf(pdf, TITLES[kind]))
        s.await_device(printer.wait_done(job, PRINT_TIMEOUT_S))
    except PrinterError as exc:
        raise ServiceError(exc.code) from None
    s.ask(CertificatePrinted(issued.verification_code))
    take_card(s)


def _issue(s: Session, person: Person, kind: CertificateKind) -> m.IssuedCertificate:
    """Issued and signed by the central system; a certificate never waits in the queue."""
    from kiosk.central import models as m
    from kiosk.central.operations import CERTIFICATE_ISSUE
    from kiosk.central.outbound import Sent

    request = m.CertificateRequest(id_number=person.id_number, kind=m.CertificateKind(kind.value))
    result = s.outbound.submit(CERTIFICATE_ISSUE, lambda _receipt: request)
    if not isinstance(result, Sent):
        raise ServiceError(Code.QUEUE_OFFLINE_NOT_ALLOWED)
    return result.reply
