"""submit(), the delivery worker and the connectivity monitor, with a scripted receiver."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_queue.delivery import Backoff, Delivered, Outcome, Reject, Retry
from offline_queue.errors import EntryRejected, NotQueueable
from offline_queue.receipts import collecting
from offline_queue.service import Accepted, OfflineQueue, Operation, Queued
from offline_queue.store import Entry, EntryState, Outbox
from tests.support.kiosks import wait_until

QUEUEABLE = Operation("report", may_queue=True)
NOT_QUEUEABLE = Operation("order", may_queue=False)


class Receiver:
    """Answers deliveries as the test says; records what it was given."""

    def __init__(self) -> None:
        self.up = True
        self.refuse: set[bytes] = set()
        self.received: list[tuple[str, bytes]] = []
        self.lock = threading.Lock()

    def deliver(self, entry: Entry) -> Outcome:
        if not self.up:
            return Retry("central.unavailable")
        if entry.payload in self.refuse:
            return Reject("card.not_active")
        with self.lock:
            self.received.append((str(entry.id), entry.payload))
        return Delivered(b"answer:" + entry.payload)

    def probe(self) -> bool:
        return self.up


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
def queue(tmp_path: Path, receiver: Receiver) -> Iterator[OfflineQueue]:
    outbox = Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key")
    q = OfflineQueue(
        outbox,
        receiver.deliver,
        receiver.probe,
        backoff=Backoff(base_s=0.01, cap_s=0.05),
        submit_wait_s=5,
        online_probe_s=0.05,
        offline_probe_s=0.05,
    )
    assert q.start()
    yield q
    q.stop()
    outbox.close()


def test_online_submit_returns_the_answer(queue: OfflineQueue) -> None:
    wait_until(lambda: queue.monitor.online is True)
    result = queue.submit(QUEUEABLE, b"one")
    assert isinstance(result, Accepted) and result.result == b"answer:one"


@pytest.mark.expected_log("queue.dead_letter")
def test_a_refusal_reaches_the_caller_and_stays_as_a_dead_letter(
    queue: OfflineQueue, receiver: Receiver
) -> None:
    receiver.refuse.add(b"bad")
    with pytest.raises(EntryRejected) as refused:
        queue.submit(QUEUEABLE, b"bad")
    assert refused.value.reason_code == "card.not_active"
    dead = queue.outbox.entries(EntryState.DEAD)
    assert [d.receipt for d in dead] == [refused.value.receipt]


def test_the_receipts_written_in_a_context_are_collected_there_alone(
    queue: OfflineQueue, receiver: Receiver
) -> None:
    """A staff member's visit lists every receipt its session wrote, through any ledger."""
    receiver.up = False
    wait_until(lambda: queue.monitor.online is False)
    mine: list[str] = []
    elsewhere: list[str] = []

    def another_thread() -> None:
        elsewhere.append(queue.submit(QUEUEABLE, b"theirs").receipt)

    with collecting(mine):
        first = queue.submit(QUEUEABLE, b"one").receipt
        thread = threading.Thread(target=another_thread)
        thread.start()
        thread.join()
        second = queue.submit(QUEUEABLE, b"two").receipt
    queue.submit(QUEUEABLE, b"after")
    assert mine == [first, second]
    assert elsewhere and elsewhere[0] not in mine


def test_offline_submit_queues_and_drains_when_the_line_returns(
    queue: OfflineQueue, receiver: Receiver
) -> None:
    receiver.up = False
    wait_until(lambda: queue.monitor.online is False)
    changes: list[bool] = []
    queue.monitor.add_listener(changes.append)
    receipts = [queue.submit(QUEUEABLE, f"n{i}".encode()) for i in range(5)]
    assert all(isinstance(r, Queued) for r in receipts)
    with pytest.raises(NotQueueable):
        queue.submit(NOT_QUEUEABLE, b"order")  # refused before anything is written
    assert queue.outbox.open_count() == 5
    receiver.up = True
    wait_until(lambda: queue.outbox.open_count() == 0)
    assert [p for _, p in receiver.received] == [f"n{i}".encode() for i in range(5)]
    assert changes == [True]


def test_a_failed_first_attempt_counts_as_queued(queue: OfflineQueue, receiver: Receiver) -> None:
    wait_until(lambda: queue.monitor.online is True)
    receiver.up = False  # the line drops between the probe and the delivery
    result = queue.submit(QUEUEABLE, b"late")
    assert isinstance(result, Queued)
    assert queue.monitor.online is False
    receiver.up = True
    wait_until(lambda: queue.outbox.open_count() == 0)
    assert [p for _, p in receiver.received] == [b"late"]


@pytest.mark.expected_log("queue.deferred")
def test_a_non_queueable_write_that_fails_is_still_delivered_later(
    queue: OfflineQueue, receiver: Receiver
) -> None:
    wait_until(lambda: queue.monitor.online is True)
    receiver.up = False
    with pytest.raises(NotQueueable):
        queue.submit(NOT_QUEUEABLE, b"order")
    receiver.up = True
    wait_until(lambda: queue.outbox.open_count() == 0)
    assert [p for _, p in receiver.received] == [b"order"]


@pytest.mark.expected_log("queue.locked")
def test_only_one_process_delivers_from_an_outbox(queue: OfflineQueue, tmp_path: Path) -> None:
    second = OfflineQueue(
        Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key"), Receiver().deliver, lambda: True
    )
    # flock is per open file description: a second open in this process conflicts as well.
    assert second.start() is False
    second.outbox.close()


@pytest.mark.expected_log("queue.delivery_crashed")
def test_a_crashing_delivery_function_does_not_stop_the_worker(tmp_path: Path) -> None:
    calls = {"n": 0}

    def flaky(entry: Entry) -> Outcome:
        calls["n"] += 1
        if calls["n"] == 1:
            raise ValueError("bug")
        return Delivered(b"ok")

    outbox = Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key")
    q = OfflineQueue(outbox, flaky, lambda: True, backoff=Backoff(0.01, 0.02))
    assert q.start()
    with outbox.transaction() as tx:
        tx.enqueue("report", b"x")
    q.worker.wake()
    wait_until(lambda: outbox.open_count() == 0)
    q.stop()
    outbox.close()
    assert calls["n"] == 2
