"""The audit log's daily anchor through the outbox to the sandbox: the central system keeps
the last record's number and hash, once a day, and a rewritten log no longer reaches it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.app import Kiosk, build_kiosk
from kiosk.audit import ANCHOR_ACTION, AuditAnchoring, read_records
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import QUICK_QUEUE, on_sandbox, settings_for, wait_until

DAY = date(2026, 12, 7)


@pytest.fixture
def kiosk(sandbox: SandboxProcess) -> Iterator[Kiosk]:
    built = build_kiosk(settings_for(sandbox.url, **QUICK_QUEUE, SHEYIN_QUEUE_SUBMIT_WAIT_S="5"))
    yield built
    built.close()


def anchoring(kiosk: Kiosk, today: list[date]) -> AuditAnchoring:
    return AuditAnchoring(kiosk.audit, lambda: kiosk.outbound, lambda: today[0])


def test_the_days_anchor_is_kept_by_the_central_system_once(kiosk: Kiosk) -> None:
    audit = kiosk.audit
    for action in ("vendor_mode.enter", "device.test", "vendor_mode.exit"):
        audit.append("technician:T0007", action)
    today = [DAY]
    sender = anchoring(kiosk, today)
    assert sender.send_due()
    (anchor,) = kiosk.central.audit_anchors().items
    records = list(read_records(audit.path))
    assert (anchor.day, anchor.records, anchor.last_hash) == (DAY, 3, records[2].hash)
    assert (records[3].action, records[3].outcome) == (ANCHOR_ACTION, "ok")
    # Once a day, and only with something new since.
    assert not sender.send_due()
    today[0] = DAY + timedelta(days=1)
    assert not sender.send_due()
    audit.append("staff:S01", "staff.login")
    assert sender.send_due()
    assert [a.records for a in kiosk.central.audit_anchors().items] == [3, 5]


def test_a_log_rewritten_after_its_anchor_no_longer_matches_it(kiosk: Kiosk) -> None:
    audit = kiosk.audit
    audit.append("technician:T0007", "queue.retry", "ok", "queue")
    assert anchoring(kiosk, [DAY]).send_due()
    anchored = kiosk.central.audit_anchors().items[0]
    # A new log written from scratch with a different first record: its own chain holds,
    # but record 1 no longer has the hash the central system keeps.
    audit.path.unlink()
    kiosk.audit.append("technician:T0007", "queue.retry", "failed:queue.not_dead", "queue")
    (rewritten,) = read_records(audit.path)
    assert rewritten.seq == anchored.records and rewritten.hash != anchored.last_hash


@pytest.mark.expected_log("central POST /audit-anchors: ConnectionError")
def test_offline_the_anchor_is_queued_and_delivered_later(
    kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    outbound = kiosk.outbound
    kiosk.audit.append("technician:T0007", "vendor_mode.enter")
    port = int(sandbox.url.rsplit(":", 1)[1])
    sandbox.stop()
    wait_until(lambda: kiosk.online is False, 15)
    assert anchoring(kiosk, [DAY]).send_due()
    assert list(read_records(kiosk.audit.path))[-1].outcome == "queued"
    back = start_sandbox_process(sandbox_db, port=port)
    try:
        wait_until(lambda: outbound.queue.outbox.open_count() == 0, 15)
        assert [a.records for a in kiosk.central.audit_anchors().items] == [1]
    finally:
        back.stop()


def test_audit_verify_finds_a_log_rewritten_after_its_anchor(
    kiosk: Kiosk, sandbox: SandboxProcess, own_data_dir: Path
) -> None:
    """Found by a second reader: `sheyin audit verify` checked only the chain, which a log
    rewritten from its first record keeps."""
    audit = kiosk.audit
    audit.append("technician:T0007", "vendor_mode.enter")
    assert anchoring(kiosk, [DAY]).send_due()
    environ = {**os.environ, **on_sandbox(sandbox.url)}

    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kiosk.cli", "audit", "verify"],
            check=False,
            capture_output=True,
            text=True,
            timeout=30,
            env=environ,
        )

    intact = verify()
    assert intact.returncode == 0 and "1 anchors match" in intact.stdout
    audit.path.unlink()
    kiosk.audit.append("technician:T0007", "vendor_mode.exit")
    rewritten = verify()
    assert rewritten.returncode == 1
    assert "record 1 does not match the anchor" in rewritten.stderr
