"""`sheyin`: demo | run | sandbox | config show | diagnose | queue | card | idcard | certificate |
staff.

The one place that composes: a terminal from kiosk.app, and for `sheyin demo` (and the demo's
own commands) the sandbox and the demo's wiring around it. The kiosk window comes from the
`sheyin.frontends` entry point that `ui` registers, so that the core never imports Qt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, cast

from devices.base import DeviceError
from devices.smartcard.records import SsCardData
from kiosk.config import (
    ConfigError,
    Settings,
    check_terminal,
    describe_settings,
    load_settings,
    with_changes,
)
from kiosk.domain.identity import mask_card_number, mask_id_number, mask_name

if TYPE_CHECKING:
    from devices.camera.camera import Camera
    from kiosk.app import Kiosk
    from kiosk.audit import AuditLog
    from kiosk.domain.idcard import IdCard
    from offline_queue.store import Outbox

log = logging.getLogger("sheyin")


def _setup_logging(settings: Settings) -> None:
    from kiosk.logs import configure

    configure(settings.log.level, settings.log.file)


def _frontend() -> Callable[..., int]:
    found = entry_points(group="sheyin.frontends", name="qt")
    if not found:
        raise SystemExit("sheyin: the Qt frontend (package ui) is not installed")
    return cast(Callable[..., int], next(iter(found)).load())


def _run_window(kiosk: Kiosk, *extras: object) -> int:
    try:
        return _frontend()(kiosk, *extras)
    finally:
        kiosk.close()


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.app import build_kiosk

    try:
        check_terminal(settings)
    except ConfigError as exc:
        print(f"sheyin run: {exc}", file=sys.stderr)
        return 2
    if args.windowed:
        settings = with_changes(settings, "kiosk", windowed=True)
    return _run_window(build_kiosk(settings))


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from demo.kiosk import build_demo_kiosk
    from demo.tray_bar import tray_panel
    from devices.smartcard.pcscd import PcscdUnavailable, VpcdPcscd, start_vpcd_pcscd
    from kiosk.app import private_data_dir
    from sandbox.server import start_sandbox_process

    data_dir = private_data_dir(settings)
    db_path = Path(settings.sandbox.db) if settings.sandbox.db else data_dir / "sandbox.sqlite3"
    sandbox = start_sandbox_process(db_path, host="127.0.0.1", port=0)
    log.info("demo: sandbox central system at %s", sandbox.url)
    pcscd: VpcdPcscd | None = None
    try:
        # The real card path where it can run: pcscd + vpcd, the tray's cards on loopback.
        pcscd = start_vpcd_pcscd()
        settings = with_changes(
            settings,
            "devices",
            card_reader="pcsc",
            card_reader_name="^Virtual PCD 00 00$",
            vpcd_port=pcscd.port,
        )
        log.info("demo: cards through pcscd and vpcd (port %d)", pcscd.port)
    except PcscdUnavailable as exc:
        log.info("demo: cards held in-process (%s)", exc)
    try:
        settings = with_changes(settings, "kiosk", windowed=args.windowed or None)
        kiosk = build_demo_kiosk(settings, sandbox.url)
        return _run_window(kiosk, tray_panel(kiosk))
    finally:
        if pcscd is not None:
            pcscd.stop()
        sandbox.stop()


def cmd_sandbox(args: argparse.Namespace, settings: Settings) -> int:
    from sandbox.faults import FaultSettings
    from sandbox.server import serve

    host = args.host or settings.sandbox.host
    port = settings.sandbox.port if args.port is None else args.port
    db = (
        args.db
        or settings.sandbox.db
        or str(settings.paths.resolved_data_dir() / "sandbox.sqlite3")
    )
    try:
        faults = FaultSettings(
            fail_next=args.fail_next, latency_ms=args.latency_ms, drop_next=args.drop_next
        )
        serve(host, port, Path(db), faults)
    except OSError as exc:
        print(f"sheyin sandbox: cannot listen on {host}:{port} ({exc.strerror})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


def cmd_config_show(args: argparse.Namespace, settings: Settings) -> int:
    print(describe_settings(settings))
    return 0


def cmd_diagnose(args: argparse.Namespace, settings: Settings) -> int:
    """Self-tests every device class through the device manager, and the central system, as
    JSON. Exit 1 when a configured device or the central system is not healthy; a class the
    terminal does not have (`"configured": false`) is not a failure."""
    from devices.manager import SIMULATORS, DeviceClass
    from kiosk.app import build_kiosk

    kiosk = build_kiosk(settings)
    manager = kiosk.device_manager
    try:
        # The camera first: it keeps capturing, so that its self-test below sees frames.
        camera = _diagnose_camera(kiosk.devices.camera)
        reports = manager.self_test()
        central: dict[str, object]
        if not settings.central.url:
            central = {
                "configured": False,
                "reachable": False,
                "code": "central.not_configured",
                "setting": "central.url",
            }
        else:
            try:
                central = {"reachable": True, "version": kiosk.central.health().version}
            except Exception as exc:  # any failure is a finding here, reported by its code
                central = {"reachable": False, "code": getattr(exc, "code", type(exc).__name__)}
    finally:
        kiosk.close()
    devices: list[dict[str, object]] = []
    for device_class in DeviceClass:
        driver = manager.driver(device_class)
        entry: dict[str, object] = {
            "class": device_class.value,
            "driver": driver,
            "simulator": (device_class, driver) in SIMULATORS,
        }
        report = reports[device_class]
        if report is None:
            entry["configured"] = False
        else:
            entry |= {
                "configured": True,
                "device": report.device,
                "status": report.status.value,
                "passed": report.passed,
                "checks": [{"check": c, "passed": ok, "detail": d} for c, ok, d in report.checks],
            }
        devices.append(entry)
    healthy = (
        all(r.passed for r in reports.values() if r is not None)
        and bool(central["reachable"])
        and bool(camera["usable"] or not camera["configured"])
    )
    from kiosk.roles.vendor_mode import read_state

    vendor_state, technician = read_state(kiosk.vendor_state_file)
    vendor = {"state": vendor_state.value, "technician": technician}
    result = {
        "healthy": healthy,
        "devices": devices,
        "camera": camera,
        "central": central,
        "vendor_mode": vendor,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if healthy else 1


CAMERA_WATCH_S = 1.5


def _diagnose_camera(source: Callable[[], Camera] | None) -> dict[str, object]:
    """Opened?, resolution, frames a second measured over 1.5 s, a face in the current frame.
    Leaves the camera capturing (the device manager's close stops it)."""
    if source is None:
        return {"configured": False, "usable": False}
    try:
        camera = source()
    except Exception as exc:  # a clip that cannot be read, a driver that cannot load
        code = getattr(exc, "code", type(exc).__name__)
        return {"configured": True, "usable": False, "opened": False, "code": code}
    camera.start()
    first = camera.wait_for_frame(0, 5.0)
    time.sleep(CAMERA_WATCH_S)
    frame = camera.latest()
    report: dict[str, object] = {
        "configured": True,
        "source": camera.source.description,
        "condition": camera.condition.value,
        "status": camera.status().value,
        "opened": first is not None,
        "measured_fps": round(camera.measured_fps, 1),
    }
    if frame is not None:
        from kiosk.face.analysis import FaceAnalyzer

        height, width = frame.image.shape[:2]
        report["resolution"] = f"{width}x{height}"
        report["face_detected"] = FaceAnalyzer().observe(frame.image).has_face
    report["usable"] = frame is not None and camera.condition.value == "ok"
    return report


def card_report(data: SsCardData) -> dict[str, str | int]:
    """What `sheyin card read` shows: the card's fields, the holder's and the card's numbers
    masked, and nothing that unmasks them."""
    return {
        "card_identification_code": data.card_identification_code,
        "region": data.region,
        "card_type": data.card_type,
        "spec_version": data.spec_version,
        "issuing_organisation": data.issuing_organisation,
        "issue_date": data.issue_date.isoformat(),
        "expiry_date": data.expiry_date.isoformat(),
        "card_number": mask_card_number(data.card_number),
        "social_security_number": mask_id_number(data.social_security_number),
        "name": mask_name(data.name),
        "gender": data.gender,
        "nation_code": data.nation_code,
        # The region is the number's first six digits; the masked number shows four.
        "birthplace_region": data.birthplace_region[:4] + "**",
    }


def _fail(error: DeviceError) -> int:
    print(f"sheyin card: {error}", file=sys.stderr)
    return 1


def cmd_card_readers(args: argparse.Namespace, settings: Settings) -> int:
    from devices.smartcard.pcsc import reader_states

    try:
        states = reader_states()
    except DeviceError as error:
        return _fail(error)
    if args.json:
        print(json.dumps([{"reader": n, "card_present": p} for n, p in states], indent=2))
    else:
        for name, present in states:
            print(f"{name}\t{'card present' if present else 'empty'}")
    if not states:
        print("sheyin card: card.no_reader: pcscd knows no reader", file=sys.stderr)
        return 1
    return 0


def cmd_card_read(args: argparse.Namespace, settings: Settings) -> int:
    from devices.smartcard.errors import NoCard, NoReader
    from devices.smartcard.pcsc import PcscCardSlot
    from devices.smartcard.reader import SmartCardReader

    pattern = f"^{re.escape(args.reader)}$" if args.reader else settings.devices.card_reader_name
    try:
        slot = PcscCardSlot(pattern)
    except DeviceError as error:
        return _fail(error)
    reader = SmartCardReader(slot)
    try:
        if not slot.attached():
            return _fail(NoReader(f"no reader matches {pattern!r}"))
        if not slot.present():
            return _fail(NoCard(f"no card in {slot.reader_name}"))
        data = reader.read_card().result(timeout=30)
    except DeviceError as error:
        return _fail(error)
    finally:
        reader.close()
    report = card_report(data)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    return 0


def cmd_virtual_card(args: argparse.Namespace, settings: Settings) -> int:
    from demo.cards import card_profile
    from devices.smartcard.virtual_card import ChipLies
    from devices.smartcard.virtual_card import VirtualSocialSecurityCard as Card
    from devices.smartcard.vpcd import CardNotInserted, LinkFaults, VpcdSlot
    from sandbox.citizens import demo_citizen

    try:
        citizen = demo_citizen(args.citizen)
    except KeyError:
        print(f"sheyin virtual-card: no demo citizen {args.citizen!r}", file=sys.stderr)
        return 2
    if citizen.card is None:
        print(f"sheyin virtual-card: {args.citizen} has no card", file=sys.stderr)
        return 2
    lies = ChipLies(**{lie: True for lie in args.lie})
    card = Card(card_profile(citizen, lies, today=date.today()))
    slot = VpcdSlot(args.port, LinkFaults(mute=args.mute, pull_after_commands=args.pull_after))
    try:
        slot.insert(card)
    except CardNotInserted as exc:
        print(f"sheyin virtual-card: {exc}", file=sys.stderr)
        return 1
    print(f"card of {args.citizen} in the vpcd slot on port {args.port}", flush=True)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    while not stop.wait(0.2) and slot.card is not None:
        pass
    slot.remove()
    return 0


def _add_queue_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    queue = commands.add_parser("queue", help="the offline queue (outbox), for technicians")
    queue_commands = queue.add_subparsers(dest="queue_command", required=True)
    queue_status = queue_commands.add_parser(
        "status", help="counts by state, oldest waiting entry, last error"
    )
    queue_status.add_argument("--json", action="store_true")
    queue_status.set_defaults(handler=cmd_queue_status)
    queue_list = queue_commands.add_parser("list", help="entries, without personal data")
    queue_list.add_argument("--state", choices=["pending", "leased", "delivered", "dead"])
    queue_list.add_argument("--limit", type=int, default=1000)
    queue_list.add_argument("--json", action="store_true")
    queue_list.set_defaults(handler=cmd_queue_list)
    queue_retry = queue_commands.add_parser(
        "retry", help="put a dead letter (or all, --dead) back in the queue"
    )
    queue_retry.add_argument("id", nargs="?", help="the entry id")
    queue_retry.add_argument("--dead", action="store_true", help="every dead letter")
    queue_retry.set_defaults(handler=cmd_queue_retry)


def _add_idcard_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    idcard = commands.add_parser("idcard", help="the resident ID card reader (GA 467, serial)")
    idcard_commands = idcard.add_subparsers(dest="idcard_command", required=True)
    idcard_read = idcard_commands.add_parser(
        "read", help="read the card on the reader, identifiers masked"
    )
    idcard_read.add_argument("--port", help="serial device (default: devices.idcard_port)")
    idcard_read.add_argument("--timeout", type=float, default=3.0, help="seconds for the read")
    idcard_read.add_argument("--json", action="store_true")
    idcard_read.set_defaults(handler=cmd_idcard_read)
    idcard_sim = idcard_commands.add_parser(
        "simulate", help="an ID card reader on a pseudo-terminal, until stopped (demo, tests)"
    )
    idcard_sim.add_argument("--citizen", help="demo citizen whose card lies on it (default: none)")
    idcard_sim.set_defaults(handler=cmd_idcard_simulate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sheyin", description="Sheyin social-security kiosk")
    parser.add_argument("--config", type=Path, help="TOML settings file")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="start the kiosk with the configured devices and centre")
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.set_defaults(handler=cmd_run)

    demo = commands.add_parser("demo", help="start the kiosk on the sandbox with the demo tray")
    demo.add_argument("--windowed", action="store_true", help="a normal window, for development")
    demo.set_defaults(handler=cmd_demo)

    sandbox = commands.add_parser("sandbox", help="run the sandbox central system alone")
    sandbox.add_argument("--host", help="address to listen on (default: settings)")
    sandbox.add_argument("--port", type=int, help="port; 0 picks a free one (default: settings)")
    sandbox.add_argument("--db", help="SQLite database path (default: settings)")
    faults = sandbox.add_argument_group("fault injection (also PUT /_sandbox/faults, loopback)")
    faults.add_argument(
        "--fail-next", type=int, default=0, metavar="N", help="answer the next N requests 503"
    )
    faults.add_argument(
        "--latency-ms", type=int, default=0, metavar="MS", help="delay every request"
    )
    faults.add_argument(
        "--drop-next",
        type=int,
        default=0,
        metavar="N",
        help="apply the next N writes, then drop the connection before answering",
    )
    sandbox.set_defaults(handler=cmd_sandbox)

    config = commands.add_parser("config", help="settings")
    config_commands = config.add_subparsers(dest="config_command", required=True)
    show = config_commands.add_parser("show", help="print the effective settings")
    show.set_defaults(handler=cmd_config_show)

    diagnose = commands.add_parser("diagnose", help="device self-tests and central reachability")
    diagnose.set_defaults(handler=cmd_diagnose)

    for add_commands in (
        _add_queue_commands,
        _add_audit_commands,
        _add_vendor_commands,
        _add_staff_commands,
        _add_idcard_commands,
    ):
        add_commands(commands)

    certificate = commands.add_parser("certificate", help="certificates the kiosk prints")
    certificate_commands = certificate.add_subparsers(dest="certificate_command", required=True)
    verify = certificate_commands.add_parser(
        "verify", help="check a certificate PDF: signature, and not one byte changed"
    )
    verify.add_argument("file", help="the certificate PDF")
    verify.add_argument(
        "--online", action="store_true", help="also ask the central system's verification record"
    )
    verify.set_defaults(handler=cmd_certificate_verify)

    card = commands.add_parser("card", help="social security cards through PC/SC")
    card_commands = card.add_subparsers(dest="card_command", required=True)
    readers = card_commands.add_parser("readers", help="the readers pcscd knows, and their cards")
    readers.add_argument("--json", action="store_true")
    readers.set_defaults(handler=cmd_card_readers)
    read = card_commands.add_parser("read", help="read the card, holder identifiers masked")
    read.add_argument("--reader", help="exact reader name (default: devices.card_reader_name)")
    read.add_argument("--json", action="store_true")
    read.set_defaults(handler=cmd_card_read)

    virtual = commands.add_parser(
        "virtual-card", help="put a demo citizen's virtual card in a vpcd slot until stopped"
    )
    virtual.add_argument("--port", type=int, default=35963, help="vpcd slot port (loopback)")
    virtual.add_argument("--citizen", required=True, help="demo citizen key (docs/demo-data.md)")
    virtual.add_argument(
        "--lie",
        action="append",
        default=[],
        choices=["no_ssse", "wrong_tags", "short_records", "endless_6c"],
        help="make the chip answer wrongly (repeatable)",
    )
    virtual.add_argument("--mute", action="store_true", help="answer commands with noise")
    virtual.add_argument("--pull-after", type=int, help="pulled out after this many commands")
    virtual.set_defaults(handler=cmd_virtual_card)
    return parser


def idcard_report(card: IdCard) -> dict[str, str | int | None]:
    """What `sheyin idcard read` shows: identifiers masked as for the social security card, and
    nothing that gives the masked digits back (the birth date is eight of them)."""
    return {
        "id_number": card.masked_id_number,
        "name": card.masked_name,
        "gender": card.gender.value,
        "nation": card.nation,
        "address_chars": len(card.address),
        "authority": card.authority,
        "valid_from": card.valid_from.isoformat(),
        "valid_until": card.valid_until.isoformat() if card.valid_until else "长期",
        "photo_bytes": card.photo_bytes,
    }


def cmd_idcard_read(args: argparse.Namespace, settings: Settings) -> int:
    from devices.idcard.errors import IdCardError
    from devices.idcard.reader import IdCardReader
    from kiosk.domain.idcard import IdCard
    from kiosk.domain.person import CardRejected

    port = args.port or settings.devices.idcard_port
    if not port:
        print(
            "sheyin idcard read: idcard.no_reader: no port (--port or devices.idcard_port)",
            file=sys.stderr,
        )
        return 1
    reader = IdCardReader(port, read_timeout_s=args.timeout)
    try:
        # Every exchange has its deadline inside the driver: the future always ends.
        card = IdCard.from_reader(reader.read_card().result())
    except (IdCardError, CardRejected) as exc:
        print(f"sheyin idcard read: {exc.code}", file=sys.stderr)
        return 1
    finally:
        reader.close()
    report = idcard_report(card)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        for key, value in report.items():
            print(f"{key:14} {value}")
    return 0


def cmd_idcard_simulate(args: argparse.Namespace, settings: Settings) -> int:
    from demo.cards import id_card_data
    from devices.idcard.simulator import IdCardReaderSimulator
    from sandbox.citizens import demo_citizen

    try:
        citizen = demo_citizen(args.citizen) if args.citizen else None
        card = id_card_data(citizen, date.today()) if citizen else None
    except KeyError:
        print(f"sheyin idcard simulate: no demo citizen {args.citizen}", file=sys.stderr)
        return 2
    simulator = IdCardReaderSimulator(card).start()
    print(f"ID card reader simulator on {simulator.port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        simulator.stop()
    return 0


def cmd_certificate_verify(args: argparse.Namespace, settings: Settings) -> int:
    """Signature and re-rendering offline; with --online also the central system's record."""
    from kiosk.documents.certificate import verify_certificate

    if not settings.central.certificate_public_key:
        print(
            "sheyin certificate verify: central.certificate_public_key: not set (the central "
            "system's public key; without it no certificate can be checked)",
            file=sys.stderr,
        )
        return 2
    try:
        pdf = Path(args.file).read_bytes()
    except OSError as exc:
        print(
            f"sheyin certificate verify: cannot read {args.file} ({exc.strerror})", file=sys.stderr
        )
        return 2
    result = verify_certificate(pdf, settings.central.certificate_public_key)
    online: dict[str, object] | None = None
    if result.valid and args.online and result.verification_code:
        from kiosk.central.client import CentralClient
        from kiosk.central.errors import CentralError

        client = CentralClient(settings.central)
        try:
            answer = client.certificate_status(result.verification_code)
            online = {"recorded": answer.valid, "issued_at": str(answer.issued_at)}
        except CentralError as exc:
            online = {"recorded": None, "code": exc.code}
        finally:
            client.close()
    valid = result.valid and (online is None or online.get("recorded") is True)
    reason = result.reason if valid or not result.valid else "certificate.not_recorded"
    report = {
        "valid": valid,
        "reason": reason,
        "verification_code": result.verification_code,
        "kind": result.kind.value if result.kind else None,
        "central": online,
    }
    print(json.dumps(report, ensure_ascii=False))
    return 0 if valid else 1


def _open_outbox(settings: Settings) -> Outbox | None:
    from kiosk.app import open_outbox
    from offline_queue.errors import OutboxUnavailable

    try:
        return open_outbox(settings)
    except OutboxUnavailable as exc:
        print(f"sheyin queue: {exc.code}: {exc}", file=sys.stderr)
        return None


def cmd_queue_status(args: argparse.Namespace, settings: Settings) -> int:
    from offline_queue.store import moved_aside

    outbox = _open_outbox(settings)
    if outbox is None:
        return 2
    try:
        status = outbox.status()
        aside = moved_aside(outbox.path)
        if args.json:
            print(
                json.dumps(
                    {
                        "path": str(outbox.path),
                        "file_bytes": status.file_bytes,
                        "counts": {state.value: n for state, n in status.counts.items()},
                        "oldest_waiting_s": status.oldest_open_age_s,
                        "last_error": status.last_error,
                        "moved_aside": [str(p) for p in aside],
                    }
                )
            )
            return 0
        print(f"outbox: {outbox.path} ({status.file_bytes / 1024 / 1024:.1f} MiB)")
        print(" · ".join(f"{state.value} {n}" for state, n in status.counts.items()))
        age = status.oldest_open_age_s
        print(f"oldest waiting: {_duration(age) if age is not None else '-'}")
        print(f"last error: {status.last_error or '-'}")
        for path in aside:
            print(f"moved aside (unreadable at a start; recover or archive it): {path}")
    finally:
        outbox.close()
    return 0


def cmd_queue_list(args: argparse.Namespace, settings: Settings) -> int:
    from offline_queue.store import EntryState

    outbox = _open_outbox(settings)
    if outbox is None:
        return 2
    try:
        state = EntryState(args.state) if args.state else None
        rows = outbox.entries(state, limit=args.limit)
    finally:
        outbox.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": str(r.id),
                        "receipt": r.receipt,
                        "kind": r.kind,
                        "state": r.state.value,
                        "priority": r.priority,
                        "attempts": r.attempts,
                        "created_at": r.created_at.isoformat(),
                        "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                        "last_error": r.last_error,
                    }
                    for r in rows
                ]
            )
        )
        return 0
    print(
        f"{'id':36}  {'receipt':16}  {'kind':26}  {'state':9}  tries  created (UTC)        reason"
    )
    for r in rows:
        print(
            f"{r.id}  {r.receipt}  {r.kind:26}  {r.state.value:9}  {r.attempts:5}  "
            f"{r.created_at:%Y-%m-%d %H:%M:%S}  {r.last_error or ''}"
        )
    return 0


def cmd_queue_retry(args: argparse.Namespace, settings: Settings) -> int:
    import uuid

    from offline_queue.errors import UnknownEntry

    if bool(args.id) == bool(args.dead):
        print("sheyin queue retry: give an entry id or --dead", file=sys.stderr)
        return 2
    outbox = _open_outbox(settings)
    if outbox is None:
        return 2
    try:
        audit = _audit_log(settings)
        if args.dead:
            count = outbox.retry_dead()
            audit.append(_cli_actor(), "queue.retry_dead", f"ok:{count}", "queue")
            print(f"{count} dead letters put back in the queue")
            return 0
        try:
            entry_id = uuid.UUID(args.id)
            retried = outbox.retry(entry_id)
        except (ValueError, UnknownEntry):
            print(f"sheyin queue retry: no entry {args.id}", file=sys.stderr)
            return 1
        target = f"entry:{entry_id}"
        if not retried:
            audit.append(_cli_actor(), "queue.retry", "failed:queue.not_dead", target)
            print(f"sheyin queue retry: entry {args.id} is not a dead letter", file=sys.stderr)
            return 1
        audit.append(_cli_actor(), "queue.retry", "ok", target)
        print(f"entry {args.id} put back in the queue (same Idempotency-Key)")
        return 0
    finally:
        outbox.close()


def _audit_log(settings: Settings) -> AuditLog:
    from kiosk.app import private_data_dir
    from kiosk.audit import AuditLog, audit_log_path

    return AuditLog(audit_log_path(private_data_dir(settings)))


def _cli_actor() -> str:
    """Who ran the command: the operating-system account (a technician's own login)."""
    from kiosk.audit import CODE

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    return f"cli:{user}" if CODE.fullmatch(f"cli:{user}") else "cli:unknown"


def cmd_audit_verify(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.audit import verify

    path = _audit_log(settings).path
    result = verify(path)
    if not result.intact:
        print(
            f"sheyin audit verify: {path}: record on line {result.broken_at} breaks the chain: "
            f"{result.reason} ({result.records} records before it hold)",
            file=sys.stderr,
        )
        return 1
    print(f"{path}: {result.records} records, chain intact")
    return _check_anchors(path, settings)


def _check_anchors(path: Path, settings: Settings) -> int:
    """A log rewritten from its first record holds together by itself: the anchors the
    central system keeps say what record N's hash was."""
    from kiosk.audit import read_records
    from kiosk.central.client import CentralClient

    if not settings.central.url:
        print("anchors not checked: no central.url")
        return 0
    client = CentralClient(settings.central)
    try:
        anchors = client.audit_anchors().items
    except Exception as exc:  # reported by its code; the chain itself was checked
        print(f"anchors not checked: {getattr(exc, 'code', type(exc).__name__)}")
        return 0
    finally:
        client.close()
    hashes = {record.seq: record.hash for record in read_records(path)}
    for anchor in anchors:
        if hashes.get(anchor.records) != anchor.last_hash:
            print(
                f"sheyin audit verify: {path}: record {anchor.records} does not match the "
                f"anchor the central system keeps for {anchor.day}: the log was rewritten",
                file=sys.stderr,
            )
            return 1
    print(f"{len(anchors)} anchors match")
    return 0


def cmd_audit_show(args: argparse.Namespace, settings: Settings) -> int:
    from collections import deque

    from kiosk.audit import AuditError, read_records

    path = _audit_log(settings).path
    try:
        records = deque(read_records(path), maxlen=args.last)
    except AuditError as exc:
        print(f"sheyin audit show: {path}: {exc}; run sheyin audit verify", file=sys.stderr)
        return 1
    for record in records:
        if args.json:
            print(record.line())
        else:
            print(
                f"{record.seq:>6}  {record.at}  {record.actor:<20} {record.action:<20} "
                f"{record.target:<44} {record.outcome}"
            )
    return 0


def cmd_vendor_mode_enter(args: argparse.Namespace, settings: Settings) -> int:
    """A technician at the terminal's console asks for the kiosk: number and PIN checked as at
    the screen, then the running kiosk warns a citizen in a session, ends it when the time is
    up and shows 暂停服务; the technician logs in at the screen to take the desk."""
    import getpass

    from kiosk.app import private_data_dir, technician_login
    from kiosk.central.client import CentralClient
    from kiosk.roles.technician import LoginRefused
    from kiosk.roles.vendor_request import request_path, write_request

    pin = getpass.getpass("PIN: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    central = CentralClient(settings.central)
    try:
        grant = technician_login(settings, central).login(args.technician, pin)
    except LoginRefused as refused:
        print(f"sheyin vendor-mode enter: refused: {refused.code}", file=sys.stderr)
        return 1
    finally:
        central.close()
    write_request(request_path(private_data_dir(settings)), grant.technician_id)
    grace = settings.technician.session_grace_s
    print(
        f"requested for {grant.technician_id}: the kiosk closes once a citizen's session ends "
        f"(within {grace} s); log in at its screen to take the desk"
    )
    return 0


def _add_vendor_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    vendor = commands.add_parser(
        "vendor-mode", help="take the kiosk for maintenance from the console (technicians)"
    )
    vendor_commands = vendor.add_subparsers(dest="vendor_command", required=True)
    enter = vendor_commands.add_parser(
        "enter", help="ask the running kiosk for vendor mode (the PIN is read from the terminal)"
    )
    enter.add_argument("--technician", required=True, help="technician number, e.g. T0007")
    enter.set_defaults(handler=cmd_vendor_mode_enter)


def _add_audit_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser(
        "audit", help="the audit log of technician and staff actions (hash-chained)"
    )
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    audit_verify = audit_commands.add_parser(
        "verify", help="check the chain; exit 1 naming the first broken record"
    )
    audit_verify.set_defaults(handler=cmd_audit_verify)
    audit_show = audit_commands.add_parser("show", help="the newest records")
    audit_show.add_argument("--last", type=int, default=200, help="how many (default 200)")
    audit_show.add_argument("--json", action="store_true", help="one JSON record per line")
    audit_show.set_defaults(handler=cmd_audit_show)


def cmd_staff_day_report(args: argparse.Namespace, settings: Settings) -> int:
    """The day's visits from the journal, each receipt's state from the outbox, signed with the
    terminal's key; written to --out (this user's alone: it names citizens, masked)."""
    import os
    from datetime import datetime

    from kiosk.app import open_outbox
    from kiosk.documents.day_report import build_day_report, fingerprint_of, render_pdf
    from kiosk.ledgers.visits import VisitJournal
    from offline_queue.errors import OutboxUnavailable

    me = "sheyin staff day-report"
    key = settings.central.terminal_key.get_secret_value()
    if not key or not settings.central.terminal_id:
        print(f"{me}: central.terminal_key and central.terminal_id: needed to sign the report",
              file=sys.stderr)  # fmt: skip
        return 2
    day = args.date or datetime.now().astimezone().date()
    try:
        outbox = open_outbox(settings)
    except OutboxUnavailable as exc:
        print(f"{me}: {exc.code}: {exc}", file=sys.stderr)
        return 2
    try:
        visits = VisitJournal(outbox).visits(day, args.staff)
        report = build_day_report(
            visits, outbox, terminal_id=settings.central.terminal_id, day=day, staff_id=args.staff
        )
    finally:
        outbox.close()
    pdf = render_pdf(report, args.language or settings.kiosk.language, bytes.fromhex(key))
    try:
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # a file that was there keeps its mode otherwise
        with os.fdopen(fd, "wb") as out:
            out.write(pdf)
    except OSError as exc:
        print(f"{me}: cannot write {args.out} ({exc.strerror})", file=sys.stderr)
        return 2
    who = args.staff or "all staff"
    _audit_log(settings).append(_cli_actor(), "staff.day_report", "ok", f"day:{day.isoformat()}")
    waiting = len(report.waiting)
    print(
        f"{args.out}: {day.isoformat()}, {who}: {len(report.rows)} visits, {waiting} "
        f"{'receipt' if waiting == 1 else 'receipts'} still waiting; "
        f"fingerprint {fingerprint_of(pdf)}"
    )
    return 0


def cmd_staff_verify_report(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.documents.day_report import ReportVerdict, verify_report

    me = "sheyin staff verify-report"
    key = settings.central.terminal_key.get_secret_value()
    if not key:
        print(f"{me}: central.terminal_key: not set (the key the report was signed with)",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        pdf = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"{me}: cannot read {args.file} ({exc.strerror})", file=sys.stderr)
        return 2
    check = verify_report(pdf, bytes.fromhex(key))
    if check.verdict is ReportVerdict.UNSIGNED:
        print(f"{me}: unsigned: {args.file} carries no day report signature", file=sys.stderr)
        return 1
    named = f"terminal {check.terminal_id}, {check.day}, {check.staff_id or 'all staff'}"
    if check.verdict is ReportVerdict.EDITED:
        hint = {
            "report.garbled": "its signed content is damaged",
            "report.signature": "its content does not match the signature (changed, or not "
            "signed with this terminal's key)",
            "report.altered": "the file differs from what was signed",
        }[check.reason]
        shown = "" if check.reason == "report.garbled" else f" ({named})"
        print(f"{me}: edited: {check.reason}: {hint}{shown}", file=sys.stderr)
        return 1
    print(f"valid: day report of {named}; fingerprint {check.fingerprint}")
    return 0


def _staff_number(text: str) -> str:
    if not re.fullmatch(r"S[0-9]{4}", text):
        raise argparse.ArgumentTypeError("a staff number is S and four digits, e.g. S0101")
    return text


def _add_staff_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    staff = commands.add_parser("staff", help="the staff's home visits: the signed day report")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True)
    report = staff_commands.add_parser(
        "day-report", help="the day's visits as a PDF signed by this terminal"
    )
    report.add_argument(
        "--date", type=date.fromisoformat, help="YYYY-MM-DD, local (default: today)"
    )
    report.add_argument(
        "--staff", type=_staff_number, help="one member of staff, e.g. S0101 (default: everyone)"
    )
    report.add_argument("--language", choices=["zh_CN", "en"], help="default: kiosk.language")
    report.add_argument("--out", required=True, help="the PDF to write")
    report.set_defaults(handler=cmd_staff_day_report)
    verify = staff_commands.add_parser(
        "verify-report", help="check a day report's signature with this terminal's key"
    )
    verify.add_argument("file", help="the day report PDF")
    verify.set_defaults(handler=cmd_staff_verify_report)


def _duration(seconds: float) -> str:
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min" if minutes else f"{int(seconds)} s"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"sheyin: configuration error: {exc}", file=sys.stderr)
        return 2
    _setup_logging(settings)
    handler: Callable[[argparse.Namespace, Settings], int] = args.handler
    return handler(args, settings)


if __name__ == "__main__":
    sys.exit(main())
