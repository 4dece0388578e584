"""The offline queue against the sandbox over HTTP: crashes, lost answers, outages, refusals."""

from __future__ import annotations

import base64
import json
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.app import Kiosk, build_kiosk
from kiosk.central import models as m
from kiosk.central.operations import ELIGIBILITY_AUTHENTICATION
from offline_queue.service import Queued
from offline_queue.store import EntryState
from sandbox.citizens import demo_citizen
from sandbox.faults import served_faults, set_faults
from sandbox.server import (
    SandboxProcess,
    listening_socket,
    start_sandbox_process,
)
from tests.support.crash_harness import run_crash_test
from tests.support.kiosks import QUICK_QUEUE, refused_loss_report, settings_for, wait_until

CRASH_KILLS = 200
PENSIONER = demo_citizen("pensioner-due")
QUICK = {**QUICK_QUEUE, "SHEYIN_QUEUE_SUBMIT_WAIT_S": "5"}
WRITE_PATH = "/api/v1/eligibility-authentications"


# The demo pensioner's reference photo on file is this portrait (sandbox/faces).
FRAME_B64 = base64.b64encode(
    (Path(__file__).parents[1] / "data" / "faces" / "astronaut.jpg").read_bytes()
).decode()


def proof_of_life(receipt: str) -> m.EligibilityAuthenticationRequest:
    return m.EligibilityAuthenticationRequest(
        receipt_number=receipt,
        id_number=PENSIONER.id_number,
        captured_at=datetime.now(UTC),
        best_frame_jpeg_b64=FRAME_B64,
        liveness=[m.LivenessStep(action="blink", passed=True, at=datetime.now(UTC))],
        local_match_score=0.93,
        captured_offline=False,
    )


def applied(sandbox_db: Path, receipt: str) -> int:
    with sqlite3.connect(sandbox_db) as db:
        count: int = db.execute(
            "SELECT count(*) FROM authentications WHERE receipt_number = ?", (receipt,)
        ).fetchone()[0]
    return count


@pytest.fixture
def kiosk(sandbox: SandboxProcess) -> Iterator[Kiosk]:
    built = build_kiosk(settings_for(sandbox.url, **QUICK))
    yield built
    built.close()


def test_sandbox_answers_kept_alive_connections_without_delay() -> None:
    sock = listening_socket("127.0.0.1", 0)
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        sock.close()


def test_kill_9_at_random_moments_loses_nothing_and_applies_nothing_twice(
    tmp_path: Path, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    report = run_crash_test(tmp_path / "terminal", sandbox.url, sandbox_db, kills=CRASH_KILLS)
    print(f"\ncrash test: {report}")
    assert report.kills == CRASH_KILLS
    assert report.accepted > CRASH_KILLS
    assert report.duplicates == 0
    assert report.missing == 0
    assert report.applied == report.accepted


@pytest.mark.expected_log("central POST /eligibility-authentications: ChunkedEncodingError")
def test_an_answer_lost_after_the_write_is_retried_under_the_same_key_and_applied_once(
    kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    outbound = kiosk.outbound
    set_faults(sandbox.url, drop_next=1, only_path=WRITE_PATH)
    result = outbound.submit(ELIGIBILITY_AUTHENTICATION, proof_of_life, PENSIONER.id_number)
    assert isinstance(result, Queued)  # applied, but nobody here knows yet
    assert applied(sandbox_db, result.receipt) == 1
    wait_until(lambda: outbound.queue.outbox.open_count() == 0, 15)
    served = served_faults(sandbox.url).served
    assert [(f.fault, f.method, f.path) for f in served] == [("drop", "POST", WRITE_PATH)]
    entry = outbound.queue.outbox.by_receipt(result.receipt)
    assert entry is not None and entry.attempts == 2
    assert applied(sandbox_db, result.receipt) == 1
    assert outbound.progress(result.receipt).state is m.ReceiptState.DELIVERED


@pytest.mark.expected_log("central POST /eligibility-authentications: ConnectionError")
def test_a_backlog_from_a_whole_outage_drains_when_the_line_returns(
    kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    outbound = kiosk.outbound
    port = int(sandbox.url.rsplit(":", 1)[1])
    sandbox.stop()
    receipts = []
    for _ in range(20):
        result = outbound.submit(ELIGIBILITY_AUTHENTICATION, proof_of_life, PENSIONER.id_number)
        assert isinstance(result, Queued)
        receipts.append(result.receipt)
    assert kiosk.online is False
    assert outbound.queue.outbox.open_count() == 20
    assert outbound.progress(receipts[0]).state is m.ReceiptState.QUEUED
    back = start_sandbox_process(sandbox_db, port=port)
    try:
        wait_until(lambda: outbound.queue.outbox.open_count() == 0, 15)
        assert kiosk.online is True
        assert [applied(sandbox_db, r) for r in receipts] == [1] * 20
    finally:
        back.stop()


@pytest.mark.expected_log(
    "central POST /eligibility-authentications: central.unavailable (HTTP 503)"
)
def test_503s_are_retried(kiosk: Kiosk, sandbox: SandboxProcess, sandbox_db: Path) -> None:
    """Three 503s reach the write itself (aimed at its path, so the connectivity probe cannot
    take them), the entry takes three attempts more than one, and it is applied once."""
    outbound = kiosk.outbound
    wait_until(lambda: kiosk.online is True, 15)
    set_faults(sandbox.url, fail_next=3, only_path=WRITE_PATH)
    result = outbound.submit(ELIGIBILITY_AUTHENTICATION, proof_of_life, PENSIONER.id_number)
    receipt = result.receipt
    wait_until(lambda: outbound.queue.outbox.open_count() == 0, 15)
    report = served_faults(sandbox.url)
    assert [(f.fault, f.method, f.path) for f in report.served] == [
        ("fail", "POST", WRITE_PATH)
    ] * 3
    assert report.fail_next == 0
    entry = outbound.queue.outbox.by_receipt(receipt)
    assert entry is not None
    assert (entry.state, entry.attempts) == (EntryState.DELIVERED, 3 + 1)
    assert applied(sandbox_db, receipt) == 1


@pytest.mark.expected_log("loss_report.proof_mismatch", "queue.dead_letter")
def test_a_refusal_is_a_dead_letter_a_technician_sees_and_can_retry(
    kiosk: Kiosk, sandbox: SandboxProcess
) -> None:
    outbound = kiosk.outbound
    citizen = demo_citizen("contributor")
    refused = refused_loss_report(outbound, citizen)
    assert refused.code == "loss_report.proof_mismatch"
    (dead,) = outbound.queue.outbox.entries(EntryState.DEAD)
    progress = outbound.progress(dead.receipt)
    assert (progress.state, progress.reason_code) == (
        m.ReceiptState.REJECTED,
        "loss_report.proof_mismatch",
    )

    listing = sheyin("queue", "list", "--state", "dead", "--json")
    assert [(e["id"], e["last_error"]) for e in json.loads(listing)] == [
        (str(dead.id), "loss_report.proof_mismatch")
    ]
    for text in (citizen.id_number, citizen.name, citizen.mobile):
        assert text not in listing
    status = json.loads(sheyin("queue", "status", "--json"))
    assert status["counts"]["dead"] == 1 and status["last_error"] == "loss_report.proof_mismatch"
    assert "put back" in sheyin("queue", "retry", str(dead.id))
    assert outbound.queue.outbox.summary(dead.id).state is not EntryState.DEAD  # type: ignore[union-attr]


def sheyin(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout


def test_queue_cli_on_an_unopenable_outbox_says_why(own_data_dir: Path) -> None:
    sheyin("queue", "status")  # creates the outbox and its key
    (own_data_dir / "outbox.key").write_text("00" * 32 + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "queue", "status"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert "queue.key_mismatch" in done.stderr
    assert "Traceback" not in done.stderr
