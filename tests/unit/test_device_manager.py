"""The device manager: one driver table builds every class, status changes reach listeners, a
device that comes back is reopened, every device is closed once; and each driver's I/O runs on
its own worker thread only."""

from __future__ import annotations

import threading
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo.cards import id_card_data
from devices.base import (
    DeviceStatus,
    DeviceWorker,
    PolledState,
    SelfTestReport,
    WrongThread,
)
from devices.card_issuer.simulator import SimulatedCardIssuer
from devices.idcard.reader import IdCardReader
from devices.idcard.simulator import IdCardReaderSimulator, Timing
from devices.manager import (
    DRIVERS,
    DeviceClass,
    DeviceManager,
    DriverContext,
    Factory,
    LazyCamera,
    UnknownDriver,
)
from devices.pinpad.simulator import SimulatedPinPad
from devices.printer.receipt import SpoolReceiptPrinter
from devices.printer.spool import SpoolPrinter
from devices.smartcard.reader import SmartCardReader
from kiosk.config import DeviceSettings
from sandbox.citizens import demo_citizen
from tests.support.clips import noise_clip
from tests.support.kiosks import wait_until

CITIZEN = demo_citizen("not-enrolled")
FAST = Timing(find_s=0.0, select_s=0.0, read_s=0.05)
Changes = list[tuple[DeviceClass, DeviceStatus]]


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return noise_clip(tmp_path / "clip", frames=3, seed=3)


@pytest.fixture
def port(tmp_path: Path) -> Iterator[tuple[Path, list[IdCardReaderSimulator]]]:
    """The ID card reader's port by a stable name, as udev's /dev/serial/by-id links keep it,
    pointing at a simulator's pseudo-terminal; the list holds the simulators started on it."""
    link = tmp_path / "ttyIDCARD"
    running = [IdCardReaderSimulator(id_card_data(CITIZEN), FAST).start()]
    link.symlink_to(running[0].port)
    yield link, running
    for simulator in running:
        if simulator._thread.is_alive():
            simulator.stop()


def options(**changes: object) -> DeviceSettings:
    """Settings as they come from the config file, every class on a simulator unless changed;
    model_copy does not validate, so a test may name a driver no table has."""
    simulators = {
        "camera": "simulator",
        "printer": "spool",
        "receipt_printer": "spool",
        "pinpad": "simulator",
        "card_issuer": "simulator",
        "issuer_timing_scale": 0.0,
    }
    return DeviceSettings().model_copy(update={**simulators, **changes})


@pytest.fixture
def manager(
    tmp_path: Path, clip: Path, port: tuple[Path, list[IdCardReaderSimulator]]
) -> Iterator[DeviceManager]:
    built = DeviceManager(
        options(camera_clip=str(clip), idcard_reader="serial", idcard_port=str(port[0])),
        tmp_path / "state",
    )
    yield built
    built.close()


def listen(manager: DeviceManager) -> Changes:
    changes: Changes = []
    manager.add_listener(lambda device_class, status: changes.append((device_class, status)))
    return changes


def test_every_class_is_built_from_the_table(manager: DeviceManager) -> None:
    kinds = {
        DeviceClass.CARD_READER: SmartCardReader,
        DeviceClass.IDCARD_READER: IdCardReader,
        DeviceClass.CAMERA: LazyCamera,
        DeviceClass.PRINTER: SpoolPrinter,
        DeviceClass.RECEIPT_PRINTER: SpoolReceiptPrinter,
        DeviceClass.PINPAD: SimulatedPinPad,
        DeviceClass.CARD_ISSUER: SimulatedCardIssuer,
    }
    assert {c: type(d) for c, d in manager.devices.items()} == kinds
    devices = manager.set
    assert devices.printer is manager.devices[DeviceClass.PRINTER]
    assert devices.idcard_reader is manager.devices[DeviceClass.IDCARD_READER]
    assert devices.issuer_chip is not None and devices.issuer_chip.name == "issuer_chip"
    wait_until(lambda: manager.status()[DeviceClass.IDCARD_READER] is DeviceStatus.ONLINE)
    expected = dict.fromkeys(DeviceClass, DeviceStatus.ONLINE)
    expected[DeviceClass.CAMERA] = DeviceStatus.STARTING  # a status poll does not build it
    assert manager.status() == expected
    reports = manager.self_test()
    assert all(isinstance(r, SelfTestReport) for r in reports.values())
    passed = {c for c, r in reports.items() if r is not None and r.passed}
    # The camera at rest (nobody started it) captures for its test, and rests again.
    assert passed == set(DeviceClass)
    assert not manager.set.camera or not manager.set.camera().latest()


def test_the_table_and_the_settings_name_the_same_drivers() -> None:
    """Every choice a setting offers has its row, and every row is a choice of its setting."""
    for device_class in DeviceClass:
        annotation = DeviceSettings.model_fields[device_class.value].annotation
        offered = set(typing.get_args(annotation))
        rows = {driver for c, driver in DRIVERS if c is device_class}
        assert offered == rows, device_class


def test_a_class_the_terminal_does_not_have_is_none(tmp_path: Path) -> None:
    manager = DeviceManager(options(pinpad="screen", card_issuer="none"), tmp_path)
    try:
        assert manager.set.pinpad is None and manager.set.card_issuer is None
        assert manager.set.issuer_chip is None
        status = manager.status()
        assert status[DeviceClass.PINPAD] is None and status[DeviceClass.IDCARD_READER] is None
        assert manager.self_test()[DeviceClass.CARD_ISSUER] is None
    finally:
        manager.close()


def test_an_unknown_driver_fails_naming_the_setting(tmp_path: Path) -> None:
    closed: list[str] = []

    class Recorded(SimulatedPinPad):
        def close(self) -> None:
            closed.append("pinpad")
            super().close()

    drivers = {**DRIVERS, (DeviceClass.PINPAD, "simulator"): lambda _ctx: Recorded()}
    with pytest.raises(UnknownDriver) as unknown:
        DeviceManager(options(card_issuer="laser-engraver"), tmp_path, drivers)
    assert str(unknown.value) == "devices.card_issuer: no driver 'laser-engraver'"
    assert unknown.value.code == "device.unknown_driver"
    assert closed == ["pinpad"]  # what was built before it is closed again


def test_listeners_hear_of_a_change_and_not_of_a_steady_status(manager: DeviceManager) -> None:
    changes = listen(manager)
    wait_until(lambda: manager.status()[DeviceClass.IDCARD_READER] is DeviceStatus.ONLINE)
    manager.poll()  # the baseline: no one is told of it
    manager.poll()
    assert changes == []
    issuer = manager.devices[DeviceClass.CARD_ISSUER]
    assert isinstance(issuer, SimulatedCardIssuer)
    issuer.cover_open = True
    manager.poll()
    assert changes == [(DeviceClass.CARD_ISSUER, DeviceStatus.USER_ERROR)]
    issuer.cover_open = False
    manager.poll()
    assert changes[-1] == (DeviceClass.CARD_ISSUER, DeviceStatus.ONLINE)


def test_the_monitor_thread_tells_of_a_spool_it_cannot_write_in(
    manager: DeviceManager, tmp_path: Path
) -> None:
    changes = listen(manager)
    removed: Changes = []
    remove = manager.add_listener(lambda c, s: removed.append((c, s)))
    remove()
    manager.start_monitoring(0.02)
    wait_until(lambda: manager._last is not None)
    (tmp_path / "state").mkdir(exist_ok=True)
    (tmp_path / "state" / "receipts").write_bytes(b"not a directory")
    wait_until(lambda: (DeviceClass.RECEIPT_PRINTER, DeviceStatus.OFFLINE) in changes)
    assert removed == []
    monitor = manager._monitor
    assert monitor is not None and monitor.is_alive()
    manager.close()
    assert not monitor.is_alive()


@pytest.mark.expected_log("device.listener_failed")
def test_a_listener_that_fails_does_not_stop_the_others(manager: DeviceManager) -> None:
    def broken(_c: DeviceClass, _s: DeviceStatus) -> None:
        raise RuntimeError("listener bug")

    manager.add_listener(broken)
    changes = listen(manager)
    wait_until(lambda: manager.status()[DeviceClass.IDCARD_READER] is DeviceStatus.ONLINE)
    manager.poll()
    pinpad = manager.devices[DeviceClass.PINPAD]
    assert isinstance(pinpad, SimulatedPinPad)
    pinpad.unplugged = True
    manager.poll()
    assert changes == [(DeviceClass.PINPAD, DeviceStatus.NO_DEVICE)]


def test_the_id_card_reader_is_reopened_when_its_port_comes_back(
    manager: DeviceManager, port: tuple[Path, list[IdCardReaderSimulator]]
) -> None:
    link, simulators = port
    reader = manager.set.idcard_reader
    assert reader is not None
    assert reader.read_card().result(5).id_number == CITIZEN.id_number
    changes = listen(manager)
    manager.start_monitoring(0.02)
    wait_until(lambda: manager._last is not None)

    simulators[0].stop()  # unplugged
    link.unlink()
    wait_until(lambda: (DeviceClass.IDCARD_READER, DeviceStatus.NO_DEVICE) in changes)

    simulators.append(IdCardReaderSimulator(id_card_data(CITIZEN), FAST).start())
    link.symlink_to(simulators[1].port)  # plugged back: a new pty under the same name
    wait_until(lambda: (DeviceClass.IDCARD_READER, DeviceStatus.ONLINE) in changes)
    ours = [s for c, s in changes if c is DeviceClass.IDCARD_READER]
    assert ours == [DeviceStatus.NO_DEVICE, DeviceStatus.STARTING, DeviceStatus.ONLINE]
    assert simulators[1].requests == []  # opened by the manager, before any read
    assert reader.read_card().result(5).id_number == CITIZEN.id_number
    assert simulators[1].requests == [(0x20, 0x01), (0x20, 0x02), (0x30, 0x01)]


class Fake:
    """A device that counts its closes; `fails` makes close raise."""

    def __init__(self, name: str, closes: list[str], fails: bool = False) -> None:
        self.name = name
        self._closes = closes
        self._fails = fails

    def status(self) -> DeviceStatus:
        return DeviceStatus.ONLINE

    def self_test(self) -> SelfTestReport:
        return SelfTestReport(self.name, True, DeviceStatus.ONLINE)

    def close(self) -> None:
        self._closes.append(self.name)
        if self._fails:
            raise OSError("stuck")


def fakes(
    settings: DeviceSettings, closes: list[str], failing: str
) -> dict[tuple[DeviceClass, str], Factory]:
    """The driver table with a Fake for each class the settings have (the issuer aside)."""
    table = dict(DRIVERS)
    for device_class in DeviceClass:
        driver = str(getattr(settings, device_class.value))
        if (device_class, driver) in table and device_class is not DeviceClass.CARD_ISSUER:
            name = device_class.value

            def factory(_ctx: DriverContext, name: str = name) -> Fake:
                return Fake(name, closes, fails=name == failing)

            table[(device_class, driver)] = factory
    return table


@pytest.mark.expected_log("device.close_failed")
def test_close_closes_each_device_once_even_if_one_close_raises(tmp_path: Path) -> None:
    closes: list[str] = []
    settings = options(card_issuer="none", idcard_reader="serial", idcard_port="/dev/no-port")
    manager = DeviceManager(settings, tmp_path, fakes(settings, closes, failing="printer"))
    manager.close()
    manager.close()
    built = [c.value for c in DeviceClass if c is not DeviceClass.CARD_ISSUER]
    assert sorted(closes) == sorted(built)
    assert closes == list(reversed(built))  # the last built first


@pytest.mark.expected_log("device.status_failed", "device.self_test_failed")
def test_a_driver_that_breaks_is_a_hardware_error_not_a_crash(tmp_path: Path) -> None:
    class Broken(SimulatedPinPad):
        def status(self) -> DeviceStatus:
            raise RuntimeError("driver bug")

        def self_test(self) -> SelfTestReport:
            raise RuntimeError("driver bug")

    drivers = {**DRIVERS, (DeviceClass.PINPAD, "simulator"): lambda _ctx: Broken()}
    manager = DeviceManager(options(), tmp_path, drivers)
    try:
        assert manager.status()[DeviceClass.PINPAD] is DeviceStatus.HARDWARE_ERROR
        report = manager.self_test()[DeviceClass.PINPAD]
        assert report is not None and not report.passed
        assert report.checks == (("self-test", False, "RuntimeError"),)
    finally:
        manager.close()


# --- the worker thread ---


def test_a_drivers_io_on_the_wrong_thread_fails_loudly() -> None:
    worker = DeviceWorker("probe")
    try:
        with pytest.raises(WrongThread) as wrong:
            worker.check_thread()
        assert wrong.value.code == "device.wrong_thread"
        assert worker.submit(worker.check_thread).result(5) is None
        assert not worker.on_thread and worker.submit(lambda: worker.on_thread).result(5)
        # call() on the worker itself runs at once instead of waiting for itself forever
        assert worker.submit(lambda: worker.call(lambda: 42)).result(5) == 42
    finally:
        worker.close()


def test_every_driver_checks_its_thread(
    manager: DeviceManager, port: tuple[Path, list[IdCardReaderSimulator]]
) -> None:
    """The private I/O functions of each driver refuse the caller's thread."""
    printer, receipt = manager.devices[DeviceClass.PRINTER], manager.set.receipt_printer
    issuer, reader = manager.set.card_issuer, manager.set.idcard_reader
    assert isinstance(printer, SpoolPrinter) and isinstance(receipt, SpoolReceiptPrinter)
    assert isinstance(issuer, SimulatedCardIssuer) and reader is not None
    for io in (
        lambda: printer._print_pdf(b"%PDF", "x"),
        printer._read_state,
        lambda: receipt._print_receipt("t", ["l"], None),
        receipt._read_state,
        issuer._feed,
        reader._read_card,
        reader._reopen,
        manager.set.card_reader._probe,
    ):
        with pytest.raises(WrongThread):
            io()
    assert issuer.hopper_count() == 50 and port[1][0].requests == []


def test_a_status_poll_never_piles_reads_on_a_busy_device() -> None:
    worker = DeviceWorker("busy")
    release = threading.Event()
    reads: list[int] = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    state = PolledState(worker, read)
    try:
        busy = worker.submit(release.wait, 5)
        assert [state.poll(0.01) for _ in range(5)] == [None] * 5
        release.set()
        busy.result(5)
        wait_until(lambda: state.last == 1)
        assert state.poll(1.0) == 2  # the queued read was one, not five; a new one now
    finally:
        worker.close()
