"""A terminal outside the demo starts only with its own identity, its own key and a central
system it may talk to, on real devices: `sheyin run` refuses otherwise, with exit 2 and one
line naming the setting, before anything of the kiosk is built (a citizens' kiosk has shown
its first screen, which needs no validated setting)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sandbox.credentials import DEMO_TERMINAL_KEY
from tests.support.notify import NotifyListener

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
    # A citizens' kiosk has shown its first screen before the settings are validated; the
    # offscreen platform says this of every window (pyproject.toml's qt_log_ignore).
    lines = [
        line
        for line in done.stderr.strip().splitlines()
        if line != "This plugin does not support propagateSizeHints()"
    ]
    assert len(lines) == 1 and setting in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_real_devices_pass_and_a_development_machine_may_simulate() -> None:
    from kiosk.config import check_terminal, load_settings

    check_terminal(load_settings(environ={**TERMINAL, **REAL_DEVICES}))
    check_terminal(load_settings(environ={**TERMINAL, "SHEYIN_KIOSK_DEVELOPMENT": "true"}))


def test_under_a_service_manager_a_wrong_setting_leaves_out_of_service_up(tmp_path: Path) -> None:
    """The kiosk session's compositor ends with status 0 whatever the kiosk's, so systemd would
    restart a kiosk that exits on a wrong setting every two seconds, its attract screen
    flashing in between: 暂停服务 stays instead, READY and the watchdog fed, until stopped."""
    with NotifyListener(tmp_path) as notify:
        kiosk = _started(tmp_path, notify, "kiosk.cli", "run")  # `sheyin run` under systemd
        try:
            ready = notify.wait_for("READY", "1")
            assert ready.fields["STATUS"].startswith("out of service: config.invalid: ")
            assert "central.terminal_key" in ready.fields["STATUS"]
            notify.wait_for("WATCHDOG", "1")
            assert kiosk.poll() is None
        finally:
            kiosk.terminate()
            _, stderr = kiosk.communicate(timeout=30)
    assert kiosk.returncode == 2
    assert "config.invalid: central.terminal_key" in stderr
    assert "Traceback" not in stderr


def test_under_a_service_manager_a_file_that_cannot_be_read_leaves_out_of_service_up(
    tmp_path: Path,
) -> None:
    """Not even the first screen's few settings can be read: the first screen on the defaults,
    then 暂停服务, rather than a black screen restarted every RestartSec."""
    config = tmp_path / "config.toml"
    config.write_text("[kiosk\nrole = kiosk\n")  # a typo made by hand
    with NotifyListener(tmp_path) as notify:
        kiosk = _started(tmp_path, notify, "ui.kiosk_session", "--config", str(config))
        try:
            ready = notify.wait_for("READY", "1")
            assert ready.fields["STATUS"].startswith("out of service: config.invalid: ")
            assert "not valid TOML" in ready.fields["STATUS"]
            assert kiosk.poll() is None
        finally:
            kiosk.terminate()
            kiosk.communicate(timeout=30)
    assert kiosk.returncode == 2


def test_a_back_off_is_shown_on_the_first_screen_with_nothing_of_the_kiosk_built(
    tmp_path: Path,
) -> None:
    """Three crashes: the next start shows 暂停服务 without opening a device (what crashed the
    kiosk cannot crash the back-off), ends by itself with status 75 and is recorded so."""
    from kiosk.config import load_settings
    from kiosk.system.restarts import FILE_NAME, StartHistory

    data = tmp_path / "data"
    data.mkdir()
    settings = load_settings(environ={}).kiosk
    now = time.time()
    for ago in (30, 20, 10):
        StartHistory(data / FILE_NAME, settings, clock=lambda ago=ago: now - ago).begin()
    with NotifyListener(tmp_path) as notify:
        kiosk = _started(
            tmp_path,
            notify,
            "ui.kiosk_session",
            SHEYIN_KIOSK_BACKOFF_S="2",
            SHEYIN_KIOSK_DEVELOPMENT="1",
            **TERMINAL,
        )
        try:
            ready = notify.wait_for("READY", "1")
            assert ready.fields["STATUS"] == "out of service: kiosk.crash_loop: back-off 2 s"
            _, stderr = kiosk.communicate(timeout=30)
        finally:
            kiosk.kill()
    assert kiosk.returncode == 75
    assert "kiosk built: role=" not in stderr and "devices.manager" not in stderr  # nothing opened
    runs = json.loads((data / FILE_NAME).read_text())["runs"]
    assert [(run["mode"], run["ending"]) for run in runs][-1] == ("backoff", "backoff_over")


def _started(
    tmp_path: Path, notify: NotifyListener, module: str, *arguments: str, **env: str
) -> subprocess.Popen[str]:
    """`sheyin run` (kiosk.cli run) or what the kiosk unit starts (ui.kiosk_session), told
    to speak the notify protocol to the test."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SHEYIN_")}
    return subprocess.Popen(  # our interpreter, our module
        [sys.executable, "-m", module, *arguments],
        env={
            **clean,
            "QT_QPA_PLATFORM": "offscreen",
            "SHEYIN_PATHS_DATA_DIR": str(tmp_path / "data"),
            **notify.environment(watchdog_s=0.5),
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
