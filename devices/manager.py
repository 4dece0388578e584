"""The terminal's device set, built from the settings through one table of drivers.

A driver is a factory in `DRIVERS`, keyed by device class and the driver's name in the settings
(`devices.<class> = "<driver>"`); simulators are drivers like any other. Adding a driver touches
its device package and one row here. The manager reports every device's status (XFS4IoT
values), and with `start_monitoring` polls them on a thread of its own, tells listeners when
one changes and reopens a device that comes back (noDevice or offline, then anything else). It
self-tests all of them and closes them once.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from devices.base import (
    Counted,
    Counters,
    Device,
    DeviceCounts,
    DeviceStatus,
    Reopenable,
    SelfTestReport,
)

if TYPE_CHECKING:
    from devices.camera.camera import Camera
    from devices.camera.source import FrameSource
    from devices.card_issuer.base import CardIssuer
    from devices.idcard.reader import IdCardReader
    from devices.pinpad.base import PinPad
    from devices.printer.base import A4Printer
    from devices.printer.receipt import ReceiptPrinter
    from devices.smartcard.reader import CardSlot, SmartCardReader

log = logging.getLogger(__name__)


class DeviceClass(enum.StrEnum):
    CARD_READER = "card_reader"
    IDCARD_READER = "idcard_reader"
    CAMERA = "camera"
    PRINTER = "printer"
    RECEIPT_PRINTER = "receipt_printer"
    PINPAD = "pinpad"
    CARD_ISSUER = "card_issuer"


class Secret(Protocol):
    def get_secret_value(self) -> str: ...


class DeviceOptions(Protocol):
    """What the drivers read of the settings (kiosk.config.DeviceSettings has all of it)."""

    @property
    def card_reader(self) -> str: ...
    @property
    def card_reader_name(self) -> str: ...
    @property
    def vpcd_port(self) -> int: ...
    @property
    def camera(self) -> str: ...
    @property
    def camera_index(self) -> int: ...
    @property
    def camera_width(self) -> int: ...
    @property
    def camera_height(self) -> int: ...
    @property
    def camera_fps(self) -> int: ...
    @property
    def camera_clip(self) -> str: ...
    @property
    def printer(self) -> str: ...
    @property
    def printer_queue(self) -> str: ...
    @property
    def receipt_printer(self) -> str: ...
    @property
    def receipt_printer_device(self) -> str: ...
    @property
    def pinpad(self) -> str: ...
    @property
    def card_issuer(self) -> str: ...
    @property
    def issuer_reader_name(self) -> str: ...
    @property
    def issuer_hopper(self) -> int: ...
    @property
    def issuer_timing_scale(self) -> float: ...
    @property
    def issuer_chip_key(self) -> Secret: ...
    @property
    def idcard_reader(self) -> str: ...
    @property
    def idcard_port(self) -> str: ...


@dataclass(frozen=True)
class DriverContext:
    options: DeviceOptions
    state_dir: Path
    """Where spool drivers keep their output (the terminal's data directory)."""


class UnknownDriver(LookupError):
    code = "device.unknown_driver"


Factory = Callable[[DriverContext], object]
"""Builds one device; None for a class the terminal does not have."""
DriverTable = Mapping[tuple[DeviceClass, str], Factory]
StatusListener = Callable[[DeviceClass, DeviceStatus], None]
"""Told (device class, new status) on the manager's monitor thread."""
Statuses = dict[DeviceClass, DeviceStatus | None]
"""Every class's status; None for a class the terminal does not have."""

GONE = frozenset({DeviceStatus.NO_DEVICE, DeviceStatus.OFFLINE})
"""A device in one of these that then shows anything else has come back: it is reopened."""
OUT_OF_ORDER = GONE | {
    DeviceStatus.POWER_OFF,
    DeviceStatus.HARDWARE_ERROR,
    DeviceStatus.USER_ERROR,
}
"""A device in one of these cannot do its work now (busy and starting can)."""


def _smartcard_pcsc(ctx: DriverContext) -> SmartCardReader:
    from devices.smartcard.pcsc import PcscCardSlot
    from devices.smartcard.reader import SmartCardReader

    return SmartCardReader(PcscCardSlot(ctx.options.card_reader_name))


def _smartcard_inprocess(ctx: DriverContext) -> SmartCardReader:
    from devices.smartcard.inprocess import InProcessCardSlot
    from devices.smartcard.reader import SmartCardReader

    return SmartCardReader(InProcessCardSlot())


def _idcard_serial(ctx: DriverContext) -> IdCardReader:
    from devices.idcard.reader import IdCardReader

    return IdCardReader(ctx.options.idcard_port)


def _camera_opencv(ctx: DriverContext) -> LazyCamera:
    o = ctx.options

    def source() -> FrameSource:
        # OpenCV and NumPy load with the first face check, not with the first screen.
        from devices.camera.source import OpenCvSource

        return OpenCvSource(o.camera_index, o.camera_width, o.camera_height, o.camera_fps)

    return LazyCamera(source)


def _camera_simulator(ctx: DriverContext) -> LazyCamera:
    """Plays `devices.camera_clip` (a video file or a directory of images), looped. A terminal
    has no clip of its own (the demo's driver row brings one)."""
    o = ctx.options

    def source() -> FrameSource:
        from devices.camera.source import CameraUnavailable, ClipSource

        if not o.camera_clip:
            raise CameraUnavailable("devices.camera_clip: not set")
        clip = Path(o.camera_clip).expanduser()
        if clip.is_dir():
            return ClipSource.from_files(sorted(clip.iterdir()), o.camera_fps)
        return ClipSource.from_video(clip, o.camera_fps)

    return LazyCamera(source)


def _printer_cups(ctx: DriverContext) -> A4Printer:
    from devices.printer.cups import CupsPrinter

    return CupsPrinter(ctx.options.printer_queue)


def _printer_spool(ctx: DriverContext) -> A4Printer:
    from devices.printer.spool import SpoolPrinter

    return SpoolPrinter(ctx.state_dir / "spool")


def _receipt_device(ctx: DriverContext) -> ReceiptPrinter:
    from devices.printer.receipt import DeviceReceiptPrinter

    return DeviceReceiptPrinter(ctx.options.receipt_printer_device)


def _receipt_spool(ctx: DriverContext) -> ReceiptPrinter:
    from devices.printer.receipt import SpoolReceiptPrinter

    return SpoolReceiptPrinter(ctx.state_dir / "receipts")


def _pinpad_simulator(ctx: DriverContext) -> PinPad:
    from devices.pinpad.simulator import SimulatedPinPad

    return SimulatedPinPad()


def _issuer_simulator(ctx: DriverContext) -> CardIssuer:
    """Blank virtual chips through a chip station: with a PC/SC card reader, a second vpcd slot
    behind pcscd (the chip station reader is devices.issuer_reader_name); else in-process."""
    from devices.card_issuer.simulator import IssuerTimings, SimulatedCardIssuer
    from devices.smartcard.inprocess import InProcessCardSlot

    o = ctx.options
    chip_station: CardSlot
    holder: InProcessCardSlot | VpcdSlotLike
    if o.card_reader == "pcsc":
        from devices.smartcard.pcsc import PcscCardSlot
        from devices.smartcard.vpcd import VpcdSlot

        chip_station = PcscCardSlot(o.issuer_reader_name)
        holder = VpcdSlot(o.vpcd_port + 1)
    else:
        chip_station = holder = InProcessCardSlot("Sheyin in-process chip station")
    key = o.issuer_chip_key.get_secret_value()
    return SimulatedCardIssuer(
        chip_station,
        holder,
        hopper=o.issuer_hopper,
        timings=IssuerTimings().scaled(o.issuer_timing_scale),
        issuer_key=bytes.fromhex(key) if key else None,
    )


def _absent(ctx: DriverContext) -> None:
    return None


if TYPE_CHECKING:
    from devices.smartcard.vpcd import VpcdSlot as VpcdSlotLike

DRIVERS: dict[tuple[DeviceClass, str], Factory] = {
    (DeviceClass.CARD_READER, "pcsc"): _smartcard_pcsc,
    (DeviceClass.CARD_READER, "inprocess"): _smartcard_inprocess,
    (DeviceClass.IDCARD_READER, "serial"): _idcard_serial,
    (DeviceClass.IDCARD_READER, "none"): _absent,
    (DeviceClass.CAMERA, "opencv"): _camera_opencv,
    (DeviceClass.CAMERA, "simulator"): _camera_simulator,
    (DeviceClass.PRINTER, "cups"): _printer_cups,
    (DeviceClass.PRINTER, "spool"): _printer_spool,
    (DeviceClass.PRINTER, "none"): _absent,
    (DeviceClass.RECEIPT_PRINTER, "device"): _receipt_device,
    (DeviceClass.RECEIPT_PRINTER, "spool"): _receipt_spool,
    (DeviceClass.RECEIPT_PRINTER, "none"): _absent,
    (DeviceClass.PINPAD, "simulator"): _pinpad_simulator,
    (DeviceClass.PINPAD, "screen"): _absent,
    (DeviceClass.CARD_ISSUER, "simulator"): _issuer_simulator,
    (DeviceClass.CARD_ISSUER, "none"): _absent,
}
SIMULATORS: frozenset[tuple[DeviceClass, str]] = frozenset(
    {
        (DeviceClass.CARD_READER, "inprocess"),
        (DeviceClass.CAMERA, "simulator"),
        (DeviceClass.PRINTER, "spool"),
        (DeviceClass.RECEIPT_PRINTER, "spool"),
        (DeviceClass.PINPAD, "simulator"),
        (DeviceClass.CARD_ISSUER, "simulator"),
    }
)
"""The driver rows that stand in for hardware: the demo's and the tests', never a terminal's."""


def configured_driver(options: DeviceOptions, device_class: DeviceClass) -> str:
    """The driver the settings name for a class (`devices.<class>`)."""
    return str(getattr(options, device_class.value))


def simulated_classes(options: DeviceOptions) -> list[DeviceClass]:
    """The classes whose configured driver is a simulator."""
    return [c for c in DeviceClass if (c, configured_driver(options, c)) in SIMULATORS]


class LazyCamera:
    """The camera, built on first use (a session, warm-up or diagnose), once: opening a camera
    and building a simulator's clip take a while, and the first screen must not wait for it."""

    name = "camera"

    def __init__(self, source: Callable[[], FrameSource]) -> None:
        self._source = source
        self._lock = threading.Lock()
        self._camera: Camera | None = None
        self.counters = Counters("starts")

    def __call__(self) -> Camera:
        """The camera, not yet capturing: whoever needs pictures starts it, and stops it."""
        with self._lock:
            if self._camera is None:
                from devices.camera.camera import Camera

                self._camera = Camera(self._source(), counters=self.counters)
            return self._camera

    @property
    def built(self) -> bool:
        return self._camera is not None

    def counts(self) -> DeviceCounts:
        return self.counters.snapshot()

    def media(self) -> str | None:
        return None

    def status(self) -> DeviceStatus:
        """The camera's, once built; starting before (a status poll does not build it)."""
        camera = self._camera
        return DeviceStatus.STARTING if camera is None else camera.status()

    def self_test(self) -> SelfTestReport:
        from devices.camera.source import CameraUnavailable

        try:
            camera = self()
        except CameraUnavailable as exc:  # the source cannot be built: a finding, not a crash
            return SelfTestReport(
                self.name, False, DeviceStatus.NO_DEVICE, (("opened", False, exc.code),)
            )
        return camera.self_test()

    def close(self) -> None:
        with self._lock:
            if self._camera is not None:
                self._camera.close()


@dataclass(frozen=True)
class DeviceDetail:
    """One device as the technician's desk shows it, gathered without I/O."""

    driver: str
    status: DeviceStatus | None
    """As the monitor last saw it; None before its first round."""
    media: str | None
    counts: DeviceCounts


@dataclass(frozen=True)
class DeviceSet:
    """The devices the flows use, typed; None for a class the terminal does not have."""

    card_reader: SmartCardReader
    camera: Callable[[], Camera] | None = None
    """Built on first use: opening a camera and building a simulator's clip take a while."""
    printer: A4Printer | None = None
    idcard_reader: IdCardReader | None = None
    receipt_printer: ReceiptPrinter | None = None
    pinpad: PinPad | None = None
    """None: the on-screen keypad takes bank PINs."""
    card_issuer: CardIssuer | None = None
    issuer_chip: SmartCardReader | None = None
    """The reader of the issuer's chip station."""


class DeviceManager:
    """Builds every device class through the driver table; status, monitoring, self-test,
    reopening and closing of all of them."""

    def __init__(
        self,
        options: DeviceOptions,
        state_dir: Path,
        drivers: DriverTable = DRIVERS,
    ) -> None:
        self._context = DriverContext(options, state_dir)
        self._drivers = drivers
        self._listeners: list[StatusListener] = []
        self._closed = False
        self._lock = threading.Lock()
        self._poll_lock = threading.Lock()
        """One monitor round at a time."""
        self._last_lock = threading.Lock()
        """Guards `_last` alone: the GUI thread's reads never wait for a round's device calls."""
        self._last: Statuses | None = None
        self._round_at: datetime | None = None
        self._stop = threading.Event()
        self._monitor: threading.Thread | None = None
        self._faults = {device_class: Counters() for device_class in DeviceClass}
        """Faults of the devices that keep no counters of their own."""
        self.devices: dict[DeviceClass, Device | None] = {}
        """Every class's device as its driver built it (None: the terminal has none)."""
        try:
            for device_class in DeviceClass:
                self.devices[device_class] = self._build(device_class)
            self.set = self._typed()
        except BaseException:
            self.close()
            raise

    def _build(self, device_class: DeviceClass) -> Device | None:
        driver = self.driver(device_class)
        factory = self._drivers.get((device_class, driver))
        if factory is None:
            raise UnknownDriver(f"devices.{device_class.value}: no driver {driver!r}")
        device = factory(self._context)
        if device is not None and not isinstance(device, Device):
            raise TypeError(f"devices.{device_class.value}: driver {driver!r} built no device")
        log.info("device %s: driver %s", device_class.value, driver)
        return device

    def _typed(self) -> DeviceSet:
        from devices.smartcard.reader import SmartCardReader

        d = self.devices
        issuer: CardIssuer | None = d[DeviceClass.CARD_ISSUER]  # type: ignore[assignment]
        chip = SmartCardReader(issuer.chip_station, "issuer_chip") if issuer else None
        self._issuer_chip = chip
        return DeviceSet(
            card_reader=d[DeviceClass.CARD_READER],  # type: ignore[arg-type]
            camera=d[DeviceClass.CAMERA],  # type: ignore[arg-type]
            printer=d[DeviceClass.PRINTER],  # type: ignore[arg-type]
            idcard_reader=d[DeviceClass.IDCARD_READER],  # type: ignore[arg-type]
            receipt_printer=d[DeviceClass.RECEIPT_PRINTER],  # type: ignore[arg-type]
            pinpad=d[DeviceClass.PINPAD],  # type: ignore[arg-type]
            card_issuer=issuer,
            issuer_chip=chip,
        )

    def driver(self, device_class: DeviceClass) -> str:
        """The driver the settings name for this class."""
        return configured_driver(self._context.options, device_class)

    def _present(self) -> list[tuple[DeviceClass, Device]]:
        return [(c, d) for c, d in self.devices.items() if d is not None]

    # --- status ---

    def status(self) -> Statuses:
        """Every class's status now. Each driver's status() is cheap (a printer waits a
        quarter of a second at most for its own thread), but this is no call for the GUI
        thread: listeners are."""
        return {device_class: self._status_of(device_class) for device_class in DeviceClass}

    def last_status(self) -> Statuses | None:
        """The monitor's last round, without asking any device (for the GUI thread); None
        before its first round."""
        with self._last_lock:
            return dict(self._last) if self._last is not None else None

    def _status_of(self, device_class: DeviceClass) -> DeviceStatus | None:
        device = self.devices.get(device_class)
        if device is None:
            return None
        try:
            return device.status()
        except Exception as exc:  # a driver's bug must not stop the monitor
            log.warning(
                "device.status_failed: %s %s",
                device_class.value,
                getattr(exc, "code", type(exc).__name__),
            )
            return DeviceStatus.HARDWARE_ERROR

    def details(self) -> dict[DeviceClass, DeviceDetail | None]:
        """Every device's status, media and counters as last known, without asking any device
        (for the GUI thread); None for a class the terminal does not have."""
        last = self.last_status() or {}
        details: dict[DeviceClass, DeviceDetail | None] = {}
        for device_class, device in self.devices.items():
            if device is None:
                details[device_class] = None
                continue
            driver, status = self.driver(device_class), last.get(device_class)
            if isinstance(device, Counted):
                detail = DeviceDetail(driver, status, device.media(), device.counts())
            else:
                detail = DeviceDetail(driver, status, None, self._faults[device_class].snapshot())
            details[device_class] = detail
        return details

    def _count_fault(
        self, device_class: DeviceClass, status: DeviceStatus, since: datetime | None
    ) -> None:
        """A status into an out-of-order state is a fault, unless the device counted the same
        one itself since the last round (a jam raised on the feed, then seen as hardwareError)."""
        counters = self._counters_of(device_class)
        last = counters.snapshot().last_fault
        if last is not None and since is not None and last.at >= since:
            return
        counters.fault(f"{device_class.value}.{status.value}")

    def _counters_of(self, device_class: DeviceClass) -> Counters:
        device = self.devices.get(device_class)
        return device.counters if isinstance(device, Counted) else self._faults[device_class]

    def add_listener(self, listener: StatusListener) -> Callable[[], None]:
        """`listener(device_class, status)` is called on the monitor thread when a device's
        status changes. Returns a function that removes it."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def poll(self) -> Statuses:
        """One round of the monitor: every status; listeners told of each change since the
        last round (the first round only sets the baseline); a device that came back
        reopened."""
        with self._poll_lock:
            started = datetime.now(UTC)
            now = self.status()
            with self._last_lock:
                before, self._last = self._last, now
            since, self._round_at = self._round_at, started
            if before is None:
                return now
            for device_class, status in now.items():
                old = before.get(device_class)
                if status is None or status == old:
                    continue
                log.info(
                    "device %s: %s -> %s",
                    device_class.value,
                    old.value if old else "none",
                    status.value,
                )
                if status in OUT_OF_ORDER:
                    self._count_fault(device_class, status, since)
                if old in GONE and status not in GONE:
                    self._reopen(device_class)
                self._notify(device_class, status)
            return now

    def _notify(self, device_class: DeviceClass, status: DeviceStatus) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(device_class, status)
            except Exception:
                log.exception("device.listener_failed: %s", device_class.value)

    def _reopen(self, device_class: DeviceClass) -> None:
        device = self.devices.get(device_class)
        if not isinstance(device, Reopenable):
            return  # it recovers by itself (pcscd's monitor, the camera's capture thread)
        log.info("device %s: back, reopening", device_class.value)

        def reopened(done: Future[None]) -> None:
            error = None if done.cancelled() else done.exception()
            if done.cancelled() or error is not None:
                code = getattr(error, "code", type(error).__name__) if error else "cancelled"
                log.warning("device.reopen_failed: %s %s", device_class.value, code)
            else:
                log.info("device %s: reopened", device_class.value)

        device.reopen().add_done_callback(reopened)

    def start_monitoring(self, every_s: float = 2.0) -> None:
        """Starts the monitor thread: a `poll()` every `every_s` seconds until close()."""
        with self._lock:
            if self._closed or self._monitor is not None:
                return
            self._monitor = threading.Thread(
                target=self._watch, args=(every_s,), name="device-monitor", daemon=True
            )
            self._monitor.start()

    def _watch(self, every_s: float) -> None:
        while True:
            try:
                self.poll()
            except Exception:  # the monitor outlives any one bad round
                log.exception("device.monitor_failed")
            if self._stop.wait(every_s):
                return

    # --- self-test and closing ---

    def self_test(self) -> dict[DeviceClass, SelfTestReport | None]:
        """Every configured device's self-test, run side by side (each on the device's own
        thread, so this waits: not from the GUI thread); None for a class the terminal does
        not have."""
        present = self._present()
        reports: dict[DeviceClass, SelfTestReport | None] = dict.fromkeys(DeviceClass)
        if not present:
            return reports
        with ThreadPoolExecutor(len(present), thread_name_prefix="self-test") as pool:
            running = {c: pool.submit(self._self_test, c, d) for c, d in present}
            for device_class, future in running.items():
                reports[device_class] = future.result()
        return reports

    def self_test_one(self, device_class: DeviceClass) -> SelfTestReport | None:
        """One device's self-test (it waits: not from the GUI thread); None for a class the
        terminal does not have."""
        device = self.devices.get(device_class)
        return None if device is None else self._self_test(device_class, device)

    @staticmethod
    def _self_test(device_class: DeviceClass, device: Device) -> SelfTestReport:
        try:
            return device.self_test()
        except Exception as exc:  # a self-test that breaks is a failed one, not a crash
            code = str(getattr(exc, "code", type(exc).__name__))
            log.warning("device.self_test_failed: %s %s", device_class.value, code)
            return SelfTestReport(
                device_class.value,
                False,
                DeviceStatus.HARDWARE_ERROR,
                (("self-test", False, code),),
            )

    def close(self) -> None:
        """Stops the monitor, then closes every device, once, the last built first; one that
        fails to close is logged and the others are closed all the same."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            monitor = self._monitor
        self._stop.set()
        if monitor is not None and monitor is not threading.current_thread():
            monitor.join(10.0)
        closing = list(self.devices.items())
        chip = getattr(self, "_issuer_chip", None)
        if chip is not None:
            closing.append((DeviceClass.CARD_ISSUER, chip))
        for device_class, device in reversed(closing):
            if device is None:
                continue
            try:
                device.close()
            except Exception:
                log.exception("device.close_failed: %s", device_class.value)
