"""The status a terminal sends: its worst device, what counts as news, the codes of its last
errors."""

from __future__ import annotations

from devices.base import DeviceCounts, DeviceStatus
from devices.manager import DeviceClass, DeviceDetail
from kiosk.fleet.status import last_error_codes, news, worst_device


def detail(status: DeviceStatus, media: str | None = None) -> DeviceDetail:
    return DeviceDetail("simulator", status, media, DeviceCounts())


def test_all_working_has_no_worst_device() -> None:
    details = {
        DeviceClass.CARD_READER: detail(DeviceStatus.ONLINE),
        DeviceClass.PRINTER: detail(DeviceStatus.DEVICE_BUSY, "ok"),
        DeviceClass.CAMERA: None,
    }
    assert worst_device(details) is None


def test_paper_out_is_worse_than_paper_low_and_a_hardware_error_worst() -> None:
    details = {
        DeviceClass.PRINTER: detail(DeviceStatus.ONLINE, "low"),
        DeviceClass.RECEIPT_PRINTER: detail(DeviceStatus.ONLINE, "out"),
    }
    assert worst_device(details) == {"device": "receipt_printer", "state": "media_out"}
    details[DeviceClass.CARD_ISSUER] = detail(DeviceStatus.HARDWARE_ERROR)
    assert worst_device(details) == {"device": "card_issuer", "state": "hardwareError"}


def test_the_time_and_the_queues_age_alone_are_not_news() -> None:
    before = {"state": "in_service", "queue": {"open": 2, "oldest_s": 10}, "at": "09:00"}
    assert not news(before, {**before, "queue": {"open": 2, "oldest_s": 70}, "at": "09:01"})
    assert news(before, {**before, "queue": {"open": 3, "oldest_s": 70}})
    assert news(None, before)


def test_last_error_codes_newest_first_each_once_and_only_codes() -> None:
    lines = [
        "printer.media_empty: the A4 printer has no paper",
        "device card_reader: check self_test ok",
        "central.unreachable: timeout",
        "printer.media_empty: the A4 printer has no paper",
        "queue.dead: entry 1",
        "a.b",
        "c.d",
        "e.f",
    ]
    assert last_error_codes(lines) == [
        "printer.media_empty",
        "central.unreachable",
        "queue.dead",
        "a.b",
        "c.d",
    ]
