"""The audit log: every technician and staff action, append-only and hash-chained.

One JSON record per line. Each record holds the hash of the one before it and its own hash
over its canonical form, so a record changed, removed or put in another order breaks the chain
at that record (`verify`). Records say who, what, on what, when and how it ended, in codes
only: the fields accept nothing but code characters, so no citizen's name or number fits.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from kiosk.services.session import Outbound

log = logging.getLogger(__name__)

GENESIS = "0" * 64
"""The hash the first record follows."""
NO_TARGET = "-"
"""An action on nothing in particular (a login)."""
CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]{0,79}")
"""Who, what, on what and the outcome: codes (`technician:T0007`, `queue.retry`, `ok`). No
space, no digit run long enough for an ID number (IDs of people are not codes)."""
LONGEST_DIGIT_RUN = 8
"""A mobile number has 11 digits, an ID number 17 before its check character."""


class AuditError(ValueError):
    code = "audit.invalid"


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: str
    """UTC, ISO 8601."""
    actor: str
    action: str
    target: str
    outcome: str
    prev: str
    hash: str

    def line(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))


def _digest(record: Mapping[str, object]) -> str:
    """The hash over every field but the hash itself, in canonical JSON."""
    body = {name: value for name, value in record.items() if name != "hash"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""An outbox entry's id: a code whose last group may be all digits."""


def _checked_code(field: str, value: str) -> str:
    digits = UUID.sub("-", value)
    if not CODE.fullmatch(value) or re.search(rf"\d{{{LONGEST_DIGIT_RUN + 1},}}", digits):
        raise AuditError(f"audit.{field}_not_a_code")  # never the value itself
    return value


class AuditLog:
    """Appends records to `path`, each flushed to disk before it returns (a record the
    technician saw written survives a power cut).

    The kiosk and a technician's `sheyin` command append to the same file from two processes:
    each append holds an exclusive lock on the file while it reads the last record and writes
    the next, so the chain never forks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def append(
        self, actor: str, action: str, outcome: str = "ok", target: str = NO_TARGET
    ) -> AuditRecord:
        fields = {"actor": actor, "action": action, "outcome": outcome, "target": target}
        for name, value in fields.items():
            if not (name == "target" and value == NO_TARGET):
                _checked_code(name, value)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self.path.open("a+b") as file:
            fcntl.flock(file, fcntl.LOCK_EX)  # released when the file closes
            seq, prev = _tail(file)
            at = datetime.now(UTC).isoformat(timespec="milliseconds")
            body: dict[str, object] = {"seq": seq + 1, "at": at, "prev": prev, **fields}
            record = AuditRecord(**body, hash=_digest(body))  # type: ignore[arg-type]
            file.write((record.line() + "\n").encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
            return record


def _tail(file: BinaryIO) -> tuple[int, str]:
    """The last record's number and hash, read from the end of the file."""
    end = file.seek(0, os.SEEK_END)
    if end == 0:
        return 0, GENESIS
    chunk, start = b"", end
    while start > 0 and chunk.count(b"\n") < 2:
        start = max(0, start - 4096)
        file.seek(start)
        chunk = file.read(end - start)
    last = chunk.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    try:
        record = AuditRecord(**json.loads(last))
    except (ValueError, TypeError) as error:
        raise AuditError("audit.unreadable_tail") from error
    return record.seq, record.hash


def read_records(path: Path) -> Iterator[AuditRecord]:
    """The records as written; AuditError at a line that is not a record."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                fields = json.loads(line)
                record = AuditRecord(**fields)
            except (ValueError, TypeError) as error:
                raise AuditError(f"line {number} is not an audit record") from error
            yield record


@dataclass(frozen=True)
class Verification:
    records: int
    """Records that chain correctly from the start."""
    broken_at: int | None = None
    """The line of the first record that breaks the chain; None when all hold."""
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify(path: Path) -> Verification:
    """Walks the chain from the first record: each must follow the one before it in number and
    hash, and its own hash must match its fields."""
    prev, seq, line = GENESIS, 0, 0
    try:
        for line, record in enumerate(read_records(path), start=1):
            if record.seq != seq + 1:
                return Verification(seq, line, f"number {record.seq} follows {seq}")
            if record.prev != prev:
                return Verification(seq, line, "does not follow the record before it")
            if record.hash != _digest(asdict(record)):
                return Verification(seq, line, "its fields were changed after it was written")
            prev, seq = record.hash, record.seq
    except AuditError as error:
        return Verification(seq, line + 1, str(error))
    return Verification(seq)


def audit_log_path(data_dir: Path) -> Path:
    return data_dir / "audit.log"


ANCHOR_ACTION = "audit.anchor"
ANCHOR_EVERY_S = 3600.0
"""How often the kiosk looks whether today's anchor is still to send."""


def anchor_due(path: Path, today: date) -> AuditRecord | None:
    """The record today's anchor would fix: the last one, unless today's anchor was sent or
    nothing was written since the last anchor."""
    last: AuditRecord | None = None
    anchored_today, anchored_up_to = False, 0
    for record in read_records(path):
        last = record
        if record.action == ANCHOR_ACTION:
            anchored_today = record.target == f"day:{today.isoformat()}"
            anchored_up_to = record.seq
    if last is None or anchored_today or last.seq == anchored_up_to:
        return None
    return last


class AuditAnchoring:
    """Sends the day's anchor through the outbox (queued while offline) and records that it
    did, on a thread of its own, once a day."""

    def __init__(
        self,
        log: AuditLog,
        outbound: Callable[[], Outbound],
        today: Callable[[], date],
        every_s: float = ANCHOR_EVERY_S,
    ) -> None:
        self._audit = log
        self._outbound = outbound
        self._today = today
        self._every_s = every_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def send_due(self) -> bool:
        """Sends today's anchor if it is due; True when it was sent or queued."""
        from kiosk.central import models as m
        from kiosk.central.operations import AUDIT_ANCHOR
        from kiosk.central.outbound import Sent

        today = self._today()
        try:
            record = anchor_due(self._audit.path, today)
        except AuditError:
            log.error("audit.broken: the audit log does not read; run sheyin audit verify")
            return False
        if record is None:
            return False
        anchor = m.AuditAnchor(
            day=today, records=record.seq, last_hash=record.hash, anchored_at=datetime.now(UTC)
        )
        try:
            sent = self._outbound().submit(AUDIT_ANCHOR, lambda _receipt: anchor)
        except Exception as exc:  # the outbox closed or refused it; tried again next time
            log.error("audit.anchor_not_sent: %s", getattr(exc, "code", type(exc).__name__))
            return False
        outcome = "ok" if isinstance(sent, Sent) else "queued"
        self._audit.append("kiosk", ANCHOR_ACTION, outcome, f"day:{today.isoformat()}")
        log.info("audit.anchored: up to record %d, %s", record.seq, outcome)
        return True

    def start(self) -> None:
        def run() -> None:
            while not self._stop.is_set():
                self.send_due()
                self._stop.wait(self._every_s)

        self._thread = threading.Thread(target=run, name="audit-anchor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
