"""The `sheyin` commands as an operator runs them."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
import requests

from devices.idcard.simulator import IdCardReaderSimulator
from devices.manager import DeviceClass
from kiosk.cli import CAMERA_WATCH_S, cmd_diagnose
from kiosk.config import Settings
from kiosk.face.clips import still_photo_clip
from sandbox.db import FACES_DIR
from sandbox.server import READY_PREFIX, SandboxProcess
from tests.support.kiosks import settings_for
from tests.support.ports import refused_url
from tests.support.services import CupsService

SHEYIN = str(Path(sys.executable).parent / "sheyin")
CLIP_FPS = 15
"""The rate the camera simulator plays a clip at, set for the diagnose runs."""


def wait_gone(pid: int, timeout_s: float = 10) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_sandbox_on_port_0_announces_the_free_port_it_took(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [SHEYIN, "sandbox", "--host", "127.0.0.1", "--port", "0",
         "--db", str(tmp_path / "s.db")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        ready = server.stdout.readline().strip()
        assert ready.startswith(f"{READY_PREFIX}http://127.0.0.1:")
        url = ready.removeprefix(READY_PREFIX)
        assert int(url.rsplit(":", 1)[1]) > 0
        answer = requests.get(f"{url}/api/v1/health", timeout=5)
        assert answer.status_code == 200 and answer.json()["status"] == "ok"
    finally:
        server.terminate()
        server.wait(10)
        if server.stdout:
            server.stdout.close()


def test_sandbox_on_a_busy_port_says_so_in_one_line(
    shared_sandbox: SandboxProcess, tmp_path: Path
) -> None:
    port = shared_sandbox.url.rsplit(":", 1)[1]
    result = subprocess.run(
        [SHEYIN, "sandbox", "--port", port, "--db", str(tmp_path / "s.db")],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(f"sheyin sandbox: cannot listen on 127.0.0.1:{port}")
    assert result.stderr.count("\n") == 1


def test_a_sandbox_child_ends_with_its_parent(tmp_path: Path) -> None:
    """Regression: killing `sheyin demo` left its sandbox running."""
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path;"
         "from sandbox.server import start_sandbox_process;"
         f"s = start_sandbox_process(Path({str(tmp_path / 's.db')!r}));"
         "print(s.process.pid, flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert parent.stdout is not None
    with parent.stdout:
        child_pid = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    assert wait_gone(child_pid), "the sandbox outlived its parent"


@pytest.fixture
def face_clip(tmp_path: Path) -> Path:
    """A second of the sandbox's pensioner, held still (the camera simulator plays it): a
    terminal's simulator has no clip of its own."""
    portrait = cv2.imread(str(FACES_DIR / "pensioner-due.jpg"))
    assert portrait is not None
    clip = tmp_path / "face"
    clip.mkdir()
    for index, frame in enumerate(still_photo_clip(portrait, seconds=1.0)):
        cv2.imwrite(str(clip / f"{index:03d}.png"), frame)
    return clip


def diagnose(settings: Settings, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    """`sheyin diagnose` in this process: (exit status, the JSON report)."""
    status = cmd_diagnose(argparse.Namespace(), settings)
    return status, json.loads(capsys.readouterr().out)


def by_class(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["class"]: entry for entry in report["devices"]}


def test_diagnose_reports_devices_and_central(
    shared_sandbox: SandboxProcess, face_clip: Path
) -> None:
    env = dict(
        os.environ,
        SHEYIN_CENTRAL_URL=shared_sandbox.url,
        SHEYIN_DEVICES_CAMERA_CLIP=str(face_clip),
        SHEYIN_DEVICES_CAMERA_FPS=str(CLIP_FPS),
    )
    result = subprocess.run(
        [SHEYIN, "diagnose"], capture_output=True, text=True, env=env, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["central"] == {"reachable": True, "version": "sandbox-1"}
    assert report["devices"][0]["status"] == "online"
    assert [entry["class"] for entry in report["devices"]] == [c.value for c in DeviceClass]
    camera = report["camera"]
    assert camera["opened"] and camera["usable"] and camera["face_detected"]
    assert camera["resolution"] == "640x480"
    # No band after a fixed watch: a loaded machine may deliver fewer frames, never more. The
    # first arrival may come up to one interval after its slot, shortening the measured span:
    # one frame over the watch is the slack.
    assert 0 < camera["measured_fps"] <= CLIP_FPS + 1 / CAMERA_WATCH_S


def test_diagnose_self_tests_all_seven_device_classes_and_the_central_system(
    shared_sandbox: SandboxProcess, face_clip: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reader = IdCardReaderSimulator().start()  # no card on it: a finding, not a failure
    try:
        settings = settings_for(
            shared_sandbox.url,
            SHEYIN_DEVICES_CAMERA_CLIP=str(face_clip),
            SHEYIN_DEVICES_IDCARD_READER="serial",
            SHEYIN_DEVICES_IDCARD_PORT=reader.port,
            SHEYIN_DEVICES_PINPAD="simulator",
        )
        status, report = diagnose(settings, capsys)
    finally:
        reader.stop()
    assert status == 0, report
    assert report["healthy"] is True
    devices = by_class(report)
    assert set(devices) == {
        "card_reader", "idcard_reader", "camera", "printer", "receipt_printer", "pinpad",
        "card_issuer",
    }  # fmt: skip
    assert {c: e["driver"] for c, e in devices.items()} == {
        "card_reader": "inprocess", "idcard_reader": "serial", "camera": "simulator",
        "printer": "spool", "receipt_printer": "spool", "pinpad": "simulator",
        "card_issuer": "simulator",
    }  # fmt: skip
    for entry in devices.values():
        assert entry["configured"] and entry["passed"], entry
        assert entry["status"] == "online" and entry["checks"], entry
    # A simulator says it is one: healthy is not the same as real.
    assert {c for c, e in devices.items() if e["simulator"]} == {
        "card_reader", "camera", "printer", "receipt_printer", "pinpad", "card_issuer",
    }  # fmt: skip
    assert devices["idcard_reader"]["simulator"] is False  # the real driver, on a pty
    idcard_checks = {c["check"]: c for c in devices["idcard_reader"]["checks"]}
    assert idcard_checks["reader answers"]["passed"]
    assert report["central"] == {"reachable": True, "version": "sandbox-1"}
    assert report["camera"]["usable"] and report["camera"]["measured_fps"] > 0


def test_a_class_the_terminal_does_not_have_is_no_failure(
    shared_sandbox: SandboxProcess, face_clip: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for(shared_sandbox.url, SHEYIN_DEVICES_CAMERA_CLIP=str(face_clip))
    status, report = diagnose(settings, capsys)
    assert status == 0, report
    devices = by_class(report)
    assert devices["idcard_reader"] == {
        "class": "idcard_reader", "driver": "none", "simulator": False, "configured": False
    }  # fmt: skip
    assert devices["pinpad"] == {
        "class": "pinpad", "driver": "screen", "simulator": False, "configured": False
    }  # fmt: skip
    assert devices["card_issuer"]["configured"] and devices["card_issuer"]["passed"]


def test_diagnose_fails_when_the_cups_queue_does_not_exist(
    cups: CupsService,
    shared_sandbox: SandboxProcess,
    face_clip: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = settings_for(
        shared_sandbox.url,
        SHEYIN_DEVICES_CAMERA_CLIP=str(face_clip),
        SHEYIN_DEVICES_PRINTER="cups",
        SHEYIN_DEVICES_PRINTER_QUEUE="NO-SUCH-QUEUE",
    )
    status, report = diagnose(settings, capsys)
    assert status == 1 and report["healthy"] is False
    printer = by_class(report)["printer"]
    assert printer["driver"] == "cups" and printer["status"] == "offline"
    assert not printer["passed"]
    assert {"check": "queue", "passed": False, "detail": "cups:NO-SUCH-QUEUE"} in printer["checks"]
    others = [e for c, e in by_class(report).items() if c != "printer" and e["configured"]]
    assert all(e["passed"] for e in others)
    assert report["central"]["reachable"]


def test_diagnose_without_a_central_url_says_it_is_not_configured(
    face_clip: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, report = diagnose(settings_for("", SHEYIN_DEVICES_CAMERA_CLIP=str(face_clip)), capsys)
    assert status == 1
    assert report["central"] == {
        "configured": False,
        "reachable": False,
        "code": "central.not_configured",
        "setting": "central.url",
    }
    assert all(e["passed"] for e in report["devices"] if e["configured"])


@pytest.mark.parametrize("clip", ["dark"])
def test_diagnose_reports_a_camera_without_a_face(tmp_path: Path, clip: str) -> None:
    frames = tmp_path / clip
    frames.mkdir()
    rng = np.random.default_rng(5)
    for index in range(4):
        noise = rng.integers(90, 110, (240, 320, 3), dtype=np.uint8)
        cv2.imwrite(str(frames / f"{index}.png"), noise)
    with refused_url() as nobody:
        env = dict(os.environ, SHEYIN_DEVICES_CAMERA_CLIP=str(frames), SHEYIN_CENTRAL_URL=nobody)
        result = subprocess.run(
            [SHEYIN, "diagnose"], capture_output=True, text=True, env=env, timeout=30, check=False
        )
    camera = json.loads(result.stdout)["camera"]
    assert camera["resolution"] == "320x240" and camera["face_detected"] is False


def test_diagnose_fails_when_central_is_unreachable() -> None:
    with refused_url() as nobody:
        env = dict(os.environ, SHEYIN_CENTRAL_URL=nobody, SHEYIN_CENTRAL_READ_RETRIES="0")
        result = subprocess.run(
            [SHEYIN, "diagnose"], capture_output=True, text=True, env=env, timeout=30, check=False
        )
    assert result.returncode == 1
    assert json.loads(result.stdout)["central"] == {
        "reachable": False,
        "code": "central.unavailable",
    }
