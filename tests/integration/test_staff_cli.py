"""`sheyin staff day-report` and `sheyin staff verify-report` as a member of staff runs them at
the end of a day whose writes went to the sandbox: one delivered, one refused, one still
waiting."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.app import open_outbox
from kiosk.audit import audit_log_path, read_records
from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.operations import ELIGIBILITY_AUTHENTICATION
from kiosk.central.outbound import deliverer
from kiosk.codes import ServiceId
from kiosk.ledgers.visits import Visit, VisitJournal
from offline_queue.service import OfflineQueue
from offline_queue.store import Outbox
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import on_sandbox, settings_for

PENSIONER = demo_citizen("pensioner-due")
NOBODY = replace(PENSIONER, sequence=PENSIONER.sequence + 2).id_number
"""A valid ID number the sandbox knows no one by."""


def sheyin(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        check=False, capture_output=True, text=True, timeout=60,
        env={**os.environ, **env},
    )  # fmt: skip


def queue_authentication(outbox: Outbox, id_number: str) -> str:
    def payload(receipt: str) -> bytes:
        return (
            m.EligibilityAuthenticationRequest(
                receipt_number=receipt,
                id_number=id_number,
                captured_at=datetime.now(UTC),
                best_frame_jpeg_b64="",
                liveness=[],
                captured_offline=True,
                staff_number="S0101",
            )
            .model_dump_json()
            .encode("utf-8")
        )

    with outbox.transaction() as tx:
        return tx.enqueue(ELIGIBILITY_AUTHENTICATION.kind, payload, ordering_key=id_number).receipt


def visit(service: ServiceId, outcome: str, receipts: tuple[str, ...], citizen: str) -> Visit:
    return Visit(
        uuid.uuid4(),
        datetime.now().astimezone(),
        "S0101",
        service,
        citizen,
        "card_pin" if citizen else "",
        outcome,
        receipts,
    )


@pytest.mark.expected_log("queue.dead_letter", "person.not_found")
def test_a_day_reported_signed_and_checked(sandbox: SandboxProcess, tmp_path: Path) -> None:
    settings = settings_for(sandbox.url)
    outbox = open_outbox(settings)
    client = CentralClient(settings.central)
    try:
        delivered = queue_authentication(outbox, PENSIONER.id_number)
        refused = queue_authentication(outbox, NOBODY)
        queue = OfflineQueue(outbox, deliverer(lambda: client), client.reachable)
        assert queue.start()
        assert queue.worker.wait_for_attempt(lambda: outbox.open_count() == 0, 30)
        queue.stop()
        waiting = queue_authentication(outbox, PENSIONER.id_number)  # after the line went
        journal = VisitJournal(outbox)
        for one in (
            visit(ServiceId.ELIGIBILITY, "completed", (delivered,), "王*芳 110***********0026"),
            visit(ServiceId.ELIGIBILITY, "completed", (refused,), "李*明 110***********0012"),
            visit(ServiceId.ELIGIBILITY, "completed", (waiting,), "王*芳 110***********0026"),
            visit(ServiceId.QUERY, "cancelled", (), ""),
        ):
            journal.record(one)
    finally:
        client.close()
        outbox.close()
    today = datetime.now().astimezone().date().isoformat()
    report = tmp_path / "day.pdf"
    terminal = on_sandbox(sandbox.url)

    made = sheyin(
        "staff", "day-report", "--date", today, "--staff", "S0101", "--language", "en",
        "--out", str(report), **terminal,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert report.stat().st_mode & 0o777 == 0o600
    assert re.fullmatch(
        rf"{re.escape(str(report))}: {today}, S0101: 4 visits, 1 receipt still waiting; "
        r"fingerprint [0-9A-F]{4}( [0-9A-F]{4}){3}\n",
        made.stdout,
    )
    text = subprocess.run(
        ["pdftotext", "-raw", str(report), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    for line in (
        f"{delivered} delivered",
        f"{refused} refused (person.not_found)",
        f"{waiting} waiting",
        "cancelled",
        "not identified",
    ):
        assert "".join(line.split()) in flat, line
    records = list(read_records(audit_log_path(Path(os.environ["SHEYIN_PATHS_DATA_DIR"]))))
    assert [(r.action, r.target) for r in records] == [("staff.day_report", f"day:{today}")]

    checked = sheyin("staff", "verify-report", str(report), **terminal)
    assert checked.returncode == 0, checked.stderr
    terminal_id = terminal["SHEYIN_CENTRAL_TERMINAL_ID"]
    assert checked.stdout.startswith(f"valid: day report of terminal {terminal_id}, {today}, S0101")

    pdf = report.read_bytes()
    found = re.search(rb"sheyin-day-report-v1:([A-Za-z0-9+/=]+)", pdf)
    assert found is not None
    envelope = json.loads(base64.b64decode(found.group(1)))
    envelope["content"] = envelope["content"].replace('"outcome":"cancelled"', '"outcome":"x"')
    forged = base64.b64encode(json.dumps(envelope).encode("ascii"))
    edited = tmp_path / "edited.pdf"
    edited.write_bytes(pdf.replace(found.group(1), forged))
    refused_check = sheyin("staff", "verify-report", str(edited), **terminal)
    assert refused_check.returncode == 1
    assert refused_check.stderr.startswith("sheyin staff verify-report: edited: report.signature:")
    assert refused_check.stderr.count("\n") == 1

    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(pdf.replace(found.group(0), b""))
    stripped = sheyin("staff", "verify-report", str(unsigned), **terminal)
    assert (stripped.returncode, stripped.stderr.count("\n")) == (1, 1)
    assert "unsigned" in stripped.stderr

    other_key = {**terminal, "SHEYIN_CENTRAL_TERMINAL_KEY": "a1" * 32}
    assert sheyin("staff", "verify-report", str(report), **other_key).returncode == 1


def test_without_the_terminals_key_no_report_is_made(tmp_path: Path) -> None:
    made = sheyin("staff", "day-report", "--out", str(tmp_path / "day.pdf"))
    assert made.returncode == 2
    assert "central.terminal_key" in made.stderr and made.stderr.count("\n") == 1
    assert not (tmp_path / "day.pdf").exists()
    named = sheyin("staff", "day-report", "--staff", "Zhang", "--out", str(tmp_path / "d.pdf"))
    assert named.returncode == 2 and "S and four digits" in named.stderr
