"""The outbox: entries waiting for delivery, in a SQLite file that survives kill -9 and power cuts.

`journal_mode=WAL` and `synchronous=FULL` are set and read back at start: a commit is on disk
before `transaction()` returns. The caller's own rows and the outbox entry commit together. An
entry's id is the Idempotency-Key of its delivery, made once here and never again.
"""

from __future__ import annotations

import enum
import logging
import os
import secrets
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from offline_queue.errors import (
    DiskSpaceLow,
    OutboxCorrupt,
    OutboxFull,
    OutboxKeyMismatch,
    OutboxMisconfigured,
    UnknownEntry,
)
from offline_queue.receipts import new_receipt_number
from offline_queue.sealing import Sealer, SealError, load_or_create_secret

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
CORRUPT_SUFFIX = ".corrupt-"
RECOUNT_EVERY = 500

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
-- Each index is a page written by every commit: entries are found by receipt (unique) and seq
-- (the row id, never reused: rows are not deleted); the entry id is read, not searched for.
CREATE TABLE IF NOT EXISTS outbox_entries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    receipt TEXT NOT NULL UNIQUE,
    order_digest TEXT,
    priority INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    lease_until REAL,
    lease_token TEXT,
    created_at REAL NOT NULL,
    finished_at REAL,
    last_error TEXT,
    payload BLOB,
    payload_size INTEGER NOT NULL,
    result BLOB,
    purged INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS outbox_ready ON outbox_entries (state, priority DESC, seq);
-- Open entries only: whether an earlier entry of the same citizen still waits is one probe,
-- however many delivered entries that citizen has.
CREATE INDEX IF NOT EXISTS outbox_open_order ON outbox_entries (order_digest, seq)
    WHERE state IN ('pending', 'leased');
CREATE INDEX IF NOT EXISTS outbox_leases ON outbox_entries (lease_until)
    WHERE state = 'leased';
CREATE INDEX IF NOT EXISTS outbox_finished ON outbox_entries (finished_at)
    WHERE finished_at IS NOT NULL;
"""


class EntryState(enum.StrEnum):
    PENDING = "pending"
    """Waiting for its (next) delivery attempt."""
    LEASED = "leased"
    """Being delivered; if the lease runs out first, the delivery is presumed dead and retried."""
    DELIVERED = "delivered"
    DEAD = "dead"
    """Refused for good by the receiver; kept with its reason until a technician retries it."""


OPEN_STATES = (EntryState.PENDING, EntryState.LEASED)


class Priority(enum.IntEnum):
    NORMAL = 0
    URGENT = 10
    """Goes before every normal entry, e.g. a card loss report."""


@dataclass(frozen=True)
class Limits:
    max_open_entries: int = 10_000
    max_file_bytes: int = 256 * 1024 * 1024
    min_free_bytes: int = 64 * 1024 * 1024
    purge_after_days: float = 30.0


@dataclass(frozen=True)
class Entry:
    """An entry claimed for delivery: the plain payload, only in memory and only while leased."""

    id: uuid.UUID
    kind: str
    receipt: str
    attempts: int
    payload: bytes
    lease_token: str


@dataclass(frozen=True)
class Enqueued:
    """What the caller learns of an entry it has just added."""

    id: uuid.UUID
    kind: str
    receipt: str


@dataclass(frozen=True)
class EntrySummary:
    """What a technician may see of an entry: no payload, no ordering key."""

    id: uuid.UUID
    kind: str
    receipt: str
    state: EntryState
    priority: int
    attempts: int
    created_at: datetime
    finished_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class OutboxStatus:
    counts: dict[EntryState, int]
    oldest_open_age_s: float | None
    last_error: str | None
    file_bytes: int


def moved_aside(path: Path) -> list[Path]:
    """Databases earlier start-ups found unreadable and moved aside, oldest first."""
    return sorted(path.parent.glob(path.name + CORRUPT_SUFFIX + "*"))


class Outbox:
    def __init__(
        self,
        path: Path,
        key_file: Path,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.time,
        free_bytes: Callable[[Path], int] | None = None,
    ) -> None:
        """Opens (or creates) the outbox. Raises OutboxCorrupt after moving an unreadable file
        aside, OutboxKeyMismatch when the key file does not open it."""
        self.path = path
        self.limits = limits or Limits()
        self._clock = clock
        self._free_bytes = free_bytes or _free_bytes
        self._lock = threading.RLock()
        self._files = (str(path), str(path) + "-wal")
        self._open_estimate: int | None = None
        self._enqueued_since_count = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists() and path.stat().st_size > 0
        if not path.exists():
            # Sealed payloads or not, kinds and receipts are nobody else's business; SQLite gives
            # the -wal and -shm files the database's mode.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        self._conn = self._connect_or_move_aside(existed)
        try:
            self._sealer = self._unlock(key_file, existed)
        except BaseException:
            self._conn.close()
            raise

    # --- opening ---

    def _connect_or_move_aside(self, existed: bool) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA busy_timeout=5000")
            if existed:
                verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
                if verdict != "ok":
                    raise sqlite3.DatabaseError(verdict)
            self._make_durable(conn)
            conn.executescript(SCHEMA)
            return conn
        except OutboxMisconfigured:
            if conn is not None:
                conn.close()
            raise
        except sqlite3.DatabaseError:
            if conn is not None:
                conn.close()
            if not existed:
                raise
            target = self._move_aside()
            log.error("queue.corrupt: outbox database unreadable; moved aside to %s", target)
            raise OutboxCorrupt(target) from None

    @staticmethod
    def _make_durable(conn: sqlite3.Connection) -> None:
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous=FULL")
        sync = conn.execute("PRAGMA synchronous").fetchone()[0]
        if str(mode).lower() != "wal" or sync != 2:
            raise OutboxMisconfigured(f"journal_mode={mode}, synchronous={sync}")

    def _move_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(self.path.name + CORRUPT_SUFFIX + stamp)
        # The WAL and shared-memory files belong with the database: a technician may recover
        # committed transactions from them.
        for suffix in ("", "-wal", "-shm"):
            source = Path(str(self.path) + suffix)
            if source.exists():
                os.replace(source, Path(str(target) + suffix))
        return target

    def _unlock(self, key_file: Path, existed: bool) -> Sealer:
        with self._lock:
            row = self._conn.execute(
                "SELECT value FROM outbox_meta WHERE name = 'key_check'"
            ).fetchone()
        # A key file is made only for a new database: never a fresh key over sealed entries.
        sealer = Sealer(load_or_create_secret(key_file, create=row is None and not existed))
        if row is None:
            with self._write() as conn:
                conn.execute(
                    "INSERT INTO outbox_meta VALUES ('key_check', ?), ('schema_version', ?)",
                    (sealer.key_check(), SCHEMA_VERSION),
                )
        elif not sealer.matches(row[0]):
            raise OutboxKeyMismatch(f"key file {key_file} does not open {self.path}")
        return sealer

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def pragmas(self) -> tuple[str, int]:
        """journal_mode and synchronous as SQLite reports them now."""
        with self._lock:
            mode = self._conn.execute("PRAGMA journal_mode").fetchone()[0]
            sync = self._conn.execute("PRAGMA synchronous").fetchone()[0]
        return str(mode), int(sync)

    # --- writing ---

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[OutboxTransaction]:
        """One transaction for the caller's own rows and the entries it enqueues: both commit,
        durably, or neither does."""
        with self._write() as conn:
            yield OutboxTransaction(self, conn)

    def execute_script(self, sql: str) -> None:
        """Creates the caller's own tables in the outbox database (idempotent DDL)."""
        with self._lock:
            self._conn.executescript(sql)

    def _check_room(self, conn: sqlite3.Connection, size: int) -> None:
        limits = self.limits
        # Counting open entries walks an index of all of them; near the limit it is counted
        # exactly, otherwise an estimate kept by this process (refreshed now and then) will do.
        self._enqueued_since_count += 1
        if (
            self._open_estimate is None
            or self._open_estimate + self._enqueued_since_count >= limits.max_open_entries * 0.9
            or self._enqueued_since_count >= RECOUNT_EVERY
        ):
            self._open_estimate = conn.execute(
                "SELECT count(*) FROM outbox_entries WHERE state IN (?, ?)", OPEN_STATES
            ).fetchone()[0]
            self._enqueued_since_count = 0
        open_count = self._open_estimate + self._enqueued_since_count
        if open_count >= limits.max_open_entries:
            raise OutboxFull(
                f"{open_count} entries waiting, the limit is {limits.max_open_entries}"
            )
        if self.file_bytes() + size > limits.max_file_bytes:
            raise OutboxFull(f"outbox file would exceed {limits.max_file_bytes} bytes")
        free = self._free_bytes(self.path.parent)
        if free - size < limits.min_free_bytes:
            raise DiskSpaceLow(f"{free} bytes free, at least {limits.min_free_bytes} kept")

    def file_bytes(self) -> int:
        """The database and its write-ahead log (checked on every enqueue: plain os.stat)."""
        total = 0
        for name in self._files:
            with suppress(FileNotFoundError):
                total += os.stat(name).st_size
        return total

    # --- delivery ---

    def claim(self, lease_s: float) -> Entry | None:
        """Leases the next entry due for delivery.

        Due: pending and past its backoff, or leased with the lease run out. An entry waits
        while an earlier entry with the same ordering key is still open. Higher priority first,
        then first in, first out."""
        now = self._clock()
        params = {"now": now}
        with self._write() as conn:
            # Two walks down an index each, rather than one OR that would sort every open entry:
            # a delivery presumed dead first, then the next pending one in lane order.
            row = (
                conn.execute(
                    f"SELECT {_CLAIM_COLUMNS} FROM outbox_entries e"  # noqa: S608 - constant
                    f" WHERE state = 'leased' AND lease_until < :now AND {_NOT_WAITING}"
                    " ORDER BY priority DESC, seq LIMIT 1",
                    params,
                ).fetchone()
                or conn.execute(
                    f"SELECT {_CLAIM_COLUMNS} FROM outbox_entries e"  # noqa: S608 - constant
                    f" WHERE state = 'pending' AND next_attempt_at <= :now AND {_NOT_WAITING}"
                    " ORDER BY priority DESC, seq LIMIT 1",
                    params,
                ).fetchone()
            )
            if row is None:
                return None
            seq, id_text, kind, receipt, attempts, sealed = row
            token = secrets.token_hex(8)
            conn.execute(
                "UPDATE outbox_entries SET state = 'leased', lease_until = ?, lease_token = ?,"
                " attempts = attempts + 1 WHERE seq = ?",
                (now + lease_s, token, seq),
            )
        entry_uuid = uuid.UUID(id_text)
        try:
            payload = self._sealer.open(sealed, _associated(entry_uuid, kind))
        except SealError:
            # Only a changed byte gets here (the key was checked at start): a dead letter for
            # the technician, not a crash of the worker.
            self._finish(receipt, token, EntryState.DEAD, "queue.payload_unreadable", None)
            log.error("queue.payload_unreadable: entry %s", entry_uuid)
            return None
        return Entry(entry_uuid, kind, receipt, attempts + 1, payload, token)

    def complete(self, entry: Entry, result: bytes) -> bool:
        """Marks a leased entry delivered and keeps the receiver's answer (sealed)."""
        sealed = self._sealer.seal(result, _associated(entry.id, entry.kind, b"result"))
        return self._finish(entry.receipt, entry.lease_token, EntryState.DELIVERED, None, sealed)

    def bury(self, entry: Entry, reason_code: str) -> bool:
        """Makes a leased entry a dead letter with the receiver's reason."""
        return self._finish(entry.receipt, entry.lease_token, EntryState.DEAD, reason_code, None)

    def _finish(
        self,
        receipt: str,
        lease_token: str,
        state: EntryState,
        reason: str | None,
        result: bytes | None,
    ) -> bool:
        with self._write() as conn:
            changed = conn.execute(
                "UPDATE outbox_entries SET state = ?, finished_at = ?, last_error = ?,"
                " result = ?, lease_until = NULL, lease_token = NULL"
                " WHERE receipt = ? AND state = 'leased' AND lease_token = ?",
                (state.value, self._clock(), reason, result, receipt, lease_token),
            ).rowcount
        if not changed:
            # The lease ran out and another delivery took over; its outcome stands.
            log.warning("queue.lease_lost: receipt %s", receipt)
        return bool(changed)

    def reschedule(self, entry: Entry, error_code: str, delay_s: float) -> bool:
        with self._write() as conn:
            changed = conn.execute(
                "UPDATE outbox_entries SET state = 'pending', next_attempt_at = ?,"
                " last_error = ?, lease_until = NULL, lease_token = NULL"
                " WHERE receipt = ? AND state = 'leased' AND lease_token = ?",
                (self._clock() + delay_s, error_code, entry.receipt, entry.lease_token),
            ).rowcount
        return bool(changed)

    def release_all_leases(self) -> int:
        """At start, by the one process that delivers: leases left are from a dead process."""
        with self._write() as conn:
            released: int = conn.execute(
                "UPDATE outbox_entries SET state = 'pending', lease_until = NULL,"
                " lease_token = NULL WHERE state = 'leased'"
            ).rowcount
        return released

    def wake(self) -> int:
        """Makes every pending entry due now (the line is back: no need to sit out backoffs)."""
        with self._write() as conn:
            woken: int = conn.execute(
                "UPDATE outbox_entries SET next_attempt_at = ? WHERE state = 'pending'"
                " AND next_attempt_at > ?",
                (self._clock(), self._clock()),
            ).rowcount
        return woken

    def next_due_in(self) -> float | None:
        """Seconds until the next entry is due (0 if one is due now); None if nothing is open."""
        with self._lock:
            row = self._conn.execute(
                "SELECT min(CASE state WHEN 'pending' THEN next_attempt_at ELSE lease_until END)"
                " FROM outbox_entries WHERE state IN ('pending', 'leased')"
            ).fetchone()
        if row[0] is None:
            return None
        return max(0.0, float(row[0]) - self._clock())

    # --- technicians ---

    def retry(self, entry_id: uuid.UUID) -> bool:
        """Puts a dead letter back in the queue, due now, with the same id (same key)."""
        with self._write() as conn:
            changed = conn.execute(
                "UPDATE outbox_entries SET state = 'pending', next_attempt_at = ?,"
                " finished_at = NULL WHERE id = ? AND state = 'dead' AND purged = 0",
                (self._clock(), str(entry_id)),
            ).rowcount
        if not changed and self.summary(entry_id) is None:
            raise UnknownEntry(str(entry_id))
        return bool(changed)

    def retry_dead(self) -> int:
        with self._write() as conn:
            changed: int = conn.execute(
                "UPDATE outbox_entries SET state = 'pending', next_attempt_at = ?,"
                " finished_at = NULL WHERE state = 'dead' AND purged = 0",
                (self._clock(),),
            ).rowcount
        return changed

    def purge(self) -> int:
        """Drops the payload and answer of entries delivered long enough ago. What the audit
        trail needs stays: id, kind, receipt, times, attempts and the outcome."""
        cutoff = self._clock() - self.limits.purge_after_days * 86_400
        with self._write() as conn:
            purged: int = conn.execute(
                "UPDATE outbox_entries SET payload = NULL, result = NULL, purged = 1"
                " WHERE state = 'delivered' AND purged = 0 AND finished_at < ?",
                (cutoff,),
            ).rowcount
        return purged

    def status(self) -> OutboxStatus:
        with self._lock:
            counts = dict.fromkeys(EntryState, 0)
            for state, count in self._conn.execute(
                "SELECT state, count(*) FROM outbox_entries GROUP BY state"
            ):
                counts[EntryState(state)] = count
            oldest = self._conn.execute(
                "SELECT min(created_at) FROM outbox_entries WHERE state IN ('pending', 'leased')"
            ).fetchone()[0]
            last_error = self._conn.execute(
                "SELECT last_error FROM outbox_entries WHERE last_error IS NOT NULL"
                " ORDER BY coalesce(finished_at, next_attempt_at) DESC LIMIT 1"
            ).fetchone()
        return OutboxStatus(
            counts=counts,
            oldest_open_age_s=None if oldest is None else max(0.0, self._clock() - oldest),
            last_error=last_error[0] if last_error else None,
            file_bytes=self.file_bytes(),
        )

    def open_count(self) -> int:
        with self._lock:
            count: int = self._conn.execute(
                "SELECT count(*) FROM outbox_entries WHERE state IN ('pending', 'leased')"
            ).fetchone()[0]
        return count

    def entries(
        self,
        state: EntryState | None = None,
        limit: int = 1000,
        finished_since: datetime | None = None,
    ) -> list[EntrySummary]:
        """In the order they were written; `finished_since`: only those finished since then
        (today's deliveries, among a month's)."""
        since = finished_since.timestamp() if finished_since is not None else None
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM outbox_entries"  # noqa: S608 - constant columns
                " WHERE (:state IS NULL OR state = :state)"
                " AND (:since IS NULL OR finished_at >= :since) ORDER BY seq LIMIT :limit",
                {"state": state.value if state else None, "limit": limit, "since": since},
            ).fetchall()
        return [_summary(row) for row in rows]

    def summary(self, entry_id: uuid.UUID) -> EntrySummary | None:
        """By entry id (a technician's lookup: not indexed)."""
        return self._one("id = ?", str(entry_id))

    def by_receipt(self, receipt: str) -> EntrySummary | None:
        return self._one("receipt = ?", receipt)

    def _one(self, where: str, value: str) -> EntrySummary | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM outbox_entries WHERE {where}",  # noqa: S608
                (value,),
            ).fetchone()
        return _summary(row) if row else None

    def seal_value(self, plain: bytes, context: bytes) -> bytes:
        """Seals a value of a caller's own row under the outbox's key: personal data a ledger
        keeps next to the entries is as unreadable at rest as their payloads. `context` names
        the row (its table and id): a sealed value moved to another row does not open."""
        return self._sealer.seal(plain, b"row\x00" + context)

    def open_value(self, sealed: bytes, context: bytes) -> bytes:
        """The value `seal_value` sealed with the same context; SealError if it was changed."""
        return self._sealer.open(sealed, b"row\x00" + context)

    def result_of(self, receipt: str) -> bytes | None:
        """The receiver's answer to a delivered entry, until it is purged."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id, kind, result FROM outbox_entries WHERE receipt = ?", (receipt,)
            ).fetchone()
        if row is None or row[2] is None:
            return None
        return self._sealer.open(row[2], _associated(uuid.UUID(row[0]), row[1], b"result"))


class OutboxTransaction:
    """The caller's handle inside `Outbox.transaction()`."""

    def __init__(self, outbox: Outbox, conn: sqlite3.Connection) -> None:
        self._outbox = outbox
        self.connection = conn
        """For the caller's own rows; they commit with the entries."""

    def enqueue(
        self,
        kind: str,
        payload: bytes | Callable[[str], bytes],
        *,
        ordering_key: str | None = None,
        priority: int = Priority.NORMAL,
    ) -> Enqueued:
        """Adds an entry. `payload` may be built from the receipt number the entry gets.

        `ordering_key` (e.g. a citizen's ID number) is stored only as a keyed digest."""
        outbox = self._outbox
        entry_id = uuid.uuid4()
        receipt = new_receipt_number()
        if self.connection.execute(
            "SELECT 1 FROM outbox_entries WHERE receipt = ?", (receipt,)
        ).fetchone():
            receipt = new_receipt_number()  # one in 10^15: a second draw is enough
        plain = payload(receipt) if callable(payload) else payload
        sealed = outbox._sealer.seal(plain, _associated(entry_id, kind))
        outbox._check_room(self.connection, len(sealed))
        now = outbox._clock()
        self.connection.execute(
            "INSERT INTO outbox_entries (id, kind, receipt, order_digest, priority, state,"
            " next_attempt_at, created_at, payload, payload_size)"
            " VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)",
            (
                str(entry_id),
                kind,
                receipt,
                outbox._sealer.digest(ordering_key) if ordering_key else None,
                int(priority),
                now,
                now,
                sealed,
                len(plain),
            ),
        )
        return Enqueued(entry_id, kind, receipt)


_CLAIM_COLUMNS = "seq, id, kind, receipt, attempts, payload"
# An entry waits while an earlier entry with the same ordering key is open.
_NOT_WAITING = (
    "(order_digest IS NULL OR NOT EXISTS (SELECT 1 FROM outbox_entries p"
    " WHERE p.order_digest = e.order_digest AND p.seq < e.seq"
    " AND p.state IN ('pending', 'leased')))"
)
_SUMMARY_COLUMNS = (
    "id, kind, receipt, state, priority, attempts, created_at, finished_at, last_error"
)


def _summary(row: tuple[object, ...]) -> EntrySummary:
    id_text, kind, receipt, state, priority, attempts, created, finished, error = row
    return EntrySummary(
        id=uuid.UUID(str(id_text)),
        kind=str(kind),
        receipt=str(receipt),
        state=EntryState(str(state)),
        priority=int(priority),  # type: ignore[call-overload]
        attempts=int(attempts),  # type: ignore[call-overload]
        created_at=datetime.fromtimestamp(float(created), UTC),  # type: ignore[arg-type]
        finished_at=(
            datetime.fromtimestamp(float(finished), UTC)  # type: ignore[arg-type]
            if finished is not None
            else None
        ),
        last_error=str(error) if error is not None else None,
    )


def _associated(entry_id: uuid.UUID, kind: str, purpose: bytes = b"payload") -> bytes:
    return entry_id.bytes + kind.encode("utf-8") + b"\x00" + purpose


def _free_bytes(directory: Path) -> int:
    stats = os.statvfs(directory)
    return stats.f_bavail * stats.f_frsize
