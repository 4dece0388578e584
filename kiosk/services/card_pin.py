"""The card PIN: changed with the old one, or reset with the ID card and a face check.

The PIN lives on the chip. A change is CHANGE PIN to the card and nothing to the central
system, so it works offline too. A reset needs the issuer's authority on the chip: the central
system checks the ID card's holder and the face, and answers the chip's challenge; the new PIN
goes to the card in the same chip session and never to the central system."""

from __future__ import annotations

import base64
import logging
from typing import TYPE_CHECKING

from kiosk.services.errors import ServiceError
from kiosk.services.identify import identify, read_id_card, take_card
from kiosk.services.session import Session
from kiosk.services.steps import Activity, EnterPin, PinChanged, SetNewPin, Working

if TYPE_CHECKING:
    from devices.smartcard.ssse import SsseApplication

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
    from devices.smartcard.errors import PinBlocked

    person = identify(s, pin_required=False, offline_ok=True)
    reader = s.devices.card_reader
    tries_left: int | None = None
    while True:
        old = s.ask(EnterPin(masked_name=person.masked_name, tries_left=tries_left))
        new = choose_new_pin(s, old=old)
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


def reset_pin(s: Session) -> None:
    from kiosk.services.face_check import capture_live_face, jpeg_bytes

    if s.outbound.online is False:
        raise ServiceError("card.needs_network")
    person = identify(s, pin_required=False)
    assert person.card_number is not None
    id_card = read_id_card(s)
    if id_card.id_number != person.id_number:
        raise ServiceError("card.holder_mismatch")
    attempt = capture_live_face(s, "card.liveness_failed")
    assert attempt.best is not None
    photo = base64.b64encode(jpeg_bytes(attempt.best)).decode("ascii")
    new = choose_new_pin(s)
    s.show(Working(Activity.CHANGING_PIN))
    card_number = person.card_number

    def on_the_chip(app: SsseApplication) -> None:
        from devices.smartcard.personalisation import get_challenge, run_script
        from devices.smartcard.personalisation import reset_pin as write_pin
        from kiosk.central import models as m
        from kiosk.central.outbound import PIN_RESET, Sent

        app.select_application()
        request = m.PinResetRequest(
            id_number=person.id_number,
            card_number=card_number,
            challenge_hex=get_challenge(app).hex().upper(),
            face_photo_jpeg_b64=photo,
        )
        sent = s.outbound.submit(PIN_RESET, lambda _receipt: request)
        if not isinstance(sent, Sent):
            raise ServiceError("card.needs_network")
        run_script(
            app, [(bytes.fromhex(st.apdu_hex), int(st.expect_sw, 16)) for st in sent.reply.steps]
        )
        write_pin(app, new)

    s.await_device(s.devices.card_reader.run(on_the_chip))
    s.ask(PinChanged(reset=True))
    take_card(s)
