"""`sheyin fleet …` as the operations centre runs it, against a terminal process in the test
broker's fleet; and the demo's own broker, which `sheyin demo` starts."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from demo.broker import OPS_CENTRE, Broker, Pki
from demo.fleet import start_demo_fleet
from kiosk.config import load_settings
from tests.support.clips import noise_clip
from tests.support.fleet import CENTRE_KEY, TerminalProcess, terminal_settings

TERMINAL = "T-CLI-1"


def centre_file(directory: Path, broker: Broker, pki: Pki) -> Path:
    cert, key = pki.client(OPS_CENTRE)
    path = directory / "centre.toml"
    path.write_text(
        f'[fleet]\nbroker_url = "mqtts://{broker.host}:{broker.ops_port}"\n'
        f'ca_file = "{pki.ca_file}"\ncert_file = "{cert}"\nkey_file = "{key}"\n'
    )
    return path


def sheyin(config: Path, *arguments: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SHEYIN_")}
    return subprocess.run(  # our interpreter, our module
        [sys.executable, "-m", "kiosk.cli", "--config", str(config), *arguments],
        env=clean,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def fleet(
    tmp_path_factory: pytest.TempPathFactory, mqtt_broker: Broker, mqtt_pki: Pki
) -> Iterator[tuple[Path, Path]]:
    """(the centre's settings file, its signing key file), with T-CLI-1 in service."""
    directory = tmp_path_factory.mktemp("fleet-cli")
    config = directory / "terminal.toml"
    clip = noise_clip(directory / "clip")
    config.write_text(terminal_settings(TERMINAL, mqtt_broker, mqtt_pki, directory / "data", clip))
    terminal = TerminalProcess(TERMINAL, config, directory / "data")
    key = directory / "centre.key"
    key.write_bytes(
        CENTRE_KEY.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    centre = centre_file(directory, mqtt_broker, mqtt_pki)
    terminal.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            listed = json.loads(sheyin(centre, "fleet", "status", "--json").stdout or "{}")
            if listed.get(TERMINAL, {}).get("state") == "in_service":
                break
        else:
            raise AssertionError(f"{TERMINAL} never in service:\n{terminal.log}")
        yield centre, key
    finally:
        terminal.stop()


def test_status_lists_the_terminal_with_its_worst_device_and_queue(
    fleet: tuple[Path, Path],
) -> None:
    centre, _key = fleet
    done = sheyin(centre, "fleet", "status")
    assert done.returncode == 0, done.stderr
    header, *rows, total = done.stdout.splitlines()
    assert header.split()[:2] == ["TERMINAL", "STATE"]
    row = next(r for r in rows if r.startswith(TERMINAL))
    assert row.split()[1] == "in_service"
    assert total.endswith("terminals")


def test_command_prints_the_replies_and_saves_a_screenshot(
    fleet: tuple[Path, Path], tmp_path: Path
) -> None:
    centre, key = fleet
    shot = tmp_path / "shot.png"
    done = sheyin(
        centre, "fleet", "command", TERMINAL, "screenshot", "--signing-key", str(key),
        "--out", str(shot),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[1] for line in lines if line[:1].isdigit()] == [
        "received",
        "executing",
        "done",
    ]
    assert shot.read_bytes().startswith(b"\x89PNG")

    done = sheyin(
        centre, "fleet", "command", TERMINAL, "logs", "lines=3", "level=INFO",
        "--signing-key", str(key),
    )  # fmt: skip
    records = [line for line in done.stdout.splitlines() if line.startswith("    ")]
    assert done.returncode == 0 and 1 <= len(records) <= 3


def test_a_command_signed_with_another_key_is_refused(
    fleet: tuple[Path, Path], tmp_path: Path
) -> None:
    centre, _key = fleet
    other = tmp_path / "other.key"
    made = sheyin(centre, "fleet", "keygen", str(other))
    assert made.returncode == 0 and "command_public_key = " in made.stdout
    assert other.stat().st_mode & 0o777 == 0o600
    done = sheyin(centre, "fleet", "command", TERMINAL, "reboot", "--signing-key", str(other))
    assert done.returncode == 1
    assert "refused  fleet.bad_signature" in done.stdout


def test_watch_prints_status_changes_as_they_come(fleet: tuple[Path, Path]) -> None:
    centre, key = fleet
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SHEYIN_")}
    watch = subprocess.Popen(  # our interpreter, our module
        [sys.executable, "-m", "kiosk.cli", "--config", str(centre), "fleet", "watch", "--json"],
        env=clean,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watch.stderr is not None
        assert watch.stderr.readline().startswith("watching")  # subscribed: changes reach it
        closed = sheyin(
            centre, "fleet", "command", TERMINAL, "out-of-service", "--signing-key", str(key)
        )
        assert closed.returncode == 0, closed.stdout + closed.stderr
        assert watch.stdout is not None
        seen = [json.loads(line) for line in lines_until(watch, "out_of_service", 30.0)]
        assert (seen[-1]["terminal"], seen[-1]["channel"]) == (TERMINAL, "status")
    finally:
        watch.terminate()
        watch.communicate(timeout=10)  # its pipes closed with it
        reopened = sheyin(
            centre, "fleet", "command", TERMINAL, "in-service", "--signing-key", str(key)
        )
        assert reopened.returncode == 0


def lines_until(process: subprocess.Popen[str], wanted: str, timeout_s: float) -> list[str]:
    """What `process` prints, up to the first line with `wanted` in it; fails at the deadline
    rather than waiting for ever on a line that does not come."""
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout_s
    while not lines or wanted not in lines[-1]:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([process.stdout], [], [], max(left, 0))
        assert ready, f"no line with {wanted!r} in {timeout_s} s: {lines}"
        line = process.stdout.readline()
        assert line, f"it ended: {lines}"
        lines.append(line)
    return lines


def test_the_fleet_commands_need_a_broker(tmp_path: Path) -> None:
    empty = tmp_path / "none.toml"
    empty.write_text("")
    done = sheyin(empty, "fleet", "status")
    assert done.returncode == 2 and "fleet.broker_url is not set" in done.stderr


def test_the_demo_starts_a_broker_with_the_centre_settings_beside_it(tmp_path: Path) -> None:
    settings = load_settings(environ={"SHEYIN_CENTRAL_TERMINAL_ID": "DEMO-KIOSK-0001"})
    settings, fleet = start_demo_fleet(settings, tmp_path / "fleet")
    assert fleet is not None
    try:
        assert settings.fleet.broker_url == f"mqtts://127.0.0.1:{fleet.broker.port}"
        assert f":{fleet.broker.ops_port}" in fleet.centre_settings.read_text()
        assert len(bytes.fromhex(settings.fleet.command_public_key)) == 32
        done = sheyin(fleet.centre_settings, "fleet", "status", "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == {}
    finally:
        fleet.broker.stop()
