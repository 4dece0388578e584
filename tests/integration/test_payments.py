"""The sandbox's payment back end over HTTP: payables, orders, the payer's phone, card debits
with PIN blocks, cancellations, expiry, and confirmations booked exactly once."""

from __future__ import annotations

import contextlib
import json
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
from sandbox.citizens import DEMO_CITIZENS, bank_pan, demo_citizen
from sandbox.db import (
    RESIDENT_MEDICAL_FEN,
    RESIDENT_PENSION_GRADES_FEN,
    Database,
    bank_pin_key,
    bank_pin_verifier,
)
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


@pytest.mark.expected_log("debit.wrong_pin")
def test_a_card_payment_with_a_wrong_then_the_right_pin(client: CentralClient) -> None:
    placed = order(client, m.PaymentMethod.BANK_CARD)
    assert placed.qr_payload is None
    with pytest.raises(CentralRejected) as wrong:
        debit(client, placed, "000000")
    assert wrong.value.code == "debit.wrong_pin"
    paid = debit(client, placed, RESIDENT.card.pin)  # type: ignore[union-attr]
    assert paid.state is m.OrderState.PAID and paid.bank_reference.startswith("CARD-")  # type: ignore[union-attr]


def bank_answer(
    client: CentralClient, sandbox_db: Path, placed: m.PaymentOrder, pin: str
) -> tuple[str, str]:
    """The bank's answer as it was sent, code and detail (the detail says the tries left): the
    client keeps only the code, the sandbox's replay store the whole answer."""
    key = uuid.uuid4()
    request = m.CardDebitRequest(order_id=placed.order_id, pan=PAN, pin_block=pin_block(pin, PAN))
    with contextlib.suppress(CentralRejected):
        client.send_write("/card-debits", request.model_dump_json().encode(), m.PaymentOrder, key)
    with sqlite3.connect(sandbox_db) as db:
        status, body = db.execute(
            "SELECT status, body FROM idempotency WHERE key = ?", (str(key),)
        ).fetchone()
    if status < 400:
        return "paid", ""
    problem = json.loads(body)
    return problem["code"], problem.get("detail") or ""


def bank_card(sandbox_db: Path) -> tuple[int, int]:
    """The bank's count of wrong PINs for the resident's card, and whether it is blocked."""
    with sqlite3.connect(sandbox_db) as db:
        row = db.execute("SELECT failures, blocked FROM bank_cards WHERE pan = ?", (PAN,))
        failures, blocked = row.fetchone()
    return failures, blocked


@pytest.mark.expected_log("debit.wrong_pin", "debit.pin_blocked")
def test_wrong_pins_count_per_card_over_orders_until_it_is_blocked(
    client: CentralClient, sandbox_db: Path
) -> None:
    assert RESIDENT.card is not None
    answers = [
        bank_answer(client, sandbox_db, order(client, m.PaymentMethod.BANK_CARD), "000000")
        for _ in "ABC"
    ]
    assert answers == [
        ("debit.wrong_pin", "2 tries left"),
        ("debit.wrong_pin", "1 tries left"),
        ("debit.pin_blocked", ""),  # the third wrong PIN, on a third order, blocks the card
    ]
    assert bank_card(sandbox_db) == (3, 1)
    d = order(client, m.PaymentMethod.BANK_CARD)
    assert bank_answer(client, sandbox_db, d, RESIDENT.card.pin) == ("debit.pin_blocked", "")
    assert client.payment_order(d.order_id).state is m.OrderState.AWAITING_PAYMENT
    assert bank_card(sandbox_db) == (3, 1)  # the right PIN does not lift the block


@pytest.mark.expected_log("debit.wrong_pin")
def test_a_right_pin_clears_the_cards_count(client: CentralClient, sandbox_db: Path) -> None:
    assert RESIDENT.card is not None

    def on_a_new_order(pin: str) -> tuple[str, str]:
        return bank_answer(client, sandbox_db, order(client, m.PaymentMethod.BANK_CARD), pin)

    assert on_a_new_order("000000") == ("debit.wrong_pin", "2 tries left")
    assert on_a_new_order(RESIDENT.card.pin) == ("paid", "")
    assert bank_card(sandbox_db) == (0, 0)
    # Two more wrong PINs: with the first still counted, the second would block the card.
    later = [on_a_new_order("111111") for _ in "AB"]
    assert later == [("debit.wrong_pin", "2 tries left"), ("debit.wrong_pin", "1 tries left")]
    assert on_a_new_order(RESIDENT.card.pin) == ("paid", "")


def test_the_bank_keeps_no_pin_in_clear(sandbox_db: Path, sandbox: SandboxProcess) -> None:
    """Each database's own key: the same card and PIN give another verifier elsewhere."""
    assert RESIDENT.card is not None
    with sqlite3.connect(sandbox_db) as db:
        (verifier,) = db.execute(
            "SELECT pin_verifier FROM bank_cards WHERE pan = ?", (PAN,)
        ).fetchone()
        (key,) = db.execute("SELECT value FROM sandbox_keys WHERE name = 'bank_pins'").fetchone()
        cards = db.execute("SELECT count(*) FROM bank_cards").fetchone()[0]
    assert cards == sum(1 for c in DEMO_CITIZENS if c.card is not None)
    assert len(verifier) == 32 and RESIDENT.card.pin.encode() not in verifier
    assert verifier == bank_pin_verifier(key, PAN, RESIDENT.card.pin)
    assert verifier != bank_pin_verifier(bytes(32), PAN, RESIDENT.card.pin)
    with sqlite3.connect(sandbox_db) as db:
        stored = db.execute("SELECT * FROM bank_cards").fetchall()
    assert not any(RESIDENT.card.pin in str(value) for row in stored for value in row)


def test_a_database_seeded_before_the_bank_table_gets_it(tmp_path: Path) -> None:
    """The migration: an older database (no bank_cards) opened by this sandbox gains the table,
    seeded from the roster once, and keeps the counts it has from then on."""
    path = tmp_path / "old.sqlite3"
    Database(path).seed(date.today())
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE bank_cards")
        db.execute("DELETE FROM sandbox_keys WHERE name = 'bank_pins'")
    reopened = Database(path)
    try:
        with reopened.transaction() as tx:
            row = tx.execute("SELECT * FROM bank_cards WHERE pan = ?", (PAN,)).fetchone()
            assert row["failures"] == 0 and not row["blocked"]
            assert RESIDENT.card is not None
            assert row["pin_verifier"] == bank_pin_verifier(
                bank_pin_key(tx), PAN, RESIDENT.card.pin
            )
            tx.execute("UPDATE bank_cards SET failures = 2 WHERE pan = ?", (PAN,))
    finally:
        reopened.close()
    again = Database(path)
    try:
        with again.transaction() as tx:
            assert (
                tx.execute("SELECT failures FROM bank_cards WHERE pan = ?", (PAN,)).fetchone()[0]
                == 2
            )
    finally:
        again.close()


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
