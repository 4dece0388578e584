"""社保卡办理: the card services behind one tile — a new card or a replacement on the spot (or,
where no card issuer is fitted, applied for and made at the branch), a loss report (by ID card
and face, or 临时挂失 by ID number and mobile), activating a card made elsewhere, and changing
or resetting the PIN."""

from __future__ import annotations

from kiosk.services.cards.activation import activate_card
from kiosk.services.cards.delivery import apply_for_delivery
from kiosk.services.cards.issuance import issue_card
from kiosk.services.cards.loss import report_card_loss, report_card_loss_by_face
from kiosk.services.cards.pin import change_pin, reset_pin
from kiosk.services.cards.steps import CardService, ChooseCardService, ChooseReplacementReason
from kiosk.services.session import Devices, Session


def card_services(s: Session) -> None:
    choice = s.ask(card_menu(s.devices, s.outbound.online))
    if choice is CardService.NEW_CARD:
        issue_card(s)
    elif choice is CardService.REPLACEMENT:
        issue_card(s, s.ask(ChooseReplacementReason()))
    elif choice is CardService.REPORT_LOSS:
        report_card_loss_by_face(s)
    elif choice is CardService.REPORT_LOSS_BY_MOBILE:
        report_card_loss(s)
    elif choice is CardService.ACTIVATE:
        activate_card(s)
    elif choice is CardService.CHANGE_PIN:
        change_pin(s)
    elif choice is CardService.APPLY_FOR_DELIVERY:
        apply_for_delivery(s)
    else:
        reset_pin(s)


def card_menu(devices: Devices, online: bool | None) -> ChooseCardService:
    """The card menu as this kiosk offers it now: an error screen asks it too, so that its
    remedy ("set a new PIN here") is offered only where the menu would offer it."""
    return ChooseCardService(_offered(devices), issuing=_can_issue(devices, online))


def _offered(devices: Devices) -> tuple[CardService, ...]:
    offered = [
        CardService.NEW_CARD,
        CardService.REPLACEMENT,
        CardService.REPORT_LOSS,
        CardService.REPORT_LOSS_BY_MOBILE,
        CardService.ACTIVATE,
        CardService.CHANGE_PIN,
        CardService.RESET_PIN,
    ]
    if devices.card_issuer is None:
        # No card is made here: applied for, made at the branch, brought or collected.
        offered.remove(CardService.NEW_CARD)
        offered.remove(CardService.REPLACEMENT)
        offered.insert(0, CardService.APPLY_FOR_DELIVERY)
    if devices.idcard_reader is None:
        offered.remove(CardService.ACTIVATE)
    if devices.idcard_reader is None or devices.camera is None:
        offered.remove(CardService.REPORT_LOSS)
        offered.remove(CardService.RESET_PIN)
        if CardService.APPLY_FOR_DELIVERY in offered:
            offered.remove(CardService.APPLY_FOR_DELIVERY)
    return tuple(offered)


def _can_issue(devices: Devices, online: bool | None) -> bool:
    from devices.card_issuer.base import IssuerState

    issuer = devices.card_issuer
    return (
        issuer is not None
        and issuer.state() is IssuerState.READY
        and online is not False
        and devices.idcard_reader is not None
    )
