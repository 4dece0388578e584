"""The card PIN: changed with the old one, or reset with the ID card and a face check.

The PIN lives on the chip. A change is CHANGE PIN to the card and nothing to the central
system, so it works offline too. A reset needs the issuer's authority on the chip: the central
system checks the ID card's holder and the face, and answers the chip's challenge; the new PIN
goes to the card in the same chip session and never to the central system."""

from __future__ import annotations

import base64
import logging
from typing import TYPE_CHECKING

from kiosk.codes import Code
from kiosk.services.cards.steps import PinChanged, SetNewPin
from kiosk.services.errors import ServiceError
from kiosk.services.identify import identify, read_holders_id_card, take_card
from kiosk.services.session import Session
from kiosk.services.steps import Activity, EnterPin, Working

if TYPE_CHECKING:
    from devices.smartcard.ssse import SsseApplication
    from kiosk.domain.person import Person

log = logging.getLogger(__name__)


def choose_new_pin(s: Session, old: str | None = None) -> str:
    """A new 6-digit PIN, typed twice; a guessable one, or the old one, is asked again."""
    from kiosk.domain.identity import is_weak_pin

    mismatch = weak = False
    while True:
        first = s.ask(SetNewPin(mismatch=mismatch, weak=weak))
        if is_weak_pin(first) or first == old:
            mismatch, weak = False, True
            continue
        if s.ask(SetNewPin(again=True)) == first:
            return first
        mismatch, weak = True, False


def change_pin(s: Session) -> None:
    person = identify(s, pin_required=False, offline_ok=True)
    change_pin_on_card(s, person, Activity.CHANGING_PIN)
    s.ask(PinChanged())
    take_card(s)


def change_pin_on_card(s: Session, person: Person, activity: Activity) -> None:
    """The PIN the card has now (the old one, or the activation letter's), then a new one
    twice, then CHANGE PIN on the chip; a wrong current PIN is asked again with the tries left."""
    from devices.smartcard.errors import PinBlocked

    reader = s.devices.card_reader
    tries_left: int | None = None
    while True:
        current = s.ask(EnterPin(masked_name=person.masked_name, tries_left=tries_left))
        if not isinstance(current, str):
            continue  # only a PIN is asked for here (no staff confirmation is offered)
        new = choose_new_pin(s, old=current)
        s.show(Working(activity))
        try:
            result = s.await_device(reader.change_pin(current, new))
        except PinBlocked:
            raise ServiceError(Code.CARD_PIN_BLOCKED) from None
        if result.verified:
            return
        tries_left = result.tries_left
        log.info("session %s: wrong current PIN, %s tries left", s.id, tries_left)


def reset_pin(s: Session) -> None:
    from kiosk.services.face_check import live_face_jpeg

    if s.outbound.online is False:
        raise ServiceError(Code.CARD_NEEDS_NETWORK)
    person = identify(s, pin_required=False)
    assert person.card_number is not None
    read_holders_id_card(s, person)
    photo = base64.b64encode(live_face_jpeg(s)).decode("ascii")
    new = choose_new_pin(s)
    s.show(Working(Activity.CHANGING_PIN))
    card_number = person.card_number

    def on_the_chip(app: SsseApplication) -> None:
        from devices.smartcard.personalisation import get_challenge, run_script
        from devices.smartcard.personalisation import reset_pin as write_pin
        from kiosk.central import models as m
        from kiosk.central.operations import PIN_RESET
        from kiosk.central.outbound import Sent

        app.select_application()
        request = m.PinResetRequest(
            id_number=person.id_number,
            card_number=card_number,
            challenge_hex=get_challenge(app).hex().upper(),
            face_photo_jpeg_b64=photo,
        )
        sent = s.outbound.submit(PIN_RESET, lambda _receipt: request)
        if not isinstance(sent, Sent):
            raise ServiceError(Code.CARD_NEEDS_NETWORK)
        run_script(app, sent.reply.commands())
        write_pin(app, new)

    s.await_device(s.devices.card_reader.run(on_the_chip))
    s.ask(PinChanged(reset=True))
    take_card(s)
