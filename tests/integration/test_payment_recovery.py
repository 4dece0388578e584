"""Killed after the money moved: the kiosk paid through the real flow dies before it queued the
confirmation; the next start confirms the order, once, and a third start changes nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kiosk.app import build_kiosk
from kiosk.ledgers.payments import IntentState
from sandbox.server import SandboxProcess
from tests.support.kiosks import QUICK_QUEUE, settings_for, wait_until

ID_NUMBER = "420106197202140065"


def order_states(sandbox_db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute("SELECT order_id, state FROM payment_orders").fetchall()


def booked_years(sandbox_db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute(
            "SELECT year, state FROM contributions WHERE id_number = ? AND kind = ?"
            " AND state IN ('paid', 'back_paid') ORDER BY year",
            (ID_NUMBER, "resident_pension"),
        ).fetchall()


def confirmations_queued(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "outbox.sqlite3") as db:
        count: int = db.execute(
            "SELECT count(*) FROM outbox_entries WHERE kind = 'payment_confirmation'"
        ).fetchone()[0]
    return count


@pytest.mark.expected_log("payment.caught_up")
def test_killed_after_the_money_moved_confirms_after_restart_once(
    sandbox: SandboxProcess, sandbox_db: Path, own_data_dir: Path
) -> None:
    before = booked_years(sandbox_db)
    child = subprocess.run(
        [sys.executable, "-m", "tests.support.payment_crash", sandbox.url],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SHEYIN_PATHS_DATA_DIR": str(own_data_dir)},
        check=False,
    )
    assert child.returncode == -9, child.stderr[-2000:]
    ((order_id, state),) = order_states(sandbox_db)
    assert state == "paid"  # the money moved; nobody has confirmed it
    assert booked_years(sandbox_db) == before
    assert confirmations_queued(own_data_dir) == 0

    restarted = build_kiosk(settings_for(sandbox.url, **QUICK_QUEUE))
    try:
        ledger = restarted.outbound.payments  # opening the queue starts the reconciliation
        wait_until(lambda: order_states(sandbox_db) == [(order_id, "confirmed")], 20)
        intent = ledger.intent(uuid.UUID(order_id))
        assert intent is not None and intent.state is IntentState.CONFIRMING
    finally:
        restarted.close()
    assert len(booked_years(sandbox_db)) == len(before) + 1

    again = build_kiosk(settings_for(sandbox.url, **QUICK_QUEUE))
    try:
        result = again.outbound.payments.reconcile()
        assert (result.confirmed, result.cancelled) == (0, 0)
    finally:
        again.close()
    assert confirmations_queued(own_data_dir) == 1
    assert len(booked_years(sandbox_db)) == len(before) + 1


@pytest.mark.expected_log("payment.caught_up")
def test_an_order_left_open_is_cancelled_and_a_paid_one_confirmed_by_reconcile(
    sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    """Two orders an earlier life left open: one unpaid (cancelled now), one the phone paid
    after the kiosk died (confirmed now)."""
    import requests

    from kiosk.central import models as m
    from kiosk.central.operations import PAYMENT_ORDER
    from kiosk.central.outbound import Sent
    from sandbox.payments import PAYER_PATH

    kiosk = build_kiosk(settings_for(sandbox.url, **QUICK_QUEUE))
    try:
        outbound = kiosk.outbound
        made = []
        for year_offset in (2, 0):
            request = m.PaymentOrderRequest(
                id_number=ID_NUMBER,
                kind=m.InsuranceKind.RESIDENT_PENSION,
                year=kiosk.today().year - year_offset,
                grade=1,
                method=m.PaymentMethod.QR_CODE,
            )
            sent = outbound.submit(PAYMENT_ORDER, lambda _r, request=request: request)
            assert isinstance(sent, Sent)
            outbound.payments.opened(sent.reply, m.PaymentMethod.QR_CODE)
            made.append(sent.reply.order_id)
        requests.post(f"{sandbox.url}{PAYER_PATH}/{made[1]}", timeout=5).raise_for_status()
        result = outbound.payments.reconcile()
        assert (result.confirmed, result.cancelled) == (1, 1)
        wait_until(
            lambda: (
                sorted(state for _o, state in order_states(sandbox_db))
                == ["cancelled", "confirmed"]
            ),
            20,
        )
        result = outbound.payments.reconcile()  # the cancelled one is now closed
        assert result.closed == 1
        assert outbound.payments.unsettled() == []
    finally:
        kiosk.close()
