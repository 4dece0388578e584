"""社保卡办理 立等可取: a new card, or a replacement, while the citizen waits.

ID card on the reader → live face check → the central system checks eligibility and the face
against the reference photo and assigns the card number → the citizen sets the PIN twice →
the machine part: a blank card into the chip station, the chip personalised with the central
system's script (the issuer key never leaves it) and the citizen's PIN, the face printed, the
card presented → issued (through the outbox) and activated → receipt.

Nothing is half-done: from the moment the number is assigned, the issuance ledger has a row;
any failure (out of cards, jam, a chip that refuses writes, the session ending, the process
dying) retains the card into the reject bin and reports it spoiled, exactly once. A spoiled
card's number is never used again."""

from __future__ import annotations

import base64
import contextlib
import logging
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, TypeVar

from kiosk.central.codes import CardApplicationReason
from kiosk.codes import Code
from kiosk.domain.identity import mask_card_number
from kiosk.services.cards.pin import choose_new_pin
from kiosk.services.cards.steps import CardReady, IssuanceStage, IssuingCard
from kiosk.services.errors import ServiceError, SessionCancelled
from kiosk.services.face_check import live_face_jpeg
from kiosk.services.identify import read_id_card
from kiosk.services.receipt_printing import print_receipt, receipt_printer_ready
from kiosk.services.session import Session
from kiosk.services.steps import Activity, Working

if TYPE_CHECKING:
    from devices.card_issuer.base import CardIssuer
    from devices.smartcard.ssse import SsseApplication
    from kiosk.central import models as m
    from kiosk.domain.idcard import IdCard

log = logging.getLogger(__name__)

T = TypeVar("T")
RETAIN_TIMEOUT_S = 60.0
CHIP_CONTACT_TIMEOUT_S = 5.0
STAGES = tuple(IssuanceStage)


def issue_card(s: Session, replacement: CardApplicationReason | None = None) -> None:
    """A new card (`replacement` None) or a replacement for a lost or damaged one."""
    from kiosk.central import models as m
    from kiosk.central.operations import CARD_APPLICATION
    from kiosk.central.outbound import Sent

    receipt_printer_ready(s)
    issuer = _ready_issuer(s)
    if s.outbound.online is False:
        raise ServiceError(Code.CARD_NEEDS_NETWORK)  # said before the ID card and the camera
    id_card = read_id_card(s)
    if id_card.expired_on(s.today()):
        raise ServiceError(Code.IDCARD_EXPIRED)
    photo = live_face_jpeg(s)

    s.show(Working(Activity.APPLYING_FOR_CARD))
    reason = m.CardApplicationReason(replacement.value if replacement else "new")
    request = m.CardApplicationRequest(
        id_number=id_card.id_number,
        reason=reason,
        face_photo_jpeg_b64=base64.b64encode(photo).decode("ascii"),
    )
    applied = s.outbound.submit(CARD_APPLICATION, lambda _receipt: request)
    if not isinstance(applied, Sent):
        raise ServiceError(Code.CARD_NEEDS_NETWORK)
    application = applied.reply
    pin = choose_new_pin(s)
    _ready_issuer(s)  # the citizen took a while: ask the issuer again before a card moves

    started = time.monotonic()
    _machine_part(s, issuer, id_card, application, pin=pin, photo=photo)
    machine_seconds = time.monotonic() - started
    log.info("session %s: card issued, machine part %.1f s", s.id, machine_seconds)
    _after_issue(s, id_card, application, machine_seconds)


def _ready_issuer(s: Session) -> CardIssuer:
    from devices.card_issuer.base import IssuerState, IssuerUnavailable

    issuer = s.devices.card_issuer
    if issuer is None or s.devices.issuer_chip is None:
        raise ServiceError(Code.ISSUER_OFFLINE)
    state = issuer.state()
    if state is not IssuerState.READY:
        raise IssuerUnavailable(state)  # issuer.<state>
    return issuer


def _machine_part(
    s: Session,
    issuer: CardIssuer,
    id_card: IdCard,
    application: m.CardApplication,
    *,
    pin: str,
    photo: bytes,
) -> None:
    from devices.base import DeviceError
    from kiosk.central.errors import CentralError
    from kiosk.documents.card_face import CardFace, render_card_face

    chip = s.devices.issuer_chip
    assert chip is not None
    ledger = s.outbound.issuance
    ledger.started(application.application_id)
    face = CardFace(
        name=id_card.name,
        social_security_number=id_card.id_number,
        card_number=application.card_number,
        valid_from=application.valid_from,
        valid_until=application.valid_until,
        photo_jpeg=photo,
    )
    try:
        _stage(s, IssuanceStage.FEEDING)
        s.await_device(issuer.feed())
        # The chip station's reader sees the card on its next poll (pcscd: within 0.4 s).
        if not s.wait_for(chip.card_inserted, CHIP_CONTACT_TIMEOUT_S):
            raise ServiceError(Code.ISSUER_CHIP_CONTACT)
        _stage(s, IssuanceStage.WRITING_CHIP)
        s.await_device(chip.run(lambda app: _personalise(s, app, application, id_card, pin)))
        _stage(s, IssuanceStage.PRINTING)
        s.await_device(issuer.print_face(render_card_face(face)))
        _stage(s, IssuanceStage.PRESENTING)
        s.await_device(issuer.eject())
    except BaseException as failure:
        code = getattr(failure, "code", None) or "issuance.interrupted"
        if isinstance(failure, SessionCancelled):
            code = "issuance.interrupted"
        _spoil(s, issuer, application, code)
        if isinstance(failure, DeviceError | CentralError | ServiceError):
            raise ServiceError(code) from None
        raise
    # At the exit: issued, whatever happens to the session from here.
    ledger.finish(application.application_id, issued=True, ordering_key=id_card.id_number)


def _stage(s: Session, stage: IssuanceStage) -> None:
    s.show(IssuingCard(stage, STAGES.index(stage), len(STAGES)))


def _personalise(
    s: Session,
    app: SsseApplication,
    application: m.CardApplication,
    id_card: IdCard,
    pin: str,
) -> None:
    """One chip session, on the chip station's thread: challenge → the central system's script
    → the citizen's PIN → the records read back."""
    from devices.smartcard.personalisation import get_challenge, reset_pin, run_script
    from kiosk.central import models as m
    from kiosk.central.operations import PERSONALISATION
    from kiosk.central.outbound import Sent

    challenge = get_challenge(app)
    request = m.PersonalisationRequest(
        application_id=application.application_id, challenge_hex=challenge.hex().upper()
    )
    sent = s.outbound.submit(PERSONALISATION, lambda _receipt: request)
    if not isinstance(sent, Sent):
        raise ServiceError(Code.CARD_NEEDS_NETWORK)
    run_script(app, sent.reply.commands())
    reset_pin(app, pin)
    written = app.read_card()
    if (
        written.card_number != application.card_number
        or written.social_security_number != id_card.id_number
    ):
        raise ServiceError(Code.CARD_WRITE_FAILED)


def _spoil(s: Session, issuer: CardIssuer, application: m.CardApplication, code: str) -> None:
    """The card in the transport goes to the reject bin and the issuance is reported spoiled.
    Not interruptible by the session: it runs to the end whoever ended what."""
    log.warning("session %s: card spoiled (%s), retaining it", s.id, code)
    with contextlib.suppress(SessionCancelled):  # ended: retained all the same
        s.show(Working(Activity.RETAINING_CARD))
    try:
        _finish_device(issuer.retain(), RETAIN_TIMEOUT_S)
    except Exception as exc:  # a jammed transport keeps the card: a technician clears it
        log.error("card.retain_failed: %s", getattr(exc, "code", type(exc).__name__))
    s.outbound.issuance.finish(application.application_id, issued=False, detail_code=code)


def _finish_device(future: Future[T], timeout_s: float) -> T:
    try:
        return future.result(timeout_s)
    except FutureTimeout:
        raise ServiceError(Code.ISSUER_TIMEOUT) from None


def _after_issue(
    s: Session, id_card: IdCard, application: m.CardApplication, machine_seconds: float
) -> None:
    """Issued (through the outbox), then activated: the PIN is the citizen's own already."""
    from kiosk.central import models as m
    from kiosk.central.operations import CARD_ACTIVATION
    from kiosk.documents.receipt import card_receipt

    def activation(receipt_number: str) -> m.CardActivationRequest:
        return m.CardActivationRequest(
            receipt_number=receipt_number,
            id_number=id_card.id_number,
            card_number=application.card_number,
        )

    try:
        s.show(Working(Activity.ACTIVATING_CARD))
    finally:  # the card is out with the citizen's PIN: activated even if the session ended
        activated = s.outbound.submit(CARD_ACTIVATION, activation, ordering_key=id_card.id_number)
    receipt_number = activated.receipt
    retired = application.retired_card_number
    printed = print_receipt(
        s,
        card_receipt(
            receipt_number=receipt_number,
            masked_name=id_card.masked_name,
            masked_card_number=mask_card_number(application.card_number),
            retired_masked_card_number=mask_card_number(retired) if retired else None,
            valid_until=application.valid_until,
            terminal_id=s.terminal_id,
        ),
    )
    s.ask(
        CardReady(
            masked_card_number=mask_card_number(application.card_number),
            receipt_number=receipt_number,
            machine_seconds=round(machine_seconds, 1),
            retired_masked_card_number=mask_card_number(retired) if retired else None,
            printed=printed,
        )
    )
