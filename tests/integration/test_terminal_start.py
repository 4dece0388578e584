"""A terminal outside the demo starts only with its own identity, its own key and a central
system it may talk to, on real devices: `sheyin run` refuses otherwise, with exit 2 and one
line naming the setting, before anything is built."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sandbox.credentials import DEMO_TERMINAL_KEY

OWN_KEY = "3c" * 32
TERMINAL = {
    "SHEYIN_CENTRAL_TERMINAL_KEY": OWN_KEY,
    "SHEYIN_CENTRAL_TERMINAL_ID": "T1",
    "SHEYIN_CENTRAL_URL": "https://central.example.cn",
}
REAL_DEVICES = {
    "SHEYIN_DEVICES_CARD_READER": "pcsc",
    "SHEYIN_DEVICES_CAMERA": "opencv",
    "SHEYIN_DEVICES_PRINTER": "cups",
    "SHEYIN_DEVICES_RECEIPT_PRINTER": "device",
    "SHEYIN_DEVICES_PINPAD": "screen",
    "SHEYIN_DEVICES_CARD_ISSUER": "none",
}


def run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SHEYIN_")}
    return subprocess.run(  # our interpreter, our module
        [sys.executable, "-m", "kiosk.cli", "run"],
        env={**clean, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({}, "central.terminal_key"),
        ({"SHEYIN_CENTRAL_TERMINAL_KEY": DEMO_TERMINAL_KEY}, "central.terminal_key"),
        ({"SHEYIN_CENTRAL_TERMINAL_KEY": OWN_KEY}, "central.terminal_id"),
        (
            {"SHEYIN_CENTRAL_TERMINAL_KEY": OWN_KEY, "SHEYIN_CENTRAL_TERMINAL_ID": "T1"},
            "central.url",
        ),
        (
            {
                "SHEYIN_CENTRAL_TERMINAL_KEY": OWN_KEY,
                "SHEYIN_CENTRAL_TERMINAL_ID": "T1",
                "SHEYIN_CENTRAL_URL": "http://central.example.cn",
            },
            "central.url",
        ),
        ({**TERMINAL}, "devices.card_reader"),
        ({**TERMINAL, **REAL_DEVICES, "SHEYIN_DEVICES_CAMERA": "simulator"}, "devices.camera"),
        ({**TERMINAL, **REAL_DEVICES, "SHEYIN_DEVICES_PRINTER": "spool"}, "devices.printer"),
        (
            {**TERMINAL, **REAL_DEVICES, "SHEYIN_DEVICES_RECEIPT_PRINTER": "spool"},
            "devices.receipt_printer",
        ),
        ({**TERMINAL, **REAL_DEVICES, "SHEYIN_DEVICES_PINPAD": "simulator"}, "devices.pinpad"),
        (
            {**TERMINAL, **REAL_DEVICES, "SHEYIN_DEVICES_CARD_ISSUER": "simulator"},
            "devices.card_issuer",
        ),
    ],
    ids=[
        "no key",
        "the published demo key",
        "no terminal id",
        "no url",
        "plain http",
        "the default simulators",
        "camera simulator",
        "spool printer",
        "spool receipt printer",
        "pin pad simulator",
        "card issuer simulator",
    ],
)
def test_run_refuses_a_terminal_without_its_own_settings(env: dict[str, str], setting: str) -> None:
    done = run(env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and setting in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_real_devices_pass_and_a_development_machine_may_simulate() -> None:
    from kiosk.config import check_terminal, load_settings

    check_terminal(load_settings(environ={**TERMINAL, **REAL_DEVICES}))
    check_terminal(load_settings(environ={**TERMINAL, "SHEYIN_KIOSK_DEVELOPMENT": "true"}))
