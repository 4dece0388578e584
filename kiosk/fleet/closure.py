"""暂停服务 by the operations centre's `out-of-service` command, kept in the data directory until
its `in-service`, so a kiosk closed remotely stays closed through a restart or a power cut."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

from kiosk.roles.state_file import write_state

log = logging.getLogger(__name__)

CLOSURE_FILE = "fleet_closed.json"


def closure_path(data_dir: Path) -> Path:
    return data_dir / CLOSURE_FILE


def closed_remotely(path: Path) -> bool:
    """Read for each screen (a small file); a damaged one counts as closed: the centre asked
    for it, and opening is its call (or a technician's, by deleting the file)."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        return bool(kept["closed"])
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError):
        log.error("fleet.closure_damaged: the remote closure file is unreadable; kept closed")
        return True


def close_remotely(path: Path, command_id: str) -> None:
    write_state(path, {"closed": True, "command": command_id, "at": datetime.now(UTC).isoformat()})


def reopen_remotely(path: Path) -> None:
    path.unlink(missing_ok=True)
