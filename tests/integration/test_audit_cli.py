"""`sheyin audit verify` and `sheyin audit show` on the terminal's own audit log, and a
technician's queue retry written into it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kiosk.audit import AuditLog, audit_log_path


def sheyin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_verify_names_the_first_broken_record(own_data_dir: Path) -> None:
    own_data_dir.mkdir(mode=0o700, parents=True)
    path = audit_log_path(own_data_dir)
    log = AuditLog(path)
    for action in ("vendor_mode.enter", "device.test", "vendor_mode.exit"):
        log.append("technician:T0007", action, "ok", "device:printer")

    intact = sheyin("audit", "verify")
    assert intact.returncode == 0 and "3 records, chain intact" in intact.stdout

    shown = sheyin("audit", "show", "--json", "--last", "2")
    assert shown.returncode == 0
    assert [json.loads(line)["action"] for line in shown.stdout.splitlines()] == [
        "device.test",
        "vendor_mode.exit",
    ]

    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(lines[0] + "\n" + lines[2] + "\n", encoding="utf-8")  # one record removed
    broken = sheyin("audit", "verify")
    assert broken.returncode == 1
    assert (
        "line 2 breaks the chain" in broken.stderr and "1 records before it hold" in broken.stderr
    )


def test_a_retry_of_an_unknown_entry_writes_nothing_and_a_refused_one_is_recorded(
    own_data_dir: Path,
) -> None:
    assert sheyin("queue", "retry", "--dead").returncode == 0
    records = sheyin("audit", "show", "--json").stdout.splitlines()
    assert [json.loads(r)["action"] for r in records] == ["queue.retry_dead"]
    assert json.loads(records[0])["outcome"] == "ok:0"
    assert json.loads(records[0])["actor"].startswith("cli:")

    missing = sheyin("queue", "retry", "not-an-id")
    assert missing.returncode == 1
    assert len(sheyin("audit", "show", "--json").stdout.splitlines()) == 1
    assert sheyin("audit", "verify").returncode == 0
