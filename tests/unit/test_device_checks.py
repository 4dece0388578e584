"""The technician's device checks and the figures the desk shows (issue 15): each check passes
on a healthy simulator and fails with its code on a faulty one, never raising; the counters,
media and faults each driver keeps, read without any I/O; every check in the audit log."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo.cards import card_profile, id_card_data
from devices.base import Counters, DeviceStatus, DeviceWorker
from devices.camera.source import ClipSource
from devices.card_issuer.simulator import SimulatedCardIssuer
from devices.idcard.simulator import IdCardReaderSimulator, Timing
from devices.manager import DeviceClass, DeviceManager
from devices.pinpad.simulator import SimulatedPinPad
from devices.printer.base import PrinterState, page_count
from devices.printer.receipt import ReceiptPrinterState, SpoolReceiptPrinter
from devices.printer.spool import SpoolPrinter
from devices.smartcard.errors import CardUnresponsive, NoCard
from devices.smartcard.inprocess import InProcessCardSlot
from devices.smartcard.virtual_card import VirtualSocialSecurityCard
from kiosk.audit import AuditLog, read_records
from kiosk.documents.printer_checks import check_page_pdf
from kiosk.domain.identity import mask_id_number
from kiosk.roles.device_checks import CHECKS, DeviceCheck, DeviceChecks
from sandbox.citizens import demo_citizen
from tests.support.clips import noise_clip
from tests.support.kiosks import wait_until
from tests.unit.test_device_manager import options

CITIZEN = demo_citizen("pensioner-due")
ACTOR = "technician:T0007"
pytestmark = pytest.mark.expected_log(": check ")
"""A failed check is logged as a warning: most tests here make one fail on purpose."""


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return noise_clip(tmp_path / "clip", frames=4, seed=5)


@pytest.fixture
def id_reader() -> Iterator[IdCardReaderSimulator]:
    simulator = IdCardReaderSimulator(None, Timing(find_s=0.0, select_s=0.0, read_s=0.02))
    yield simulator.start()
    simulator.stop()


@pytest.fixture
def manager(
    tmp_path: Path, clip: Path, id_reader: IdCardReaderSimulator
) -> Iterator[DeviceManager]:
    built = DeviceManager(
        options(camera_clip=str(clip), idcard_reader="serial", idcard_port=id_reader.port),
        tmp_path / "state",
    )
    yield built
    built.close()


@pytest.fixture
def checks(manager: DeviceManager, tmp_path: Path) -> DeviceChecks:
    return DeviceChecks(manager, AuditLog(tmp_path / "audit.jsonl"), "T-TEST-0001")


def audited(checks: DeviceChecks) -> list[tuple[str, str, str]]:
    return [(r.action, r.target, r.outcome) for r in read_records(checks._audit.path)]


def card_slot(manager: DeviceManager) -> InProcessCardSlot:
    slot = manager.set.card_reader.slot
    assert isinstance(slot, InProcessCardSlot)
    return slot


def test_a_card_reads_with_its_atr_and_the_holder_masked(
    manager: DeviceManager, checks: DeviceChecks
) -> None:
    card = VirtualSocialSecurityCard(card_profile(CITIZEN))
    card_slot(manager).insert(card)
    result = checks.run(DeviceClass.CARD_READER, DeviceCheck.READ_CARD, ACTOR)
    facts = dict(result.facts)
    assert result.passed and result.code == "ok"
    assert facts["atr"] == card.atr.hex().upper()
    assert facts["ssse"] == "selected"
    assert facts["number"] == mask_id_number(CITIZEN.id_number)
    assert CITIZEN.id_number not in repr(result) and CITIZEN.name not in repr(result)
    assert dict(manager.details()[DeviceClass.CARD_READER].counts.counters)["cards_read"] == 1  # type: ignore[union-attr]
    assert audited(checks) == [("device.read_card", "card_reader", "ok")]


def test_no_card_fails_with_its_code_and_is_no_fault_of_the_reader(
    manager: DeviceManager, checks: DeviceChecks
) -> None:
    result = checks.run(DeviceClass.CARD_READER, DeviceCheck.READ_CARD, ACTOR)
    assert (result.passed, result.code) == (False, NoCard.code)
    counts = manager.devices[DeviceClass.CARD_READER].counts()  # type: ignore[union-attr]
    assert counts.faults == 0 and counts.last_fault is None
    assert audited(checks) == [("device.read_card", "card_reader", f"failed:{NoCard.code}")]


def test_an_id_card_reads_masked_with_its_photo_size_and_a_silent_reader_times_out(
    id_reader: IdCardReaderSimulator, checks: DeviceChecks, manager: DeviceManager
) -> None:
    id_reader.card = id_card_data(CITIZEN)
    result = checks.run(DeviceClass.IDCARD_READER, DeviceCheck.READ_ID_CARD, ACTOR)
    facts = dict(result.facts)
    assert result.passed, result
    assert facts["number"] == mask_id_number(CITIZEN.id_number)
    assert facts["photo_bytes"] == "1024"
    id_reader.faults.mute = True
    silent = checks.run(DeviceClass.IDCARD_READER, DeviceCheck.READ_ID_CARD, ACTOR)
    assert (silent.passed, silent.code) == (False, "idcard.timeout")
    counts = manager.devices[DeviceClass.IDCARD_READER].counts()  # type: ignore[union-attr]
    assert counts.faults == 1 and counts.last_fault is not None
    assert counts.last_fault.code == "idcard.timeout"


def test_a_test_page_and_a_test_receipt_print_and_are_counted(
    manager: DeviceManager, checks: DeviceChecks, tmp_path: Path
) -> None:
    page = checks.run(DeviceClass.PRINTER, DeviceCheck.TEST_PAGE, ACTOR)
    assert page.passed, page
    assert dict(page.facts)["pages_printed"] == "1"
    slip = checks.run(DeviceClass.RECEIPT_PRINTER, DeviceCheck.TEST_RECEIPT, ACTOR)
    assert slip.passed, slip
    assert dict(slip.facts) == {"slips_printed": "1", "paper": "ok"}
    spooled = list((tmp_path / "state" / "receipts").iterdir())
    assert len(spooled) == 1 and "凭条打印机测试".encode("gb18030") in spooled[0].read_bytes()


def test_printers_out_of_paper_fail_with_their_codes(
    manager: DeviceManager, checks: DeviceChecks
) -> None:
    printer, receipts = manager.set.printer, manager.set.receipt_printer
    assert isinstance(printer, SpoolPrinter) and isinstance(receipts, SpoolReceiptPrinter)
    printer.fault = PrinterState.MEDIA_EMPTY
    receipts.fault = ReceiptPrinterState.PAPER_OUT
    page = checks.run(DeviceClass.PRINTER, DeviceCheck.TEST_PAGE, ACTOR)
    slip = checks.run(DeviceClass.RECEIPT_PRINTER, DeviceCheck.TEST_RECEIPT, ACTOR)
    assert (page.passed, page.code) == (False, "printer.media_empty")
    assert (slip.passed, slip.code) == (False, "receipt_printer.paper_out")
    details = manager.details()
    assert details[DeviceClass.PRINTER].media == "out"  # type: ignore[union-attr]
    assert details[DeviceClass.RECEIPT_PRINTER].media == "out"  # type: ignore[union-attr]
    self_test = checks.run(DeviceClass.RECEIPT_PRINTER, DeviceCheck.SELF_TEST, ACTOR)
    assert (self_test.passed, self_test.code) == (False, "paper_out")


def test_the_issuer_feeds_and_retains_and_a_jam_is_reset(
    manager: DeviceManager, checks: DeviceChecks
) -> None:
    issuer = manager.set.card_issuer
    assert isinstance(issuer, SimulatedCardIssuer)
    hopper = issuer.hopper
    fed = checks.run(DeviceClass.CARD_ISSUER, DeviceCheck.FEED_AND_RETAIN, ACTOR)
    assert fed.passed, fed
    assert dict(fed.facts) == {"hopper": f"{hopper} → {hopper - 1}", "reject_bin": "0 → 1"}

    issuer.jam_at = "feed"
    jammed = checks.run(DeviceClass.CARD_ISSUER, DeviceCheck.FEED_AND_RETAIN, ACTOR)
    assert (jammed.passed, jammed.code) == (False, "issuer.jammed")
    assert issuer.media() == "jammed"
    issuer.stuck = True  # the card is wedged: the transport cannot free it
    assert checks.run(DeviceClass.CARD_ISSUER, DeviceCheck.RESET, ACTOR).code == "issuer.jammed"
    issuer.stuck = False  # the technician opened the cover and pulled it out
    reset = checks.run(DeviceClass.CARD_ISSUER, DeviceCheck.RESET, ACTOR)
    assert reset.passed, reset
    assert dict(reset.facts)["state"] == "ready"

    issuer.hopper = 0
    empty = checks.run(DeviceClass.CARD_ISSUER, DeviceCheck.FEED_AND_RETAIN, ACTOR)
    assert (empty.passed, empty.code) == (False, "issuer.out_of_cards")
    counts = issuer.counts()
    # The jam and the reset that could not clear it; an empty hopper is a state, which the
    # device monitor counts when it sees it, not each feed it refuses.
    assert counts.faults == 2
    assert counts.last_fault is not None and counts.last_fault.code == "issuer.jammed"


def test_the_pin_pad_counts_digits_and_never_gives_them(
    manager: DeviceManager, checks: DeviceChecks
) -> None:
    pinpad = manager.set.pinpad
    assert isinstance(pinpad, SimulatedPinPad)
    seen: list[int] = []
    results = []
    worker = threading.Thread(target=lambda: results.append(checks.pin_pad(ACTOR, seen.append)))
    worker.start()
    wait_until(lambda: pinpad.waiting)
    for key in "73915":
        pinpad.press(key)
    pinpad.press("backspace")
    pinpad.press("enter")
    worker.join(5)
    (result,) = results
    assert result.passed and dict(result.facts)["digits"] == "4"
    assert seen == [1, 2, 3, 4, 5, 4]
    assert "7391" not in repr(result) and "7391" not in checks._audit.path.read_text()

    pinpad.unplugged = True
    unplugged = checks.pin_pad(ACTOR, seen.append)
    assert (unplugged.passed, unplugged.code) == (False, "pinpad.error")


@pytest.mark.expected_log("camera.unplugged")
def test_the_camera_is_judged_by_its_rate_and_an_unplugged_one_fails(
    manager: DeviceManager, checks: DeviceChecks
) -> None:
    watch = checks.camera_watch()
    assert watch is not None
    watch.start()
    try:
        wait_until(lambda: watch.fps > 0, 5)
        time.sleep(1.0)
        result = checks.camera_result(watch, ACTOR)
        assert result.passed, result
        assert float(dict(result.facts)["fps"]) >= 7.5
        assert dict(result.facts)["face"] == "no"  # noise, nobody in front of it
        camera = manager.set.camera
        assert camera is not None
        source = camera().source
        assert isinstance(source, ClipSource)
        source.unplugged = True
        wait_until(lambda: camera().status() is DeviceStatus.NO_DEVICE, 5)
        unplugged = checks.camera_result(watch, ACTOR)
        assert (unplugged.passed, unplugged.code) == (False, "camera.unplugged")
    finally:
        watch.stop()


def test_a_check_that_breaks_is_a_failed_result(
    manager: DeviceManager, checks: DeviceChecks, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise CardUnresponsive()

    monkeypatch.setattr(manager.set.card_reader, "read_card_and_atr", broken)
    result = checks.run(DeviceClass.CARD_READER, DeviceCheck.READ_CARD, ACTOR)
    assert (result.passed, result.code) == (False, "card.unresponsive")


def test_every_device_offers_its_self_test_first() -> None:
    assert set(CHECKS) == set(DeviceClass)
    assert all(checks[0] is DeviceCheck.SELF_TEST for checks in CHECKS.values())


def test_the_desks_figures_wait_for_no_device_and_no_monitor_round(
    manager: DeviceManager,
) -> None:
    """Both printers' threads stuck in a job, a monitor round waiting on their status: the
    desk's figures still come at once (found by a second reader: they waited for the round)."""
    manager.poll()
    release = threading.Event()
    printers = (manager.set.printer, manager.set.receipt_printer)
    stuck = [printer._worker.submit(release.wait) for printer in printers]  # type: ignore[union-attr]
    round_ = threading.Thread(target=manager.poll)
    round_.start()
    try:
        time.sleep(0.05)  # the round is waiting on the printers now
        assert round_.is_alive()
        started = time.monotonic()
        details = manager.details()
        assert time.monotonic() - started < 0.2  # a round waits up to 0.25 s a printer
        assert set(details) == set(DeviceClass)
    finally:
        release.set()
        for job in stuck:
            job.result(5)
        round_.join(5)


def test_a_failure_code_is_one_the_audit_log_takes(
    manager: DeviceManager, checks: DeviceChecks, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A driver's detail with spaces, commas and a long digit run (a serial number)."""
    from devices.base import SelfTestReport

    def failed() -> SelfTestReport:
        return SelfTestReport(
            "pinpad", False, DeviceStatus.HARDWARE_ERROR, (("serial", False, "sn 1234567890, bad"),)
        )

    pinpad = manager.set.pinpad
    assert pinpad is not None
    monkeypatch.setattr(pinpad, "self_test", failed)
    result = checks.run(DeviceClass.PINPAD, DeviceCheck.SELF_TEST, ACTOR)
    assert (result.passed, result.code) == (False, "sn 1234567890, bad")
    assert audited(checks) == [("device.self_test", "pinpad", "failed:sn_N__bad")]


def test_a_status_fault_is_counted_against_the_device(manager: DeviceManager) -> None:
    manager.poll()
    issuer = manager.set.card_issuer
    assert isinstance(issuer, SimulatedCardIssuer)
    issuer.cover_open = True
    manager.poll()
    detail = manager.details()[DeviceClass.CARD_ISSUER]
    assert detail is not None and detail.status is DeviceStatus.USER_ERROR
    assert detail.counts.last_fault is not None
    assert detail.counts.last_fault.code == "card_issuer.userError"
    assert dict(detail.counts.counters)["hopper"] == issuer.hopper


def test_a_worker_counts_device_errors_but_not_a_citizens_doing() -> None:
    counters = Counters("done")
    worker = DeviceWorker("test", counters)
    try:
        for error in (NoCard(), CardUnresponsive()):

            def fail(raised: Exception = error) -> None:
                raise raised

            with pytest.raises(type(error)):
                worker.submit(fail).result()
    finally:
        worker.close()
    snapshot = counters.snapshot(("held", 3))
    assert snapshot.counters == (("held", 3), ("done", 0))
    assert snapshot.faults == 1 and snapshot.last_fault is not None
    assert snapshot.last_fault.code == "card.unresponsive"


def test_a_test_page_is_one_page() -> None:
    from datetime import UTC, datetime

    pdf = check_page_pdf("T-1", datetime.now(UTC))
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 1
