"""Writes to the central system through the offline queue.

Each write operation is declared once: its route, its models, whether it may wait in the queue
and in which lane. `CentralOutbound.submit` is what every service uses to write; the delivery
worker sends the stored bytes with the entry id as Idempotency-Key.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

from pydantic import ValidationError

from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.errors import (
    CentralRejected,
    CentralUnavailable,
    MalformedCentralResponse,
    TerminalNotAuthorised,
)
from offline_queue.delivery import Delivered, Outcome, Reject, Retry
from offline_queue.errors import EntryRejected
from offline_queue.service import OfflineQueue, Operation, Queued
from offline_queue.store import Entry, EntryState, Priority

log = logging.getLogger(__name__)

Req = TypeVar("Req", bound=m.Request)
Rep = TypeVar("Rep", bound=m.Reply)

# Refusals that say nothing about the entry itself; retried (with backoff) rather than buried.
NOT_THE_ENTRYS_FAULT = frozenset({"idempotency.in_progress"})


@dataclass(frozen=True)
class WriteOperation(Generic[Req, Rep]):
    operation: Operation
    path: str
    request: type[Req]
    reply: type[Rep]

    @property
    def kind(self) -> str:
        return self.operation.kind

    def path_for(self, payload: bytes) -> str:
        """The route, with `{field}` placeholders filled from the request itself."""
        if "{" not in self.path:
            return self.path
        return self.path.format(**json.loads(payload))


CARD_LOSS_REPORT = WriteOperation(
    Operation("card_loss_report", may_queue=True, priority=Priority.URGENT),
    "/card-loss-reports",
    m.CardLossReportRequest,
    m.CardLossReportReceipt,
)
ELIGIBILITY_AUTHENTICATION = WriteOperation(
    Operation("eligibility_authentication", may_queue=True),
    "/eligibility-authentications",
    m.EligibilityAuthenticationRequest,
    m.EligibilityAuthenticationResult,
)
ENROLLMENT = WriteOperation(
    Operation("enrollment", may_queue=True),
    "/enrollments",
    m.EnrollmentRequest,
    m.EnrollmentReceipt,
)
CERTIFICATE_ISSUE = WriteOperation(
    Operation("certificate_issue", may_queue=False),
    "/certificates",
    m.CertificateRequest,
    m.IssuedCertificate,
)
PAYMENT_ORDER = WriteOperation(
    Operation("payment_order", may_queue=False),
    "/payment-orders",
    m.PaymentOrderRequest,
    m.PaymentOrder,
)
CARD_DEBIT = WriteOperation(
    Operation("card_debit", may_queue=False),
    "/card-debits",
    m.CardDebitRequest,
    m.PaymentOrder,
)
ORDER_CANCELLATION = WriteOperation(
    Operation("order_cancellation", may_queue=True),
    "/payment-orders/{order_id}/cancellations",
    m.OrderCancellation,
    m.PaymentOrder,
)
PAYMENT_CONFIRMATION = WriteOperation(
    Operation("payment_confirmation", may_queue=True),
    "/payment-orders/{order_id}/confirmations",
    m.PaymentConfirmation,
    m.PaymentOrder,
)
CARD_APPLICATION = WriteOperation(
    Operation("card_application", may_queue=False),
    "/card-applications",
    m.CardApplicationRequest,
    m.CardApplication,
)
PERSONALISATION = WriteOperation(
    Operation("card_personalisation", may_queue=False),
    "/card-applications/{application_id}/personalisation-scripts",
    m.PersonalisationRequest,
    m.PersonalisationScript,
)
ISSUANCE_OUTCOME = WriteOperation(
    Operation("card_issuance_outcome", may_queue=True, priority=Priority.URGENT),
    "/card-applications/{application_id}/outcomes",
    m.IssuanceOutcome,
    m.CardApplicationStatus,
)
CARD_ACTIVATION = WriteOperation(
    Operation("card_activation", may_queue=True),
    "/card-activations",
    m.CardActivationRequest,
    m.CardActivation,
)
PIN_RESET = WriteOperation(
    Operation("card_pin_reset", may_queue=False),
    "/card-pin-resets",
    m.PinResetRequest,
    m.PersonalisationScript,
)
WRITE_OPERATIONS: dict[str, WriteOperation[m.Request, m.Reply]] = {
    op.kind: op  # type: ignore[misc]
    for op in (
        CARD_LOSS_REPORT,
        ELIGIBILITY_AUTHENTICATION,
        ENROLLMENT,
        CERTIFICATE_ISSUE,
        PAYMENT_ORDER,
        CARD_DEBIT,
        ORDER_CANCELLATION,
        PAYMENT_CONFIRMATION,
        CARD_APPLICATION,
        PERSONALISATION,
        ISSUANCE_OUTCOME,
        CARD_ACTIVATION,
        PIN_RESET,
    )
}


@dataclass(frozen=True)
class Sent(Generic[Rep]):
    receipt: str
    """The receipt number, as Queued and offline_queue's Accepted name it."""
    reply: Rep


Submission = Sent[Rep] | Queued


def deliverer(client: Callable[[], CentralClient]) -> Callable[[Entry], Outcome]:
    """How the delivery worker hands an entry to the central system."""

    def deliver(entry: Entry) -> Outcome:
        operation = WRITE_OPERATIONS.get(entry.kind)
        if operation is None:
            return Reject("queue.unknown_operation")
        try:
            path = operation.path_for(entry.payload)
            reply = client().send_write(path, entry.payload, operation.reply, entry.id)
        except CentralUnavailable as exc:
            return Retry(exc.code)
        except MalformedCentralResponse as exc:
            return Retry(exc.code, unreachable=False)
        except CentralRejected as exc:
            if isinstance(exc, TerminalNotAuthorised) or exc.code in NOT_THE_ENTRYS_FAULT:
                # The terminal's clock or key is at fault, or the request is still being
                # applied; not the citizen's request. Kept and retried (the log says why).
                level = logging.ERROR if isinstance(exc, TerminalNotAuthorised) else logging.INFO
                log.log(level, "queue.delivery_refused: %s; the entry is kept", exc.code)
                return Retry(exc.code, unreachable=False)
            return Reject(exc.code)
        return Delivered(reply.model_dump_json().encode("utf-8"))

    return deliver


class CentralOutbound:
    """The services' one way to write to the central system."""

    def __init__(self, queue: OfflineQueue, client: Callable[[], CentralClient]) -> None:
        from kiosk.central.issuance import IssuanceLedger
        from kiosk.central.payments import PaymentLedger

        self.queue = queue
        self._client = client
        self.payments = PaymentLedger(self, client)
        """Payment orders until the central system has closed them."""
        self.issuance = IssuanceLedger(self, client)
        """Card issuances until their outcome (issued or spoiled) is in the outbox."""

    @property
    def online(self) -> bool | None:
        return self.queue.monitor.online

    def submit(
        self,
        operation: WriteOperation[Req, Rep],
        build: Callable[[str], Req],
        ordering_key: str | None = None,
        business: Callable[[sqlite3.Connection, str], None] | None = None,
    ) -> Submission[Rep]:
        """Builds the request around its receipt number and submits it; `business` writes the
        caller's own rows in the same transaction as the entry.

        Raises CentralRejected when the central system refuses it at once; offline_queue's
        OutboxRefused / NotQueueable when it cannot be accepted."""

        def payload(receipt_number: str) -> bytes:
            return build(receipt_number).model_dump_json().encode("utf-8")

        try:
            result = self.queue.submit(
                operation.operation, payload, ordering_key=ordering_key, business=business
            )
        except EntryRejected as exc:
            raise CentralRejected(exc.reason_code) from None
        if isinstance(result, Queued):
            return result
        return Sent(result.receipt, operation.reply.model_validate_json(result.result))

    def progress(self, receipt_number: str) -> m.ReceiptProgress:
        """Where a receipt stands: this terminal's queue first, then the central system.

        Raises CentralRejected `receipt.not_found` when nobody knows it, CentralUnavailable
        when only the central system could say and it cannot be reached."""
        local = self.queue.outbox.by_receipt(receipt_number)
        if local is not None and local.state in (EntryState.PENDING, EntryState.LEASED):
            return m.ReceiptProgress(
                receipt_number=receipt_number,
                operation=local.kind,
                state=m.ReceiptState.QUEUED,
                updated_at=local.created_at,
            )
        if local is not None and local.state is EntryState.DEAD:
            return m.ReceiptProgress(
                receipt_number=receipt_number,
                operation=local.kind,
                state=m.ReceiptState.REJECTED,
                reason_code=local.last_error,
                updated_at=local.finished_at or local.created_at,
            )
        try:
            return self._client().receipt_progress(receipt_number)
        except (CentralUnavailable, MalformedCentralResponse):
            if local is None:
                raise
            # Delivered from here: that much is certain even without the central system.
            return m.ReceiptProgress(
                receipt_number=receipt_number,
                operation=local.kind,
                state=m.ReceiptState.DELIVERED,
                updated_at=local.finished_at or datetime.now(UTC),
            )
        except ValidationError:
            raise MalformedCentralResponse() from None
