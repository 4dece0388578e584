"""社保缴费: card and PIN, what can be paid, the choice, then the money by QR code or bank card.

The order is recorded in the payment ledger before the citizen can pay it, and its confirmation
is queued through the outbox the moment the money is known to have moved; whatever happens to
the session after that (card pulled, kiosk killed), the ledger's reconciliation sees the order
through. A citizen who leaves the QR screen cancels the order; if their phone paid at the same
moment, the payment wins and is confirmed."""

from __future__ import annotations

import contextlib
import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.central.codes import PaymentMethod
from kiosk.codes import Code
from kiosk.services.errors import ServiceError, SessionCancelled, StepBack
from kiosk.services.identify import identify, take_card
from kiosk.services.payment.steps import (
    BankPinOnPad,
    ChoosePayable,
    ChoosePaymentMethod,
    EnterBankPin,
    NothingToPay,
    PayableOption,
    PayByQr,
    PaymentDone,
)
from kiosk.services.receipt_printing import print_receipt, receipt_printer_ready
from kiosk.services.session import Polled, Session
from kiosk.services.steps import Activity, Working

if TYPE_CHECKING:
    from kiosk.central import models as m
    from kiosk.ledgers.payments import PaymentLedger

log = logging.getLogger(__name__)

POLL_EVERY_S = 2.0
EXPIRY_GRACE = timedelta(seconds=5)
"""How long past the order's expiry the kiosk keeps asking before it calls it expired."""
PIN_ENTRY_TIMEOUT_S = 60.0
DEBIT_PIN_TRIES = 3
ORDER_ENDS = {"expired": Code.ORDER_EXPIRED, "cancelled": Code.ORDER_CANCELLED}


def pay_contribution(s: Session) -> None:
    receipt_printer_ready(s)  # said before anything is charged
    person = identify(s)
    from kiosk.central import models as m
    from kiosk.central.operations import PAYMENT_ORDER
    from kiosk.central.outbound import Sent

    s.show(Working(Activity.FETCHING_PAYABLES))
    items = s.central.payables(person.reference).items
    if not items:
        s.ask(NothingToPay())
        take_card(s)
        return
    options = tuple(
        PayableOption(
            kind=item.kind.value,
            year=item.year,
            grades=tuple((g.grade, g.amount_fen) for g in item.grades),
            back_year=item.unpaid_back_year,
        )
        for item in items
    )
    while True:
        choice = s.ask(ChoosePayable(person.masked_name, options))
        option = options[choice.option]
        amount = dict(option.grades).get(choice.grade)
        if amount is None:
            raise ServiceError(Code.PAYMENT_NOT_PAYABLE)
        try:
            method = s.ask(ChoosePaymentMethod(option.kind, option.year, amount))
            break
        except StepBack:
            continue  # back to the list

    s.show(Working(Activity.CREATING_ORDER))
    request = m.PaymentOrderRequest(
        id_number=person.id_number,
        kind=m.InsuranceKind(option.kind),
        year=option.year,
        grade=choice.grade,
        method=m.PaymentMethod(method.value),
    )
    created = s.outbound.submit(PAYMENT_ORDER, lambda _receipt: request)
    if not isinstance(created, Sent):  # an order is made now or not at all
        raise ServiceError(Code.QUEUE_OFFLINE_NOT_ALLOWED)
    order = created.reply
    ledger = s.outbound.payments
    ledger.opened(order, request.method)
    with ledger.handling(order.order_id):
        if method is PaymentMethod.QR_CODE:
            paid = _pay_by_qr(s, ledger, order)
        else:
            paid = _pay_by_card(s, order)
        try:
            s.show(Working(Activity.CONFIRMING_PAYMENT))
        finally:  # the money has moved: confirmed even if the session has just ended
            confirmation = ledger.confirm(paid)

    from kiosk.documents.receipt import payment_receipt

    if isinstance(confirmation, str):  # queued before (the reconciler was faster)
        receipt_number, queued = confirmation, False
    else:
        receipt_number, queued = confirmation.receipt, not isinstance(confirmation, Sent)
    printed = print_receipt(
        s,
        payment_receipt(
            receipt_number=receipt_number,
            insurance=option.kind,
            year=option.year,
            amount_fen=paid.amount_fen,
            bank_reference=paid.bank_reference or "",
            paid_at=paid.paid_at or datetime.now(UTC),
            masked_name=person.masked_name,
            terminal_id=s.terminal_id,
            queued=queued,
        ),
    )
    s.ask(
        PaymentDone(
            kind=option.kind,
            year=option.year,
            amount_fen=paid.amount_fen,
            receipt_number=receipt_number,
            queued=queued,
            printed=printed,
        )
    )
    take_card(s)


def _pay_by_qr(s: Session, ledger: PaymentLedger, order: m.PaymentOrder) -> m.PaymentOrder:
    from kiosk.central import models as m
    from kiosk.central.errors import CentralUnavailable

    if order.qr_payload is None:
        raise ServiceError(Code.CENTRAL_MALFORMED)

    def settled() -> m.PaymentOrder | None:
        try:
            now = s.central.payment_order(order.order_id)
        except CentralUnavailable:
            return None  # the line may come back before the order expires
        if now.state is not m.OrderState.AWAITING_PAYMENT:
            return now
        if datetime.now(UTC) > order.expires_at + EXPIRY_GRACE:
            return now.model_copy(update={"state": m.OrderState.EXPIRED})
        return None

    prompt = PayByQr(order.qr_payload, order.amount_fen, order.expires_at)
    try:
        result = s.ask_polling(prompt, settled, POLL_EVERY_S)
    except SessionCancelled:
        _abandon(s, ledger, order)
        raise
    except StepBack:  # Cancel payment
        _abandon(s, ledger, order)
        try:
            now = s.central.payment_order(order.order_id)
        except CentralUnavailable:
            raise ServiceError(Code.ORDER_CANCELLED) from None  # the ledger settles it later
        if now.state in (m.OrderState.PAID, m.OrderState.CONFIRMED):
            return now  # the phone was faster than the finger: the payment stands
        raise ServiceError(Code.ORDER_CANCELLED) from None
    if not isinstance(result, Polled):
        raise ServiceError(Code.ORDER_CANCELLED)  # no answer but Back exists on this screen
    return _paid_or_end(ledger, result.value)


def _abandon(s: Session, ledger: PaymentLedger, order: m.PaymentOrder) -> None:
    """The citizen left the QR screen: cancel the order, unless the phone was faster."""
    with contextlib.suppress(SessionCancelled):  # ended: cancelled all the same
        s.show(Working(Activity.CANCELLING_ORDER))
    log.info("session %s: payment order abandoned, cancelling", s.id)
    ledger.cancel(order.order_id, "citizen_left")


def _paid_or_end(ledger: PaymentLedger, order: m.PaymentOrder) -> m.PaymentOrder:
    from kiosk.central import models as m

    if order.state in (m.OrderState.PAID, m.OrderState.CONFIRMED):
        return order
    ledger.settled(order.order_id, order.state)
    raise ServiceError(ORDER_ENDS.get(order.state.value, Code.PAYMENT_NOT_COMPLETED))


def _pay_by_card(s: Session, order: m.PaymentOrder) -> m.PaymentOrder:
    """The social security card is also the bank card: its debit application gives the
    account number; the PIN comes from the PIN pad, or the shuffled on-screen keypad."""
    from devices.pinpad.base import PinEntryCancelled, PinEntryTimeout, PinPadError
    from devices.pinpad.pinblock import InvalidPinBlock
    from devices.smartcard.errors import CardError
    from kiosk.central import models as m
    from kiosk.central.errors import CentralRejected
    from kiosk.central.operations import CARD_DEBIT
    from kiosk.central.outbound import Sent

    s.show(Working(Activity.READING_BANK_CARD))
    try:
        pan = s.await_device(s.devices.card_reader.read_bank_pan())
    except CardError as exc:
        s.outbound.payments.cancel(order.order_id, "kiosk_fault")
        raise ServiceError(exc.code) from None

    tries_left: int | None = None
    while True:
        try:
            block = _pin_block(s, pan, order.amount_fen, tries_left)
        except (StepBack, SessionCancelled):
            s.outbound.payments.cancel(order.order_id, "citizen_left")
            raise
        except (PinEntryCancelled, PinEntryTimeout, InvalidPinBlock):
            s.outbound.payments.cancel(order.order_id, "citizen_left")
            raise StepBack() from None
        except PinPadError as exc:
            s.outbound.payments.cancel(order.order_id, "kiosk_fault")
            raise ServiceError(exc.code) from None
        s.show(Working(Activity.DEBITING))
        debit = m.CardDebitRequest(order_id=order.order_id, pan=pan, pin_block=block)

        def request(_receipt: str, debit: m.CardDebitRequest = debit) -> m.CardDebitRequest:
            return debit

        try:
            result = s.outbound.submit(CARD_DEBIT, request)
        except CentralRejected as exc:
            if exc.code != "debit.wrong_pin":
                raise ServiceError(exc.code) from None
            tries_left = DEBIT_PIN_TRIES - 1 if tries_left is None else tries_left - 1
            log.info("session %s: wrong bank PIN, %s tries left", s.id, tries_left)
            if tries_left <= 0:
                raise ServiceError(Code.DEBIT_PIN_BLOCKED) from None
            continue
        if not isinstance(result, Sent):
            # Written: the debit reaches the bank later under the same key, and the ledger
            # confirms it if it went through. The citizen is told it did not go through now.
            raise ServiceError(Code.PAYMENT_NOT_COMPLETED)
        return result.reply


def _pin_block(s: Session, pan: str, amount_fen: int, tries_left: int | None) -> str:
    from devices.base import DeviceStatus
    from devices.pinpad.base import shuffled_keypad
    from devices.pinpad.pinblock import pin_block

    pad = s.devices.pinpad
    if pad is None or pad.status() is not DeviceStatus.ONLINE:
        pin = s.ask(EnterBankPin(shuffled_keypad(), amount_fen, tries_left))
        return pin_block(pin, pan)

    def typed(digits: int) -> None:  # on the pad's thread: a late key must not raise there
        if not s.ended:
            with contextlib.suppress(SessionCancelled):
                s.show(BankPinOnPad(digits, amount_fen, tries_left))

    typed(0)
    s.on_end(pad.cancel)
    return s.await_device(pad.read_pin_block(pan, typed, PIN_ENTRY_TIMEOUT_S))
