"""`sheyin`: demo | run | sandbox | config show | diagnose.

The kiosk window comes from the `sheyin.frontends` entry point that `ui` registers, so that the
core never imports Qt.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import cast

from kiosk.config import ConfigError, Settings, describe_settings, load_settings

log = logging.getLogger("sheyin")


def _setup_logging(settings: Settings) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if settings.log.file:
        Path(settings.log.file).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(settings.log.file, encoding="utf-8"))
    logging.basicConfig(
        level=settings.log.level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


def _frontend() -> Callable[..., int]:
    found = entry_points(group="sheyin.frontends", name="qt")
    if not found:
        raise SystemExit("sheyin: the Qt frontend (package ui) is not installed")
    return cast(Callable[..., int], next(iter(found)).load())


def _run_kiosk(settings: Settings) -> int:
    from kiosk.app import build_kiosk

    kiosk = build_kiosk(settings)
    try:
        return _frontend()(kiosk)
    finally:
        kiosk.close()


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if args.windowed:
        settings = _with(settings, "kiosk", windowed=True)
    return _run_kiosk(settings)


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.central.sandbox.server import start_sandbox_process

    data_dir = settings.paths.resolved_data_dir()
    db_path = Path(settings.sandbox.db) if settings.sandbox.db else data_dir / "sandbox.sqlite3"
    sandbox = start_sandbox_process(db_path, host="127.0.0.1", port=0)
    log.info("demo: sandbox central system at %s", sandbox.url)
    try:
        settings = _with(settings, "central", url=sandbox.url)
        settings = _with(settings, "kiosk", demo=True, windowed=args.windowed or None)
        return _run_kiosk(settings)
    finally:
        sandbox.stop()


def cmd_sandbox(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.central.sandbox.server import serve

    host = args.host or settings.sandbox.host
    port = settings.sandbox.port if args.port is None else args.port
    db = (
        args.db
        or settings.sandbox.db
        or str(settings.paths.resolved_data_dir() / "sandbox.sqlite3")
    )
    try:
        serve(host, port, Path(db))
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
    from kiosk.app import build_kiosk

    kiosk = build_kiosk(settings)
    try:
        reports = [kiosk.devices.card_reader.self_test()]
        try:
            health = kiosk.central.health()
            central = {"reachable": True, "version": health.version}
        except Exception as exc:  # any failure is a finding here, reported by its code
            central = {"reachable": False, "code": getattr(exc, "code", type(exc).__name__)}
    finally:
        kiosk.close()
    result = {
        "devices": [
            {
                "device": r.device,
                "status": r.status.value,
                "passed": r.passed,
                "checks": [{"check": c, "passed": ok, "detail": d} for c, ok, d in r.checks],
            }
            for r in reports
        ],
        "central": central,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    healthy = all(r.passed for r in reports) and bool(central["reachable"])
    return 0 if healthy else 1


def _with(settings: Settings, section: str, **changes: object) -> Settings:
    changes = {k: v for k, v in changes.items() if v is not None}
    updated = getattr(settings, section).model_copy(update=changes)
    return settings.model_copy(update={section: updated})


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
    sandbox.set_defaults(handler=cmd_sandbox)

    config = commands.add_parser("config", help="settings")
    config_commands = config.add_subparsers(dest="config_command", required=True)
    show = config_commands.add_parser("show", help="print the effective settings")
    show.set_defaults(handler=cmd_config_show)

    diagnose = commands.add_parser("diagnose", help="device self-tests and central reachability")
    diagnose.set_defaults(handler=cmd_diagnose)
    return parser


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
