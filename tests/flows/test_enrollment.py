"""参保登记 without Qt: the resident ID card on the reader simulator (real driver over a pty), a
mobile, the insurances offered, a confirmation; someone already insured is refused before typing
anything; offline the enrollment is queued with a provisional receipt and delivered later."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from demo.kiosk import DemoKiosk
from devices.printer.receipt import ReceiptPrinterState, SpoolReceiptPrinter
from kiosk.central.codes import ReceiptState
from kiosk.services.enrollment.steps import (
    ChooseInsurances,
    ConfirmEnrollment,
    EnrollmentDone,
    EnterContactMobile,
)
from kiosk.services.session import Outcome, ServiceId
from kiosk.services.steps import Confirmation, InsertCard, PlaceIdCard, QueuedReceipt
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import wait_until
from tests.support.scripted import ScriptedCitizen

NEWCOMER = demo_citizen("not-enrolled")
RESIDENT_SCHEMES = {"resident_pension", "resident_medical"}


def insured(sandbox_db: Path, id_number: str = NEWCOMER.id_number) -> set[str]:
    with sqlite3.connect(sandbox_db) as db:
        rows = db.execute("SELECT kind FROM insurances WHERE id_number = ?", (id_number,))
        return {kind for (kind,) in rows}


def enrollments(sandbox_db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute("SELECT id_number, mobile FROM enrollments").fetchall()


def slips(kiosk: DemoKiosk) -> list[bytes]:
    printer = kiosk.devices.receipt_printer
    assert isinstance(printer, SpoolReceiptPrinter)
    return [path.read_bytes() for path in sorted(printer.directory.glob("*.escpos"))]


def newcomer(kiosk: DemoKiosk) -> ScriptedCitizen:
    """陈静 with her ID card: a mistyped mobile first, then hers; everything offered; confirmed."""
    citizen = ScriptedCitizen(kiosk, id_card=NEWCOMER.key)
    citizen.answer(EnterContactMobile, "1380000", NEWCOMER.mobile)
    citizen.on(ChooseInsurances, lambda step: step.offered)
    return citizen.answer(ConfirmEnrollment, Confirmation.CONFIRM)


def test_a_resident_enrols_with_only_an_id_card(kiosk: DemoKiosk, sandbox_db: Path) -> None:
    citizen = newcomer(kiosk)
    assert citizen.run(ServiceId.ENROLLMENT) == Outcome(completed=True)
    assert citizen.kinds()[0] == "PlaceIdCard"
    assert not citizen.seen(InsertCard)  # no social security card needed
    assert [m.invalid for m in citizen.seen(EnterContactMobile)] == [False, True]
    choose = citizen.last(ChooseInsurances)
    assert set(choose.offered) == RESIDENT_SCHEMES and choose.already == ()
    confirm = citizen.last(ConfirmEnrollment)
    assert confirm.masked_name == NEWCOMER.name[0] + "*" and not confirm.offline
    assert confirm.masked_address.endswith("****") and "1号" not in confirm.masked_address
    assert confirm.masked_mobile != NEWCOMER.mobile and confirm.masked_mobile.endswith("0004")
    done = citizen.last(EnrollmentDone)
    assert set(done.insurances) == RESIDENT_SCHEMES and done.printed
    # The central system's side: enrolled once, with the mobile typed.
    assert insured(sandbox_db) == RESIDENT_SCHEMES
    assert enrollments(sandbox_db) == [(NEWCOMER.id_number, NEWCOMER.mobile)]
    (slip,) = slips(kiosk)
    assert "参保登记回执".encode("gb18030") in slip
    assert done.receipt_number.encode() in slip


@pytest.mark.expected_log("failed with enrollment.already_enrolled")
def test_someone_already_insured_is_refused_before_typing_anything(
    shared_kiosk: DemoKiosk,
) -> None:
    citizen = ScriptedCitizen(shared_kiosk, id_card="contributor")  # employees' schemes cover him
    assert citizen.run(ServiceId.ENROLLMENT) == Outcome(error_code="enrollment.already_enrolled")
    assert citizen.seen(PlaceIdCard)
    assert not citizen.seen(EnterContactMobile)
    assert slips(shared_kiosk) == []


@pytest.mark.expected_log("failed with receipt_printer.paper_out")
def test_no_receipt_paper_is_said_before_the_id_card(shared_kiosk: DemoKiosk) -> None:
    printer = shared_kiosk.devices.receipt_printer
    assert isinstance(printer, SpoolReceiptPrinter)
    printer.fault = ReceiptPrinterState.PAPER_OUT
    citizen = ScriptedCitizen(shared_kiosk, id_card=NEWCOMER.key)
    assert citizen.run(ServiceId.ENROLLMENT) == Outcome(error_code="receipt_printer.paper_out")
    assert citizen.steps == []


def test_offline_the_enrollment_is_queued_and_delivered_after_reconnect(
    kiosk: DemoKiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    port = int(sandbox.url.rsplit(":", 1)[1])
    sandbox.stop()
    wait_until(lambda: kiosk.online is False)
    citizen = newcomer(kiosk)
    assert citizen.run(ServiceId.ENROLLMENT) == Outcome(completed=True)
    assert citizen.last(ConfirmEnrollment).offline  # told before confirming
    assert not citizen.seen(EnrollmentDone)
    receipt = citizen.last(QueuedReceipt)
    assert receipt.operation == "enrollment" and receipt.printed and not receipt.urgent
    (slip,) = slips(kiosk)
    assert "受理回执".encode("gb18030") in slip and receipt.receipt_number.encode() in slip
    assert kiosk.outbound.progress(receipt.receipt_number).state is ReceiptState.QUEUED
    assert insured(sandbox_db) == set()

    back = start_sandbox_process(sandbox_db, port=port)
    try:
        wait_until(lambda: kiosk.outbound.queue.outbox.open_count() == 0, 15)
        assert kiosk.outbound.progress(receipt.receipt_number).state is ReceiptState.DELIVERED
    finally:
        back.stop()
    assert insured(sandbox_db) == RESIDENT_SCHEMES
    assert enrollments(sandbox_db) == [(NEWCOMER.id_number, NEWCOMER.mobile)]
