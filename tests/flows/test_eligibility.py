"""待遇领取资格认证 without Qt: card, PIN, the demo camera's cooperative clip, the sandbox's match;
already authenticated, not a pensioner; offline, queued with a provisional receipt and
confirmed once the line is back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from demo.kiosk import DemoKiosk
from devices.printer.receipt import SpoolReceiptPrinter
from kiosk.central.codes import ReceiptState
from kiosk.services.eligibility.steps import EligibilityDue, EligibilityResult
from kiosk.services.errors import EndReason
from kiosk.services.session import Back, Outcome, ServiceId
from kiosk.services.steps import (
    Confirmation,
    EnterPin,
    FaceGuidance,
    QueuedReceipt,
    TakeCard,
)
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import wait_until
from tests.support.scripted import ScriptedCitizen

DUE = demo_citizen("pensioner-due")
AUTHENTICATED = demo_citizen("pensioner-authenticated")
CONTRIBUTOR = demo_citizen("contributor")


def authentications(sandbox_db: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute(
            "SELECT outcome, receipt_number, captured_offline FROM authentications"
        ).fetchall()


def pensioner(kiosk: DemoKiosk) -> ScriptedCitizen:
    assert DUE.card is not None
    citizen = ScriptedCitizen(kiosk, card=DUE.key)
    citizen.answer(EnterPin, DUE.card.pin)
    return citizen.answer(EligibilityDue, Confirmation.CONFIRM)


def camera_is_off(kiosk: DemoKiosk) -> bool:
    assert kiosk.devices.camera is not None
    return kiosk.devices.camera().latest() is None


def test_a_due_pensioner_passes_with_the_cooperative_clip(
    kiosk: DemoKiosk, sandbox_db: Path
) -> None:
    citizen = pensioner(kiosk)
    assert citizen.run(ServiceId.ELIGIBILITY) == Outcome(completed=True)
    due = citizen.last(EligibilityDue)
    assert due.due is True
    guidance = citizen.seen(FaceGuidance)
    assert guidance and guidance[-1].done == guidance[-1].total  # every action done
    result = citizen.last(EligibilityResult)
    assert result.authenticated and not result.under_review
    assert result.valid_until is not None and due.valid_until is not None
    assert result.valid_until > due.valid_until
    kinds = citizen.kinds()
    assert kinds.index("EligibilityResult") < kinds.index("TakeCard") == len(kinds) - 1
    assert authentications(sandbox_db) == [("authenticated", result.receipt_number, 0)]
    wait_until(lambda: camera_is_off(kiosk))  # the light goes off after the picture


def test_one_already_authenticated_is_told_it_is_not_due(
    shared_kiosk: DemoKiosk, shared_sandbox: SandboxProcess
) -> None:
    assert AUTHENTICATED.card is not None
    citizen = ScriptedCitizen(shared_kiosk, card=AUTHENTICATED.key)
    citizen.answer(EnterPin, AUTHENTICATED.card.pin).answer(EligibilityDue, Back.BACK)
    assert citizen.run(ServiceId.ELIGIBILITY) == Outcome(reason=EndReason.CANCELLED)
    due = citizen.last(EligibilityDue)
    assert due.due is False and due.valid_until is not None
    assert not citizen.seen(FaceGuidance)  # the camera never started


@pytest.mark.expected_log("failed with eligibility.not_pensioner")
def test_someone_who_receives_no_pension_is_refused(shared_kiosk: DemoKiosk) -> None:
    assert CONTRIBUTOR.card is not None
    citizen = ScriptedCitizen(shared_kiosk, card=CONTRIBUTOR.key)
    citizen.answer(EnterPin, CONTRIBUTOR.card.pin)
    assert citizen.run(ServiceId.ELIGIBILITY) == Outcome(error_code="eligibility.not_pensioner")
    assert not citizen.seen(EligibilityDue)


def test_offline_the_check_is_queued_with_a_receipt_and_confirmed_later(
    quick_face_kiosk: DemoKiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    kiosk = quick_face_kiosk
    port = int(sandbox.url.rsplit(":", 1)[1])
    sandbox.stop()
    wait_until(lambda: kiosk.online is False)
    citizen = pensioner(kiosk)
    assert citizen.run(ServiceId.ELIGIBILITY) == Outcome(completed=True)
    assert citizen.last(EligibilityDue).due is None  # could not be asked
    receipt = citizen.last(QueuedReceipt)
    assert receipt.operation == "eligibility_authentication" and not receipt.urgent
    assert receipt.printed
    printer = kiosk.devices.receipt_printer
    assert isinstance(printer, SpoolReceiptPrinter)
    (slip,) = printer.directory.glob("*.escpos")
    assert receipt.receipt_number.encode() in slip.read_bytes()
    assert citizen.seen(TakeCard)
    assert kiosk.outbound.progress(receipt.receipt_number).state is ReceiptState.QUEUED
    assert authentications(sandbox_db) == []

    back = start_sandbox_process(sandbox_db, port=port)
    try:
        wait_until(lambda: kiosk.outbound.queue.outbox.open_count() == 0, 15)
    finally:
        back.stop()
    assert authentications(sandbox_db) == [("authenticated", receipt.receipt_number, 1)]
