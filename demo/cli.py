"""The demo's and the sandbox's commands: `sheyin demo`, `sheyin sandbox`, `sheyin virtual-card`
and `sheyin idcard simulate`.

They reach `sheyin` through the `sheyin.commands` entry points of pyproject.toml, so that
kiosk/cli.py never names the demo or the sandbox and a terminal's package (which has neither)
still starts. Each function here adds one command to the subcommands it is given.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from kiosk.start import run_window

if TYPE_CHECKING:  # loaded by the command that runs: `sheyin run` adds these commands too
    from kiosk.config import Settings

# A string: argparse's class takes no type argument at run time on 3.11.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

log = logging.getLogger("sheyin")


def add_demo(commands: Subcommands) -> None:
    """`sheyin demo`."""
    demo = commands.add_parser("demo", help="start the kiosk on the sandbox with the demo tray")
    demo.add_argument("--windowed", action="store_true", help="a normal window, for development")
    demo.set_defaults(handler=cmd_demo)


def add_sandbox(commands: Subcommands) -> None:
    """`sheyin sandbox`."""
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


def add_virtual_card(commands: Subcommands) -> None:
    """`sheyin virtual-card`."""
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


def add_idcard_simulate(idcard_commands: Subcommands) -> None:
    """`sheyin idcard simulate` (beside the terminal's own `sheyin idcard read`)."""
    idcard_sim = idcard_commands.add_parser(
        "simulate", help="an ID card reader on a pseudo-terminal, until stopped (demo, tests)"
    )
    idcard_sim.add_argument("--citizen", help="demo citizen whose card lies on it (default: none)")
    idcard_sim.set_defaults(handler=cmd_idcard_simulate)


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from demo.fleet import DemoFleet, start_demo_fleet
    from demo.kiosk import build_demo_kiosk
    from demo.tray_bar import tray_panel
    from devices.smartcard.pcscd import PcscdUnavailable, VpcdPcscd, start_vpcd_pcscd
    from kiosk.app import private_data_dir
    from kiosk.config import with_changes
    from kiosk.system.restarts import RESTART_EXIT
    from sandbox.credentials import DEMO_TERMINAL_ID
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
    fleet: DemoFleet | None = None
    try:
        settings = with_changes(settings, "kiosk", windowed=args.windowed or None)
        settings = with_changes(settings, "central", terminal_id=DEMO_TERMINAL_ID)
        settings, fleet = start_demo_fleet(settings, data_dir / "fleet")
        kiosk = build_demo_kiosk(settings, sandbox.url)
        code = run_window(None, lambda: kiosk, tray_panel(kiosk))
    finally:
        if fleet is not None:
            fleet.broker.stop()
        if pcscd is not None:
            pcscd.stop()
        sandbox.stop()
    if code == RESTART_EXIT:  # the demo's operations centre asked for it: the whole demo again
        os.execv(sys.executable, sys.orig_argv)  # noqa: S606 - this very program
    return code


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
