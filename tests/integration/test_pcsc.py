"""The card path as it runs at a branch: pyscard → real pcscd → vpcd → a virtual card."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest

from demo.cards import card_profile
from devices.base import DeviceStatus, MediaStatus
from devices.smartcard.errors import (
    CardCommandFailed,
    CardError,
    CardRemoved,
    CardUnresponsive,
    MalformedCardResponse,
    NotSocialSecurityCard,
    PinBlocked,
)
from devices.smartcard.pcsc import POLL_MS, PcscCardSlot
from devices.smartcard.reader import SmartCardReader
from devices.smartcard.virtual_card import ChipLies, VirtualSocialSecurityCard
from devices.smartcard.vpcd import LinkFaults, VpcdSlot
from sandbox.citizens import chip_data, demo_citizen
from tests.support.services import PcscdService

CITIZEN = demo_citizen("contributor")
TODAY = date.today()
FIRST_SLOT = "^Virtual PCD 00 00$"


def card(lies: ChipLies | None = None) -> VirtualSocialSecurityCard:
    assert CITIZEN.card is not None
    profile = card_profile(CITIZEN, lies, today=TODAY)
    return VirtualSocialSecurityCard(profile)


@pytest.fixture
def reader(pcscd: PcscdService) -> Iterator[SmartCardReader]:
    device = SmartCardReader(PcscCardSlot(FIRST_SLOT))
    yield device
    device.close()


def insert(slot: VpcdSlot, reader: SmartCardReader, inserted: VirtualSocialSecurityCard) -> None:
    slot.insert(inserted)
    assert reader.card_inserted.wait(5), "pcscd did not see the card"


def test_reader_is_found_by_name_and_reports_media(
    reader: SmartCardReader, vpcd_slot: VpcdSlot
) -> None:
    assert reader.status() is DeviceStatus.ONLINE
    assert reader.media() is MediaStatus.NOT_PRESENT
    insert(vpcd_slot, reader, card())
    assert reader.media() is MediaStatus.PRESENT


def test_insert_read_all_records_and_events(reader: SmartCardReader, vpcd_slot: VpcdSlot) -> None:
    events: list[tuple[bool, int]] = []
    reader.add_listener(lambda present, generation: events.append((present, generation)))
    insert(vpcd_slot, reader, card())
    assert reader.read_card().result(10) == chip_data(CITIZEN, TODAY)
    vpcd_slot.remove()
    assert reader.card_absent.wait(5)
    deadline = time.monotonic() + 2
    while len(events) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert events == [(True, reader.generation), (False, reader.generation)]


def test_pulled_out_mid_read(reader: SmartCardReader, vpcd_slot: VpcdSlot) -> None:
    vpcd_slot.faults = LinkFaults(pull_after_commands=6)
    insert(vpcd_slot, reader, card())
    with pytest.raises(CardRemoved):
        reader.read_card().result(10)
    assert reader.card_absent.wait(5)


def test_three_wrong_pins_block_the_card(reader: SmartCardReader, vpcd_slot: VpcdSlot) -> None:
    insert(vpcd_slot, reader, card())
    assert reader.verify_pin("000000").result(10).tries_left == 2
    assert reader.verify_pin("111111").result(10).tries_left == 1
    with pytest.raises(PinBlocked):
        reader.verify_pin("222222").result(10)
    with pytest.raises(PinBlocked):
        reader.verify_pin("345678").result(10)


def test_pin_change_through_pcscd(reader: SmartCardReader, vpcd_slot: VpcdSlot) -> None:
    insert(vpcd_slot, reader, card())
    assert reader.change_pin("345678", "246802").result(10).verified
    assert reader.verify_pin("246802").result(10).verified


@pytest.mark.parametrize(
    ("lies", "error"),
    [
        (ChipLies(no_ssse=True), NotSocialSecurityCard),
        (ChipLies(wrong_tags=True), MalformedCardResponse),
        (ChipLies(short_records=True), MalformedCardResponse),
        (ChipLies(endless_6c=True), CardCommandFailed),
    ],
)
def test_a_card_that_lies(
    reader: SmartCardReader, vpcd_slot: VpcdSlot, lies: ChipLies, error: type[CardError]
) -> None:
    insert(vpcd_slot, reader, card(lies))
    started = time.monotonic()
    with pytest.raises(error):
        reader.read_card().result(10)
    assert time.monotonic() - started < 3  # an endless 6Cxx is not followed forever


def test_a_dirty_card_is_unresponsive_not_removed(
    reader: SmartCardReader, vpcd_slot: VpcdSlot
) -> None:
    vpcd_slot.faults = LinkFaults(mute=True)
    insert(vpcd_slot, reader, card())
    with pytest.raises(CardUnresponsive):
        reader.read_card().result(10)
    assert reader.media() is MediaStatus.PRESENT


def test_self_test_walks_the_card_path(reader: SmartCardReader, vpcd_slot: VpcdSlot) -> None:
    insert(vpcd_slot, reader, card())
    report = reader.self_test()
    checks = {name: (ok, detail) for name, ok, detail in report.checks}
    assert report.passed
    assert checks["pcscd reachable"][0]
    assert checks["ATR"] == (True, card().atr.hex().upper())
    assert checks["card answers SSSE"] == (True, "ok")


@pytest.mark.expected_log("card reader gone", "card reader attached")
def test_pcscd_gone_is_no_device_and_comes_back(
    pcscd: PcscdService, reader: SmartCardReader
) -> None:
    assert reader.status() is DeviceStatus.ONLINE
    pcscd.current.stop()
    deadline = time.monotonic() + 5
    while reader.status() is not DeviceStatus.NO_DEVICE and time.monotonic() < deadline:
        time.sleep(0.05)
    assert reader.status() is DeviceStatus.NO_DEVICE
    assert not reader.self_test().passed
    pcscd.restart()
    deadline = time.monotonic() + 5
    while reader.status() is not DeviceStatus.ONLINE and time.monotonic() < deadline:
        time.sleep(0.05)
    assert reader.status() is DeviceStatus.ONLINE


def test_self_test_of_a_foreign_card(reader: SmartCardReader, vpcd_slot: VpcdSlot) -> None:
    insert(vpcd_slot, reader, card(ChipLies(no_ssse=True)))
    report = reader.self_test()
    checks = {name: (ok, detail) for name, ok, detail in report.checks}
    assert checks["ATR"] == (True, card().atr.hex().upper())
    assert checks["card answers SSSE"] == (False, "card.not_ssc")
    assert not report.passed


CLOSE_BOUND_S = 0.05
"""Well below even the monitor's old 200 ms poll: closing may not wait out a status wait."""


def test_closing_a_slot_cancels_its_monitors_wait_at_once(pcscd: PcscdService) -> None:
    """A kiosk closes two slots at every shutdown and every test's terminal; the monitor, blocked
    in SCardGetStatusChange, is cancelled rather than waited for."""
    assert CLOSE_BOUND_S * 1000 < POLL_MS / 2
    for settle_s in (0.05, 0.3, 0.7):  # caught at different points of its wait
        before = set(threading.enumerate())
        slot = PcscCardSlot(FIRST_SLOT)
        (monitor,) = [t for t in set(threading.enumerate()) - before if t.name == "pcsc-monitor"]
        time.sleep(settle_s)
        started = time.monotonic()
        slot.close()
        took = time.monotonic() - started
        assert took < CLOSE_BOUND_S, f"closing took {took * 1000:.0f} ms"
        assert not monitor.is_alive()
