"""The staff's visit journal: one row per citizen a member of staff served, for the day report.

Rows live in the outbox database beside the entries the visits queued. The masked citizen is
personal data: it is sealed with the outbox's own key (`Outbox.seal_value`), bound to its row,
and erased once the visit is older than `queue.purge_after_days` and everything it queued has
been delivered, as the outbox erases a delivered payload. What the day report and the audit
need stays: when, who served, the service, how the citizen was identified, the outcome and the
receipt numbers."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.codes import ServiceId
from kiosk.ledgers.schema import Migration, migrate

if TYPE_CHECKING:
    from offline_queue.store import Outbox

MIGRATIONS: tuple[Migration, ...] = (
    (
        """CREATE TABLE IF NOT EXISTS staff_visits (
    visit_id TEXT PRIMARY KEY,
    at_us INTEGER NOT NULL,
    staff_id TEXT NOT NULL,
    service TEXT NOT NULL,
    identity TEXT NOT NULL,
    outcome TEXT NOT NULL,
    receipts TEXT NOT NULL,
    citizen BLOB,
    purged INTEGER NOT NULL DEFAULT 0
)""",
        "CREATE INDEX IF NOT EXISTS staff_visits_at ON staff_visits (at_us)",
    ),
)
LEDGER = "staff_visits"
US = 1_000_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Visit:
    visit_id: uuid.UUID
    at: datetime
    """Timezone-aware; read back in local time."""
    staff_id: str
    service: ServiceId
    citizen: str
    """Masked by the caller ("张*华 510***********1234"); "" if the citizen never identified,
    or once erased."""
    identity: str
    """card_pin, id_card_face, staff_confirmed:<reason>, or ""."""
    outcome: str
    """completed, cancelled, or the code the visit ended on."""
    receipts: tuple[str, ...]


class VisitJournal:
    """Recorded from a session's worker thread, read from any other: every call is one outbox
    transaction, under the outbox's lock."""

    def __init__(self, outbox: Outbox, clock: Callable[[], float] = time.time) -> None:
        self._outbox = outbox
        self._clock = clock
        migrate(outbox, LEDGER, MIGRATIONS)
        # A staff laptop opens its journal every working day: what is due is erased then.
        self.purge()

    def record(self, visit: Visit) -> None:
        """Writes the visit, durably; a visit recorded twice (same id) is kept once."""
        if visit.at.tzinfo is None or visit.at.utcoffset() is None:
            raise ValueError("a visit's time must be timezone-aware")
        citizen = (
            self._outbox.seal_value(visit.citizen.encode("utf-8"), _context(visit.visit_id))
            if visit.citizen
            else None
        )
        with self._outbox.transaction() as tx:
            tx.connection.execute(
                "INSERT OR IGNORE INTO staff_visits (visit_id, at_us, staff_id, service, identity,"
                " outcome, receipts, citizen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (str(visit.visit_id), _micros(visit.at), visit.staff_id, visit.service.value,
                 visit.identity, visit.outcome, json.dumps(list(visit.receipts)), citizen),
            )  # fmt: skip

    def visits(self, day: date, staff_id: str | None = None) -> list[Visit]:
        """The visits of a local calendar day, in time order; one member of staff's, or all."""
        start, end = local_day_bounds(day)
        with self._outbox.transaction() as tx:
            rows = tx.connection.execute(
                "SELECT visit_id, at_us, staff_id, service, identity, outcome, receipts, citizen"
                " FROM staff_visits WHERE at_us >= ? AND at_us < ?"
                " AND (? IS NULL OR staff_id = ?) ORDER BY at_us, rowid",
                (_micros(start), _micros(end), staff_id, staff_id),
            ).fetchall()
        return [self._visit(row) for row in rows]

    def purge(self) -> int:
        """Erases the citizen of visits older than the outbox's `purge_after_days` whose
        receipts are all delivered (one still waiting or refused may need the citizen called
        back). Returns how many were erased."""
        cutoff = self._clock() - self._outbox.limits.purge_after_days * 86_400
        with self._outbox.transaction() as tx:
            conn = tx.connection
            candidates = conn.execute(
                "SELECT visit_id, receipts FROM staff_visits"
                " WHERE citizen IS NOT NULL AND at_us < ?",
                (int(cutoff * US),),
            ).fetchall()
            erased = 0
            for visit_id, receipts in candidates:
                unfinished = [
                    receipt
                    for receipt in json.loads(receipts)
                    if conn.execute(
                        "SELECT 1 FROM outbox_entries WHERE receipt = ? AND state != 'delivered'",
                        (receipt,),
                    ).fetchone()
                ]
                if unfinished:
                    continue
                conn.execute(
                    "UPDATE staff_visits SET citizen = NULL, purged = 1 WHERE visit_id = ?",
                    (visit_id,),
                )
                erased += 1
        return erased

    def _visit(self, row: tuple[str, int, str, str, str, str, str, bytes | None]) -> Visit:
        id_text, at_us, staff_id, service, identity, outcome, receipts, sealed = row
        visit_id = uuid.UUID(id_text)
        citizen = (
            self._outbox.open_value(sealed, _context(visit_id)).decode("utf-8")
            if sealed is not None
            else ""
        )
        return Visit(
            visit_id=visit_id,
            at=(EPOCH + timedelta(microseconds=at_us)).astimezone(),
            staff_id=staff_id,
            service=ServiceId(service),
            citizen=citizen,
            identity=identity,
            outcome=outcome,
            receipts=tuple(json.loads(receipts)),
        )


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first instant of `day` and of the day after, in this machine's local time (a day
    with a clock change is 23 or 25 hours long)."""
    start = datetime(day.year, day.month, day.day).astimezone()
    following = day + timedelta(days=1)
    end = datetime(following.year, following.month, following.day).astimezone()
    return start, end


def _micros(at: datetime) -> int:
    """Whole microseconds since the epoch: an exact round trip, unlike a float of seconds."""
    delta = at - EPOCH
    return (delta.days * 86_400 + delta.seconds) * US + delta.microseconds


def _context(visit_id: uuid.UUID) -> bytes:
    return LEDGER.encode("ascii") + b"\x00" + visit_id.bytes
