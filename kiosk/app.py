"""Composition root: builds the devices, the central client and the flow runner from settings."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from devices.smartcard.inprocess import InProcessCardSlot
from devices.smartcard.reader import CardSlot, SmartCardReader
from kiosk.config import DeviceSettings, Settings
from kiosk.demo import CardHolder, DemoCardTray, DemoIdCardTray
from kiosk.services.catalog import FLOWS, SERVICES, ServiceInfo
from kiosk.services.runner import FlowRunner
from kiosk.services.session import Central, Devices, Outbound, UiPort

if TYPE_CHECKING:
    from devices.camera.camera import Camera
    from devices.camera.source import FrameSource, Image
    from devices.card_issuer.base import CardIssuer
    from devices.pinpad.base import PinPad
    from devices.printer.base import A4Printer
    from devices.printer.receipt import ReceiptPrinter
    from kiosk.central.client import CentralClient
    from kiosk.central.outbound import CentralOutbound
    from offline_queue.errors import OutboxUnavailable
    from offline_queue.service import OfflineQueue
    from offline_queue.store import Outbox

ConnectivityListener = Callable[[bool], None]
RETAIN_TIMEOUT_S = 30.0

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    settings: Settings
    devices: Devices
    demo_tray: DemoCardTray | None
    cameras: CameraHolder | None = None
    id_card_tray: DemoIdCardTray | None = None
    services: tuple[ServiceInfo, ...] = SERVICES
    today: Callable[[], date] = field(default=date.today)
    _central: CentralClient | None = field(default=None, init=False, repr=False)
    _central_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _outbound: CentralOutbound | None = field(default=None, init=False, repr=False)
    _queue_problem: OutboxUnavailable | None = field(default=None, init=False, repr=False)
    _queue_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _listeners: list[ConnectivityListener] = field(default_factory=list, init=False, repr=False)

    @property
    def central(self) -> CentralClient:
        """Built on first use: requests and the contract models are not needed to show the
        attract and home screens, and importing them there costs more than the screens do."""
        with self._central_lock:
            if self._central is None:
                from kiosk.central.client import CentralClient

                self._central = CentralClient(self.settings.central)
                self._central.on_reachability = self._reachability
            return self._central

    @property
    def outbound(self) -> CentralOutbound:
        """The offline queue, opened and started on first use (warm_up does it early).

        Raises OutboxUnavailable if it cannot be opened (wrong key file, not durable); the
        error stays until a technician fixes it and the kiosk restarts."""
        with self._queue_lock:
            if self._queue_problem is not None:
                raise self._queue_problem
            if self._outbound is None:
                from offline_queue.errors import OutboxUnavailable

                try:
                    self._outbound = self._open_outbound()
                except OutboxUnavailable as problem:
                    log.error("%s: %s", problem.code, problem)
                    self._queue_problem = problem
                    raise
            return self._outbound

    def _open_outbound(self) -> CentralOutbound:
        from kiosk.central.outbound import CentralOutbound, deliverer
        from offline_queue.delivery import Backoff
        from offline_queue.errors import OutboxCorrupt
        from offline_queue.service import OfflineQueue

        tuning = self.settings.queue
        try:
            outbox = open_outbox(self.settings)
        except OutboxCorrupt:
            # Moved aside intact and logged loudly by the outbox; a new one lets citizens be
            # served while the technician recovers the old one (`sheyin queue status`).
            outbox = open_outbox(self.settings)
        queue = OfflineQueue(
            outbox,
            deliverer(lambda: self.central),
            self._probe,
            backoff=Backoff(tuning.backoff_base_s, tuning.backoff_cap_s),
            lease_s=tuning.lease_s,
            submit_wait_s=tuning.submit_wait_s,
            online_probe_s=tuning.online_probe_s,
            offline_probe_s=tuning.offline_probe_s,
        )
        queue.monitor.add_listener(self._connectivity_changed)
        queue.start()
        outbound = CentralOutbound(queue, lambda: self.central)
        # Orders an earlier life of this kiosk left open are seen through now, then regularly.
        outbound.payments.start(tuning.payment_reconcile_s)
        issuer = self.devices.card_issuer
        if issuer is not None and outbound.issuance.unfinished():
            self._recover_issuances(outbound, issuer)
        return outbound

    @staticmethod
    def _recover_issuances(outbound: CentralOutbound, issuer: CardIssuer) -> None:
        """Issuances a dead process left open are spoiled now. A failure here (a jammed issuer
        that cannot retain) must not keep the queue closed: it is logged, and the rows stay
        open for the next start."""
        try:
            outbound.issuance.recover(lambda: issuer.retain().result(RETAIN_TIMEOUT_S))
        except Exception as exc:
            log.error("card.recovery_failed: %s", getattr(exc, "code", type(exc).__name__))

    def _probe(self) -> bool:
        return self.central.reachable()

    def _reachability(self, reachable: bool) -> None:
        outbound = self._outbound
        if outbound is not None:
            outbound.queue.monitor.report(reachable)

    @property
    def online(self) -> bool | None:
        """None until known; the queue's monitor decides."""
        outbound = self._outbound
        return outbound.queue.monitor.online if outbound is not None else None

    @property
    def queue(self) -> OfflineQueue | None:
        outbound = self._outbound
        return outbound.queue if outbound is not None else None

    def add_connectivity_listener(self, listener: ConnectivityListener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _connectivity_changed(self, online: bool) -> None:
        outbound = self._outbound
        if online and outbound is not None:
            outbound.payments.wake()
        for listener in list(self._listeners):
            listener(online)

    def warm_up(self) -> None:
        """Builds the central client and starts the queue on a background thread, once the
        first screen is up."""

        def warm() -> None:
            from kiosk.services.catalog import preload
            from offline_queue.errors import OutboxUnavailable

            preload()
            self.central  # noqa: B018 - built for its side effect
            if self.devices.camera is not None:
                self.devices.camera()  # builds the simulator's clip, if any, off the GUI thread
            with contextlib.suppress(OutboxUnavailable):  # logged; services say so when used
                self.outbound  # noqa: B018

        threading.Thread(target=warm, name="warm-up", daemon=True).start()

    def runner(self, ui: UiPort) -> FlowRunner:
        def central() -> Central:
            return self.central

        def outbound() -> Outbound:
            return self.outbound

        return FlowRunner(
            FLOWS, ui, central, self.devices, self.today, outbound=outbound, settings=self.settings
        )

    def close(self) -> None:
        if self.demo_tray is not None:
            self.demo_tray.remove()
        self.devices.card_reader.close()
        if self.cameras is not None:
            self.cameras.close()
        if self.devices.idcard_reader is not None:
            self.devices.idcard_reader.close()
        if self.devices.pinpad is not None:
            self.devices.pinpad.close()
        if self.devices.issuer_chip is not None:
            self.devices.issuer_chip.close()
        if self.devices.card_issuer is not None:
            self.devices.card_issuer.close()
        if self.id_card_tray is not None:
            self.id_card_tray.simulator.stop()
        with self._queue_lock:
            if self._outbound is not None:
                outbound, self._outbound = self._outbound, None
                outbound.payments.stop()
                outbound.queue.stop()
                outbound.queue.outbox.close()
        with self._central_lock:
            if self._central is not None:
                self._central.close()


def open_outbox(settings: Settings) -> Outbox:
    """The outbox named by the settings, without a worker (also for `sheyin queue`)."""
    from offline_queue.store import Limits, Outbox

    data_dir = settings.paths.resolved_data_dir()
    q = settings.queue
    limits = Limits(
        max_open_entries=q.max_open_entries,
        max_file_bytes=q.max_file_mb * 1024 * 1024,
        min_free_bytes=q.min_free_mb * 1024 * 1024,
        purge_after_days=q.purge_after_days,
    )
    return Outbox(q.resolved_db(data_dir), q.resolved_key_file(data_dir), limits)


class CameraHolder:
    """Builds the camera on first use (a session, warm_up or diagnose), once."""

    def __init__(self, settings: DeviceSettings) -> None:
        self._settings = settings
        self._lock = threading.Lock()
        self.camera: Camera | None = None

    def get(self) -> Camera:
        """The camera, not yet capturing: whoever needs pictures starts it, and stops it."""
        with self._lock:
            if self.camera is None:
                from devices.camera.camera import Camera

                self.camera = Camera(self._source())
            return self.camera

    def _source(self) -> FrameSource:
        from devices.camera.source import ClipSource, OpenCvSource

        d = self._settings
        if d.camera == "opencv":
            return OpenCvSource(d.camera_index, d.camera_width, d.camera_height, d.camera_fps)
        if d.camera_clip:
            clip = Path(d.camera_clip).expanduser()
            if clip.is_dir():
                return ClipSource.from_files(sorted(clip.iterdir()), d.camera_fps)
            return ClipSource.from_video(clip, d.camera_fps)
        return ClipSource(demo_clip(), d.camera_fps, "simulator:demo pensioner")

    def close(self) -> None:
        with self._lock:
            if self.camera is not None:
                self.camera.close()


def demo_clip() -> list[Image]:
    """The demo's camera: the due demo pensioner, cooperating (kiosk/central/sandbox/faces)."""
    import cv2

    from kiosk.central.sandbox.db import FACES_DIR
    from kiosk.face.clips import cooperative_clip

    portrait: Image | None = cv2.imread(str(FACES_DIR / "pensioner-due.jpg"))
    if portrait is None:
        raise FileNotFoundError("the demo portrait is missing from the package")
    return cooperative_clip(portrait)


def build_printer(settings: Settings) -> A4Printer:
    if settings.devices.printer == "cups":
        from devices.printer.cups import CupsPrinter

        return CupsPrinter(settings.devices.printer_queue)
    from devices.printer.spool import SpoolPrinter

    return SpoolPrinter(settings.paths.resolved_data_dir() / "spool")


def build_receipt_printer(settings: Settings) -> ReceiptPrinter:
    from devices.printer.receipt import DeviceReceiptPrinter, SpoolReceiptPrinter

    if settings.devices.receipt_printer == "device":
        return DeviceReceiptPrinter(settings.devices.receipt_printer_device)
    return SpoolReceiptPrinter(settings.paths.resolved_data_dir() / "receipts")


def build_pinpad(settings: Settings) -> PinPad | None:
    """None: bank PINs go on the on-screen shuffled keypad."""
    if settings.devices.pinpad == "simulator":
        from devices.pinpad.simulator import SimulatedPinPad

        return SimulatedPinPad()
    return None


def build_card_issuer(settings: Settings) -> CardIssuer | None:
    d = settings.devices
    if d.card_issuer == "none":
        return None
    from devices.card_issuer.simulator import IssuerTimings, SimulatedCardIssuer

    chip_station: CardSlot
    if d.card_reader == "pcsc":
        from devices.smartcard.pcsc import PcscCardSlot
        from devices.smartcard.vpcd import VpcdSlot

        chip_station = PcscCardSlot(d.issuer_reader_name)
        holder: InProcessCardSlot | VpcdSlot = VpcdSlot(d.vpcd_port + 1)
    else:
        chip_station = holder = InProcessCardSlot("Sheyin in-process chip station")
    return SimulatedCardIssuer(
        chip_station,
        holder,
        hopper=d.issuer_hopper,
        timings=IssuerTimings().scaled(d.issuer_timing_scale),
    )


def build_kiosk(settings: Settings) -> Kiosk:
    slot: CardSlot
    holder: CardHolder | None = None
    if settings.devices.card_reader == "pcsc":
        from devices.smartcard.pcsc import PcscCardSlot
        from devices.smartcard.vpcd import VpcdSlot

        slot = PcscCardSlot(settings.devices.card_reader_name)
        if settings.kiosk.demo:
            holder = VpcdSlot(settings.devices.vpcd_port)
    else:
        slot = holder = InProcessCardSlot()
    tray = DemoCardTray(holder) if settings.kiosk.demo and holder is not None else None
    cameras = CameraHolder(settings.devices)
    id_tray = None
    idcard_reader = None
    if settings.devices.idcard_port or settings.kiosk.demo:
        from devices.idcard.reader import IdCardReader
        from devices.idcard.simulator import IdCardReaderSimulator
    if settings.devices.idcard_port:
        idcard_reader = IdCardReader(settings.devices.idcard_port)
    elif settings.kiosk.demo:
        # The demo's ID card reader: the real driver, through a pty to the simulator.
        id_tray = DemoIdCardTray(IdCardReaderSimulator().start())
        idcard_reader = IdCardReader(id_tray.simulator.port)
    issuer = build_card_issuer(settings)
    devices = Devices(
        card_reader=SmartCardReader(slot),
        camera=cameras.get,
        printer=build_printer(settings),
        idcard_reader=idcard_reader,
        receipt_printer=build_receipt_printer(settings),
        pinpad=build_pinpad(settings),
        card_issuer=issuer,
        issuer_chip=SmartCardReader(issuer.chip_station, "issuer_chip") if issuer else None,
    )
    log.info(
        "kiosk built: role=%s card_reader=%s demo=%s",
        settings.kiosk.role,
        settings.devices.card_reader,
        settings.kiosk.demo,
    )
    return Kiosk(settings, devices, tray, cameras=cameras, id_card_tray=id_tray)
