"""权益证明打印: card and PIN, the certificate chosen, issued and signed by the central system,
previewed, printed on A4. The printer is asked first: out of paper or stopped is said before
anything is issued."""

from __future__ import annotations

from kiosk.central.codes import CertificateKind
from kiosk.codes import Code
from kiosk.services.certificates.steps import (
    CertificatePreview,
    CertificatePrinted,
    ChooseCertificate,
)
from kiosk.services.errors import ServiceError
from kiosk.services.identify import identify, take_card
from kiosk.services.session import Session
from kiosk.services.steps import Activity, Working

PRINT_TIMEOUT_S = 90.0
TITLES = {
    CertificateKind.CONTRIBUTION: "contribution-certificate",
    CertificateKind.PERSONAL_RIGHTS: "personal-rights-record",
    CertificateKind.PENSION_RECEIPT: "pension-receipt-certificate",
}


def print_certificate(s: Session) -> None:
    from devices.printer.base import PrinterState, PrinterUnavailable

    printer = s.devices.printer
    if printer is None:
        raise ServiceError(Code.PRINTER_OFFLINE)

    def printer_ready() -> None:
        state = s.await_device(printer.state())
        if state not in (PrinterState.IDLE, PrinterState.PRINTING):
            raise PrinterUnavailable(state)  # printer.<state>

    printer_ready()
    person = identify(s)
    printer_ready()  # the citizen took a while: ask again before anything is issued
    choices = [CertificateKind.CONTRIBUTION, CertificateKind.PERSONAL_RIGHTS]
    if person.is_pensioner:
        choices.append(CertificateKind.PENSION_RECEIPT)
    kind = s.ask(ChooseCertificate(tuple(choices)))

    from kiosk.central import models as m
    from kiosk.central.operations import CERTIFICATE_ISSUE
    from kiosk.central.outbound import Sent
    from kiosk.documents.certificate import render_certificate
    from kiosk.documents.preview import PreviewFailed, preview_png

    s.show(Working(Activity.ISSUING_CERTIFICATE))
    request = m.CertificateRequest(id_number=person.id_number, kind=m.CertificateKind(kind.value))
    result = s.outbound.submit(CERTIFICATE_ISSUE, lambda _receipt: request)
    if not isinstance(result, Sent):  # a certificate never waits in the queue
        raise ServiceError(Code.QUEUE_OFFLINE_NOT_ALLOWED)
    issued = result.reply
    pdf = render_certificate(issued)
    try:
        # What the screen shows a bystander can read: the preview masks the name and ID number.
        page = preview_png(render_certificate(issued, masked=True))
    except PreviewFailed as exc:
        raise ServiceError(exc.code) from None
    s.ask(CertificatePreview(kind, page, issued.verification_code))

    printer_ready()
    s.show(Working(Activity.PRINTING))
    from devices.printer.base import PrinterError

    try:
        job = s.await_device(printer.print_pdf(pdf, TITLES[kind]))
        s.await_device(printer.wait_done(job, PRINT_TIMEOUT_S))
    except PrinterError as exc:
        raise ServiceError(exc.code) from None
    s.ask(CertificatePrinted(issued.verification_code))
    take_card(s)
