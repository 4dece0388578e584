"""激活: a card made elsewhere (mailed, or handed out at a bank counter) is activated here. The
card in the reader, the holder's ID card on its reader, the initial PIN from the letter that came
with it, then a PIN of the citizen's own; the activation goes through the outbox (offline it is
queued, and the card works once it arrives)."""

from __future__ import annotations

from kiosk.codes import Code
from kiosk.domain.identity import mask_card_number
from kiosk.services.cards.pin import change_pin_on_card
from kiosk.services.cards.steps import CardActivated
from kiosk.services.errors import ServiceError
from kiosk.services.identify import identify, read_holders_id_card, take_card
from kiosk.services.receipt_printing import print_queued_receipt
from kiosk.services.session import Session
from kiosk.services.steps import Activity


def activate_card(s: Session) -> None:
    from kiosk.central import models as m
    from kiosk.central.operations import CARD_ACTIVATION
    from kiosk.central.outbound import Sent

    person = identify(s, pin_required=False, not_activated_ok=True)
    if person.card_activated:
        raise ServiceError(Code.CARD_ALREADY_ACTIVE)
    assert person.card_number is not None
    read_holders_id_card(s, person)
    change_pin_on_card(s, person, Activity.ACTIVATING_CARD)

    card_number = person.card_number

    def request(receipt_number: str) -> m.CardActivationRequest:
        return m.CardActivationRequest(
            receipt_number=receipt_number, id_number=person.id_number, card_number=card_number
        )

    result = s.outbound.submit(CARD_ACTIVATION, request, ordering_key=person.id_number)
    queued = not isinstance(result, Sent)
    s.ask(
        CardActivated(
            masked_card_number=mask_card_number(card_number),
            receipt_number=result.receipt,
            queued=queued,
            printed=queued and print_queued_receipt(s, result.receipt, CARD_ACTIVATION.kind),
        )
    )
    take_card(s)
