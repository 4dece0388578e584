"""A staff member's working day on a staff terminal: each session is a visit, written to the
visit journal (the day report's rows) and to the audit log under the staff member's number; and
the day ends at a set local time."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from kiosk.services.errors import EndReason

if TYPE_CHECKING:
    from kiosk.audit import AuditLog
    from kiosk.ledgers.visits import VisitJournal
    from kiosk.services.session import Outcome, Session

log = logging.getLogger(__name__)

COMPLETED = "completed"


def visit_outcome(outcome: Outcome) -> str:
    """A visit's outcome as the journal keeps it: completed, an error code, or why it ended."""
    if outcome.completed:
        return COMPLETED
    if outcome.error_code:
        return outcome.error_code
    return (outcome.reason or EndReason.CANCELLED).value


class VisitRecorder:
    """Told of every session's end (FlowRunner's `on_end`) before its data is dropped; records
    only the sessions a member of staff ran."""

    def __init__(
        self,
        journal: Callable[[], VisitJournal],
        audit: AuditLog,
        clock: Callable[[], datetime],
    ) -> None:
        self._journal = journal
        self._audit = audit
        self._clock = clock

    def __call__(self, session: Session, outcome: Outcome) -> None:
        staff_id = session.operator
        if staff_id is None:
            return
        from kiosk.ledgers.visits import Visit

        if not session.masked_citizen and not session.receipts and not outcome.error_code:
            # Started and left before anyone was identified: nobody was served.
            return
        ended = visit_outcome(outcome)
        visit = Visit(
            visit_id=uuid.uuid4(),
            at=self._clock(),
            staff_id=staff_id,
            service=session.service,
            citizen=session.masked_citizen,
            identity=session.identity,
            outcome=ended,
            receipts=tuple(session.receipts),
        )
        try:
            self._journal().record(visit)
        finally:
            target = f"{session.service.value}:{session.identity or 'unidentified'}"
            self._audit.append(f"staff:{staff_id}", "staff.visit", _audited(ended), target)


def _audited(outcome: str) -> str:
    return "ok" if outcome == COMPLETED else f"ended:{outcome}"


def day_end_after(logged_in: datetime, ends_at: time) -> datetime:
    """When a login made at `logged_in` (local, aware) is ended: the next `ends_at` after it."""
    end = logged_in.replace(hour=ends_at.hour, minute=ends_at.minute, second=0, microsecond=0)
    return end if end > logged_in else end + timedelta(days=1)
