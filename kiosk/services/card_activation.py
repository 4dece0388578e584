"""激活: a card made elsewhere (mailed, or handed out at a bank counter) is activated here. The
card in the reader, the holder's ID card on its reader, the initial PIN from the letter that came
with it, then a PIN of the citizen's own; the activation goes through the outbox (offline it is
queued, and the card works once it arrives)."""

from __future__ import annotations

import logging

from kiosk.domain.identity import mask_card_number
from kiosk.services.card_pin import choose_new_pin
from kiosk.services.errors import ServiceError
from kiosk.services.identify import identify, read_id_card, take_card
from kiosk.services.receipt_printing import print_queued_receipt
from kiosk.services.session import Session
from kiosk.services.steps import Activity, CardActivated, EnterPin, Working

log = logging.getLogger(__name__)


def activate_card(s: Session) -> None:
    from devices.smartcard.errors import PinBlocked
    from kiosk.central import models as m
    from kiosk.central.outbound import CARD_ACTIVATION, Sent

    person = identify(s, pin_required=False, not_activated_ok=True)
    if person.card_activated:
        raise ServiceError("card.already_active")
    assert person.card_number is not None
    id_card = read_id_card(s)
    if id_card.id_number != person.id_number:
        raise ServiceError("card.holder_mismatch")
    reader = s.devices.card_reader
    tries_left: int | None = None
    while True:
        initial = s.ask(EnterPin(masked_name=person.masked_name, tries_left=tries_left))
        new = choose_new_pin(s, old=initial)
        s.show(Working(Activity.ACTIVATING_CARD))
        try:
            changed = s.await_device(reader.change_pin(initial, new))
        except PinBlocked:
            raise ServiceError("card.pin_blocked") from None
        if changed.verified:
            break
        tries_left = changed.tries_left
        log.info("session %s: wrong initial PIN, %s tries left", s.id, tries_left)

    card_number = person.card_number

    def request(receipt_number: str) -> m.CardActivationRequest:
        return m.CardActivationRequest(
            receipt_number=receipt_number, id_number=person.id_number, card_number=card_number
        )

    result = s.outbound.submit(CARD_ACTIVATION, request, ordering_key=person.id_number)
    queued = not isinstance(result, Sent)
    receipt_number = result.receipt if not isinstance(result, Sent) else result.receipt_number
    s.ask(
        CardActivated(
            masked_card_number=mask_card_number(card_number),
            receipt_number=receipt_number,
            queued=queued,
            printed=print_queued_receipt(s, receipt_number, CARD_ACTIVATION.kind)
            if queued
            else False,
        )
    )
    take_card(s)
