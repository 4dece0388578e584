"""Small state files (the technician login's count, vendor mode, the start history): written
whole or not at all, on disk before the call returns, readable by this account only."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path


def write_state(path: Path, state: dict[str, object]) -> None:
    """Another process (`sheyin diagnose`, a second login) never reads half a file, and a
    power cut leaves the old state or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.{time.monotonic_ns()}.tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(state, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)
    with contextlib.suppress(OSError):  # the rename itself on disk
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
