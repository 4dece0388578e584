"""The devices a payment uses: the card's debit application, the PIN pad simulator, the
shuffled keypad, and the receipt printer's ESC/POS bytes, simulator and character-device driver."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from demo.cards import card_profile
from devices.base import DeviceStatus, WrongThread
from devices.pinpad.base import PinEntryCancelled, PinEntryTimeout, shuffled_keypad
from devices.pinpad.pinblock import pin_from_block
from devices.pinpad.simulator import SimulatedPinPad
from devices.printer.receipt import (
    ENTER_CHINESE,
    PAPER_SENSOR_QUERY,
    DeviceReceiptPrinter,
    ReceiptPrinterState,
    ReceiptPrinterUnavailable,
    SpoolReceiptPrinter,
    escpos_receipt,
)
from devices.smartcard.bank import account_record, parse_tlv, read_pan
from devices.smartcard.errors import CardError, MalformedCardResponse, NotBankCard
from devices.smartcard.inprocess import InProcessCardSlot
from devices.smartcard.reader import SmartCardReader
from devices.smartcard.ssse import SsseApplication
from devices.smartcard.virtual_card import VirtualCardProfile, VirtualSocialSecurityCard
from sandbox.citizens import bank_pan, chip_data, demo_citizen

CITIZEN = demo_citizen("unpaid-year")
TODAY = date.today()
PAN = bank_pan(CITIZEN)


def test_the_reader_reads_the_account_number_from_the_debit_application() -> None:
    slot = InProcessCardSlot()
    reader = SmartCardReader(slot)
    try:
        slot.insert(VirtualSocialSecurityCard(card_profile(CITIZEN, today=TODAY)))
        assert reader.read_bank_pan().result(5) == PAN
        # The SSSE application still reads afterwards: selecting one deselects the other.
        assert reader.read_card().result(5).card_number == CITIZEN.card.card_number  # type: ignore[union-attr]
    finally:
        reader.close()


def test_a_card_without_the_bank_function_says_so() -> None:
    assert CITIZEN.card is not None
    card = VirtualSocialSecurityCard(
        VirtualCardProfile(chip_data(CITIZEN, TODAY), CITIZEN.card.pin)
    )
    with pytest.raises(NotBankCard):
        read_pan(SsseApplication(card.process))


def test_account_record_layout() -> None:
    record = account_record("6217000060000059", "291231")
    assert record.hex().upper() == "70105A0862170000600000595F2403291231"
    odd = parse_tlv(parse_tlv(account_record("621700006000005", "291231"))[0x70])
    assert odd[0x5A].hex().upper() == "621700006000005F"


@given(st.binary(max_size=64))
def test_any_record_bytes_give_a_pan_or_a_typed_error(garbage: bytes) -> None:
    def card(apdu: bytes) -> bytes:
        return garbage + b"\x90\x00" if apdu[1] == 0xB2 else b"\x90\x00"

    try:
        pan = read_pan(SsseApplication(card))
    except CardError:
        return
    assert pan.isdigit() and 12 <= len(pan) <= 19


def test_a_pan_that_is_not_digits_is_malformed() -> None:
    record = bytes.fromhex("700A5A08ABCDEF0000000000")

    def card(apdu: bytes) -> bytes:
        return record + b"\x90\x00" if apdu[1] == 0xB2 else b"\x90\x00"

    with pytest.raises(MalformedCardResponse):
        read_pan(SsseApplication(card))


# --- the PIN pad ---


def entry(pad: SimulatedPinPad, timeout_s: float = 5.0) -> tuple[Future[str], list[int]]:
    counts: list[int] = []
    return pad.read_pin_block(PAN, counts.append, timeout_s), counts


def test_pin_pad_digits_never_leave_it() -> None:
    pad = SimulatedPinPad()
    future, counts = entry(pad)
    for key in ["6", "7", "8", "8", "backspace", "9", "0", "1", "enter"]:
        pad.press(key)
    block = future.result(1)
    assert pin_from_block(block, PAN) == "678901"
    assert counts == [1, 2, 3, 4, 3, 4, 5, 6]


def test_too_short_a_pin_starts_over_and_cancel_cancels() -> None:
    pad = SimulatedPinPad()
    future, counts = entry(pad)
    for key in ["1", "2", "enter"]:
        pad.press(key)
    assert not future.done() and counts[-1] == 0
    pad.press("cancel")
    with pytest.raises(PinEntryCancelled):
        future.result(1)


def test_the_terminal_can_cancel_and_an_entry_times_out() -> None:
    pad = SimulatedPinPad()
    future, _ = entry(pad)
    pad.cancel()
    with pytest.raises(PinEntryCancelled):
        future.result(1)
    slow, _ = entry(pad, timeout_s=0.05)
    with pytest.raises(PinEntryTimeout):
        slow.result(2)


def test_an_unplugged_pad_reports_it() -> None:
    pad = SimulatedPinPad()
    pad.unplugged = True
    assert pad.status() is DeviceStatus.NO_DEVICE
    assert not pad.self_test().passed


def test_the_on_screen_keypad_is_shuffled_for_each_entry() -> None:
    layouts = {shuffled_keypad() for _ in range(50)}
    assert all(sorted(layout) == list(range(10)) for layout in layouts)
    assert len(layouts) > 45


# --- the receipt printer ---


def test_a_receipt_is_chinese_text_a_native_qr_code_and_a_cut() -> None:
    data = escpos_receipt("社保缴费回执", ["金额：500.00 元"], "1234567812345670")
    assert data.startswith(b"\x1b@")
    assert ENTER_CHINESE + "社保缴费回执".encode("gb18030") in data
    assert "金额：500.00 元".encode("gb18030") in data
    store = b"\x1d(k" + (len("1234567812345670") + 3).to_bytes(2, "little") + b"1P0"
    assert store + b"1234567812345670" in data
    assert data.endswith(b"\x1dV\x00")


def test_the_spool_simulator_writes_each_receipt_and_refuses_without_paper(
    tmp_path: Path,
) -> None:
    printer = SpoolReceiptPrinter(tmp_path)
    printer.print_receipt("回执", ["一行"], None).result(5)
    assert len(list(tmp_path.glob("*.escpos"))) == 1
    printer.fault = ReceiptPrinterState.PAPER_OUT
    assert printer.status() is DeviceStatus.USER_ERROR
    with pytest.raises(ReceiptPrinterUnavailable) as refused:
        printer.print_receipt("回执", ["一行"], None).result(5)
    assert refused.value.code == "receipt_printer.paper_out"
    assert len(list(tmp_path.glob("*.escpos"))) == 1
    printer.close()


def test_a_receipt_spool_it_cannot_write_in_is_offline(tmp_path: Path) -> None:
    (tmp_path / "receipts").write_bytes(b"not a directory")
    printer = SpoolReceiptPrinter(tmp_path / "receipts")
    try:
        assert printer.state().result(5) is ReceiptPrinterState.OFFLINE
        assert printer.status() is DeviceStatus.OFFLINE and not printer.self_test().passed
        with pytest.raises(ReceiptPrinterUnavailable) as refused:
            printer.print_receipt("回执", ["一行"], None).result(5)
        assert refused.value.code == "receipt_printer.offline"
    finally:
        printer.close()


def test_the_receipt_printers_talk_on_their_own_threads_only(tmp_path: Path) -> None:
    spool, device = SpoolReceiptPrinter(tmp_path), DeviceReceiptPrinter(str(tmp_path / "lp0"))
    try:
        for call in (
            lambda: spool._print_receipt("回执", ["一行"], None),
            spool._read_state,
            lambda: device._print_receipt("回执", ["一行"], None),
            device._read_state,
        ):
            with pytest.raises(WrongThread):
                call()
        assert not list(tmp_path.glob("*.escpos"))
    finally:
        spool.close()
        device.close()


@pytest.fixture
def printer_line() -> Iterator[tuple[int, str]]:
    """A pseudo-terminal standing in for the printer's character device."""
    import tty

    controller, device = os.openpty()
    tty.setraw(device)
    try:
        yield controller, os.ttyname(device)
    finally:
        os.close(controller)
        os.close(device)


def answer_sensor_query(controller: int, status: bytes) -> threading.Thread:
    def printer() -> None:
        asked = b""
        while not asked.endswith(PAPER_SENSOR_QUERY):
            asked += os.read(controller, 64)
        os.write(controller, status)

    thread = threading.Thread(target=printer, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (b"\x12", ReceiptPrinterState.READY),
        (b"\x1e", ReceiptPrinterState.PAPER_LOW),
        (b"\x72", ReceiptPrinterState.PAPER_OUT),
    ],
)
def test_the_device_driver_reads_the_paper_sensor(
    printer_line: tuple[int, str], status: bytes, state: ReceiptPrinterState
) -> None:
    controller, path = printer_line
    printer = answer_sensor_query(controller, status)
    driver = DeviceReceiptPrinter(path)
    assert driver.state().result(5) is state
    printer.join(2)
    driver.close()


def test_the_device_driver_prints_and_a_missing_device_is_offline(
    printer_line: tuple[int, str], tmp_path: Path
) -> None:
    controller, path = printer_line
    answer_sensor_query(controller, b"\x12").join(0)
    driver = DeviceReceiptPrinter(path)
    printed = driver.print_receipt("回执", ["一行"], "1234567812345670")
    received = b""
    while b"\x1dV\x00" not in received:
        received += os.read(controller, 4096)
    printed.result(5)
    driver.close()
    assert "一行".encode("gb18030") in received
    gone = DeviceReceiptPrinter(str(tmp_path / "lp0"))
    assert gone.state().result(5) is ReceiptPrinterState.OFFLINE
    assert gone.status() is DeviceStatus.OFFLINE
    with pytest.raises(ReceiptPrinterUnavailable):
        gone.print_receipt("回执", ["一行"], None).result(5)
    gone.close()


def test_spooled_documents_are_for_this_user_alone(tmp_path: Path) -> None:
    """A spooled certificate or slip names a citizen: 0600 in a 0700 directory, never
    world-readable, also when an old temporary file was left with other bits."""
    from devices.printer.spool import SpoolPrinter

    spool = tmp_path / "spool"
    spool.mkdir(mode=0o755)
    (spool / "spool-1-a.pdf.part").write_bytes(b"old")
    (spool / "spool-1-a.pdf.part").chmod(0o644)
    a4 = SpoolPrinter(spool)
    receipts = SpoolReceiptPrinter(tmp_path / "receipts")
    try:
        a4.print_pdf(b"%PDF-1.4", "a").result(5)
        receipts.print_receipt("title", ["line"]).result(5)
    finally:
        a4.close()
        receipts.close()
    written = [*spool.iterdir(), *(tmp_path / "receipts").iterdir()]
    assert written and all(p.stat().st_mode & 0o777 == 0o600 for p in written)
    assert spool.stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "receipts").stat().st_mode & 0o777 == 0o700
