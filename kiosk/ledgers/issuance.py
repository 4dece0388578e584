"""Every card issuance this terminal started, until its outcome is in the outbox.

The machine part (feed, chip, print, eject) can be cut off at any point: a jam, a chip that
refuses writes, a session that ends, the process killed. A row is written when the central
system has assigned the card number, before the first card moves; the outcome (issued or
spoiled) is queued through the outbox in the same transaction that closes the row, so it is
reported exactly once. `recover()` at start closes what an earlier life left open: the card in
the transport is retained into the reject bin and the issuance reported spoiled, unless the
central system already knows its outcome. Kiosk and central system then agree, and the spoiled
card's number is never used again (the central system allocates numbers, once each)."""

from __future__ import annotations

import enum
import logging
import sqlite3
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.central import models as m
from kiosk.central.errors import CentralError, CentralRejected, CentralUnavailable
from kiosk.central.operations import ISSUANCE_OUTCOME
from kiosk.ledgers.schema import Migration, migrate

if TYPE_CHECKING:
    from kiosk.central.client import CentralClient
    from kiosk.central.outbound import CentralOutbound, Submission

log = logging.getLogger(__name__)

MIGRATIONS: tuple[Migration, ...] = (
    (
        """CREATE TABLE IF NOT EXISTS card_issuances (
    application_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    started_at REAL NOT NULL,
    finished_at REAL,
    detail_code TEXT,
    outcome_receipt TEXT
)""",
    ),
)
LEDGER = "card_issuances"


class IssuanceState(enum.StrEnum):
    STARTED = "started"
    ISSUED = "issued"
    SPOILED = "spoiled"


class _AlreadyFinished(Exception):
    """Raised inside the outbox transaction to drop a second outcome."""


class IssuanceLedger:
    def __init__(self, outbound: CentralOutbound, client: Callable[[], CentralClient]) -> None:
        self._outbound = outbound
        self._client = client
        self._outbox = outbound.queue.outbox
        migrate(self._outbox, LEDGER, MIGRATIONS)

    def started(self, application_id: uuid.UUID) -> None:
        """Before the first card moves."""
        with self._outbox.transaction() as tx:
            tx.connection.execute(
                "INSERT OR IGNORE INTO card_issuances (application_id, state, started_at)"
                " VALUES (?, ?, ?)",
                (str(application_id), IssuanceState.STARTED, time.time()),
            )

    def finish(
        self,
        application_id: uuid.UUID,
        issued: bool,
        detail_code: str | None = None,
        ordering_key: str | None = None,
    ) -> Submission[m.CardApplicationStatus] | None:
        """Queues the outcome and closes the row, in one transaction; None if it was closed
        before (nothing is reported twice)."""
        state = IssuanceState.ISSUED if issued else IssuanceState.SPOILED

        def request(receipt_number: str) -> m.IssuanceOutcome:
            return m.IssuanceOutcome(
                receipt_number=receipt_number,
                application_id=application_id,
                outcome="issued" if issued else "spoiled",
                detail_code=detail_code,
            )

        def close(conn: sqlite3.Connection, receipt_number: str) -> None:
            changed = conn.execute(
                "UPDATE card_issuances SET state = ?, finished_at = ?, detail_code = ?,"
                " outcome_receipt = ? WHERE application_id = ? AND state = ?",
                (state, time.time(), detail_code, receipt_number, str(application_id),
                 IssuanceState.STARTED),
            ).rowcount  # fmt: skip
            if changed == 0:
                raise _AlreadyFinished()

        try:
            return self._outbound.submit(
                ISSUANCE_OUTCOME, request, ordering_key=ordering_key, business=close
            )
        except _AlreadyFinished:
            return None

    def unfinished(self) -> list[uuid.UUID]:
        with self._outbox.transaction() as tx:
            rows = tx.connection.execute(
                "SELECT application_id FROM card_issuances WHERE state = ? ORDER BY started_at",
                (IssuanceState.STARTED,),
            ).fetchall()
        return [uuid.UUID(row[0]) for row in rows]

    def state_of(self, application_id: uuid.UUID) -> IssuanceState | None:
        with self._outbox.transaction() as tx:
            row = tx.connection.execute(
                "SELECT state FROM card_issuances WHERE application_id = ?",
                (str(application_id),),
            ).fetchone()
        return IssuanceState(row[0]) if row else None

    def recover(self, retain_card: Callable[[], bool]) -> int:
        """At start: what an earlier life left unfinished is spoiled (the card in the transport,
        if any, retained first). Returns how many were closed."""
        closed = 0
        for application_id in self.unfinished():
            retained = retain_card()
            known = self._central_state(application_id)
            if known is m.CardApplicationState.ISSUED:
                # The outcome reached the central system; only this row was not closed.
                self._close_quietly(application_id, IssuanceState.ISSUED)
            elif known is m.CardApplicationState.SPOILED:
                self._close_quietly(application_id, IssuanceState.SPOILED)
            else:
                self.finish(application_id, issued=False, detail_code="issuance.interrupted")
            log.warning(
                "card.issuance_recovered: an interrupted issuance was closed (card %s)",
                "retained" if retained else "not in the transport",
            )
            closed += 1
        return closed

    def _central_state(self, application_id: uuid.UUID) -> m.CardApplicationState | None:
        try:
            return self._client().card_application(application_id).state
        except (CentralUnavailable, CentralRejected):
            return None  # unknown: reported spoiled through the outbox, which the centre accepts
        except CentralError as exc:
            log.error("card.recovery_lookup_failed: %s", exc.code)
            return None

    def _close_quietly(self, application_id: uuid.UUID, state: IssuanceState) -> None:
        with self._outbox.transaction() as tx:
            tx.connection.execute(
                "UPDATE card_issuances SET state = ?, finished_at = ? WHERE application_id = ?",
                (state, time.time(), str(application_id)),
            )
