"""The sandbox's payment back end over HTTP: payables, orders, the payer's phone, card debits
with PIN blocks, cancellations, expiry, and confirmations booked exactly once."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import requests

from devices.pinpad.pinblock import pin_block
from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.errors import CentralRejected
from offline_queue.receipts import new_receipt_number
from sandbox.citizens import bank_pan, demo_citizen
from sandbox.db import RESIDENT_MEDICAL_FEN, RESIDENT_PENSION_GRADES_FEN
from sandbox.payments import PAYER_PATH
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for

RESIDENT = demo_citizen("unpaid-year")
assert RESIDENT.card is not None
PAN = bank_pan(RESIDENT)
THIS_YEAR = date.today().year


@pytest.fixture
def client(sandbox: SandboxProcess) -> Iterator[CentralClient]:
    made = CentralClient(settings_for(sandbox.url).central)
    yield made
    made.close()


def order(
    client: CentralClient, method: m.PaymentMethod, year: int = THIS_YEAR - 2, grade: int = 2
) -> m.PaymentOrder:
    request = m.PaymentOrderRequest(
        id_number=RESIDENT.id_number,
        kind=m.InsuranceKind.RESIDENT_PENSION,
        year=year,
        grade=grade,
        method=method,
    )
    return client.send_write("/payment-orders", request.model_dump_json().encode(),
                             m.PaymentOrder, uuid.uuid4())  # fmt: skip


def debit(client: CentralClient, placed: m.PaymentOrder, pin: str) -> m.PaymentOrder:
    request = m.CardDebitRequest(order_id=placed.order_id, pan=PAN, pin_block=pin_block(pin, PAN))
    return client.send_write("/card-debits", request.model_dump_json().encode(),
                             m.PaymentOrder, uuid.uuid4())  # fmt: skip


def confirm(
    client: CentralClient, paid: m.PaymentOrder, key: uuid.UUID, receipt: str
) -> m.PaymentOrder:
    assert paid.bank_reference and paid.paid_at
    request = m.PaymentConfirmation(
        receipt_number=receipt,
        order_id=paid.order_id,
        bank_reference=paid.bank_reference,
        paid_at=paid.paid_at,
        amount_fen=paid.amount_fen,
    )
    path = f"/payment-orders/{paid.order_id}/confirmations"
    return client.send_write(path, request.model_dump_json().encode(), m.PaymentOrder, key)


def booked(sandbox_db: Path, year: int) -> list[tuple[int, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute(
            "SELECT personal_fen, state FROM contributions WHERE id_number = ? AND kind = ?"
            " AND year = ?",
            (RESIDENT.id_number, "resident_pension", year),
        ).fetchall()


def test_payables_follow_the_local_policy(client: CentralClient) -> None:
    found = client.identify(RESIDENT.id_number, RESIDENT.card.card_number)  # type: ignore[union-attr]
    items = {(i.kind, i.year): i for i in client.payables(found.person_ref).items}
    back = items[(m.InsuranceKind.RESIDENT_PENSION, THIS_YEAR - 2)]
    assert back.unpaid_back_year
    assert [g.amount_fen for g in back.grades] == list(RESIDENT_PENSION_GRADES_FEN)
    assert not items[(m.InsuranceKind.RESIDENT_PENSION, THIS_YEAR)].unpaid_back_year
    medical = items[(m.InsuranceKind.RESIDENT_MEDICAL, THIS_YEAR + 1)]
    assert [g.amount_fen for g in medical.grades] == [RESIDENT_MEDICAL_FEN]
    assert (m.InsuranceKind.RESIDENT_PENSION, THIS_YEAR - 1) not in items  # paid already


@pytest.mark.expected_log("payment.not_payable")
def test_an_order_for_something_not_payable_is_refused(client: CentralClient) -> None:
    with pytest.raises(CentralRejected) as refused:
        order(client, m.PaymentMethod.QR_CODE, year=THIS_YEAR - 1)
    assert refused.value.code == "payment.not_payable"


def test_a_qr_payment_is_booked_once(
    client: CentralClient, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    placed = order(client, m.PaymentMethod.QR_CODE)
    assert placed.state is m.OrderState.AWAITING_PAYMENT and placed.qr_payload
    assert placed.amount_fen == RESIDENT_PENSION_GRADES_FEN[1]
    answer = requests.post(f"{sandbox.url}{PAYER_PATH}/{placed.order_id}", timeout=5)
    assert answer.status_code == 200
    paid = client.payment_order(placed.order_id)
    assert paid.state is m.OrderState.PAID and paid.bank_reference
    key, receipt = uuid.uuid4(), new_receipt_number()
    assert confirm(client, paid, key, receipt).state is m.OrderState.CONFIRMED
    assert confirm(client, paid, key, receipt).state is m.OrderState.CONFIRMED  # replayed
    again = confirm(client, paid, uuid.uuid4(), new_receipt_number())  # another terminal's retry
    assert again.state is m.OrderState.CONFIRMED
    assert booked(sandbox_db, THIS_YEAR - 2) == [(RESIDENT_PENSION_GRADES_FEN[1], "back_paid")]


@pytest.mark.expected_log("debit.wrong_pin", "debit.pin_blocked")
def test_a_card_payment_with_a_wrong_then_the_right_pin(client: CentralClient) -> None:
    placed = order(client, m.PaymentMethod.BANK_CARD)
    assert placed.qr_payload is None
    with pytest.raises(CentralRejected) as wrong:
        debit(client, placed, "000000")
    assert wrong.value.code == "debit.wrong_pin"
    paid = debit(client, placed, RESIDENT.card.pin)  # type: ignore[union-attr]
    assert paid.state is m.OrderState.PAID and paid.bank_reference.startswith("CARD-")  # type: ignore[union-attr]

    blocked = order(client, m.PaymentMethod.BANK_CARD, year=THIS_YEAR)
    for _ in range(3):
        with pytest.raises(CentralRejected):
            debit(client, blocked, "000000")
    with pytest.raises(CentralRejected) as refused:
        debit(client, blocked, RESIDENT.card.pin)  # type: ignore[union-attr]
    assert refused.value.code == "debit.pin_blocked"


@pytest.mark.expected_log("order.already_paid", "order.cancelled", "order.expired")
def test_cancelled_and_expired_orders_take_no_money(
    client: CentralClient, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    placed = order(client, m.PaymentMethod.QR_CODE)
    cancellation = m.OrderCancellation(order_id=placed.order_id, reason="citizen_left")
    path = f"/payment-orders/{placed.order_id}/cancellations"
    cancelled = client.send_write(
        path, cancellation.model_dump_json().encode(), m.PaymentOrder, uuid.uuid4()
    )
    assert cancelled.state is m.OrderState.CANCELLED
    answer = requests.post(f"{sandbox.url}{PAYER_PATH}/{placed.order_id}", timeout=5)
    assert answer.status_code == 409 and answer.json()["code"] == "order.cancelled"

    late = order(client, m.PaymentMethod.QR_CODE, year=THIS_YEAR)
    past = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
    with sqlite3.connect(sandbox_db) as db:
        db.execute(
            "UPDATE payment_orders SET expires_at = ? WHERE order_id = ?",
            (past, str(late.order_id)),
        )
    assert client.payment_order(late.order_id).state is m.OrderState.EXPIRED
    answer = requests.post(f"{sandbox.url}{PAYER_PATH}/{late.order_id}", timeout=5)
    assert answer.json()["code"] == "order.expired"
    assert booked(sandbox_db, THIS_YEAR) == []
