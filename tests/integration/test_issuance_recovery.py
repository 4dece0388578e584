"""Killed in the middle of personalising a card: the next start retains whatever card is in
the issuer and reports the issuance spoiled, once; the central system agrees, no card is on
record, and the next application gets a new number."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kiosk.app import build_kiosk
from kiosk.ledgers.issuance import IssuanceState
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import QUICK_QUEUE, settings_for, wait_until

APPLICANT = demo_citizen("no-card")


def applications(sandbox_db: Path) -> list[tuple[str, str, str, str | None]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute(
            "SELECT application_id, card_number, state, detail_code FROM card_applications"
        ).fetchall()


def outcomes_queued(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "outbox.sqlite3") as db:
        count: int = db.execute(
            "SELECT count(*) FROM outbox_entries WHERE kind = 'card_issuance_outcome'"
        ).fetchone()[0]
    return count


@pytest.mark.expected_log("card.issuance_recovered")
def test_killed_mid_personalisation_is_spoiled_on_restart_once(
    sandbox: SandboxProcess, sandbox_db: Path, own_data_dir: Path
) -> None:
    child = subprocess.run(
        [sys.executable, "-m", "tests.support.issuance_crash", sandbox.url, str(sandbox_db)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "SHEYIN_PATHS_DATA_DIR": str(own_data_dir)},
        check=False,
    )
    assert child.returncode == -9, child.stderr[-3000:]
    ((application_id, number, state, _detail),) = applications(sandbox_db)
    assert state == "personalising"  # the script was handed out; nobody knows what was written
    assert outcomes_queued(own_data_dir) == 0

    settings = settings_for(sandbox.url, SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0", **QUICK_QUEUE)
    restarted = build_kiosk(settings)
    try:
        ledger = restarted.outbound.issuance  # opening the queue runs the recovery
        wait_until(lambda: applications(sandbox_db)[0][2] == "spoiled", 20)
        assert ledger.unfinished() == []
        assert ledger.state_of(uuid.UUID(application_id)) is IssuanceState.SPOILED
    finally:
        restarted.close()
    ((_id, _number, state, detail),) = applications(sandbox_db)
    assert (state, detail) == ("spoiled", "issuance.interrupted")
    with sqlite3.connect(sandbox_db) as db:
        assert db.execute(
            "SELECT count(*) FROM cards WHERE id_number = ?", (APPLICANT.id_number,)
        ).fetchone() == (0,)

    again = build_kiosk(settings)  # a third start: nothing left to recover
    try:
        assert again.outbound.issuance.unfinished() == []
    finally:
        again.close()
    assert outcomes_queued(own_data_dir) == 1
    assert number.startswith("E")


@pytest.mark.expected_log("card.recovery_failed")
def test_an_issuer_that_cannot_retain_does_not_keep_the_queue_closed(
    sandbox: SandboxProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import Future

    from devices.card_issuer.base import CardJammed
    from devices.card_issuer.simulator import SimulatedCardIssuer

    settings = settings_for(sandbox.url, SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0", **QUICK_QUEUE)
    first = build_kiosk(settings)
    left_open = uuid.uuid4()
    try:
        first.outbound.issuance.started(left_open)  # a life that died mid-issuance
    finally:
        first.close()

    def jammed(_self: SimulatedCardIssuer) -> Future[bool]:
        failed: Future[bool] = Future()
        failed.set_exception(CardJammed("transport"))
        return failed

    monkeypatch.setattr(SimulatedCardIssuer, "retain", jammed)
    second = build_kiosk(settings)
    try:
        assert second.outbound.queue.worker.running  # the queue opened all the same
        assert second.outbound.issuance.unfinished() == [left_open]  # tried again next start
    finally:
        second.close()
