"""A technician's request for the kiosk made away from its screen (`sheyin vendor-mode enter` on
the terminal's console, after their number and PIN were checked): a file in the data directory
the kiosk takes up within a second. A citizen in a session is warned and given time to finish;
then the kiosk is the technician's and shows 暂停服务 until they log in at the screen."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.roles.state_file import write_state

log = logging.getLogger(__name__)

REQUEST_FILE = "vendor_request.json"
STALE_AFTER = timedelta(minutes=10)
"""A request the kiosk did not take up by then (it was not running) is dropped: the technician
who made it has gone."""


@dataclass(frozen=True)
class VendorRequest:
    technician_id: str
    at: datetime


def request_path(data_dir: Path) -> Path:
    return data_dir / REQUEST_FILE


def write_request(path: Path, technician_id: str) -> None:
    write_state(path, {"technician": technician_id, "at": datetime.now(UTC).isoformat()})


def take_request(path: Path, now: datetime | None = None) -> VendorRequest | None:
    """The waiting request, taken (the file is gone after); None when there is none, it is
    damaged or stale (logged)."""
    if not path.exists():
        return None
    taken = path.with_name(path.name + ".taken")
    try:
        os.replace(path, taken)  # one taker, even with two windows
    except FileNotFoundError:
        return None
    try:
        kept = json.loads(taken.read_text(encoding="utf-8"))
        at = datetime.fromisoformat(kept["at"])
        if at.tzinfo is None:
            raise ValueError("at: no time zone")
        request = VendorRequest(str(kept["technician"]), at)
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("vendor_mode.request_damaged")
        return None
    finally:
        taken.unlink(missing_ok=True)
    if (now or datetime.now(UTC)) - request.at > STALE_AFTER:
        log.warning("vendor_mode.request_stale")
        return None
    return request
