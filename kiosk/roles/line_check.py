"""What the technician's network and queue screen shows: the central system reached or not,
the round trip, the clock against the central system's, and the offline queue (counts, the
oldest waiting entry, dead letters with their reason codes). No payload, nothing personal."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.central.client import CentralClient
    from offline_queue.store import EntryState, EntrySummary, Outbox


@dataclass(frozen=True)
class LineReport:
    reachable: bool
    code: str | None
    """Why the central system was not reached (its error's code)."""
    round_trip_ms: float | None
    clock_offset_s: float | None
    """The central system's clock minus this terminal's, at the middle of the round trip."""
    counts: dict[EntryState, int]
    oldest_waiting_s: float | None
    dead: tuple[EntrySummary, ...]


def check_line(central: CentralClient, outbox: Outbox | None) -> LineReport:
    """It waits for the central system (seconds when it is down): not from the GUI thread."""
    # The queue's module loads cryptography: with the technician's screen, not the window.
    from offline_queue.store import EntryState

    sent = time.monotonic()
    sent_at = datetime.now(UTC)
    try:
        health = central.health()
        code = None
    except Exception as exc:  # any failure is a finding, reported by its code
        health, code = None, str(getattr(exc, "code", type(exc).__name__))
    round_trip = time.monotonic() - sent
    offset = None
    if health is not None:
        middle = sent_at.timestamp() + round_trip / 2
        offset = health.time.timestamp() - middle
    status = outbox.status() if outbox is not None else None
    dead = tuple(outbox.entries(EntryState.DEAD, limit=50)) if outbox is not None else ()
    return LineReport(
        reachable=health is not None,
        code=code,
        round_trip_ms=round_trip * 1000 if health is not None else None,
        clock_offset_s=offset,
        counts=dict(status.counts) if status is not None else {},
        oldest_waiting_s=status.oldest_open_age_s if status is not None else None,
        dead=dead,
    )
