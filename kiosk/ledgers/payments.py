"""Every payment order this terminal opened, until the central system has closed it.

Once money has moved, the confirmation must reach the central system whatever happens to the
kiosk. The ledger keeps one row per order in the outbox's own database: written when the order
is made, and marked confirmed in the same transaction that queues the confirmation, so a
confirmation is queued at most once and an order is never forgotten. `reconcile()` asks the
central system about every order no session is handling (at start, when the line returns, and
every few minutes): paid → confirmed through the outbox; still awaiting payment → cancelled;
expired, cancelled or confirmed → closed. A kiosk killed between "paid" and "confirmation
queued" is caught up by the next start."""

from __future__ import annotations

import contextlib
import enum
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.central import models as m
from kiosk.central.errors import CentralError, CentralRejected, CentralUnavailable
from kiosk.central.operations import ORDER_CANCELLATION, PAYMENT_CONFIRMATION
from kiosk.ledgers.schema import Migration, migrate

if TYPE_CHECKING:
    from kiosk.central.client import CentralClient
    from kiosk.central.outbound import CentralOutbound, Submission

log = logging.getLogger(__name__)

MIGRATIONS: tuple[Migration, ...] = (
    (
        """CREATE TABLE IF NOT EXISTS payment_intents (
    order_id TEXT PRIMARY KEY,
    amount_fen INTEGER NOT NULL,
    method TEXT NOT NULL,
    state TEXT NOT NULL,
    opened_at REAL NOT NULL,
    closed_at REAL,
    outcome TEXT,
    confirmation_receipt TEXT
)""",
        """CREATE INDEX IF NOT EXISTS payment_intents_open ON payment_intents (state)
    WHERE state IN ('open', 'cancelling')""",
    ),
)
LEDGER = "payments"


class IntentState(enum.StrEnum):
    OPEN = "open"
    """Made, not known to be paid: a session is showing it, or nobody knows (after a crash)."""
    CANCELLING = "cancelling"
    """A cancellation is queued; closed once the central system says cancelled (or, if the
    payer was faster, confirmed)."""
    CONFIRMING = "confirming"
    """Paid; the confirmation is in the outbox."""
    CLOSED = "closed"
    """Expired, cancelled, or nothing to confirm."""


@dataclass(frozen=True)
class Intent:
    order_id: uuid.UUID
    amount_fen: int
    method: str
    state: IntentState
    confirmation_receipt: str | None


@dataclass(frozen=True)
class Reconciled:
    confirmed: int = 0
    cancelled: int = 0
    closed: int = 0
    unreachable: int = 0


class _AlreadyConfirming(Exception):
    """Raised inside the outbox transaction to drop a second confirmation entry."""


class PaymentLedger:
    def __init__(self, outbound: CentralOutbound, client: Callable[[], CentralClient]) -> None:
        self._outbound = outbound
        self._client = client
        self._outbox = outbound.queue.outbox
        migrate(self._outbox, LEDGER, MIGRATIONS)
        self._handled: set[uuid.UUID] = set()
        self._handled_lock = threading.Lock()
        self._reconcile_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- a session's side ---

    def opened(self, order: m.PaymentOrder, method: m.PaymentMethod) -> None:
        """Records a new order before the citizen can pay it."""
        with self._outbox.transaction() as tx:
            tx.connection.execute(
                "INSERT OR IGNORE INTO payment_intents (order_id, amount_fen, method, state,"
                " opened_at) VALUES (?, ?, ?, ?, ?)",
                (str(order.order_id), order.amount_fen, method.value, IntentState.OPEN,
                 time.time()),
            )  # fmt: skip

    @contextlib.contextmanager
    def handling(self, order_id: uuid.UUID) -> Iterator[None]:
        """While a session shows the order, reconcile() leaves it alone."""
        with self._handled_lock:
            self._handled.add(order_id)
        try:
            yield
        finally:
            with self._handled_lock:
                self._handled.discard(order_id)

    def confirm(self, order: m.PaymentOrder) -> Submission[m.PaymentOrder] | str:
        """Queues the confirmation of a paid order, once. Returns the submission, or the
        receipt number of the confirmation queued before."""
        if order.bank_reference is None or order.paid_at is None:
            raise ValueError("only a paid order is confirmed")
        bank_reference, paid_at = order.bank_reference, order.paid_at

        def request(receipt_number: str) -> m.PaymentConfirmation:
            return m.PaymentConfirmation(
                receipt_number=receipt_number,
                order_id=order.order_id,
                bank_reference=bank_reference,
                paid_at=paid_at,
                amount_fen=order.amount_fen,
            )

        def mark(conn: sqlite3.Connection, receipt_number: str) -> None:
            changed = conn.execute(
                "UPDATE payment_intents SET state = ?, confirmation_receipt = ?"
                " WHERE order_id = ? AND state IN (?, ?)",
                (IntentState.CONFIRMING, receipt_number, str(order.order_id),
                 IntentState.OPEN, IntentState.CANCELLING),
            ).rowcount  # fmt: skip
            if changed == 0:
                known = conn.execute(
                    "SELECT 1 FROM payment_intents WHERE order_id = ?", (str(order.order_id),)
                ).fetchone()
                if known:
                    raise _AlreadyConfirming()
                conn.execute(
                    "INSERT INTO payment_intents (order_id, amount_fen, method, state, opened_at,"
                    " confirmation_receipt) VALUES (?, ?, '', ?, ?, ?)",
                    (str(order.order_id), order.amount_fen, IntentState.CONFIRMING, time.time(),
                     receipt_number),
                )  # fmt: skip

        try:
            return self._outbound.submit(PAYMENT_CONFIRMATION, request, business=mark)
        except _AlreadyConfirming:
            intent = self.intent(order.order_id)
            return intent.confirmation_receipt or "" if intent else ""

    def cancel(self, order_id: uuid.UUID, reason: str) -> None:
        """Queues the cancellation of an order nobody paid (the citizen left, the kiosk failed)."""

        def mark(conn: sqlite3.Connection, _receipt: str) -> None:
            conn.execute(
                "UPDATE payment_intents SET state = ? WHERE order_id = ? AND state = ?",
                (IntentState.CANCELLING, str(order_id), IntentState.OPEN),
            )

        with contextlib.suppress(CentralRejected):  # already paid or gone: reconcile decides
            self._outbound.submit(
                ORDER_CANCELLATION,
                lambda _r: m.OrderCancellation(order_id=order_id, reason=reason),
                business=mark,
            )

    def settled(self, order_id: uuid.UUID, outcome: m.OrderState) -> None:
        """Closes an order that ended without money (expired, cancelled)."""
        with self._outbox.transaction() as tx:
            tx.connection.execute(
                "UPDATE payment_intents SET state = ?, closed_at = ?, outcome = ?"
                " WHERE order_id = ? AND state IN (?, ?)",
                (IntentState.CLOSED, time.time(), outcome.value, str(order_id),
                 IntentState.OPEN, IntentState.CANCELLING),
            )  # fmt: skip

    # --- looking ---

    def intent(self, order_id: uuid.UUID) -> Intent | None:
        found = self._select("WHERE order_id = ?", (str(order_id),))
        return found[0] if found else None

    def unsettled(self) -> list[Intent]:
        """Orders that may still take or have taken money without a queued confirmation."""
        return self._select(
            "WHERE state IN (?, ?) ORDER BY opened_at", (IntentState.OPEN, IntentState.CANCELLING)
        )

    def _select(self, where: str, parameters: tuple[str, ...]) -> list[Intent]:
        with self._outbox.transaction() as tx:
            query = "SELECT order_id, amount_fen, method, state, confirmation_receipt"
            query += " FROM payment_intents " + where  # one of the two constant clauses above
            rows = tx.connection.execute(query, parameters).fetchall()
        return [Intent(uuid.UUID(r[0]), r[1], r[2], IntentState(r[3]), r[4]) for r in rows]

    # --- catching up ---

    def reconcile(self) -> Reconciled:
        """Brings every order no session is handling to its end (see the module docstring)."""
        confirmed = cancelled = closed = unreachable = 0
        with self._reconcile_lock:
            for intent in self.unsettled():
                with self._handled_lock:
                    if intent.order_id in self._handled:
                        continue
                try:
                    order = self._client().payment_order(intent.order_id)
                except CentralUnavailable:
                    unreachable += 1
                    continue
                except CentralError as exc:
                    log.error("payment.reconcile_failed: %s", exc.code)
                    continue
                if order.state is m.OrderState.PAID:
                    self.confirm(order)
                    confirmed += 1
                    log.warning("payment.caught_up: a paid order's confirmation was queued")
                elif order.state is m.OrderState.AWAITING_PAYMENT:
                    if intent.state is IntentState.OPEN:
                        self.cancel(intent.order_id, "kiosk_fault")
                        cancelled += 1
                else:
                    # Confirmed (by an earlier life of this kiosk), expired or cancelled.
                    self.settled(intent.order_id, order.state)
                    closed += 1
        return Reconciled(confirmed, cancelled, closed, unreachable)

    def start(self, every_s: float) -> None:
        """Reconciles now and then every `every_s`, and at once when `wake()` is called."""

        def loop() -> None:
            while not self._stop.is_set():
                try:
                    self.reconcile()
                except Exception:  # the next round tries again; the log says why
                    log.exception("payment.reconcile_crashed")
                self._wake.wait(every_s)
                self._wake.clear()

        self._thread = threading.Thread(target=loop, name="payment-ledger", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(5)
