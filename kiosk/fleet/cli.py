"""`sheyin fleet …`: the operations centre's commands. They connect with the `[fleet]` settings
of the file given with --config (the centre's own certificate, CN `ops-centre`)."""

from __future__ import annotations

import argparse
import base64
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.fleet.centre import Message

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_fleet_commands(commands: Subcommands) -> None:
    from kiosk.fleet.commands import Verb

    fleet = commands.add_parser("fleet", help="the operations centre: terminals over MQTT")
    fleet_commands = fleet.add_subparsers(dest="fleet_command", required=True)

    status = fleet_commands.add_parser("status", help="every terminal the broker knows")
    status.add_argument("--json", action="store_true", help="the statuses as they were sent")
    status.set_defaults(handler=cmd_fleet_status)

    command = fleet_commands.add_parser(
        "command", help="sign and send a command to a terminal, and print its replies"
    )
    command.add_argument("terminal", help="the terminal's id")
    command.add_argument("verb", choices=[v.value for v in Verb])
    command.add_argument(
        "args", nargs="*", metavar="KEY=VALUE", help="lines=50, level=WARNING, toml=@new.toml"
    )
    command.add_argument(
        "--signing-key", type=Path, required=True, help="the centre's Ed25519 private key (PEM)"
    )
    command.add_argument(
        "--wait", type=float, default=60.0, help="seconds to wait for the last reply (60)"
    )
    command.add_argument(
        "--valid-for", type=_seconds, default=600, help="seconds the command stays valid (600)"
    )
    command.add_argument("--out", type=Path, help="where a screenshot is saved")
    command.set_defaults(handler=cmd_fleet_command)

    watch = fleet_commands.add_parser(
        "watch", help="print events (and status changes) as they come"
    )
    watch.add_argument("--json", action="store_true", help="one JSON object a line")
    watch.set_defaults(handler=cmd_fleet_watch)

    keygen = fleet_commands.add_parser(
        "keygen", help="make the centre's signing key; prints the public key for the terminals"
    )
    keygen.add_argument("path", type=Path, help="where the private key is written (0600)")
    keygen.set_defaults(handler=cmd_fleet_keygen)


def _seconds(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def cmd_fleet_status(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.fleet.centre import Centre, FleetUnreachable

    if not _has_broker(settings, "status"):
        return 2
    try:
        with Centre(settings.fleet) as centre:
            statuses = centre.statuses()
    except FleetUnreachable as exc:
        print(f"sheyin fleet status: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(statuses, ensure_ascii=False, indent=2))
        return 0
    print(f"{'TERMINAL':16} {'STATE':15} {'WORST DEVICE':28} {'QUEUE':>5} {'DEAD':>4}  SEEN")
    for terminal, status in statuses.items():
        try:
            line = _status_line(terminal, status, datetime.now(UTC))
        except (TypeError, ValueError, AttributeError):
            line = f"{terminal:16} ?  (a status this version cannot read; --json shows it)"
        print(line)
    print(f"{len(statuses)} terminals")
    return 0


def _status_line(terminal: str, status: dict[str, Any], now: datetime) -> str:
    worst = status.get("worst") or {}
    worst_text = f"{worst.get('device')} {worst.get('state')}" if worst else "-"
    queue = status.get("queue") or {}
    depth = "-" if not queue else str(queue.get("open", "?"))
    dead = "-" if not queue else str(queue.get("dead", "?"))
    seen = "-"
    if isinstance(status.get("at"), str):
        age = now - datetime.fromisoformat(status["at"])
        seen = f"{int(age.total_seconds())} s ago"
    state = str(status.get("state", "?"))
    return f"{terminal:16} {state:15} {worst_text:28} {depth:>5} {dead:>4}  {seen}"


def cmd_fleet_command(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.fleet.centre import BadSigningKey, Centre, FleetUnreachable, load_signing_key
    from kiosk.fleet.commands import Verb, new_command

    if not _has_broker(settings, "command"):
        return 2
    try:
        key = load_signing_key(args.signing_key)
        command_args = _arguments(args.args)
        command = new_command(
            args.terminal,
            Verb(args.verb),
            command_args,
            valid_for=timedelta(seconds=args.valid_for),
        )
    except (BadSigningKey, ValueError, OSError) as exc:
        print(f"sheyin fleet command: {exc}", file=sys.stderr)
        return 2
    final: str | None = None
    try:
        with Centre(settings.fleet) as centre:
            print(f"command {command.id}: {command.verb.value} to {command.terminal}")
            for reply in centre.send(command, key, args.wait):
                final = str(reply.get("state"))
                _print_reply(reply, args.out or Path(f"{command.terminal}-{command.id}.png"))
    except FleetUnreachable as exc:
        print(f"sheyin fleet command: {exc}", file=sys.stderr)
        return 1
    if final is None or final not in ("done", "failed", "refused"):
        print(
            f"no final reply within {args.wait:g} s (the terminal may be offline; the broker "
            "keeps the command for it until it expires)",
            file=sys.stderr,
        )
        return 1
    return 0 if final == "done" else 1


def _arguments(pairs: list[str]) -> dict[str, Any]:
    """KEY=VALUE pairs: digits are numbers, @path is the file's text."""
    found: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"{pair}: expected KEY=VALUE")
        if value.startswith("@"):
            found[key] = Path(value[1:]).read_text(encoding="utf-8")
        elif value.isdigit():
            found[key] = int(value)
        else:
            found[key] = value
    return found


def _print_reply(reply: dict[str, Any], screenshot_path: Path) -> None:
    result = dict(reply.get("result") or {})
    line = f"{reply.get('at', '')}  {reply.get('state')}"
    if reply.get("code") not in (None, "ok"):
        line += f"  {reply['code']}"
    print(line)
    if "png" in result:
        screenshot_path.write_bytes(base64.b64decode(result.pop("png")))
        result["saved_to"] = str(screenshot_path)
    for record in result.pop("records", []):
        print(f"    {record['at']} {record['level']:7} {record['logger']}: {record['text']}")
    if result:
        print("    " + json.dumps(result, ensure_ascii=False))


def cmd_fleet_watch(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.fleet.centre import Centre, FleetUnreachable
    from kiosk.fleet.topics import Channel

    if not _has_broker(settings, "watch"):
        return 2
    try:
        with Centre(settings.fleet) as centre:
            centre.listen(Channel.EVENTS, Channel.STATUS)
            print("watching every terminal's events and statuses (Ctrl+C ends)", file=sys.stderr)
            for message in centre.watch(Channel.EVENTS, Channel.STATUS):
                if message.retained:
                    continue  # what the broker kept from before: `fleet status` shows it
                print(_watch_line(message, args.json), flush=True)
    except FleetUnreachable as exc:
        print(f"sheyin fleet watch: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


def _watch_line(message: Message, as_json: bool) -> str:
    if as_json:
        kept = {"terminal": message.terminal, "channel": message.channel.value, **message.body}
        return json.dumps(kept, ensure_ascii=False)
    body = message.body
    if message.channel.value == "status":
        worst = body.get("worst") or {}
        details = f"state={body.get('state')}"
        if worst:
            details += f" worst={worst.get('device')}:{worst.get('state')}"
        return f"{body.get('at', '-')}  {message.terminal:16} status  {details}"
    fields = " ".join(f"{k}={v}" for k, v in body.items() if k not in ("terminal", "event", "at"))
    return f"{body.get('at', '-')}  {message.terminal:16} {body.get('event')}  {fields}"


def cmd_fleet_keygen(args: argparse.Namespace, settings: Settings) -> int:
    from kiosk.fleet.centre import new_signing_key

    try:
        public = new_signing_key(args.path)
    except OSError as exc:
        print(f"sheyin fleet keygen: {args.path}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"private key written to {args.path} (keep it at the operations centre only)")
    print(f'command_public_key = "{public}"')
    return 0


def _has_broker(settings: Settings, command: str) -> bool:
    if settings.fleet.broker_url:
        return True
    print(
        f"sheyin fleet {command}: fleet.broker_url is not set (give the centre's settings "
        "with --config)",
        file=sys.stderr,
    )
    return False
