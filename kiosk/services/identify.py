"""The identification step every service starts with: card in, chip read, centre asked, PIN."""

from __future__ import annotations

import logging
import threading
import time

from devices.smartcard.errors import PinBlocked
from kiosk.central.codes import CardStatus
from kiosk.codes import Code
from kiosk.domain.idcard import IdCard
from kiosk.domain.person import CardRejected, Person, SocialSecurityCard
from kiosk.services.errors import EndReason, ServiceError, StepBack
from kiosk.services.session import (
    IDENTITY_CARD,
    IDENTITY_CARD_PIN,
    IDENTITY_ID_CARD,
    IDENTITY_STAFF_CONFIRMED,
    Session,
)
from kiosk.services.steps import (
    Activity,
    AskConfirmationReason,
    EnterPin,
    InsertCard,
    PlaceIdCard,
    StaffConfirms,
    TakeCard,
    Working,
)

log = logging.getLogger(__name__)

CARD_STATUS_ERRORS = {
    CardStatus.REPORTED_LOST: Code.CARD_REPORTED_LOST,
    CardStatus.RETIRED: Code.CARD_RETIRED,
    CardStatus.NOT_ACTIVATED: Code.CARD_NOT_ACTIVATED,
}
TAKE_CARD_TIMEOUT_S = 60.0
READ_EVERY_S = 0.5
WAIT_FOR_CARD_S = 120.0


def identify(
    s: Session,
    pin_required: bool = True,
    offline_ok: bool = False,
    *,
    not_activated_ok: bool = False,
    staff_may_confirm: bool = False,
) -> Person:
    """Asks for the card, reads it, checks it with the centre and, if needed, the PIN.

    With `offline_ok` and the centre unreachable, the chip and its PIN are the identification:
    the person has no reference, and the centre checks the card when what was queued arrives.
    `not_activated_ok` lets a card that is not activated yet through (to activate it).
    `staff_may_confirm`: on a staff terminal, the member of staff may confirm the identity of a
    citizen who cannot enter the PIN, with a reason; the caller's face check must follow."""
    reader = s.devices.card_reader
    s.show(InsertCard())
    s.wait_for(reader.card_inserted)
    card_generation = reader.generation

    def on_card(present: bool, generation: int) -> None:
        if generation == card_generation and not present:
            s.end(EndReason.CARD_REMOVED)

    stop_watching = reader.add_listener(on_card)
    s.on_end(stop_watching)
    s.stop_card_watch = stop_watching
    # The listener only sees changes; a card pulled before it was registered is caught here.
    if not reader.card_inserted.is_set() or reader.generation != card_generation:
        s.end(EndReason.CARD_REMOVED)
        s.check()

    s.show(Working(Activity.READING_CARD))
    card = SocialSecurityCard.from_chip(s.await_device(reader.read_card()))
    if card.expired_on(s.today()):
        raise ServiceError(Code.CARD_EXPIRED)

    if offline_ok and s.outbound.online is False:
        person = Person(
            reference="",
            id_number=card.holder_id_number,
            name=card.holder_name,
            gender=card.holder_gender,
            birth_date=card.holder_birth_date,
            card_number=card.card_number,
        )
    else:
        s.show(Working(Activity.CHECKING_CARD))
        found = s.central.identify(card.holder_id_number, card.card_number)
        refusal = CARD_STATUS_ERRORS.get(found.card_status) if found.card_status else None
        if refusal and not (not_activated_ok and found.card_status is CardStatus.NOT_ACTIVATED):
            raise ServiceError(refusal)
        person = Person(
            reference=found.person_ref,
            id_number=card.holder_id_number,
            name=found.name,
            gender=found.gender,
            birth_date=found.birth_date,
            card_number=card.card_number,
            is_pensioner=found.is_pensioner,
            card_activated=found.card_status is not CardStatus.NOT_ACTIVATED,
        )
    s.person = person
    s.masked_citizen = f"{person.masked_name} {person.masked_id_number}"

    s.identity = IDENTITY_CARD
    if pin_required:
        _verify_pin(s, person, may_confirm=staff_may_confirm and s.operator is not None)
    return person


def _verify_pin(s: Session, person: Person, *, may_confirm: bool) -> None:
    """The card's PIN, asked again with the tries left after a wrong one; or, where a member of
    staff may confirm the citizen's identity instead, their reason."""
    reader = s.devices.card_reader
    tries_left: int | None = None
    while True:
        pin = s.ask(
            EnterPin(
                masked_name=person.masked_name,
                tries_left=tries_left,
                staff_may_confirm=may_confirm,
            )
        )
        if pin is StaffConfirms.IDENTITY and may_confirm:
            try:
                reason = s.ask(AskConfirmationReason())
            except StepBack:
                continue  # Back: the PIN screen again
            s.identity = f"{IDENTITY_STAFF_CONFIRMED}:{reason.value}"
            log.info("session %s: identity confirmed by staff (%s)", s.id, reason.value)
            return
        if not isinstance(pin, str):
            continue  # an answer this prompt did not offer
        s.show(Working(Activity.VERIFYING_PIN))
        try:
            verification = s.await_device(reader.verify_pin(pin))
        except PinBlocked:
            raise ServiceError(Code.CARD_PIN_BLOCKED) from None
        if verification.verified:
            s.identity = IDENTITY_CARD_PIN
            return
        tries_left = verification.tries_left
        log.info("session %s: wrong PIN, %s tries left", s.id, tries_left)


def take_card(s: Session) -> None:
    """At the end of a service: asks the citizen to take the card, and waits until they have."""
    reader = s.devices.card_reader
    s.stop_card_watch()  # taking the card is now the expected ending, not an interruption
    if not reader.card_inserted.is_set():
        return
    s.show(TakeCard())
    if not s.wait_for(reader.card_absent, TAKE_CARD_TIMEOUT_S):
        log.warning("session %s: card.left_in_reader", s.id)


def read_id_card(s: Session) -> IdCard:
    """Asks for the resident ID card on its reader and reads it (GA 467), checked."""
    from devices.idcard.errors import IdCardError, NoIdCard

    reader = s.devices.idcard_reader
    if reader is None:
        raise ServiceError(Code.IDCARD_NO_READER)
    s.show(PlaceIdCard())
    deadline = time.monotonic() + WAIT_FOR_CARD_S
    while True:
        s.check()
        try:
            data = s.await_device(reader.read_card())
            break
        except NoIdCard:
            if time.monotonic() > deadline:
                raise ServiceError(Code.IDCARD_ABSENT) from None
            s.wait_for(threading.Event(), READ_EVERY_S)  # a pause the session can end
        except IdCardError as exc:
            raise ServiceError(exc.code) from None
    s.show(Working(Activity.READING_ID_CARD))
    try:
        id_card = IdCard.from_reader(data, today=s.today())
        s.identity = IDENTITY_ID_CARD
        s.masked_citizen = f"{id_card.masked_name} {id_card.masked_id_number}"
        return id_card
    except CardRejected as exc:
        raise ServiceError(exc.code) from None


def read_holders_id_card(s: Session, person: Person) -> IdCard:
    """The ID card of the social security card's holder: someone else's is refused."""
    id_card = read_id_card(s)
    if id_card.id_number != person.id_number:
        raise ServiceError(Code.CARD_HOLDER_MISMATCH)
    return id_card
