"""`sheyin`: run | config show | diagnose | queue | card | idcard | certificate | audit |
vendor-mode | staff, and what the `sheyin.commands` entry points add (the demo's and the
sandbox's commands from demo/cli.py: demo | sandbox | virtual-card | idcard simulate).

The one place that composes a terminal from kiosk.app. It never names the demo or the sandbox:
their commands plug in through entry points, and a terminal's package has neither. The kiosk
window comes from the `sheyin.frontends` entry point that `ui` registers, so that the core
never imports Qt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

# What a command needs is imported in it: `sheyin run` shows a kiosk's first screen before
# the settings library, the devices and the rest are loaded.
if TYPE_CHECKING:
    from devices.base import DeviceError
    from devices.camera.camera import Camera
    from devices.smartcard.records import SsCardData
    from kiosk.audit import AuditLog
    from kiosk.config import Settings
    from kiosk.domain.idcard import IdCard
    from offline_queue.store import Outbox

log = logging.getLogger("sheyin")

# A string: argparse's class takes no type argument at run time on 3.11.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

COMMANDS_GROUP = "sheyin.commands"
"""Entry points that add commands from outside a terminal's packages (the demo's and the
sandbox's, in demo/cli.py). An entry point's name is the command it adds (`group.name` for a
subcommand, e.g. `idcard.simulate`); its object, a function that adds it to the subcommands
it is given."""


def _setup_logging(settings: Settings) -> None:
    from kiosk.logs import configure

    configure(settings.log.level, settings.log.file)


def _frontend() -> Callable[..., int]:
    from kiosk.start import load_frontend

    return load_frontend()


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.start import run_terminal

    return run_terminal(args.config, args.windowed, _frontend())


def cmd_config_show(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.config import describe_settings

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
    from kiosk.domain.identity import mask_card_number, mask_id_number, mask_name

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
    from devices.base import DeviceError
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
    from devices.base import DeviceError
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


def _add_idcard_commands(commands: Subcommands) -> Subcommands:
    idcard = commands.add_parser("idcard", help="the resident ID card reader (GA 467, serial)")
    idcard_commands = idcard.add_subparsers(dest="idcard_command", required=True)
    idcard_read = idcard_commands.add_parser(
        "read", help="read the card on the reader, identifiers masked"
    )
    idcard_read.add_argument("--port", help="serial device (default: devices.idcard_port)")
    idcard_read.add_argument("--timeout", type=float, default=3.0, help="seconds for the read")
    idcard_read.add_argument("--json", action="store_true")
    idcard_read.set_defaults(handler=cmd_idcard_read)
    return idcard_commands


class _PrintVersion(argparse.Action):
    """argparse's "version" action, with the version looked up only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from kiosk.system.version import installed_version

        print(f"sheyin {installed_version()}")
        parser.exit()


def _add_plugged_in_commands(commands: Subcommands, groups: dict[str, Subcommands]) -> None:
    """The `sheyin.commands` entry points. One whose module is not installed (a terminal's
    package has no demo/ and no sandbox/) leaves a command that says so, instead of argparse's
    "invalid choice" or a traceback."""
    from importlib.metadata import entry_points

    for entry in sorted(entry_points(group=COMMANDS_GROUP), key=lambda e: e.name):
        group, _, name = entry.name.rpartition(".")
        parent = groups[group] if group else commands
        try:
            add_commands = entry.load()
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] != entry.module.split(".")[0]:
                raise  # an installed plug-in that lacks something: a real error
            absent = parent.add_parser(name, help="(not part of a terminal's package)")
            absent.add_argument("ignored", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
            absent.set_defaults(absent_command=entry.name.replace(".", " "))
            continue
        add_commands(parent)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sheyin", description="Sheyin social-security kiosk")
    parser.add_argument("--config", type=Path, help="TOML settings file")
    parser.add_argument(
        "--version", action=_PrintVersion, nargs=0, help="print the installed version and exit"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="start the kiosk with the configured devices and centre")
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.set_defaults(handler=cmd_run)

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
    ):
        add_commands(commands)
    groups = {"idcard": _add_idcard_commands(commands)}
    from kiosk.fleet.cli import add_fleet_commands

    add_fleet_commands(commands)

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

    _add_plugged_in_commands(commands, groups)
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
    parser = build_parser()
    # Known arguments first: a command that is not installed here takes whatever follows it.
    args, unknown = parser.parse_known_args(argv)
    if getattr(args, "absent_command", None):
        print(
            f"sheyin {args.absent_command}: not part of a terminal's package "
            "(the demo and the sandbox come with a developer checkout only)",
            file=sys.stderr,
        )
        return 2
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.handler is cmd_run:
        code: int = cmd_run(args)  # validates its settings itself, behind the first screen
        return code
    from kiosk.config import ConfigError, load_settings

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
