"""挂失: by ID card and face at the kiosk, or without any card at hand (临时挂失) by ID number
and the registered mobile.

Online the card is blocked at once. Offline the report waits in the queue at top priority and
the citizen is told plainly that the card is not blocked until then, and whom to call; a face
captured offline is matched by the central system when the report arrives.
"""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.domain.identity import (
    InvalidIdNumber,
    is_mobile_number,
    mask_card_number,
    mask_id_number,
    mask_mobile,
    validate_id_number,
)
from kiosk.services.cards.steps import (
    ConfirmCardLoss,
    ConfirmLossReport,
    EnterIdNumber,
    EnterMobile,
    LossReported,
)
from kiosk.services.errors import StepBack
from kiosk.services.receipt_printing import print_queued_receipt
from kiosk.services.session import Session
from kiosk.services.steps import Activity, QueuedReceipt, Working


def report_card_loss(s: Session) -> None:
    id_number = mobile = ""
    step = 0
    while step < 3:
        try:
            if step == 0:
                id_number = _ask_id_number(s)
            elif step == 1:
                mobile = _ask_mobile(s)
            else:
                s.ask(
                    ConfirmLossReport(
                        masked_id_number=mask_id_number(id_number),
                        masked_mobile=mask_mobile(mobile),
                        offline=s.outbound.online is False,
                    )
                )
            step += 1
        except StepBack:
            if step == 0:
                raise
            step -= 1

    _submit(s, id_number, registered_mobile=mobile)


def report_card_loss_by_face(s: Session) -> None:
    """The ID card on the reader and the face check are the proof."""
    import base64

    from kiosk.services.face_check import live_face_jpeg
    from kiosk.services.identify import read_id_card

    id_card = read_id_card(s)
    photo = base64.b64encode(live_face_jpeg(s)).decode("ascii")
    s.ask(
        ConfirmCardLoss(
            masked_name=id_card.masked_name,
            masked_id_number=mask_id_number(id_card.id_number),
            offline=s.outbound.online is False,
            replaced_here=s.devices.card_issuer is not None,
        )
    )
    _submit(s, id_card.id_number, face_photo_jpeg_b64=photo)


def _submit(
    s: Session,
    id_number: str,
    registered_mobile: str | None = None,
    face_photo_jpeg_b64: str | None = None,
) -> None:
    # The contract's models and the queue load with the first write, not with the home screen.
    from kiosk.central import models as m
    from kiosk.central.operations import CARD_LOSS_REPORT
    from kiosk.central.outbound import Sent

    s.show(Working(Activity.SUBMITTING))
    reported_at = datetime.now(UTC)

    def request(receipt_number: str) -> m.CardLossReportRequest:
        return m.CardLossReportRequest(
            receipt_number=receipt_number,
            id_number=id_number,
            registered_mobile=registered_mobile,
            face_photo_jpeg_b64=face_photo_jpeg_b64,
            reported_at=reported_at,
        )

    result = s.outbound.submit(CARD_LOSS_REPORT, request, ordering_key=id_number)
    if isinstance(result, Sent):
        s.ask(
            LossReported(
                receipt_number=result.receipt,
                masked_card_number=mask_card_number(result.reply.card_number),
                reported_at=result.reply.reported_at,
            )
        )
    else:
        s.ask(
            QueuedReceipt(
                receipt_number=result.receipt,
                operation=CARD_LOSS_REPORT.kind,
                accepted_at=result.accepted_at,
                printed=print_queued_receipt(s, result.receipt, CARD_LOSS_REPORT.kind),
                urgent=True,
            )
        )


def _ask_id_number(s: Session) -> str:
    invalid = False
    while True:
        typed = s.ask(EnterIdNumber(invalid=invalid))
        try:
            return validate_id_number(typed)
        except InvalidIdNumber:
            invalid = True


def _ask_mobile(s: Session) -> str:
    invalid = False
    while True:
        typed = s.ask(EnterMobile(invalid=invalid))
        if is_mobile_number(typed):
            return typed
        invalid = True
