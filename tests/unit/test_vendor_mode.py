"""Vendor mode (kiosk/roles/vendor_mode.py): the states of XFS4IoT's vendor mode, kept in a
file for other processes and restarts, every change in the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest

from devices.base import DeviceStatus, SelfTestReport
from devices.manager import DeviceClass
from kiosk.audit import AuditLog, read_records
from kiosk.roles.vendor_mode import VendorMode, VendorModeError, VendorState, read_state


class Kiosk:
    def __init__(self) -> None:
        self.serving = False
        self.ended = 0
        self.printer_passes = True

    def end_session(self) -> None:
        self.ended += 1
        self.serving = False

    def self_test(self) -> dict[DeviceClass, SelfTestReport | None]:
        printer = SelfTestReport("printer", self.printer_passes, DeviceStatus.ONLINE)
        return {DeviceClass.PRINTER: printer, DeviceClass.PINPAD: None}


@pytest.fixture
def kiosk() -> Kiosk:
    return Kiosk()


def vendor_mode(tmp_path: Path, kiosk: Kiosk) -> VendorMode:
    return VendorMode(
        tmp_path / "vendor_mode.json",
        AuditLog(tmp_path / "audit.log"),
        session_running=lambda: kiosk.serving,
        end_session=kiosk.end_session,
        self_test=kiosk.self_test,
    )


def actions(tmp_path: Path) -> list[tuple[str, str]]:
    return [(r.action, r.outcome) for r in read_records(tmp_path / "audit.log")]


def test_with_no_citizen_the_technician_has_the_kiosk_at_once(tmp_path: Path, kiosk: Kiosk) -> None:
    mode = vendor_mode(tmp_path, kiosk)
    assert mode.request_enter("T0007") is VendorState.ACTIVE
    assert read_state(tmp_path / "vendor_mode.json") == (VendorState.ACTIVE, "T0007")
    handback = mode.hand_back()
    assert handback.passed and mode.state is VendorState.INACTIVE
    assert not (tmp_path / "vendor_mode.json").exists()
    assert actions(tmp_path) == [
        ("vendor_mode.enterPending", "ok"),
        ("vendor_mode.active", "ok"),
        ("vendor_mode.exitPending", "ok"),
        ("vendor_mode.self_test", "ok"),
        ("vendor_mode.inactive", "ok"),
    ]


def test_a_citizens_session_is_waited_for_or_ended(tmp_path: Path, kiosk: Kiosk) -> None:
    kiosk.serving = True
    mode = vendor_mode(tmp_path, kiosk)
    assert mode.request_enter("T0007") is VendorState.ENTER_PENDING
    assert mode.session_ended() is VendorState.ENTER_PENDING  # still serving
    assert mode.take_over() is VendorState.ACTIVE
    assert kiosk.ended == 1
    assert ("vendor_mode.session_ended", "ok") in actions(tmp_path)


def test_the_session_ending_by_itself_completes_the_entry(tmp_path: Path, kiosk: Kiosk) -> None:
    kiosk.serving = True
    mode = vendor_mode(tmp_path, kiosk)
    mode.request_enter("T0007")
    kiosk.serving = False
    assert mode.session_ended() is VendorState.ACTIVE
    assert kiosk.ended == 0


def test_a_failed_self_test_is_recorded_and_the_kiosk_handed_back_even_so(
    tmp_path: Path, kiosk: Kiosk
) -> None:
    kiosk.printer_passes = False
    mode = vendor_mode(tmp_path, kiosk)
    mode.request_enter("T0007")
    handback = mode.hand_back()
    assert handback.failed == ("printer",) and mode.state is VendorState.INACTIVE
    assert ("vendor_mode.self_test", "failed:printer") in actions(tmp_path)


def test_a_restarted_kiosk_stays_with_the_technician(tmp_path: Path, kiosk: Kiosk) -> None:
    vendor_mode(tmp_path, kiosk).request_enter("T0007")
    again = vendor_mode(tmp_path, kiosk)
    assert again.state is VendorState.ACTIVE
    assert again.request_enter("T0001") is VendorState.ACTIVE  # taken up where it was
    assert actions(tmp_path)[-1] == ("vendor_mode.resumed", "ok")
    assert again.technician == "T0001"


def test_a_damaged_state_file_keeps_the_kiosk_closed(tmp_path: Path) -> None:
    (tmp_path / "vendor_mode.json").write_text("{", encoding="utf-8")
    assert read_state(tmp_path / "vendor_mode.json")[0] is VendorState.ACTIVE


def test_moves_out_of_order_are_refused(tmp_path: Path, kiosk: Kiosk) -> None:
    mode = vendor_mode(tmp_path, kiosk)
    with pytest.raises(VendorModeError):
        mode.hand_back()
    with pytest.raises(VendorModeError):
        mode.take_over()
    kiosk.serving = True
    mode.request_enter("T0007")
    with pytest.raises(VendorModeError):
        mode.request_enter("T0001")


@pytest.mark.parametrize("left", [VendorState.ENTER_PENDING, VendorState.EXIT_PENDING])
def test_a_state_left_half_way_by_a_stopped_kiosk_is_the_technicians_to_resume(
    tmp_path: Path, kiosk: Kiosk, left: VendorState
) -> None:
    """Found by a second reader: a power cut during the hand-back left exitPending, which no
    login could leave, and the kiosk stayed closed."""
    (tmp_path / "vendor_mode.json").write_text(
        f'{{"state": "{left.value}", "technician": "T0007"}}', encoding="utf-8"
    )
    mode = vendor_mode(tmp_path, kiosk)
    assert mode.request_enter("T0007") is VendorState.ACTIVE
    assert mode.hand_back().passed and mode.state is VendorState.INACTIVE


def test_a_login_during_the_hand_back_is_told_busy_at_once(tmp_path: Path, kiosk: Kiosk) -> None:
    """The self-test runs outside the lock: a login meanwhile is refused, not kept waiting."""
    import threading

    testing, release = threading.Event(), threading.Event()

    def slow_self_test() -> dict[DeviceClass, SelfTestReport | None]:
        testing.set()
        release.wait(5)
        return kiosk.self_test()

    mode = VendorMode(
        tmp_path / "vendor_mode.json",
        AuditLog(tmp_path / "audit.log"),
        session_running=lambda: False,
        end_session=kiosk.end_session,
        self_test=slow_self_test,
    )
    mode.request_enter("T0007")
    handing_back = threading.Thread(target=mode.hand_back)
    handing_back.start()
    assert testing.wait(5)
    with pytest.raises(VendorModeError):
        mode.request_enter("T0001")
    release.set()
    handing_back.join(5)
    assert mode.state is VendorState.INACTIVE


def test_a_change_the_audit_log_cannot_take_does_not_happen(tmp_path: Path, kiosk: Kiosk) -> None:
    mode = vendor_mode(tmp_path, kiosk)
    (tmp_path / "audit.log").write_text("{torn", encoding="utf-8")
    with pytest.raises(ValueError, match="audit"):
        mode.request_enter("T0007")
    assert mode.state is VendorState.INACTIVE
    assert not (tmp_path / "vendor_mode.json").exists()


@pytest.mark.expected_log("vendor_mode.request_damaged", "vendor_mode.request_stale")
def test_a_console_request_is_taken_once_and_a_damaged_or_stale_one_not_at_all(
    tmp_path: Path,
) -> None:
    from datetime import UTC, datetime, timedelta

    from kiosk.roles.vendor_request import STALE_AFTER, take_request, write_request

    path = tmp_path / "vendor_request.json"
    assert take_request(path) is None
    write_request(path, "T0007")
    taken = take_request(path)
    assert taken is not None and taken.technician_id == "T0007"
    assert take_request(path) is None and not path.exists()
    path.write_text("{not json")
    assert take_request(path) is None and not path.exists()
    path.write_text('{"technician": "T0007", "at": "2026-12-07T10:00:00"}')  # no time zone
    assert take_request(path) is None and not path.exists()
    write_request(path, "T0007")
    later = datetime.now(UTC) + STALE_AFTER + timedelta(seconds=1)
    assert take_request(path, now=later) is None
