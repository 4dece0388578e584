"""What the outbox refuses or finds wrong, each with a stable code; messages hold no payload."""

from __future__ import annotations

from pathlib import Path


class OutboxError(Exception):
    code = "queue.error"


class OutboxRefused(OutboxError):
    """A new entry is refused before anything is written; the caller tells the person why."""


class OutboxFull(OutboxRefused):
    code = "queue.full"


class DiskSpaceLow(OutboxRefused):
    code = "queue.disk_low"


class NotQueueable(OutboxRefused):
    """The operation may not wait in the queue, and the central system is unreachable."""

    code = "queue.offline_not_allowed"


class OutboxUnavailable(OutboxError):
    """The outbox could not be opened; nothing can be accepted until a technician acts."""

    code = "queue.unavailable"


class OutboxCorrupt(OutboxUnavailable):
    """The database was unreadable; it has been moved aside intact to `moved_to`."""

    code = "queue.corrupt"

    def __init__(self, moved_to: Path) -> None:
        super().__init__(f"outbox database unreadable, moved aside to {moved_to}")
        self.moved_to = moved_to


class OutboxKeyMismatch(OutboxUnavailable):
    """The key file does not open this database (wrong, replaced or missing key)."""

    code = "queue.key_mismatch"


class KeyFileInsecure(OutboxUnavailable):
    code = "queue.key_insecure"


class OutboxMisconfigured(OutboxUnavailable):
    """SQLite did not accept WAL journaling or FULL synchronous writes."""

    code = "queue.not_durable"


class EntryRejected(OutboxError):
    """The receiver refused the entry for good (a business rejection); it is a dead letter."""

    code = "queue.rejected"

    def __init__(self, reason_code: str, receipt: str) -> None:
        super().__init__(reason_code)
        self.reason_code = reason_code
        self.receipt = receipt


class UnknownEntry(OutboxError):
    code = "queue.unknown_entry"
