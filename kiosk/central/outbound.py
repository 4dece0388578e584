"""Writes to the central system through the offline queue.

`CentralOutbound.submit` is what every service uses to write an operation of
kiosk.central.operations; the delivery worker sends the stored bytes with the entry id as
Idempotency-Key."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic

from pydantic import ValidationError

from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.errors import (
    CentralRejected,
    CentralUnavailable,
    MalformedCentralResponse,
    TerminalNotAuthorised,
)
from kiosk.central.operations import WRITE_OPERATIONS, Rep, Req, WriteOperation
from offline_queue.delivery import Delivered, Outcome, Reject, Retry
from offline_queue.errors import EntryRejected
from offline_queue.service import OfflineQueue, Queued
from offline_queue.store import Entry, EntryState

log = logging.getLogger(__name__)


# Refusals that say nothing about the entry itself; retried (with backoff) rather than buried.
NOT_THE_ENTRYS_FAULT = frozenset({"idempotency.in_progress"})


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

    def __init__(
        self,
        queue: OfflineQueue,
        client: Callable[[], CentralClient],
        operator: Callable[[], str | None] | None = None,
    ) -> None:
        self.queue = queue
        self._client = client
        self._operator = operator
        """The staff number on duty at this terminal, stamped on every write; None for none."""

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
        """Builds the request around its receipt number, stamps the staff number on duty on it,
        and submits it; `business` writes the caller's own rows in the same transaction as the
        entry.

        Raises CentralRejected when the central system refuses it at once; offline_queue's
        OutboxRefused / NotQueueable when it cannot be accepted."""

        def payload(receipt_number: str) -> bytes:
            request = build(receipt_number)
            staff_number = self._operator() if self._operator is not None else None
            if staff_number is not None and request.staff_number is None:
                # Stamped before it is stored: every retry carries the same number.
                request = request.model_copy(update={"staff_number": staff_number})
            return request.model_dump_json().encode("utf-8")

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
