"""The outbox on its own: durability settings, sealing, ordering, leases, guards, recovery."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from offline_queue.delivery import Backoff
from offline_queue.errors import (
    DiskSpaceLow,
    KeyFileInsecure,
    OutboxCorrupt,
    OutboxFull,
    OutboxKeyMismatch,
    UnknownEntry,
)
from offline_queue.receipts import is_receipt_number
from offline_queue.store import (
    EntryState,
    Limits,
    Outbox,
    Priority,
    moved_aside,
)

ID_NUMBER = "440304198805200035"
NAME = "张建国"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def outbox(tmp_path: Path, clock: Clock) -> Iterator[Outbox]:
    box = Outbox(tmp_path / "outbox.sqlite3", tmp_path / "outbox.key", clock=clock)
    yield box
    box.close()


def enqueue(outbox: Outbox, body: bytes = b"{}", **kwargs: object) -> uuid.UUID:
    with outbox.transaction() as tx:
        return tx.enqueue("test_kind", body, **kwargs).id  # type: ignore[arg-type]


def test_durability_is_checked_and_the_key_file_is_private(outbox: Outbox, tmp_path: Path) -> None:
    assert outbox.pragmas() == ("wal", 2)
    assert (tmp_path / "outbox.key").stat().st_mode & 0o777 == 0o600


def test_no_personal_data_in_clear_on_disk(outbox: Outbox, tmp_path: Path) -> None:
    payload = f'{{"id_number": "{ID_NUMBER}", "name": "{NAME}"}}'.encode()
    for _ in range(20):
        enqueue(outbox, payload, ordering_key=ID_NUMBER)
    entry = outbox.claim(60)
    assert entry is not None and entry.payload == payload  # opens again with the key
    outbox.complete(entry, payload)
    outbox.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("outbox.sq"))
    for secret in (ID_NUMBER.encode(), NAME.encode("utf-8"), ID_NUMBER[:10].encode()):
        assert secret not in raw


def test_business_row_and_entry_commit_together(outbox: Outbox) -> None:
    outbox.execute_script("CREATE TABLE IF NOT EXISTS mine (receipt TEXT)")
    with pytest.raises(RuntimeError), outbox.transaction() as tx:
        entry = tx.enqueue("test_kind", b"{}")
        tx.connection.execute("INSERT INTO mine VALUES (?)", (entry.receipt,))
        raise RuntimeError("the caller fails before commit")
    assert outbox.open_count() == 0
    with outbox.transaction() as tx:
        entry = tx.enqueue("test_kind", b"{}")
        tx.connection.execute("INSERT INTO mine VALUES (?)", (entry.receipt,))
    assert outbox.open_count() == 1
    assert is_receipt_number(entry.receipt)


def test_the_payload_may_carry_its_own_receipt(outbox: Outbox) -> None:
    with outbox.transaction() as tx:
        entry = tx.enqueue("test_kind", lambda receipt: receipt.encode())
    claimed = outbox.claim(60)
    assert claimed is not None and claimed.payload == entry.receipt.encode()


def test_priority_first_then_first_in_first_out(outbox: Outbox) -> None:
    first = enqueue(outbox)
    second = enqueue(outbox)
    urgent = enqueue(outbox, priority=Priority.URGENT)
    order = []
    while (entry := outbox.claim(60)) is not None:
        order.append(entry.id)
        outbox.complete(entry, b"ok")
    assert order == [urgent, first, second]


def test_an_entry_waits_for_the_earlier_one_of_the_same_citizen(
    outbox: Outbox, clock: Clock
) -> None:
    earlier = enqueue(outbox, ordering_key=ID_NUMBER)
    later = enqueue(outbox, ordering_key=ID_NUMBER, priority=Priority.URGENT)
    someone_else = enqueue(outbox, ordering_key="110101194001010013")
    first = outbox.claim(60)
    assert first is not None and first.id == earlier  # urgent or not, it waits its turn
    assert outbox.claim(60).id == someone_else  # type: ignore[union-attr]
    assert outbox.claim(60) is None  # `later` waits while `earlier` is out
    outbox.reschedule(first, "central.unavailable", delay_s=30)
    assert outbox.claim(60) is None  # still waits while `earlier` sits out its backoff
    clock.now += 31
    again = outbox.claim(60)
    assert again is not None and again.id == earlier and again.attempts == 2
    outbox.bury(again, "card.not_active")
    assert outbox.claim(60).id == later  # type: ignore[union-attr]


@pytest.mark.expected_log("queue.lease_lost")
def test_an_expired_lease_is_delivered_again_and_the_stale_one_cannot_finish(
    outbox: Outbox, clock: Clock
) -> None:
    enqueue(outbox)
    crashed = outbox.claim(10)
    assert crashed is not None
    assert outbox.claim(10) is None
    clock.now += 11
    retried = outbox.claim(10)
    assert retried is not None and retried.id == crashed.id and retried.attempts == 2
    assert outbox.complete(crashed, b"late") is False  # its lease is gone
    assert outbox.complete(retried, b"ok") is True
    assert outbox.summary(crashed.id).state is EntryState.DELIVERED  # type: ignore[union-attr]
    assert outbox.result_of(crashed.receipt) == b"ok"


def test_release_all_leases_at_start(outbox: Outbox) -> None:
    enqueue(outbox)
    assert outbox.claim(600) is not None
    assert outbox.release_all_leases() == 1
    assert outbox.claim(600) is not None


def test_dead_letters_keep_their_reason_and_can_be_retried(outbox: Outbox) -> None:
    entry_id = enqueue(outbox)
    entry = outbox.claim(60)
    assert entry is not None
    outbox.bury(entry, "loss_report.proof_mismatch")
    dead = outbox.entries(EntryState.DEAD)
    assert [(d.id, d.last_error) for d in dead] == [(entry_id, "loss_report.proof_mismatch")]
    assert outbox.retry(entry_id) is True
    again = outbox.claim(60)
    assert again is not None and again.id == entry_id  # same id: same Idempotency-Key
    with pytest.raises(UnknownEntry):
        outbox.retry(uuid.uuid4())


def test_purge_erases_payloads_but_keeps_the_audit_record(outbox: Outbox, clock: Clock) -> None:
    entry_id = enqueue(outbox, b'{"secret": 1}')
    entry = outbox.claim(60)
    assert entry is not None
    outbox.complete(entry, b'{"answer": 1}')
    assert outbox.purge() == 0
    clock.now += outbox.limits.purge_after_days * 86_400 + 1
    assert outbox.purge() == 1
    kept = outbox.summary(entry_id)
    assert kept is not None and kept.state is EntryState.DELIVERED and kept.attempts == 1
    assert outbox.result_of(entry.receipt) is None


def test_entries_finished_since_leave_out_the_earlier_ones(outbox: Outbox, clock: Clock) -> None:
    """The staff's sync panel lists today's deliveries, not the oldest thousand of a month."""
    yesterday, today = enqueue(outbox), enqueue(outbox, b'{"n": 2}')
    for _ in (yesterday, today):
        entry = outbox.claim(60)
        assert entry is not None
        outbox.complete(entry, b"{}")
        clock.now += 86_400
    since = datetime.fromtimestamp(clock.now - 86_400 - 1, UTC)
    assert [e.id for e in outbox.entries(EntryState.DELIVERED, finished_since=since)] == [today]
    assert len(outbox.entries(EntryState.DELIVERED)) == 2


def test_status_counts_and_ages(outbox: Outbox, clock: Clock) -> None:
    enqueue(outbox)
    enqueue(outbox)
    clock.now += 120
    status = outbox.status()
    assert status.counts[EntryState.PENDING] == 2
    assert status.oldest_open_age_s == pytest.approx(120)
    assert status.file_bytes > 0


def test_a_full_queue_refuses_new_entries_and_keeps_the_old(tmp_path: Path) -> None:
    box = Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key", Limits(max_open_entries=2))
    enqueue(box)
    enqueue(box)
    with pytest.raises(OutboxFull):
        enqueue(box)
    assert box.open_count() == 2
    box.close()


def test_low_disk_space_refuses_before_writing(tmp_path: Path) -> None:
    free = {"bytes": 10 * 1024 * 1024 * 1024}
    box = Outbox(
        tmp_path / "o.sqlite3",
        tmp_path / "o.key",
        Limits(min_free_bytes=64 * 1024 * 1024),
        free_bytes=lambda _: free["bytes"],
    )
    enqueue(box)
    free["bytes"] = 63 * 1024 * 1024
    with pytest.raises(DiskSpaceLow) as refused:
        enqueue(box)
    assert refused.value.code == "queue.disk_low"
    assert box.open_count() == 1
    box.close()


@pytest.mark.expected_log("queue.corrupt")
def test_a_corrupt_database_is_moved_aside_intact(tmp_path: Path) -> None:
    path = tmp_path / "o.sqlite3"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(OutboxCorrupt) as corrupt:
        Outbox(path, tmp_path / "o.key")
    assert corrupt.value.moved_to.read_bytes() == garbage
    assert moved_aside(path) == [corrupt.value.moved_to]
    assert not path.exists()


@pytest.mark.expected_log("queue.corrupt")
def test_a_damaged_page_is_found_at_start(tmp_path: Path) -> None:
    path, key = tmp_path / "o.sqlite3", tmp_path / "o.key"
    box = Outbox(path, key)
    for _ in range(200):
        enqueue(box, os.urandom(200))
    box.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 12] = b"\xff" * 12  # a b-tree page's header, not the file's
    path.write_bytes(bytes(data))
    with pytest.raises(OutboxCorrupt) as corrupt:
        Outbox(path, key)
    assert corrupt.value.moved_to.read_bytes() == bytes(data)


def test_a_wrong_key_file_opens_nothing_and_destroys_nothing(tmp_path: Path) -> None:
    path, key = tmp_path / "o.sqlite3", tmp_path / "o.key"
    box = Outbox(path, key)
    enqueue(box)
    box.close()
    before = path.read_bytes()
    key.write_text("00" * 32 + "\n")
    with pytest.raises(OutboxKeyMismatch):
        Outbox(path, key)
    key.unlink()
    with pytest.raises(OutboxKeyMismatch):
        Outbox(path, key)  # no new key over sealed entries
    assert not key.exists()
    assert path.read_bytes() == before


def test_a_key_file_others_can_read_is_refused(tmp_path: Path) -> None:
    key = tmp_path / "o.key"
    Outbox(tmp_path / "o.sqlite3", key).close()
    key.chmod(0o644)
    with pytest.raises(KeyFileInsecure):
        Outbox(tmp_path / "o.sqlite3", key)


@pytest.mark.expected_log("queue.payload_unreadable")
def test_a_changed_payload_byte_becomes_a_dead_letter(outbox: Outbox) -> None:
    entry_id = enqueue(outbox, b"payload")
    with sqlite3.connect(outbox.path) as conn:
        (sealed,) = conn.execute("SELECT payload FROM outbox_entries").fetchone()
        changed = sealed[:20] + bytes([sealed[20] ^ 1]) + sealed[21:]
        conn.execute("UPDATE outbox_entries SET payload = ?", (changed,))
    assert outbox.claim(60) is None
    assert outbox.summary(entry_id).last_error == "queue.payload_unreadable"  # type: ignore[union-attr]


@given(attempts=st.integers(min_value=1, max_value=60), draw=st.floats(0, 0.999999))
def test_backoff_is_full_jitter_under_a_cap(attempts: int, draw: float) -> None:
    backoff = Backoff(base_s=0.5, cap_s=60)
    delay = backoff.delay(attempts, lambda: draw)
    assert 0 <= delay < min(60, 0.5 * 2 ** (attempts - 1)) or delay == 0


def test_claiming_walks_indexes_and_never_sorts_the_backlog(outbox: Outbox) -> None:
    """A drain once slowed to 48 entries/s: the claim sorted every open entry, and its
    per-citizen check read the citizen's whole history."""
    from offline_queue.store import _CLAIM_COLUMNS, _NOT_WAITING

    for state in ("leased' AND lease_until < 0", "pending' AND next_attempt_at <= 0"):
        plan = " | ".join(
            row[3]
            for row in outbox._conn.execute(
                f"EXPLAIN QUERY PLAN SELECT {_CLAIM_COLUMNS} FROM outbox_entries e"
                f" WHERE state = '{state} AND {_NOT_WAITING} ORDER BY priority DESC, seq LIMIT 1"
            )
        )
        assert "TEMP B-TREE" not in plan and "SCAN" not in plan, plan
        assert "outbox_open_order" in plan, plan
