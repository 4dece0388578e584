"""社保卡申领，制卡后送达: a new card or a replacement applied for where no card can be made (a
staff laptop on a home visit, a kiosk without a card issuer), made at the branch and brought to
the citizen or collected there.

The ID card on its reader → the live face check (the photo taken there is the card's photo) →
how the card comes (a staff terminal asks; a kiosk's is collected at the branch) → the summary,
confirmed → the application through the outbox: sent now, or queued offline with a receipt,
the face matched against the photo on file when it arrives. The receipt follows the card
(查进度): applied, being made, ready for delivery."""

from __future__ import annotations

import base64
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kiosk.central.codes import CardApplicationReason, CardDelivery
from kiosk.codes import Code
from kiosk.domain.identity import mask_id_number
from kiosk.services.cards.steps import (
    CardApplied,
    ChooseCardDelivery,
    ChooseReplacementReason,
    ConfirmCardApplication,
)
from kiosk.services.errors import ServiceError, StepBack
from kiosk.services.face_check import live_face_jpeg
from kiosk.services.identify import read_id_card
from kiosk.services.receipt_printing import print_queued_receipt
from kiosk.services.session import Session
from kiosk.services.steps import Activity, QueuedReceipt, Working

if TYPE_CHECKING:
    from kiosk.central import models as m
    from kiosk.domain.idcard import IdCard

log = logging.getLogger(__name__)


def apply_for_delivery(s: Session) -> None:
    # The contract's models and the queue load with the first write, not with the home screen.
    from kiosk.central import models as m
    from kiosk.central.operations import CARD_DELIVERY_APPLICATION
    from kiosk.central.outbound import Sent

    reason = s.ask(ChooseReplacementReason(first_card=True))
    id_card = read_id_card(s)
    if id_card.expired_on(s.today()):
        raise ServiceError(Code.IDCARD_EXPIRED)
    photo = base64.b64encode(live_face_jpeg(s)).decode("ascii")
    delivery = _confirmed_delivery(s, id_card, reason)

    s.show(Working(Activity.SUBMITTING))
    applied_at = datetime.now(UTC)
    method = _method(delivery)

    def request(receipt_number: str) -> m.CardDeliveryApplicationRequest:
        return m.CardDeliveryApplicationRequest(
            receipt_number=receipt_number,
            id_number=id_card.id_number,
            reason=reason,
            face_photo_jpeg_b64=photo,
            delivery=method,
            applied_at=applied_at,
        )

    result = s.outbound.submit(CARD_DELIVERY_APPLICATION, request, ordering_key=id_card.id_number)
    if isinstance(result, Sent):
        log.info("session %s: card application for delivery sent", s.id)
        s.ask(CardApplied(result.receipt, reason, delivery))
        return
    log.info("session %s: card application for delivery queued", s.id)
    s.ask(
        QueuedReceipt(
            receipt_number=result.receipt,
            operation=CARD_DELIVERY_APPLICATION.kind,
            accepted_at=result.accepted_at,
            printed=print_queued_receipt(s, result.receipt, CARD_DELIVERY_APPLICATION.kind),
        )
    )


def _confirmed_delivery(s: Session, id_card: IdCard, reason: CardApplicationReason) -> CardDelivery:
    """How the card comes, then the summary confirmed. Back on the summary asks how again on
    a staff terminal (the face check is not repeated for it); at a kiosk it leaves."""
    staff = s.settings is not None and s.settings.kiosk.role == "staff"
    while True:
        delivery = s.ask(ChooseCardDelivery()) if staff else CardDelivery.BRANCH_PICKUP
        try:
            s.ask(
                ConfirmCardApplication(
                    masked_name=id_card.masked_name,
                    masked_id_number=mask_id_number(id_card.id_number),
                    reason=reason,
                    delivery=delivery,
                    offline=s.outbound.online is False,
                )
            )
        except StepBack:
            if not staff:
                raise
            continue
        return delivery


def _method(delivery: CardDelivery) -> m.CardDeliveryMethod:
    return "staff_visit" if delivery is CardDelivery.STAFF_VISIT else "branch_pickup"
