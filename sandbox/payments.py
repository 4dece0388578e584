"""The sandbox's contribution payments: what is payable, orders with states, the payer's phone
(QR), the bank (card debits with a PIN block), and the confirmation that closes an order once.

Local policy (a typical city's): the residents' pension is paid per year at one of five grades,
for the current year and any unpaid earlier year since enrollment; the residents' medical
insurance is paid in advance for next year at one fixed amount. An order expires after ten
minutes. The acquiring bank counts wrong PINs per card (its bank_cards table), over every order:
three in a row block the card's debits, a right PIN before that clears the count."""

from __future__ import annotations

import hmac
import secrets
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import NoReturn

from fastapi import APIRouter, Request
from fastapi.responses import Response

from devices.pinpad.pinblock import InvalidPinBlock, pin_from_block
from kiosk.central import models as m
from sandbox.db import (
    RESIDENT_MEDICAL_FEN,
    RESIDENT_PENSION_GRADES_FEN,
    bank_pin_key,
    bank_pin_verifier,
)
from sandbox.faults import loopback_only
from sandbox.http import Db, ProblemError, Terminal, Today, idempotent, person_of

ORDER_TTL = timedelta(minutes=10)
MAX_PIN_FAILURES = 3
PAYER_PATH = "/_sandbox/payer"


def payables_of(tx: sqlite3.Connection, id_number: str, today: date) -> list[m.PayableItem]:
    insured = {
        row["kind"]: row["since"]
        for row in tx.execute(
            "SELECT kind, since FROM insurances WHERE id_number = ? AND state = ?",
            (id_number, m.InsuredState.INSURED.value),
        )
    }
    paid = {
        (row["kind"], row["year"])
        for row in tx.execute(
            "SELECT kind, year FROM contributions WHERE id_number = ? AND state != ?",
            (id_number, m.PaymentState.UNPAID.value),
        )
    }
    items = []
    pension = m.InsuranceKind.RESIDENT_PENSION.value
    if pension in insured:
        first = date.fromisoformat(insured[pension]).year if insured[pension] else today.year
        grades = [
            m.ContributionGrade(grade=index + 1, amount_fen=fen)
            for index, fen in enumerate(RESIDENT_PENSION_GRADES_FEN)
        ]
        for year in range(first, today.year + 1):
            if (pension, year) not in paid:
                items.append(
                    m.PayableItem(
                        kind=m.InsuranceKind.RESIDENT_PENSION,
                        year=year,
                        grades=grades,
                        unpaid_back_year=year < today.year,
                    )
                )
    medical = m.InsuranceKind.RESIDENT_MEDICAL.value
    if medical in insured and (medical, today.year + 1) not in paid:
        items.append(
            m.PayableItem(
                kind=m.InsuranceKind.RESIDENT_MEDICAL,
                year=today.year + 1,
                grades=[m.ContributionGrade(grade=1, amount_fen=RESIDENT_MEDICAL_FEN)],
                unpaid_back_year=False,
            )
        )
    return items


def orders_router() -> APIRouter:
    """What is payable, and orders: create, look up, cancel."""
    router = APIRouter()

    @router.get("/api/v1/persons/{ref}/payables", response_model=m.PayableItems)
    def payables(ref: str, terminal_id: Terminal, db: Db, today: Today) -> m.PayableItems:
        with db.transaction() as tx:
            person = person_of(tx, ref, terminal_id)
            items = payables_of(tx, person["id_number"], today)
        return m.PayableItems(items=items)

    @router.post("/api/v1/payment-orders", status_code=201, response_model=m.PaymentOrder)
    async def create_order(
        request: Request,
        body: m.PaymentOrderRequest,
        terminal_id: Terminal,
        db: Db,
        today: Today,
    ) -> Response:
        def apply(tx: sqlite3.Connection) -> m.PaymentOrder:
            item = next(
                (
                    i
                    for i in payables_of(tx, body.id_number, today)
                    if i.kind == body.kind and i.year == body.year
                ),
                None,
            )
            grade = next((g for g in item.grades if g.grade == body.grade), None) if item else None
            if grade is None:
                raise ProblemError("payment.not_payable")
            order_id = uuid.uuid4()
            now = _now()
            tx.execute(
                "INSERT INTO payment_orders (order_id, id_number, kind, year, grade, amount_fen,"
                " method, state, created_at, expires_at, terminal_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(order_id), body.id_number, body.kind.value, body.year, body.grade,
                    grade.amount_fen, body.method.value, m.OrderState.AWAITING_PAYMENT.value,
                    now.isoformat(), (now + ORDER_TTL).isoformat(), terminal_id,
                ),
            )  # fmt: skip
            return _order(_row(tx, order_id))

        return idempotent(db, request, terminal_id, await request.body(), apply)

    @router.get("/api/v1/payment-orders/{order_id}", response_model=m.PaymentOrder)
    def get_order(order_id: uuid.UUID, terminal_id: Terminal, db: Db) -> m.PaymentOrder:
        with db.transaction() as tx:
            row = _row(tx, order_id)
            if row is None:
                raise ProblemError("order.not_found")
            return _order(row)

    @router.post(
        "/api/v1/payment-orders/{order_id}/cancellations",
        status_code=201,
        response_model=m.PaymentOrder,
    )
    async def cancel(
        request: Request,
        order_id: uuid.UUID,
        body: m.OrderCancellation,
        terminal_id: Terminal,
        db: Db,
    ) -> Response:

        def apply(tx: sqlite3.Connection) -> m.PaymentOrder:
            row = _payable_row(tx, order_id)
            if row["state"] != m.OrderState.AWAITING_PAYMENT.value:
                raise ProblemError("order.already_paid")
            _set_state(tx, order_id, m.OrderState.CANCELLED)
            return _order(_row(tx, order_id))

        if body.order_id != order_id:
            raise ProblemError("payment.mismatch")
        return idempotent(db, request, terminal_id, await request.body(), apply)

    return router


def money_router() -> APIRouter:
    """Where money moves (the bank, the payer's phone) and the confirmation that books it."""
    router = APIRouter()

    @router.post("/api/v1/card-debits", status_code=201, response_model=m.PaymentOrder)
    async def debit(
        request: Request,
        body: m.CardDebitRequest,
        terminal_id: Terminal,
        db: Db,
    ) -> Response:
        """The acquiring bank: checks the PIN block against the card, moves the money."""

        def apply(tx: sqlite3.Connection) -> m.PaymentOrder:
            return _debit(tx, body)

        return idempotent(db, request, terminal_id, await request.body(), apply)

    @router.post(PAYER_PATH + "/{order_id}", response_model=m.PaymentOrder)
    def payer_pays(request: Request, order_id: uuid.UUID, db: Db) -> m.PaymentOrder:
        """The demo's payer's phone: scans the QR and pays (loopback only)."""

        loopback_only(request)
        with db.transaction() as tx:
            row = _payable_row(tx, order_id)
            if row["method"] != m.PaymentMethod.QR_CODE.value:
                raise ProblemError("order.wrong_method")
            if row["state"] != m.OrderState.AWAITING_PAYMENT.value:
                raise ProblemError("order.already_paid")
            _mark_paid(tx, order_id, "QR")
            return _order(_row(tx, order_id))

    @router.post(PAYER_PATH + "/{order_id}/expiry", response_model=m.PaymentOrder)
    def expire_now(request: Request, order_id: uuid.UUID, db: Db) -> m.PaymentOrder:
        """Demo and tests: the order's ten minutes are up now (loopback only)."""
        loopback_only(request)
        with db.transaction() as tx:
            _payable_row(tx, order_id)
            tx.execute(
                "UPDATE payment_orders SET expires_at = ? WHERE order_id = ?",
                (_now().isoformat(), str(order_id)),
            )
            return _order(_row(tx, order_id))

    @router.post(
        "/api/v1/payment-orders/{order_id}/confirmations",
        status_code=201,
        response_model=m.PaymentOrder,
    )
    async def confirm(
        request: Request,
        order_id: uuid.UUID,
        body: m.PaymentConfirmation,
        terminal_id: Terminal,
        db: Db,
    ) -> Response:
        """Once money has moved: the contribution is booked, exactly once per order."""

        def apply(tx: sqlite3.Connection) -> m.PaymentOrder:
            row = _row(tx, order_id)
            if row is None:
                raise ProblemError("order.not_found")
            if (
                body.order_id != order_id
                or row["bank_reference"] != body.bank_reference
                or row["amount_fen"] != body.amount_fen
            ):
                raise ProblemError("payment.mismatch")
            if row["state"] == m.OrderState.PAID.value:
                _book(tx, row)
                _set_state(tx, order_id, m.OrderState.CONFIRMED)
            elif row["state"] != m.OrderState.CONFIRMED.value:
                raise ProblemError("payment.mismatch", row["state"])
            return _order(_row(tx, order_id))

        receipt = (body.receipt_number, "payment_confirmation")
        return idempotent(db, request, terminal_id, await request.body(), apply, receipt=receipt)

    return router


def _debit(tx: sqlite3.Connection, body: m.CardDebitRequest) -> m.PaymentOrder:
    row = _payable_row(tx, body.order_id)
    if row["method"] != m.PaymentMethod.BANK_CARD.value:
        raise ProblemError("order.wrong_method")
    if row["state"] != m.OrderState.AWAITING_PAYMENT.value:
        raise ProblemError("order.already_paid")
    card = tx.execute("SELECT * FROM bank_cards WHERE pan = ?", (body.pan,)).fetchone()
    if card is None:
        raise ProblemError("debit.card_unknown")
    if card["blocked"]:
        raise ProblemError("debit.pin_blocked")
    try:
        verifier = bank_pin_verifier(
            bank_pin_key(tx), body.pan, pin_from_block(body.pin_block, body.pan)
        )
    except InvalidPinBlock:
        verifier = b""
    if not hmac.compare_digest(verifier, card["pin_verifier"]):
        _wrong_pin(tx, body, card["failures"] + 1)
    if card["failures"]:
        tx.execute("UPDATE bank_cards SET failures = 0 WHERE pan = ?", (body.pan,))
    _mark_paid(tx, body.order_id, "CARD")
    return _order(_row(tx, body.order_id))


def _wrong_pin(tx: sqlite3.Connection, body: m.CardDebitRequest, failures: int) -> NoReturn:
    """Counts the wrong PIN against the card, whatever the order, and refuses the debit; the
    try that reaches the limit blocks the card's debits at once. The failed try counts: its
    writes stand though the debit is refused."""
    blocked = failures >= MAX_PIN_FAILURES
    tx.execute(
        "UPDATE bank_cards SET failures = ?, blocked = ? WHERE pan = ?",
        (failures, int(blocked), body.pan),
    )
    # The order keeps its own tally of the wrong tries made on it, for the record only.
    tx.execute(
        "UPDATE payment_orders SET debit_failures = debit_failures + 1 WHERE order_id = ?",
        (str(body.order_id),),
    )
    if blocked:
        raise ProblemError("debit.pin_blocked", keep_writes=True)
    tries_left = MAX_PIN_FAILURES - failures
    raise ProblemError("debit.wrong_pin", f"{tries_left} tries left", keep_writes=True)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _row(tx: sqlite3.Connection, order_id: uuid.UUID) -> sqlite3.Row:
    row: sqlite3.Row = tx.execute(
        "SELECT * FROM payment_orders WHERE order_id = ?", (str(order_id),)
    ).fetchone()
    return row


def _payable_row(tx: sqlite3.Connection, order_id: uuid.UUID) -> sqlite3.Row:
    """The order, if it can still be paid or cancelled; a problem otherwise."""

    row = _row(tx, order_id)
    if row is None:
        raise ProblemError("order.not_found")
    state = _state(row)
    if state is m.OrderState.EXPIRED:
        raise ProblemError("order.expired")
    if state is m.OrderState.CANCELLED:
        raise ProblemError("order.cancelled")
    return row


def _state(row: sqlite3.Row) -> m.OrderState:
    state = m.OrderState(row["state"])
    expired = datetime.fromisoformat(row["expires_at"]) <= _now()
    if state is m.OrderState.AWAITING_PAYMENT and expired:
        return m.OrderState.EXPIRED
    return state


def _order(row: sqlite3.Row) -> m.PaymentOrder:
    qr = f"sheyinpay:{row['order_id']}:{row['amount_fen']}"
    return m.PaymentOrder(
        order_id=uuid.UUID(row["order_id"]),
        amount_fen=row["amount_fen"],
        state=_state(row),
        expires_at=datetime.fromisoformat(row["expires_at"]),
        qr_payload=qr if row["method"] == m.PaymentMethod.QR_CODE.value else None,
        bank_reference=row["bank_reference"],
        paid_at=datetime.fromisoformat(row["paid_at"]) if row["paid_at"] else None,
    )


def _set_state(tx: sqlite3.Connection, order_id: uuid.UUID, state: m.OrderState) -> None:
    tx.execute(
        "UPDATE payment_orders SET state = ? WHERE order_id = ?", (state.value, str(order_id))
    )


def _mark_paid(tx: sqlite3.Connection, order_id: uuid.UUID, channel: str) -> None:
    tx.execute(
        "UPDATE payment_orders SET state = ?, bank_reference = ?, paid_at = ? WHERE order_id = ?",
        (m.OrderState.PAID.value, f"{channel}-{secrets.token_hex(6).upper()}",
         _now().isoformat(), str(order_id)),
    )  # fmt: skip


def _book(tx: sqlite3.Connection, row: sqlite3.Row) -> None:
    """The year's contribution, paid (late, for an earlier year)."""
    late = row["year"] < date.fromisoformat(row["created_at"][:10]).year
    state = (m.PaymentState.BACK_PAID if late else m.PaymentState.PAID).value
    to_account = row["amount_fen"] if row["kind"] == m.InsuranceKind.RESIDENT_PENSION.value else 0
    tx.execute(
        "INSERT INTO contributions VALUES (?, ?, ?, 12, 0, ?, 0, ?, ?)"
        " ON CONFLICT (id_number, kind, year, month) DO UPDATE SET personal_fen = excluded."
        "personal_fen, to_account_fen = excluded.to_account_fen, state = excluded.state",
        (row["id_number"], row["kind"], row["year"], row["amount_fen"], to_account, state),
    )
