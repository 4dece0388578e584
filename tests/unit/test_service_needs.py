"""Which devices each service cannot start without (kiosk.services.catalog)."""

from __future__ import annotations

from devices.manager import DeviceClass
from kiosk.services.catalog import PROGRESS, SERVICES
from kiosk.services.session import ServiceId

NEEDS = {info.id: info for info in SERVICES}


def blocked(service: ServiceId, *working: DeviceClass) -> DeviceClass | None:
    return NEEDS[service].blocked_by(lambda device: device in working)


def test_a_service_is_blocked_by_the_first_device_it_lacks() -> None:
    assert blocked(ServiceId.CERTIFICATES, DeviceClass.CARD_READER) is DeviceClass.PRINTER
    assert blocked(ServiceId.CERTIFICATES) is DeviceClass.CARD_READER
    assert blocked(ServiceId.CERTIFICATES, DeviceClass.CARD_READER, DeviceClass.PRINTER) is None
    assert blocked(ServiceId.ELIGIBILITY, DeviceClass.CARD_READER) is DeviceClass.CAMERA


def test_the_card_services_need_either_reader() -> None:
    assert blocked(ServiceId.CARD, DeviceClass.IDCARD_READER) is None
    assert blocked(ServiceId.CARD, DeviceClass.CARD_READER) is None
    assert blocked(ServiceId.CARD) is DeviceClass.CARD_READER


def test_no_service_needs_the_receipt_printer_and_progress_needs_nothing() -> None:
    """A receipt that does not print is shown large with its QR code."""
    assert all(
        DeviceClass.RECEIPT_PRINTER not in group for info in SERVICES for group in info.needs
    )
    assert PROGRESS.blocked_by(lambda _device: False) is None


def test_with_a_collection_point_certificates_need_no_printer() -> None:
    """Issued where no A4 printer works, printed where the citizen collects them; the rest of
    the services keep their needs."""
    from kiosk.config import load_settings
    from kiosk.services.catalog import fitted_to

    plain = load_settings(environ={})
    assert fitted_to(plain) == SERVICES
    collecting = load_settings(environ={"SHEYIN_CERTIFICATES_COLLECTION_POINT": "福田支行"})
    fitted = {info.id: info for info in fitted_to(collecting)}
    certificates = fitted[ServiceId.CERTIFICATES]
    assert certificates.blocked_by(lambda device: device is DeviceClass.CARD_READER) is None
    assert certificates.blocked_by(lambda _device: False) is DeviceClass.CARD_READER
    assert {i: f for i, f in fitted.items() if i is not ServiceId.CERTIFICATES} == {
        i: f for i, f in NEEDS.items() if i is not ServiceId.CERTIFICATES
    }
