"""A terminal outside the demo starts only with its own identity, its own key and a central
system it may talk to: `sheyin run` refuses otherwise, with exit 2 and one line naming the
setting, before anything is built."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sandbox.credentials import DEMO_TERMINAL_KEY

OWN_KEY = "3c" * 32


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
    ],
    ids=["no key", "the published demo key", "no terminal id", "no url", "plain http"],
)
def test_run_refuses_a_terminal_without_its_own_settings(env: dict[str, str], setting: str) -> None:
    done = run(env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and setting in lines[0], done.stderr
    assert "Traceback" not in done.stderr
