"""Composition root of a real terminal: the devices (through devices.manager), the central client,
the offline queue and the flow runner, from the settings. Nothing of the demo or the sandbox:
`sheyin demo` composes those around this (kiosk/cli.py)."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from devices.base import DeviceStatus
from devices.manager import DRIVERS, OUT_OF_ORDER, DeviceClass, DeviceManager, DriverTable
from kiosk.codes import ServiceId
from kiosk.config import Settings
from kiosk.roles.vendor_mode import VendorState
from kiosk.services.catalog import FLOWS, SERVICES, ServiceInfo, fitted_to
from kiosk.services.runner import FlowRunner
from kiosk.services.session import SESSION_OPERATOR, Central, Devices, Outbound, UiPort

if TYPE_CHECKING:
    import sqlite3

    from devices.card_issuer.base import CardIssuer
    from kiosk.audit import AuditAnchoring, AuditLog
    from kiosk.central import models as m
    from kiosk.central.client import CentralClient
    from kiosk.central.operations import Rep, Req, WriteOperation
    from kiosk.central.outbound import CentralOutbound, Submission
    from kiosk.documents.day_report import DayReport
    from kiosk.fleet.agent import FleetAgent
    from kiosk.fleet.host import Host
    from kiosk.ledgers.issuance import IssuanceLedger
    from kiosk.ledgers.payments import PaymentLedger
    from kiosk.ledgers.visits import VisitJournal
    from kiosk.roles.device_checks import DeviceChecks
    from kiosk.roles.staff import StaffLogin
    from kiosk.roles.staff_day import VisitRecorder
    from kiosk.roles.technician import TechnicianLogin
    from kiosk.system.restarts import Backoff
    from offline_queue.errors import OutboxUnavailable
    from offline_queue.service import OfflineQueue
    from offline_queue.store import Outbox

ConnectivityListener = Callable[[bool], None]
RETAIN_TIMEOUT_S = 30.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Writes:
    """What the offline queue gives the services: the way to write to the central system, and
    the ledgers of what must be seen through once started (kiosk.services.session.Outbound)."""

    central: CentralOutbound
    payments: PaymentLedger
    """Payment orders until the central system has closed them."""
    issuance: IssuanceLedger
    """Card issuances until their outcome (issued or spoiled) is in the outbox."""

    @property
    def queue(self) -> OfflineQueue:
        return self.central.queue

    @property
    def online(self) -> bool | None:
        return self.central.online

    def submit(
        self,
        operation: WriteOperation[Req, Rep],
        build: Callable[[str], Req],
        ordering_key: str | None = None,
        business: Callable[[sqlite3.Connection, str], None] | None = None,
    ) -> Submission[Rep]:
        return self.central.submit(operation, build, ordering_key, business)

    def progress(self, receipt_number: str) -> m.ReceiptProgress:
        return self.central.progress(receipt_number)


@dataclass(frozen=True)
class Availability:
    vendor: VendorState
    outages: dict[ServiceId, DeviceClass]
    """Each service that cannot start now, with the device it lacks."""
    services: int
    backoff: Backoff | None = None
    """This run is a back-off after a crash loop (kiosk.system.restarts)."""
    closed_remotely: bool = False
    """The operations centre's `out-of-service` command (kiosk.fleet), until its `in-service`."""

    @property
    def out_of_service(self) -> bool:
        """No service can start: the kiosk says so instead of offering tiles that all fail.
        In vendor mode the technician has the kiosk, whatever the devices; in a back-off after
        a crash loop nobody but the technician has it; closed by the operations centre, nobody
        until it reopens it."""
        return (
            self.vendor is not VendorState.INACTIVE
            or len(self.outages) == self.services
            or self.backoff is not None
            or self.closed_remotely
        )


@dataclass
class Kiosk:
    settings: Settings
    device_manager: DeviceManager
    services: tuple[ServiceInfo, ...] = SERVICES
    today: Callable[[], date] = field(default=date.today)
    _central: CentralClient | None = field(default=None, init=False, repr=False)
    _central_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _outbound: Writes | None = field(default=None, init=False, repr=False)
    _queue_problem: OutboxUnavailable | None = field(default=None, init=False, repr=False)
    _queue_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _listeners: list[ConnectivityListener] = field(default_factory=list, init=False, repr=False)
    _anchoring: AuditAnchoring | None = field(default=None, init=False, repr=False)
    _technician_login: TechnicianLogin | None = field(default=None, init=False, repr=False)
    _staff_login: StaffLogin | None = field(default=None, init=False, repr=False)
    _operator: str | None = field(default=None, init=False, repr=False)
    _operator_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _visits: VisitJournal | None = field(default=None, init=False, repr=False)
    _visits_outbox: Outbox | None = field(default=None, init=False, repr=False)
    _stop_fleet_listeners: Callable[[], object] = field(
        default=lambda: None, init=False, repr=False
    )
    _sessions_held: int = field(default=0, init=False, repr=False)
    _hold_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    config_path: Path | None = None
    """The settings file this terminal runs on (the fleet's `load-settings` replaces it)."""
    backoff: Backoff | None = field(default=None, init=False)
    """Set by `sheyin run` when this start comes after a crash loop: 暂停服务 for its time."""
    fleet: FleetAgent | None = field(default=None, init=False)
    """Started by `start_fleet` when `fleet.broker_url` is set."""

    @property
    def audit(self) -> AuditLog:
        """The audit log of technician and staff actions, in the data directory."""
        from kiosk.audit import AuditLog, audit_log_path

        return AuditLog(audit_log_path(private_data_dir(self.settings)))

    @property
    def technician_login(self) -> TechnicianLogin:
        """Checks a technician's number and PIN (online, or offline against the kept hash);
        one for the kiosk."""
        if self._technician_login is None:
            self._technician_login = technician_login(self.settings, self.central)
        return self._technician_login

    @property
    def staff_login(self) -> StaffLogin:
        """Checks a member of staff's number and PIN (online, or offline against the kept
        hash), unlocks the idle-locked terminal, audits the logout; one for the terminal."""
        if self._staff_login is None:
            self._staff_login = staff_login(self.settings, self.central)
        return self._staff_login

    @property
    def operator(self) -> str | None:
        """The number of the member of staff on duty (set at their login, cleared at their
        logout), stamped on every write to the central system; None when nobody is."""
        with self._operator_lock:
            return self._operator

    @operator.setter
    def operator(self, staff_id: str | None) -> None:
        from kiosk.roles.staff import STAFF_ID

        if staff_id is not None and not STAFF_ID.fullmatch(staff_id):
            raise ValueError("staff.number_invalid")
        with self._operator_lock:
            self._operator = staff_id

    def device_checks(self) -> DeviceChecks:
        """The technician's test of each device, audited."""
        from kiosk.roles.device_checks import DeviceChecks

        return DeviceChecks(self.device_manager, self.audit, self.settings.central.terminal_id)

    def outages(self) -> dict[ServiceId, DeviceClass]:
        """Each service that cannot start now, with the device it lacks: not configured, or
        out of order in the device monitor's last round (no device is asked: this is for the
        GUI thread)."""
        from devices.manager import OUT_OF_ORDER

        statuses = self.device_manager.last_status() or {}

        def working(device: DeviceClass) -> bool:
            if self.device_manager.devices.get(device) is None:
                return False
            return statuses.get(device) not in OUT_OF_ORDER

        services = fitted_to(self.settings, self.services)
        blocked = {info.id: info.blocked_by(working) for info in services}
        return {service: device for service, device in blocked.items() if device is not None}

    def not_fitted(self) -> frozenset[DeviceClass]:
        """The device classes this terminal does not have (none configured)."""
        return frozenset(c for c, d in self.device_manager.devices.items() if d is None)

    def availability(self) -> Availability:
        """What citizens can start now, read once for a screen (a state file and the device
        monitor's last round; no device is asked)."""
        from kiosk.fleet.closure import closed_remotely, closure_path

        closed = self._sessions_held > 0 or closed_remotely(
            closure_path(private_data_dir(self.settings))
        )
        return Availability(
            self.vendor_state(), self.outages(), len(self.services), self.backoff, closed
        )

    def vendor_state(self) -> VendorState:
        """As kept in the data directory (so a kiosk restarted mid-repair stays closed)."""
        from kiosk.roles.vendor_mode import read_state

        return read_state(self.vendor_state_file)[0]

    @property
    def vendor_request_file(self) -> Path:
        """Where `sheyin vendor-mode enter` leaves a technician's request for this kiosk."""
        from kiosk.roles.vendor_request import request_path

        return request_path(private_data_dir(self.settings))

    @property
    def vendor_state_file(self) -> Path:
        return private_data_dir(self.settings) / "vendor_mode.json"

    @property
    def devices(self) -> Devices:
        return self.device_manager.set

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
    def outbound(self) -> Writes:
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

    def _open_outbound(self) -> Writes:
        from kiosk.central.outbound import CentralOutbound, deliverer
        from kiosk.ledgers.issuance import IssuanceLedger
        from kiosk.ledgers.payments import PaymentLedger
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
        # A session's writes carry whoever started it (a payment's confirmation may follow a
        # logout); the queue's own threads, whoever is on duty.
        writes = CentralOutbound(
            queue, lambda: self.central, lambda: SESSION_OPERATOR.get() or self.operator
        )
        outbound = Writes(
            writes,
            PaymentLedger(writes, lambda: self.central),
            IssuanceLedger(writes, lambda: self.central),
        )
        # Orders an earlier life of this kiosk left open are seen through now, then regularly.
        outbound.payments.start(tuning.payment_reconcile_s)
        issuer = self.devices.card_issuer
        if issuer is not None and outbound.issuance.unfinished():
            self._recover_issuances(outbound, issuer)
        return outbound

    @staticmethod
    def _recover_issuances(outbound: Writes, issuer: CardIssuer) -> None:
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
                from devices.camera.source import CameraUnavailable

                try:
                    self.devices.camera()  # builds the simulator's clip, if any, off the GUI thread
                except CameraUnavailable as exc:
                    # Said again, to the citizen, by the service that needs the camera.
                    log.info("%s: the camera could not be prepared (%s)", exc.code, exc)
            with contextlib.suppress(OutboxUnavailable):  # logged; services say so when used
                self.outbound  # noqa: B018
                self._start_anchoring()

        threading.Thread(target=warm, name="warm-up", daemon=True).start()
        # Device status changes reach listeners, and a device that comes back is reopened.
        self.device_manager.start_monitoring()

    def runner(self, ui: UiPort) -> FlowRunner:
        def central() -> Central:
            return self.central

        def outbound() -> Outbound:
            return self.outbound

        staff = self.settings.kiosk.role == "staff"
        return FlowRunner(
            FLOWS,
            ui,
            central,
            self.devices,
            self.today,
            outbound=outbound,
            settings=self.settings,
            operator=lambda: self.operator,
            on_end=self._visit_recorder() if staff else None,
        )

    def _visit_recorder(self) -> VisitRecorder:
        from kiosk.roles.staff_day import VisitRecorder

        return VisitRecorder(lambda: self.visits, self.audit, lambda: datetime.now().astimezone())

    def day_report(self, day: date, staff_id: str | None, now: datetime) -> DayReport:
        """The day's visits (one member of staff's, or everyone's) with their receipts' state."""
        from kiosk.documents.day_report import build_day_report

        return build_day_report(
            self.visits.visits(day, staff_id),
            self.outbound.queue.outbox,
            terminal_id=self.settings.central.terminal_id,
            day=day,
            staff_id=staff_id,
            generated_at=now,
        )

    def day_report_pdf(self, report: DayReport, language: str) -> bytes:
        """The report as an A4 PDF signed with this terminal's key."""
        from kiosk.documents.day_report import render_pdf

        key = self.settings.central.terminal_key.get_secret_value()
        secret = bytes.fromhex(key) if key else None
        return render_pdf(report, "zh_CN" if language == "zh_CN" else "en", secret)

    def save_day_report(self, report: DayReport, language: str) -> Path:
        """Writes the signed PDF into the reports folder (0600; masked citizens are in it) and
        deletes the reports older than `queue.purge_after_days`, as the outbox erases what it
        delivered; returns where."""
        folder = private_data_dir(self.settings) / "reports"
        folder.mkdir(mode=0o700, exist_ok=True)
        oldest = time.time() - self.settings.queue.purge_after_days * 86_400
        for old in folder.glob("day-report-*.pdf"):
            if old.stat().st_mtime < oldest:
                old.unlink(missing_ok=True)
        who = report.staff_id or "all"
        path = folder / f"day-report-{report.day.isoformat()}-{who}.pdf"
        partial = path.with_suffix(".pdf.partial")
        partial.touch(mode=0o600)
        partial.write_bytes(self.day_report_pdf(report, language))
        partial.replace(path)
        return path

    @property
    def visits(self) -> VisitJournal:
        """The staff's visit journal, in the outbox database (opened with the queue)."""
        from kiosk.ledgers.visits import VisitJournal

        outbox = self.outbound.queue.outbox
        with self._queue_lock:
            if self._visits is None or self._visits_outbox is not outbox:
                self._visits, self._visits_outbox = VisitJournal(outbox), outbox
            return self._visits

    def _start_anchoring(self) -> None:
        """The audit log's daily anchor, sent through the outbox once it is open."""
        from kiosk.audit import AuditAnchoring

        def outbound() -> Outbound:
            return self.outbound

        with self._queue_lock:
            if self._anchoring is None:
                self._anchoring = AuditAnchoring(self.audit, outbound, self.today)
                self._anchoring.start()

    # --- the fleet ---

    def start_fleet(self, host: Host) -> FleetAgent | None:
        """The fleet agent, when the settings name a broker: status, events and the centre's
        commands, from now until close(). A fleet that cannot start (a certificate that cannot
        be read, a damaged journal) is logged; the kiosk serves citizens without it."""
        if not self.settings.fleet.broker_url or self.fleet is not None:
            return self.fleet
        try:
            agent = self._fleet_agent(host)
            agent.start()
        except Exception as exc:
            log.error("fleet.start_failed: %s", getattr(exc, "code", type(exc).__name__))
            return None
        self.fleet = agent
        stop_devices = self.device_manager.add_listener(self._device_event)
        stop_line = self.add_connectivity_listener(lambda _online: agent.changed())
        self._stop_fleet_listeners = lambda: (stop_devices(), stop_line())
        return agent

    def _fleet_agent(self, host: Host) -> FleetAgent:
        from kiosk.fleet.agent import FleetAgent
        from kiosk.fleet.closure import closure_path
        from kiosk.fleet.journal import Journal
        from kiosk.fleet.status import StatusSource
        from kiosk.fleet.verbs import Verbs
        from kiosk.system.version import installed_version

        stopping = threading.Event()
        data_dir = private_data_dir(self.settings)
        source = StatusSource(self, installed_version(), host.serving, datetime.now().astimezone())
        verbs = Verbs(
            self,
            host,
            config_path=self.config_path,
            closure_file=closure_path(data_dir),
            stopping=stopping,
        )
        return FleetAgent(
            self.settings.fleet,
            self.settings.central.terminal_id,
            status=source.snapshot,
            run=verbs.run,
            journal=Journal(data_dir / "fleet_commands.json"),
            audit=self.audit,
            stopping=stopping,
        )

    def hold_sessions(self, held: bool) -> None:
        """No session starts while held (the fleet's self-test and reboot): 暂停服务. Holds
        count: a self-test ending does not open a kiosk a reboot still holds."""
        with self._hold_lock:
            self._sessions_held += 1 if held else -1

    def help_raised(self, screen: str, service: str | None) -> None:
        """A citizen pressed 求助: the operations centre sees it too (codes only)."""
        if self.fleet is not None:
            self.fleet.event("help", screen=screen, service=service)

    def _device_event(self, device: DeviceClass, status: DeviceStatus) -> None:
        if self.fleet is not None:
            if status in OUT_OF_ORDER:
                self.fleet.event("device_fault", device=device.value, status=status.value)
            self.fleet.changed()

    def close(self) -> None:
        if self.fleet is not None:
            self.fleet.stop()
            self._stop_fleet_listeners()
        with self._queue_lock:
            anchoring, self._anchoring = self._anchoring, None
        if anchoring is not None:
            anchoring.stop()
        with self._queue_lock:
            if self._outbound is not None:
                outbound, self._outbound = self._outbound, None
                outbound.payments.stop()
                outbound.queue.stop()
                outbound.queue.outbox.close()
        with self._central_lock:
            if self._central is not None:
                self._central.close()
        self.device_manager.close()


def technician_login(settings: Settings, central: CentralClient) -> TechnicianLogin:
    """The terminal's technician login: the window's, and the console's (`sheyin vendor-mode
    enter`), which share its offline hashes and its count of wrong PINs."""
    from kiosk.audit import AuditLog, audit_log_path
    from kiosk.roles.technician import TechnicianLogin

    data_dir = private_data_dir(settings)
    return TechnicianLogin(
        central.technician_login,
        data_dir / "technicians.json",
        AuditLog(audit_log_path(data_dir)),
        offline_days=settings.technician.offline_days,
        max_failures=settings.technician.max_failures,
        lockout_s=settings.technician.lockout_s,
    )


def staff_login(settings: Settings, central: CentralClient) -> StaffLogin:
    """The staff terminal's login, its offline hashes and count of wrong PINs kept apart from
    the technicians' (`staff.json`)."""
    from kiosk.audit import AuditLog, audit_log_path
    from kiosk.roles.staff import StaffLogin

    data_dir = private_data_dir(settings)
    return StaffLogin(
        central.staff_login,
        data_dir / "staff.json",
        AuditLog(audit_log_path(data_dir)),
        offline_days=settings.staff.offline_days,
        max_failures=settings.staff.max_failures,
        lockout_s=settings.staff.lockout_s,
    )


def private_data_dir(settings: Settings) -> Path:
    """The terminal's data directory, this user's alone (0700): the outbox, its key, the
    ledgers and spooled documents in it name citizens, and even their file names are nobody
    else's business. A directory an earlier release made 0755 is tightened."""
    path = settings.paths.resolved_data_dir()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        try:
            path.chmod(0o700)
        except PermissionError:
            log.warning("paths.data_dir_not_private: the data directory is not this user's")
    return path


def open_outbox(settings: Settings) -> Outbox:
    """The outbox named by the settings, without a worker (also for `sheyin queue`)."""
    from offline_queue.store import Limits, Outbox

    data_dir = private_data_dir(settings)
    q = settings.queue
    limits = Limits(
        max_open_entries=q.max_open_entries,
        max_file_bytes=q.max_file_mb * 1024 * 1024,
        min_free_bytes=q.min_free_mb * 1024 * 1024,
        purge_after_days=q.purge_after_days,
    )
    return Outbox(q.resolved_db(data_dir), q.resolved_key_file(data_dir), limits)


def build_kiosk(
    settings: Settings, drivers: DriverTable = DRIVERS, config_path: Path | None = None
) -> Kiosk:
    """The terminal the settings (read from `config_path`, if any) describe; `drivers` is the
    device driver table (the demo and the tests add their own rows)."""
    manager = DeviceManager(settings.devices, private_data_dir(settings), drivers)
    log.info(
        "kiosk built: role=%s card_reader=%s", settings.kiosk.role, settings.devices.card_reader
    )
    return Kiosk(settings, manager, config_path=config_path)
