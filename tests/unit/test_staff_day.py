"""A staff member's day in the core: each session run on their behalf is a visit in the journal
and a record in the audit log under their number; nobody identified is no visit; the day ends
at the set local time."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from kiosk.audit import AuditLog, read_records
from kiosk.ledgers.visits import Visit
from kiosk.roles.staff_day import VisitRecorder, day_end_after, visit_outcome
from kiosk.services.errors import EndReason
from kiosk.services.session import Outcome, ServiceId, Session

NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


class Journal:
    def __init__(self, fails: bool = False) -> None:
        self.recorded: list[Visit] = []
        self.fails = fails

    def record(self, visit: Visit) -> None:
        if self.fails:
            raise OSError("disk full")
        self.recorded.append(visit)


def session(operator: str | None = "S0101") -> Session:
    return Session(
        ServiceId.ELIGIBILITY,
        ui=None,  # type: ignore[arg-type]
        central=None,  # type: ignore[arg-type]
        devices=None,  # type: ignore[arg-type]
        operator=operator,
    )


def recorder(tmp_path: Path, journal: Journal) -> tuple[VisitRecorder, Path]:
    audit_path = tmp_path / "audit.jsonl"
    return VisitRecorder(lambda: journal, AuditLog(audit_path), lambda: NOON), audit_path  # type: ignore[arg-type,return-value]


def test_a_visit_is_recorded_with_the_staff_number_and_audited(tmp_path: Path) -> None:
    journal = Journal()
    record, audit_path = recorder(tmp_path, journal)
    s = session()
    s.masked_citizen = "王*兰 5101**********2028"
    s.identity = "staff_confirmed:bedridden"
    s.receipts.append("4000000000000002")
    record(s, Outcome(completed=True))
    (visit,) = journal.recorded
    assert (visit.staff_id, visit.service, visit.citizen) == ("S0101", ServiceId.ELIGIBILITY,
                                                             s.masked_citizen)  # fmt: skip
    assert (visit.identity, visit.outcome, visit.receipts, visit.at) == (
        "staff_confirmed:bedridden", "completed", ("4000000000000002",), NOON)  # fmt: skip
    (entry,) = read_records(audit_path)
    assert (entry.actor, entry.action, entry.outcome) == ("staff:S0101", "staff.visit", "ok")
    assert entry.target == "eligibility:staff_confirmed:bedridden"
    assert "王" not in audit_path.read_text(encoding="utf-8")  # no personal data in the log


def test_a_failed_visit_keeps_its_code(tmp_path: Path) -> None:
    journal = Journal()
    record, audit_path = recorder(tmp_path, journal)
    s = session()
    s.masked_citizen = "张* 4403**********0039"
    record(s, Outcome(error_code="camera.unavailable"))
    assert journal.recorded[0].outcome == "camera.unavailable"
    assert next(read_records(audit_path)).outcome == "ended:camera.unavailable"


def test_nobody_identified_and_nothing_written_is_no_visit(tmp_path: Path) -> None:
    journal = Journal()
    record, audit_path = recorder(tmp_path, journal)
    record(session(), Outcome(reason=EndReason.CANCELLED))
    assert journal.recorded == [] and not audit_path.exists()


def test_a_kiosk_session_is_no_staff_visit(tmp_path: Path) -> None:
    journal = Journal()
    record, _ = recorder(tmp_path, journal)
    s = session(operator=None)
    s.masked_citizen = "王*兰 5101**********2028"
    record(s, Outcome(completed=True))
    assert journal.recorded == []


def test_a_journal_that_fails_still_leaves_the_audit_record(tmp_path: Path) -> None:
    record, audit_path = recorder(tmp_path, Journal(fails=True))
    s = session()
    s.masked_citizen = "王*兰 5101**********2028"
    with pytest.raises(OSError):
        record(s, Outcome(completed=True))
    assert next(read_records(audit_path)).action == "staff.visit"


@pytest.mark.parametrize(
    ("outcome", "kept"),
    [
        (Outcome(completed=True), "completed"),
        (Outcome(error_code="card.expired"), "card.expired"),
        (Outcome(reason=EndReason.STAFF_LOGOUT), "staff_logout"),
        (Outcome(), "cancelled"),
    ],
)
def test_the_outcome_of_a_visit(outcome: Outcome, kept: str) -> None:
    assert visit_outcome(outcome) == kept


def test_the_day_ends_at_the_next_end_after_the_login() -> None:
    tz = datetime.now().astimezone().tzinfo
    morning = datetime(2026, 12, 7, 8, 30, tzinfo=tz)
    assert day_end_after(morning, time(18, 0)) == morning.replace(hour=18, minute=0)
    late = datetime(2026, 12, 7, 19, 0, tzinfo=tz)
    assert day_end_after(late, time(18, 0)) == datetime(2026, 12, 8, 18, 0, tzinfo=tz)
    assert day_end_after(morning, time(8, 30)) - morning == timedelta(days=1)


def test_visit_ids_are_unique(tmp_path: Path) -> None:
    journal = Journal()
    record, _ = recorder(tmp_path, journal)
    for _ in range(3):
        s = session()
        s.masked_citizen = "王*兰 5101**********2028"
        record(s, Outcome(completed=True))
    assert len({visit.visit_id for visit in journal.recorded}) == 3
    assert all(isinstance(visit.visit_id, uuid.UUID) for visit in journal.recorded)
