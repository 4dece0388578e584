"""Changing the card PIN with the old one. The PIN lives on the chip: CHANGE PIN goes to the
card, nothing to the central system, so it works offline too."""

from __future__ import annotations

import logging

from kiosk.services.errors import ServiceError
from kiosk.services.identify import identify, take_card
from kiosk.services.session import Session
from kiosk.services.steps import Activity, EnterPin, PinChanged, SetNewPin, Working

log = logging.getLogger(__name__)


def change_pin(s: Session) -> None:
    from devices.smartcard.errors import PinBlocked
    from kiosk.domain.identity import is_weak_pin

    person = identify(s, pin_required=False, offline_ok=True)
    reader = s.devices.card_reader
    tries_left: int | None = None
    while True:
        old = s.ask(EnterPin(masked_name=person.masked_name, tries_left=tries_left))
        mismatch = weak = False
        while True:
            new = s.ask(SetNewPin(mismatch=mismatch, weak=weak))
            if is_weak_pin(new) or new == old:
                mismatch, weak = False, True
                continue
            if s.ask(SetNewPin(again=True)) == new:
                break
            mismatch, weak = True, False
        s.show(Working(Activity.CHANGING_PIN))
        try:
            result = s.await_device(reader.change_pin(old, new))
        except PinBlocked:
            raise ServiceError("card.pin_blocked") from None
        if result.verified:
            break
        tries_left = result.tries_left
        log.info("session %s: wrong old PIN, %s tries left", s.id, tries_left)
    s.ask(PinChanged())
    take_card(s)
