"""社保缴费 without Qt: 赵敏's unpaid back year paid by QR code on the demo payer's phone, the QR
cancelled, paid by card with a wrong then the right bank PIN, wrong bank PINs counted per card over
orders until the card is blocked; nothing to pay. The sandbox's own
database says what happened to the order and the contribution each time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import requests

from demo.kiosk import DemoKiosk
from devices.printer.receipt import SpoolReceiptPrinter
from kiosk.central.codes import PaymentMethod
from kiosk.services.errors import EndReason
from kiosk.services.payment import flow as payment_flow
from kiosk.services.payment.steps import (
    ChoosePayable,
    ChoosePaymentMethod,
    EnterBankPin,
    NothingToPay,
    PayableChoice,
    PayByQr,
    PaymentDone,
)
from kiosk.services.session import Back, Outcome, ServiceId
from kiosk.services.steps import EnterPin, TakeCard
from sandbox.citizens import bank_pan, demo_citizen
from sandbox.payments import PAYER_PATH
from sandbox.server import SandboxProcess
from tests.support.scripted import ScriptedCitizen, pay_with_phone

PAYER = demo_citizen("unpaid-year")
GRADE = 2
GRADE_2_FEN = 50_000


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    """The QR screen asks the central system every 2 s whether the order is paid; a tenth here."""
    monkeypatch.setattr(payment_flow, "POLL_EVERY_S", 0.1)


def orders(sandbox_db: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute("SELECT order_id, state, debit_failures FROM payment_orders").fetchall()


def booked(sandbox_db: Path) -> list[tuple[int, str]]:
    """赵敏's resident-pension contributions that count as paid."""
    with sqlite3.connect(sandbox_db) as db:
        return db.execute(
            "SELECT year, state FROM contributions WHERE id_number = ? AND kind = ?"
            " AND state IN ('paid', 'back_paid')",
            (PAYER.id_number, "resident_pension"),
        ).fetchall()


def back_year(step: ChoosePayable) -> PayableChoice:
    """The unpaid earlier year of pension, at grade 2."""
    (index,) = [i for i, option in enumerate(step.options) if option.back_year]
    return PayableChoice(option=index, grade=GRADE)


def payer(kiosk: DemoKiosk, method: PaymentMethod) -> ScriptedCitizen:
    assert PAYER.card is not None
    citizen = ScriptedCitizen(kiosk, card=PAYER.key).answer(EnterPin, PAYER.card.pin)
    citizen.on(ChoosePayable, back_year)
    return citizen.answer(ChoosePaymentMethod, method)


def assert_paid_once(citizen: ScriptedCitizen, kiosk: DemoKiosk, sandbox_db: Path) -> None:
    done = citizen.last(PaymentDone)
    assert (done.kind, done.amount_fen, done.queued, done.printed) == (
        "resident_pension",
        GRADE_2_FEN,
        False,
        True,
    )
    assert citizen.kinds()[-1] == "TakeCard"
    printer = kiosk.devices.receipt_printer
    assert isinstance(printer, SpoolReceiptPrinter)
    (slip,) = printer.directory.glob("*.escpos")
    assert "社保缴费回执".encode("gb18030") in slip.read_bytes()
    assert done.receipt_number.encode() in slip.read_bytes()
    assert kiosk.outbound.payments.unsettled() == []


def test_the_back_year_paid_by_qr_on_the_phone_is_booked_once(
    kiosk: DemoKiosk, sandbox_db: Path
) -> None:
    before = booked(sandbox_db)
    citizen = payer(kiosk, PaymentMethod.QR_CODE).on(PayByQr, pay_with_phone(kiosk))
    assert citizen.run(ServiceId.PAYMENT) == Outcome(completed=True)
    options = citizen.last(ChoosePayable).options
    back = next(o for o in options if o.back_year)
    assert len(back.grades) == 5 and dict(back.grades)[GRADE] == GRADE_2_FEN
    assert citizen.last(ChoosePaymentMethod).amount_fen == GRADE_2_FEN
    qr = citizen.last(PayByQr)
    assert qr.payload.startswith("sheyinpay:") and qr.amount_fen == GRADE_2_FEN
    assert_paid_once(citizen, kiosk, sandbox_db)
    assert [state for _order, state, _failures in orders(sandbox_db)] == ["confirmed"]
    assert len(booked(sandbox_db)) == len(before) + 1
    assert back.year not in {year for year, _ in before}
    assert back.year in {year for year, _ in booked(sandbox_db)}


@pytest.mark.expected_log("failed with order.cancelled")
def test_cancelling_on_the_qr_screen_cancels_the_order(
    kiosk: DemoKiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    before = booked(sandbox_db)
    citizen = payer(kiosk, PaymentMethod.QR_CODE).answer(PayByQr, Back.BACK)
    assert citizen.run(ServiceId.PAYMENT) == Outcome(error_code="order.cancelled")
    ((order_id, state, _failures),) = orders(sandbox_db)
    assert state == "cancelled"
    assert booked(sandbox_db) == before
    assert not citizen.seen(PaymentDone)
    phone = requests.post(f"{sandbox.url}{PAYER_PATH}/{order_id}", timeout=5)
    assert phone.status_code == 409  # too late for the phone
    kiosk.outbound.payments.reconcile()
    assert kiosk.outbound.payments.unsettled() == []


@pytest.mark.expected_log("debit.wrong_pin")
def test_card_payment_with_a_wrong_then_the_right_bank_pin(
    kiosk: DemoKiosk, sandbox_db: Path
) -> None:
    assert PAYER.card is not None
    before = booked(sandbox_db)
    citizen = payer(kiosk, PaymentMethod.BANK_CARD)
    citizen.answer(EnterBankPin, "111111", PAYER.card.pin)  # the demo bank PIN is the card's
    assert citizen.run(ServiceId.PAYMENT) == Outcome(completed=True)
    prompts = citizen.seen(EnterBankPin)
    assert [p.tries_left for p in prompts] == [None, 2]
    assert all(p.amount_fen == GRADE_2_FEN for p in prompts)
    assert sorted(prompts[0].keypad) == list(range(10))
    assert not citizen.seen(PayByQr)
    assert_paid_once(citizen, kiosk, sandbox_db)
    assert [(state, failures) for _order, state, failures in orders(sandbox_db)] == [
        ("confirmed", 1)
    ]
    assert len(booked(sandbox_db)) == len(before) + 1


def bank_card(sandbox_db: Path) -> tuple[int, int]:
    """The bank's count of wrong PINs for 赵敏's card, and whether it blocks her debits."""
    with sqlite3.connect(sandbox_db) as db:
        failures, blocked = db.execute(
            "SELECT failures, blocked FROM bank_cards WHERE pan = ?", (bank_pan(PAYER),)
        ).fetchone()
    return failures, blocked


@pytest.mark.expected_log("debit.wrong_pin", "debit.pin_blocked")
def test_wrong_bank_pins_on_three_orders_block_the_card_for_a_fourth(
    kiosk: DemoKiosk, sandbox_db: Path
) -> None:
    """Each session makes an order of its own: a new order does not give the card new tries."""
    assert PAYER.card is not None
    before = booked(sandbox_db)
    for order_number in (1, 2):  # one wrong PIN, then the citizen leaves the PIN screen
        citizen = payer(kiosk, PaymentMethod.BANK_CARD).answer(EnterBankPin, "111111", Back.BACK)
        assert citizen.run(ServiceId.PAYMENT) == Outcome(reason=EndReason.CANCELLED)
        assert bank_card(sandbox_db) == (order_number, 0)
    third = payer(kiosk, PaymentMethod.BANK_CARD).answer(EnterBankPin, "111111")
    assert third.run(ServiceId.PAYMENT) == Outcome(error_code="debit.pin_blocked")
    assert len(third.seen(EnterBankPin)) == 1  # blocked by its first wrong PIN
    assert bank_card(sandbox_db) == (3, 1)
    fourth = payer(kiosk, PaymentMethod.BANK_CARD).answer(EnterBankPin, PAYER.card.pin)
    assert fourth.run(ServiceId.PAYMENT) == Outcome(error_code="debit.pin_blocked")
    assert not fourth.seen(PaymentDone)
    placed = orders(sandbox_db)
    assert len(placed) == 4 and all(state != "confirmed" for _order, state, _f in placed)
    assert booked(sandbox_db) == before


@pytest.mark.expected_log("debit.wrong_pin")
def test_a_right_bank_pin_clears_the_wrong_one_of_an_earlier_order(
    kiosk: DemoKiosk, sandbox_db: Path
) -> None:
    assert PAYER.card is not None
    before = booked(sandbox_db)
    first = payer(kiosk, PaymentMethod.BANK_CARD).answer(EnterBankPin, "111111", Back.BACK)
    assert first.run(ServiceId.PAYMENT) == Outcome(reason=EndReason.CANCELLED)
    assert bank_card(sandbox_db) == (1, 0)
    second = payer(kiosk, PaymentMethod.BANK_CARD).answer(EnterBankPin, PAYER.card.pin)
    assert second.run(ServiceId.PAYMENT) == Outcome(completed=True)
    assert second.last(PaymentDone).amount_fen == GRADE_2_FEN
    assert len(booked(sandbox_db)) == len(before) + 1
    assert bank_card(sandbox_db) == (0, 0)


def test_nothing_to_pay(shared_kiosk: DemoKiosk) -> None:
    contributor = demo_citizen("contributor")  # an employee: the employer pays
    assert contributor.card is not None
    citizen = ScriptedCitizen(shared_kiosk, card=contributor.key)
    citizen.answer(EnterPin, contributor.card.pin)
    assert citizen.run(ServiceId.PAYMENT) == Outcome(completed=True)
    assert citizen.seen(NothingToPay)
    assert citizen.seen(TakeCard)
    assert not citizen.seen(ChoosePayable)
