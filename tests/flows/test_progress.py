"""查进度 without Qt: a receipt from a loss report queued offline, followed while it waits and
after it was delivered; a receipt number nobody issued."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo.kiosk import DemoKiosk
from kiosk.central.codes import ReceiptState
from kiosk.services.cards.steps import (
    CardService,
    ChooseCardService,
    ConfirmLossReport,
    EnterIdNumber,
    EnterMobile,
)
from kiosk.services.progress.steps import EnterReceiptNumber, ReceiptStatus
from kiosk.services.session import Outcome, ServiceId
from kiosk.services.steps import Confirmation, InsertCard, QueuedReceipt
from offline_queue.receipts import grouped, new_receipt_number
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import wait_until
from tests.support.scripted import ScriptedCitizen

LOSER = demo_citizen("unpaid-year")


def follow(kiosk: DemoKiosk, *typed: str) -> ScriptedCitizen:
    citizen = ScriptedCitizen(kiosk).answer(EnterReceiptNumber, *typed)
    assert citizen.run(ServiceId.PROGRESS) == Outcome(completed=True)
    assert not citizen.seen(InsertCard)  # a receipt number is all it takes
    return citizen


def test_a_queued_receipt_is_followed_before_and_after_delivery(
    kiosk: DemoKiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    port = int(sandbox.url.rsplit(":", 1)[1])
    sandbox.stop()
    wait_until(lambda: kiosk.online is False)
    reporting = ScriptedCitizen(kiosk).answer(ChooseCardService, CardService.REPORT_LOSS_BY_MOBILE)
    reporting.answer(EnterIdNumber, LOSER.id_number).answer(EnterMobile, LOSER.mobile)
    reporting.answer(ConfirmLossReport, Confirmation.CONFIRM)
    assert reporting.run(ServiceId.CARD) == Outcome(completed=True)
    receipt = reporting.last(QueuedReceipt).receipt_number

    # Offline, this terminal's own queue answers; a mistyped number is asked again first.
    mistyped = receipt[:-1] + str((int(receipt[-1]) + 1) % 10)
    waiting = follow(kiosk, mistyped, grouped(receipt))
    assert [p.invalid for p in waiting.seen(EnterReceiptNumber)] == [False, True]
    status = waiting.last(ReceiptStatus)
    assert (status.receipt_number, status.operation, status.state) == (
        receipt,
        "card_loss_report",
        ReceiptState.QUEUED,
    )

    back = start_sandbox_process(sandbox_db, port=port)
    try:
        wait_until(lambda: kiosk.outbound.queue.outbox.open_count() == 0, 15)
        done = follow(kiosk, receipt).last(ReceiptStatus)  # now the central system answers
    finally:
        back.stop()
    assert (done.receipt_number, done.state, done.reason_code) == (
        receipt,
        ReceiptState.DELIVERED,
        None,
    )


@pytest.mark.expected_log("receipt.not_found")
def test_a_receipt_number_nobody_issued(shared_kiosk: DemoKiosk) -> None:
    citizen = ScriptedCitizen(shared_kiosk).answer(EnterReceiptNumber, new_receipt_number())
    assert citizen.run(ServiceId.PROGRESS) == Outcome(error_code="receipt.not_found")
    assert not citizen.seen(ReceiptStatus)
