"""What an error screen's main button does: the kiosk's own remedy for each code, declared once.

A remedy starts something the kiosk already does: the same service again (a retry), another
service, or a procedure of the card service chosen for the citizen (the shell answers the card
menu with it, as if the citizen had tapped it), or a call for staff where only they can mend
it at the kiosk. Codes without one keep "Back to home" as the main button: only the counter
can help there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.central.codes import CardApplicationReason, PaymentMethod
from kiosk.services.cards.steps import CardService, ChooseCardService, ChooseReplacementReason
from kiosk.services.payment.steps import ChoosePaymentMethod
from kiosk.services.session import ServiceId
from kiosk.services.steps import Prompt
from ui.i18n import tr
from ui.i18n.texts import service_name


@dataclass(frozen=True)
class PresetAnswer:
    """An answer the shell gives for the citizen the first time the flow asks `prompt`."""

    prompt: type[Prompt[Any]]
    value: object

    def fits(self, asked: Prompt[Any]) -> bool:
        """Whether the menu on its way offers this choice now; if not, the citizen sees it."""
        if isinstance(asked, ChooseCardService):
            return isinstance(self.value, CardService) and asked.offers(self.value)
        return isinstance(asked, self.prompt)


REPLAYED_ON_RETRY: frozenset[type[Prompt[Any]]] = frozenset(
    {ChooseCardService, ChooseReplacementReason}
)
"""Prompts whose answer picks a procedure, not personal data: a retry gives them again, so a
failed PIN reset is retried as a PIN reset, not as the card menu."""


@dataclass(frozen=True)
class Remedy:
    words: Callable[[], str]
    """The main button's words (translated when the screen is built)."""
    service: ServiceId | None = None
    """The service it starts; None for the service that failed (a retry)."""
    answers: tuple[PresetAnswer, ...] = ()
    calls_staff: bool = False
    """Raises a help request, as the top bar's 求助 does: staff must come to the kiosk."""

    @property
    def retries(self) -> bool:
        return self.service is None and not self.calls_staff

    @property
    def card_procedure(self) -> CardService | None:
        """The card menu's procedure it picks, which this kiosk may not offer now."""
        return next(
            (
                preset.value
                for preset in self.answers
                if preset.prompt is ChooseCardService and isinstance(preset.value, CardService)
            ),
            None,
        )


def _card(procedure: CardService, *more: PresetAnswer) -> tuple[PresetAnswer, ...]:
    return (PresetAnswer(ChooseCardService, procedure), *more)


RETRY = Remedy(lambda: tr("Try again"))
CALL_STAFF = Remedy(lambda: tr("Call staff"), calls_staff=True)
PAY_AGAIN = Remedy(lambda: tr("Start the payment again"), ServiceId.PAYMENT)
PAY_BY_QR = Remedy(
    lambda: tr("Pay by QR code instead"),
    ServiceId.PAYMENT,
    (PresetAnswer(ChoosePaymentMethod, PaymentMethod.QR_CODE),),
)

_REMEDIES: dict[str, Remedy | None] = {
    "card.pin_blocked": Remedy(
        lambda: tr("Set a new PIN here"), ServiceId.CARD, _card(CardService.RESET_PIN)
    ),
    "card.reported_lost": Remedy(
        lambda: tr("Get a replacement card"),
        ServiceId.CARD,
        _card(
            CardService.REPLACEMENT,
            PresetAnswer(ChooseReplacementReason, CardApplicationReason.REPLACEMENT_LOST),
        ),
    ),
    "card.already_held": Remedy(
        lambda: tr("Get a replacement card"), ServiceId.CARD, _card(CardService.REPLACEMENT)
    ),
    "card.not_activated": Remedy(
        lambda: tr("Activate this card"), ServiceId.CARD, _card(CardService.ACTIVATE)
    ),
    "card.already_active": Remedy(
        lambda: tr("Change the PIN"), ServiceId.CARD, _card(CardService.CHANGE_PIN)
    ),
    "card.not_reported_lost": Remedy(
        lambda: tr("Report the card lost"), ServiceId.CARD, _card(CardService.REPORT_LOSS)
    ),
    "card.not_enrolled": Remedy(lambda: tr("Enrol now"), ServiceId.ENROLLMENT),
    "person.not_found": Remedy(lambda: tr("Enrol now"), ServiceId.ENROLLMENT),
    "enrollment.already_enrolled": Remedy(lambda: tr("See my records"), ServiceId.QUERY),
    "order.already_paid": Remedy(lambda: service_name(ServiceId.PROGRESS), ServiceId.PROGRESS),
    "card.application_pending": Remedy(
        lambda: service_name(ServiceId.PROGRESS), ServiceId.PROGRESS
    ),
    "order.expired": Remedy(
        lambda: tr("Get a new QR code"),
        ServiceId.PAYMENT,
        (PresetAnswer(ChoosePaymentMethod, PaymentMethod.QR_CODE),),
    ),
    "order.cancelled": PAY_AGAIN,
    "order.not_found": PAY_AGAIN,
    "order.wrong_method": PAY_AGAIN,
    "payment.not_payable": PAY_AGAIN,
    "debit.wrong_pin": PAY_AGAIN,
    "debit.pin_blocked": PAY_BY_QR,
    "debit.card_unknown": PAY_BY_QR,
    "card.not_bank_card": PAY_BY_QR,
    # What a retry may well mend: the card or ID card put in badly, the line, the face check.
    "card.absent": RETRY,
    "card.removed": RETRY,
    "card.unresponsive": RETRY,
    "card.error": RETRY,
    "card.pin_format": RETRY,
    "card.write_failed": RETRY,
    "card.needs_network": RETRY,
    "card.application_closed": RETRY,
    "card.application_not_found": RETRY,
    "issuance.interrupted": RETRY,
    "person.reference_expired": RETRY,
    "loss_report.proof_mismatch": RETRY,
    "eligibility.no_face": RETRY,
    "camera.starting": RETRY,
    "central.unavailable": RETRY,
    "central.timeout": RETRY,
    "central.error": RETRY,
    "central.malformed": RETRY,
    "queue.full": RETRY,
    "queue.disk_low": RETRY,
    "queue.offline_not_allowed": RETRY,
    "internal.error": RETRY,
    "card.not_ssc": RETRY,
    "receipt.not_found": RETRY,
    "certificate.not_found": RETRY,
    # Staff can mend these at the kiosk: a device, the chip, a decision of the central system.
    "card.command_failed": CALL_STAFF,
    "card.malformed": CALL_STAFF,
    "card.no_reader": CALL_STAFF,
    "card.not_found": CALL_STAFF,
    "card.not_active": CALL_STAFF,
    "card.liveness_failed": CALL_STAFF,
    "eligibility.liveness_failed": CALL_STAFF,
    "enrollment.not_eligible": CALL_STAFF,
    "certificate.not_eligible": CALL_STAFF,
    "loss_report.proof_missing": CALL_STAFF,
    "central.rejected": CALL_STAFF,
    "idcard.bad_id_number": CALL_STAFF,
    "idcard.no_reader": CALL_STAFF,  # as card.no_reader: trying again mends no missing reader
    "payment.mismatch": CALL_STAFF,
    "payment.not_completed": CALL_STAFF,
    # Home stays the main button: only the counter (or the police station) can help.
    "idcard.expired": None,
    "card.expired": None,
    "card.bad_id_number": None,
    "card.holder_mismatch": None,
    "card.no_name": None,
    "card.face_mismatch": None,
    "card.no_reference_photo": None,
    "card.retired": None,
    "eligibility.not_pensioner": None,
}

# Codes of a family not listed one by one get the family's remedy.
_FAMILIES: dict[str, Remedy] = {
    "idcard.": RETRY,
    "liveness.": RETRY,
    "face.": RETRY,
    "pinpad.": PAY_BY_QR,
    "central.": RETRY,
    "idempotency.": RETRY,
    "request.": RETRY,
    "camera.": CALL_STAFF,
    "printer.": CALL_STAFF,
    "receipt_printer.": CALL_STAFF,
    "issuer.": CALL_STAFF,
    "queue.": CALL_STAFF,
    "device.": CALL_STAFF,
    "auth.": CALL_STAFF,
}


def remedy_for(code: str) -> Remedy | None:
    """The main action for `code`'s error screen; None where "Back to home" is all there is."""
    if code in _REMEDIES:
        return _REMEDIES[code]
    return next((remedy for prefix, remedy in _FAMILIES.items() if code.startswith(prefix)), None)
