"""The offline queue as its users see it: `submit()`, and a worker and monitor running behind it.

Every write goes through the outbox, online or not. Online, `submit()` waits for the worker's
first attempt and returns the receiver's answer; offline (or when that attempt fails) it returns
the queued entry's receipt. An operation that may not wait in the queue is refused while
offline, before anything is written.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from offline_queue.delivery import Backoff, ConnectivityMonitor, Deliver, DeliveryWorker
from offline_queue.errors import EntryRejected, NotQueueable
from offline_queue.receipts import collected
from offline_queue.store import EntryState, Outbox, Priority

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Accepted:
    """Delivered at once: the receiver's answer."""

    receipt: str
    result: bytes


@dataclass(frozen=True)
class Queued:
    """Accepted into the queue; it will be delivered when the receiver is reachable."""

    receipt: str
    accepted_at: datetime


Submitted = Accepted | Queued


@dataclass(frozen=True)
class Operation:
    """A kind of write and how it may travel."""

    kind: str
    may_queue: bool
    priority: int = Priority.NORMAL


class OfflineQueue:
    def __init__(
        self,
        outbox: Outbox,
        deliver: Deliver,
        probe: Callable[[], bool],
        *,
        backoff: Backoff | None = None,
        lease_s: float = 60.0,
        submit_wait_s: float = 15.0,
        online_probe_s: float = 30.0,
        offline_probe_s: float = 5.0,
    ) -> None:
        self.outbox = outbox
        self.monitor = ConnectivityMonitor(probe, online_probe_s, offline_probe_s)
        self.worker = DeliveryWorker(
            outbox, deliver, self.monitor, backoff=backoff, lease_s=lease_s
        )
        self._submit_wait_s = submit_wait_s
        self._lock_file: IO[str] | None = None

    def start(self) -> bool:
        """Starts delivering, unless another process already delivers from this outbox."""
        if not self._take_delivery_lock():
            log.error("queue.locked: another process delivers from %s", self.outbox.path)
            return False
        released = self.outbox.release_all_leases()
        if released:
            log.info(
                "queue.recovered: %d deliveries of a stopped process will be retried", released
            )
        self.monitor.start()
        self.worker.start()
        return True

    def stop(self) -> None:
        self.worker.stop()
        self.monitor.stop()
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def _take_delivery_lock(self) -> bool:
        path = Path(str(self.outbox.path) + ".lock")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        file = os.fdopen(fd, "r+", encoding="ascii")
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            return False
        self._lock_file = file
        return True

    def submit(
        self,
        operation: Operation,
        payload: bytes | Callable[[str], bytes],
        *,
        ordering_key: str | None = None,
        business: Callable[[sqlite3.Connection, str], None] | None = None,
    ) -> Submitted:
        """Writes the entry (and the caller's own rows, via `business(connection, receipt)`)
        in one transaction, then lets the worker deliver it.

        Raises NotQueueable (offline, operation may not wait), EntryRejected (the receiver
        refused it), or the outbox's OutboxRefused errors (full, disk low)."""
        offline = self.monitor.online is False
        if offline and not operation.may_queue:
            raise NotQueueable(operation.kind)
        with self.outbox.transaction() as tx:
            entry = tx.enqueue(
                operation.kind, payload, ordering_key=ordering_key, priority=operation.priority
            )
            if business is not None:
                business(tx.connection, entry.receipt)
        collected(entry.receipt)
        accepted_at = datetime.now(UTC)
        self.worker.wake()
        if offline or not self.worker.running:
            return Queued(entry.receipt, accepted_at)

        def attempted() -> bool:
            summary = self.outbox.by_receipt(entry.receipt)
            return summary is not None and (
                summary.state in (EntryState.DELIVERED, EntryState.DEAD)
                or (summary.state is EntryState.PENDING and summary.attempts > 0)
            )

        self.worker.wait_for_attempt(attempted, self._submit_wait_s)
        summary = self.outbox.by_receipt(entry.receipt)
        if summary is not None and summary.state is EntryState.DELIVERED:
            result = self.outbox.result_of(entry.receipt)
            if result is not None:
                return Accepted(entry.receipt, result)
        if summary is not None and summary.state is EntryState.DEAD:
            raise EntryRejected(summary.last_error or "queue.rejected", entry.receipt)
        if not operation.may_queue:
            # Written, so it will still be delivered under the same key: the receiver and this
            # terminal end up agreeing. The person is told it did not go through now.
            log.warning("queue.deferred: %s could not be delivered now", operation.kind)
            raise NotQueueable(operation.kind)
        return Queued(entry.receipt, accepted_at)
