"""The staff's visit journal: rows in the outbox database, the citizen sealed at rest, days in
local time, erased like the outbox's payloads."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.codes import ServiceId
from kiosk.ledgers.visits import LEDGER, MIGRATIONS, Visit, VisitJournal
from offline_queue.sealing import SealError
from offline_queue.store import Limits, Outbox

CITIZEN = "张*华 510***********1234"
NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox(
        tmp_path / "outbox.sqlite3",
        tmp_path / "outbox.key",
        Limits(min_free_bytes=0, purge_after_days=30),
    )
    yield box
    box.close()


def in_zone(monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()


@pytest.fixture(autouse=True)
def local_zone_restored() -> Iterator[None]:
    yield
    time.tzset()  # after monkeypatch has put TZ back


def visit(
    at: datetime,
    staff_id: str = "S0101",
    citizen: str = CITIZEN,
    receipts: tuple[str, ...] = (),
    outcome: str = "completed",
) -> Visit:
    return Visit(
        visit_id=uuid.uuid4(),
        at=at,
        staff_id=staff_id,
        service=ServiceId.ELIGIBILITY,
        citizen=citizen,
        identity="card_pin",
        outcome=outcome,
        receipts=receipts,
    )


def queued(outbox: Outbox, delivered: bool = False) -> str:
    with outbox.transaction() as tx:
        receipt = tx.enqueue("eligibility_authentication", b"{}").receipt
    if delivered:
        entry = outbox.claim(60)
        assert entry is not None and entry.receipt == receipt
        assert outbox.complete(entry, b"{}")
    return receipt


def test_a_visit_reads_back_as_it_was_recorded_in_time_order(
    outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_zone(monkeypatch, "Asia/Shanghai")
    journal = VisitJournal(outbox)
    later = visit(NOON + timedelta(hours=1), receipts=("4000000000000002", "4000000000000010"))
    earlier = visit(NOON, citizen="", outcome="card.expired")
    other_staff = visit(NOON + timedelta(minutes=30), staff_id="S0102")
    for one in (later, earlier, other_staff):
        journal.record(one)
    journal.record(later)  # the same visit again is kept once

    day = date(2026, 12, 7)
    assert journal.visits(day) == [earlier, other_staff, later]
    assert journal.visits(day, "S0101") == [earlier, later]
    assert journal.visits(day, "S0103") == []
    read = journal.visits(day)[0]
    assert read.at.utcoffset() == timedelta(hours=8)  # local time, the same instant


def test_a_time_without_its_zone_is_refused(outbox: Outbox) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        VisitJournal(outbox).record(visit(datetime(2026, 12, 7, 9, 0)))


def test_the_day_is_the_local_calendar_day(outbox: Outbox, monkeypatch: pytest.MonkeyPatch) -> None:
    in_zone(monkeypatch, "Asia/Shanghai")  # UTC+8: the local day starts at 16:00 UTC before
    journal = VisitJournal(outbox)
    last_of_the_6th = visit(datetime(2026, 12, 6, 15, 59, 59, 999_999, tzinfo=UTC))
    first_of_the_7th = visit(datetime(2026, 12, 6, 16, 0, tzinfo=UTC))
    last_of_the_7th = visit(datetime(2026, 12, 7, 15, 59, 59, tzinfo=UTC))
    first_of_the_8th = visit(datetime(2026, 12, 7, 16, 0, tzinfo=UTC))
    for one in (last_of_the_6th, first_of_the_7th, last_of_the_7th, first_of_the_8th):
        journal.record(one)
    assert journal.visits(date(2026, 12, 7)) == [first_of_the_7th, last_of_the_7th]
    assert journal.visits(date(2026, 12, 6)) == [last_of_the_6th]
    assert journal.visits(date(2026, 12, 8)) == [first_of_the_8th]


def test_a_day_with_a_clock_change_keeps_its_23_hours(
    outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_zone(monkeypatch, "Europe/Berlin")  # 29 March 2026: 02:00 CET becomes 03:00 CEST
    journal = VisitJournal(outbox)
    late_evening = visit(datetime(2026, 3, 29, 21, 30, tzinfo=UTC))  # 23:30 CEST
    next_morning = visit(datetime(2026, 3, 29, 22, 0, tzinfo=UTC))  # 00:00 CEST on the 30th
    journal.record(late_evening)
    journal.record(next_morning)
    assert journal.visits(date(2026, 3, 29)) == [late_evening]
    assert journal.visits(date(2026, 3, 30)) == [next_morning]


def test_the_citizen_is_not_in_the_database_file_in_clear(outbox: Outbox) -> None:
    VisitJournal(outbox).record(visit(NOON))
    raw = b"".join(
        Path(str(outbox.path) + suffix).read_bytes()
        for suffix in ("", "-wal")
        if Path(str(outbox.path) + suffix).exists()
    )
    assert len(raw) > 0
    for part in (CITIZEN, "张*华", "510***********1234"):
        assert part.encode("utf-8") not in raw
    assert b"card_pin" in raw  # the file was read, the rest of the row is there


def test_a_sealed_citizen_moved_to_another_row_does_not_open(outbox: Outbox) -> None:
    journal = VisitJournal(outbox)
    first, second = (
        visit(NOON),
        visit(NOON + timedelta(minutes=1), citizen="李*明 110***********0012"),
    )
    journal.record(first)
    journal.record(second)
    with outbox.transaction() as tx:
        tx.connection.execute(
            "UPDATE staff_visits SET citizen = (SELECT citizen FROM staff_visits"
            " WHERE visit_id = ?) WHERE visit_id = ?",
            (str(first.visit_id), str(second.visit_id)),
        )
    with pytest.raises(SealError):
        journal.visits(date(2026, 12, 7))


def test_purge_erases_old_citizens_whose_receipts_all_arrived(outbox: Outbox) -> None:
    now = NOON.timestamp()
    journal = VisitJournal(outbox, clock=lambda: now)
    old = NOON - timedelta(days=31)
    delivered = visit(old, receipts=(queued(outbox, delivered=True),))
    recent = visit(NOON - timedelta(days=29), receipts=(queued(outbox, delivered=True),))
    nothing_queued = visit(old + timedelta(minutes=1))
    still_waiting = visit(old + timedelta(minutes=2), receipts=(queued(outbox),))
    for one in (delivered, nothing_queued, still_waiting, recent):
        journal.record(one)

    assert journal.purge() == 2
    assert journal.purge() == 0
    old_day = journal.visits(old.astimezone().date())
    citizens = {one.visit_id: one.citizen for one in old_day}
    assert citizens == {
        delivered.visit_id: "",
        nothing_queued.visit_id: "",
        still_waiting.visit_id: CITIZEN,
    }
    erased = next(one for one in old_day if one.visit_id == delivered.visit_id)
    assert erased.receipts == delivered.receipts and erased.outcome == "completed"
    assert journal.visits(recent.at.astimezone().date())[0].citizen == CITIZEN


def test_opening_the_journal_erases_what_is_due(outbox: Outbox) -> None:
    now = NOON.timestamp()
    old = visit(NOON - timedelta(days=40))
    VisitJournal(outbox, clock=lambda: now).record(old)
    reopened = VisitJournal(outbox, clock=lambda: now)
    assert [v.citizen for v in reopened.visits(old.at.astimezone().date())] == [""]


def test_visits_recorded_from_many_threads_are_all_kept(outbox: Outbox) -> None:
    journal = VisitJournal(outbox)
    per_thread, threads = 40, 4
    errors: list[BaseException] = []

    def record(offset: int) -> None:
        try:
            for n in range(per_thread):
                journal.record(visit(NOON + timedelta(seconds=offset * per_thread + n)))
                journal.visits(date(2026, 12, 7))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    workers = [threading.Thread(target=record, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert errors == []
    assert len(journal.visits(NOON.astimezone().date())) == per_thread * threads


def test_the_table_is_a_versioned_ledger(outbox: Outbox) -> None:
    VisitJournal(outbox)
    VisitJournal(outbox)  # a second start changes nothing
    with sqlite3.connect(outbox.path) as db:
        version = db.execute(
            "SELECT version FROM ledger_schema WHERE ledger = ?", (LEDGER,)
        ).fetchone()
    assert version == (len(MIGRATIONS),)
