"""参保登记: a resident with only an ID card. The card fills in who they are; they add a mobile
number, choose the resident pension and/or medical insurance, confirm a plain summary. The
rules are checked first: a valid, unexpired ID card; age (the resident pension from 16);
not already enrolled (the central system's answer, when it can be asked). Offline the
enrollment is queued with a provisional receipt; the central system applies its rules on
delivery."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.central.codes import InsuranceKind
from kiosk.codes import Code
from kiosk.domain.idcard import IdCard
from kiosk.domain.identity import age_on, is_mobile_number, mask_address, mask_mobile
from kiosk.services.enrollment.steps import (
    ChooseInsurances,
    ConfirmEnrollment,
    EnrollmentDone,
    EnterContactMobile,
)
from kiosk.services.errors import ServiceError
from kiosk.services.identify import read_id_card
from kiosk.services.receipt_printing import (
    print_queued_receipt,
    print_receipt,
    receipt_printer_ready,
)
from kiosk.services.session import Session
from kiosk.services.steps import Activity, QueuedReceipt, Working

PENSION_MIN_AGE = 16
# One pension and one medical insurance per person: the employees' scheme covers the same.
COVERED_BY = {
    InsuranceKind.RESIDENT_PENSION: {"resident_pension", "employee_pension"},
    InsuranceKind.RESIDENT_MEDICAL: {"resident_medical", "employee_medical"},
}
RESIDENT_INSURANCES = tuple(COVERED_BY)
"""What a resident can enrol in at the kiosk; the employees' schemes go through the employer."""


def enroll(s: Session) -> None:
    receipt_printer_ready(s)  # "a receipt is printed either way": asked before anything is sent
    card = read_id_card(s)
    if card.expired_on(s.today()):
        raise ServiceError(Code.IDCARD_EXPIRED)
    online = s.outbound.online is not False
    already: tuple[InsuranceKind, ...] = ()
    if online:
        s.show(Working(Activity.CHECKING_ENROLLMENT))
        already = _already_enrolled(s, card.id_number)
    age = age_on(card.birth_date, s.today())
    offered = tuple(
        kind
        for kind in RESIDENT_INSURANCES
        if kind not in already
        and (kind is not InsuranceKind.RESIDENT_PENSION or age >= PENSION_MIN_AGE)
    )
    if not offered:
        raise ServiceError(
            Code.ENROLLMENT_ALREADY_ENROLLED if already else Code.ENROLLMENT_NOT_ELIGIBLE
        )

    mobile, invalid = "", False
    while not is_mobile_number(mobile):
        mobile = s.ask(EnterContactMobile(card.masked_name, invalid))
        invalid = True
    chosen = tuple(InsuranceKind(k) for k in s.ask(ChooseInsurances(offered, already)))
    if not chosen or any(kind not in offered for kind in chosen):
        raise ServiceError(Code.ENROLLMENT_NOT_ELIGIBLE)
    s.ask(
        ConfirmEnrollment(
            masked_name=card.masked_name,
            masked_id_number=card.masked_id_number,
            gender=card.gender.value,
            nation=card.nation,
            masked_address=mask_address(card.address),
            masked_mobile=mask_mobile(mobile),
            insurances=chosen,
            offline=not online,
        )
    )
    _submit(s, card, mobile, chosen)


def _already_enrolled(s: Session, id_number: str) -> tuple[InsuranceKind, ...]:
    from kiosk.central.errors import PersonNotFound

    try:
        found = s.central.identify(id_number)
    except PersonNotFound:
        return ()  # not in the register yet: the central system decides on submission
    kinds = {item.kind.value for item in s.central.insurances(found.person_ref).items}
    return tuple(kind for kind in RESIDENT_INSURANCES if kinds & COVERED_BY[kind])


def _submit(s: Session, card: IdCard, mobile: str, chosen: tuple[InsuranceKind, ...]) -> None:
    from kiosk.central import models as m
    from kiosk.central.operations import ENROLLMENT
    from kiosk.central.outbound import Sent

    s.show(Working(Activity.SUBMITTING))
    accepted_at = datetime.now(UTC)

    def request(receipt_number: str) -> m.EnrollmentRequest:
        return m.EnrollmentRequest(
            receipt_number=receipt_number,
            id_number=card.id_number,
            name=card.name,
            gender=card.gender,
            nation=card.nation,
            birth_date=card.birth_date,
            address=card.address,
            id_valid_until=card.valid_until,
            mobile=mobile,
            insurances=[m.InsuranceKind(kind.value) for kind in chosen],
            accepted_offline_at=accepted_at if s.outbound.online is False else None,
        )

    result = s.outbound.submit(ENROLLMENT, request, ordering_key=card.id_number)
    if isinstance(result, Sent):
        from kiosk.documents.receipt import enrollment_receipt

        enrolled = tuple(InsuranceKind(k.value) for k in result.reply.insurances)
        slip = enrollment_receipt(
            receipt_number=result.receipt,
            insurances=tuple(kind.value for kind in enrolled),
            effective_from=result.reply.effective_from,
            masked_name=card.masked_name,
            terminal_id=s.terminal_id,
            accepted_at=accepted_at,
        )
        s.ask(
            EnrollmentDone(
                receipt_number=result.receipt,
                insurances=enrolled,
                effective_from=result.reply.effective_from,
                printed=print_receipt(s, slip),
            )
        )
    else:
        s.ask(
            QueuedReceipt(
                receipt_number=result.receipt,
                operation=ENROLLMENT.kind,
                accepted_at=result.accepted_at,
                printed=print_queued_receipt(s, result.receipt, ENROLLMENT.kind),
            )
        )
