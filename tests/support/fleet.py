"""A terminal in a fleet, as a process of its own: `sheyin --config FILE run` on the simulators
(offscreen), connected to the test broker with its own certificate; and the operations centre's
side, the real `kiosk.fleet.centre`, with a signing key."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from demo.broker import OPS_CENTRE, Broker, Pki
from kiosk.config import FleetSettings
from kiosk.fleet.centre import Centre
from kiosk.fleet.commands import Verb, new_command, public_hex
from kiosk.fleet.topics import Channel

CENTRE_KEY = Ed25519PrivateKey.generate()
CENTRE_PUBLIC_HEX = public_hex(CENTRE_KEY)
UNREACHABLE_CENTRAL = "http://127.0.0.1:9"
"""Loopback's discard port: nothing listens, the central system is simply offline."""


def terminal_settings(
    terminal_id: str, broker: Broker, pki: Pki, data_dir: Path, camera_clip: Path
) -> str:
    """The TOML of a development terminal on the simulators, in the fleet as `terminal_id`."""
    cert, key = pki.client(terminal_id)
    return f"""\
[kiosk]
development = true
voice = false

[central]
url = "{UNREACHABLE_CENTRAL}"
terminal_id = "{terminal_id}"
terminal_key = "{"5a" * 32}"

[devices]
camera_clip = "{camera_clip}"

[paths]
data_dir = "{data_dir}"

[fleet]
broker_url = "mqtts://{broker.host}:{broker.port}"
ca_file = "{pki.ca_file}"
cert_file = "{cert}"
key_file = "{key}"
command_public_key = "{CENTRE_PUBLIC_HEX}"
keepalive_s = 5
reboot_command = "touch {data_dir / "rebooted"}"
"""


@dataclass
class TerminalProcess:
    terminal_id: str
    config: Path
    data_dir: Path
    process: subprocess.Popen[str] | None = None
    stderr_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.stderr_path = self.config.with_suffix(".stderr")

    def start(self) -> None:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("SHEYIN_", "NOTIFY_"))}
        with self.stderr_path.open("a") as stderr:
            self.process = subprocess.Popen(  # our interpreter, our module
                [sys.executable, "-m", "kiosk.cli", "--config", str(self.config), "run"],
                env={**clean, "QT_QPA_PLATFORM": "offscreen"},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                text=True,
            )

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        return self.process.returncode

    @property
    def log(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""


def centre_settings(broker: Broker, pki: Pki) -> FleetSettings:
    cert, key = pki.client(OPS_CENTRE)
    return FleetSettings(
        broker_url=f"mqtts://{broker.host}:{broker.ops_port}",
        ca_file=str(pki.ca_file),
        cert_file=str(cert),
        key_file=str(key),
    )


class OpsCentre:
    """The centre's connection, with the helpers the tests wait with."""

    def __init__(self, centre: Centre) -> None:
        self.centre = centre

    def status_of(
        self,
        terminal: str,
        wanted: Callable[[dict[str, Any]], bool],
        timeout_s: float = 30.0,
    ) -> dict[str, Any]:
        """The terminal's first status (the retained one, then each new one) that is `wanted`."""
        deadline = time.monotonic() + timeout_s
        status = self.centre.statuses(timeout_s=2.0).get(terminal)
        while status is None or not wanted(status):
            left = deadline - time.monotonic()
            message = self.centre.next(Channel.STATUS, left) if left > 0 else None
            if message is None:
                raise AssertionError(f"{terminal}: no such status in {timeout_s} s: {status}")
            if message.terminal == terminal:
                status = message.body
        return status

    def command(
        self, terminal: str, verb: Verb, args: dict[str, Any] | None = None, wait_s: float = 30.0
    ) -> list[dict[str, Any]]:
        """Signs and sends a command; its replies, up to the final one."""
        command = new_command(terminal, verb, args)
        return list(self.centre.send(command, CENTRE_KEY, wait_s))

    def event(self, terminal: str, kind: str, timeout_s: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            message = self.centre.next(Channel.EVENTS, left)
            if message and message.terminal == terminal and message.body.get("event") == kind:
                return message.body
        raise AssertionError(f"{terminal}: no {kind} event in {timeout_s} s")


def states(replies: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["state"], r["code"]) for r in replies]
