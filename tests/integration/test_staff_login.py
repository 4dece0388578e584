"""A member of staff's login against the sandbox over HTTP: the central system checks the number
and PIN; with the line down the terminal checks the hash it kept. And every write the terminal
makes while a member of staff is on duty reaches the central system with their number."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from kiosk.app import Kiosk, build_kiosk
from kiosk.audit import read_records
from kiosk.central import models as m
from kiosk.central.operations import HELP_REQUEST
from kiosk.central.outbound import Sent
from kiosk.roles.staff import LOGOUT_DAY_END, REFUSED, LoginRefused
from offline_queue.service import Queued
from offline_queue.store import EntryState
from sandbox.credentials import DEMO_STAFF
from sandbox.faults import set_faults
from sandbox.server import SandboxProcess
from tests.support.kiosks import QUICK_QUEUE, settings_for, wait_until
from tests.support.signing import signed

(STAFF, PIN), (OTHER_STAFF, _) = DEMO_STAFF.items()
HELP_PATH = "/api/v1/help-requests"


@pytest.fixture
def kiosk(sandbox: SandboxProcess) -> Iterator[Kiosk]:
    built = build_kiosk(settings_for(sandbox.url, SHEYIN_KIOSK_ROLE="staff", **QUICK_QUEUE))
    yield built
    built.close()


@pytest.mark.expected_log(
    "central POST /staff-logins: ConnectionError",
    "central POST /staff-logins: staff.refused",
)
def test_online_then_offline_login_and_unlock(kiosk: Kiosk, sandbox: SandboxProcess) -> None:
    grant = kiosk.staff_login.login(STAFF, PIN)
    assert grant.online and grant.staff_id == STAFF
    with pytest.raises(LoginRefused) as refused:
        kiosk.staff_login.login(STAFF, "000000")
    assert refused.value.code == REFUSED
    sandbox.stop()
    assert not kiosk.staff_login.login(STAFF, PIN).online
    kiosk.staff_login.unlock(STAFF, PIN)
    kiosk.staff_login.logout(STAFF, LOGOUT_DAY_END)
    records = list(read_records(kiosk.audit.path))
    assert {r.actor for r in records} == {f"staff:{STAFF}"}
    assert [(r.action, r.outcome) for r in records] == [
        ("staff.login", "ok:online"),
        ("staff.login", f"failed:{REFUSED}"),
        ("staff.login", "ok:offline"),
        ("staff.unlock", "ok"),
        ("staff.logout", "ok:day_end"),
    ]
    data_dir = kiosk.audit.path.parent
    assert PIN not in (data_dir / "staff.json").read_text(encoding="utf-8")
    assert not (data_dir / "technicians.json").exists()


def test_the_central_system_says_the_same_for_an_unknown_number_and_a_wrong_pin(
    sandbox: SandboxProcess,
) -> None:
    path = "/api/v1/staff-logins"
    answers = []
    for number, pin in ((STAFF, "000000"), ("S9999", PIN), (OTHER_STAFF, PIN)):
        body = f'{{"staff_id": "{number}", "pin": "{pin}"}}'.encode()
        answer = requests.post(
            sandbox.url + path, data=body, headers=signed("POST", path, body), timeout=5
        )
        assert answer.status_code == 403
        assert pin not in answer.text
        answers.append((answer.json()["code"], answer.json().get("detail")))
    assert answers[0] == answers[1] == answers[2] == ("staff.refused", None)


def help_request(receipt: str) -> m.HelpRequest:
    return m.HelpRequest(screen="home", raised_at=datetime.now(UTC))


def staff_number_received(kiosk: Kiosk, sandbox_db: Path, receipt: str) -> str | None:
    """The staff number the sandbox kept for the write behind `receipt` (its outbox entry's
    id is the write's Idempotency-Key)."""
    assert kiosk.queue is not None
    entry = kiosk.queue.outbox.by_receipt(receipt)
    assert entry is not None and entry.state is EntryState.DELIVERED
    with sqlite3.connect(sandbox_db) as db:
        applied = db.execute(
            "SELECT count(*) FROM idempotency WHERE key = ?", (str(entry.id),)
        ).fetchone()[0]
        assert applied == 1
        row = db.execute(
            "SELECT path, staff_number FROM write_staff WHERE key = ?", (str(entry.id),)
        ).fetchone()
    if row is None:
        return None
    assert row[0] == HELP_PATH
    return str(row[1])


def test_a_write_made_on_duty_carries_the_staff_number(kiosk: Kiosk, sandbox_db: Path) -> None:
    kiosk.operator = STAFF
    on_duty = kiosk.outbound.submit(HELP_REQUEST, help_request)
    kiosk.operator = None
    off_duty = kiosk.outbound.submit(HELP_REQUEST, help_request)
    assert isinstance(on_duty, Sent) and isinstance(off_duty, Sent)
    assert staff_number_received(kiosk, sandbox_db, on_duty.receipt) == STAFF
    assert staff_number_received(kiosk, sandbox_db, off_duty.receipt) is None
    with pytest.raises(ValueError, match=r"^staff\.number_invalid$"):
        kiosk.operator = "T0007"
    assert kiosk.operator is None


@pytest.mark.expected_log("central POST /help-requests: central.unavailable (HTTP 503)")
def test_a_write_queued_on_duty_keeps_the_number_after_the_logout(
    sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    """The number is stamped when the write is made, not when the line lets it through."""
    built = build_kiosk(settings_for(sandbox.url, **QUICK_QUEUE, SHEYIN_QUEUE_SUBMIT_WAIT_S="0.3"))
    try:
        set_faults(sandbox.url, fail_next=1_000_000, only_path=HELP_PATH)
        built.operator = STAFF
        queued = built.outbound.submit(HELP_REQUEST, help_request)
        built.operator = None  # logged out before the line came back
        assert isinstance(queued, Queued)
        set_faults(sandbox.url)
        queue = built.queue
        assert queue is not None

        def delivered() -> bool:
            entry = queue.outbox.by_receipt(queued.receipt)
            return entry is not None and entry.state is EntryState.DELIVERED

        wait_until(delivered, timeout_s=15)
        assert staff_number_received(built, sandbox_db, queued.receipt) == STAFF
    finally:
        built.close()
