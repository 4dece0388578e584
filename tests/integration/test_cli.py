"""The `sheyin` commands as an operator runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
import requests

from sandbox.server import READY_PREFIX, SandboxProcess

SHEYIN = str(Path(sys.executable).parent / "sheyin")


def wait_gone(pid: int, timeout_s: float = 10) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_sandbox_on_port_8700_answers_health(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [SHEYIN, "sandbox", "--host", "127.0.0.1", "--port", "8700",
         "--db", str(tmp_path / "s.db")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        assert server.stdout.readline().strip() == f"{READY_PREFIX}http://127.0.0.1:8700"
        answer = requests.get("http://127.0.0.1:8700/api/v1/health", timeout=5)
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


def test_diagnose_reports_devices_and_central(shared_sandbox: SandboxProcess) -> None:
    env = dict(os.environ, SHEYIN_CENTRAL_URL=shared_sandbox.url)
    result = subprocess.run(
        [SHEYIN, "diagnose"], capture_output=True, text=True, env=env, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["central"] == {"reachable": True, "version": "sandbox-1"}
    assert report["devices"][0]["status"] == "online"
    camera = report["camera"]
    assert camera["opened"] and camera["usable"] and camera["face_detected"]
    assert camera["resolution"] == "640x480" and 12 <= camera["measured_fps"] <= 18


@pytest.mark.parametrize("clip", ["dark"])
def test_diagnose_reports_a_camera_without_a_face(tmp_path: Path, clip: str) -> None:
    frames = tmp_path / clip
    frames.mkdir()
    rng = np.random.default_rng(5)
    for index in range(4):
        noise = rng.integers(90, 110, (240, 320, 3), dtype=np.uint8)
        cv2.imwrite(str(frames / f"{index}.png"), noise)
    env = dict(
        os.environ, SHEYIN_DEVICES_CAMERA_CLIP=str(frames), SHEYIN_CENTRAL_URL="http://127.0.0.1:9"
    )
    result = subprocess.run(
        [SHEYIN, "diagnose"], capture_output=True, text=True, env=env, timeout=30, check=False
    )
    camera = json.loads(result.stdout)["camera"]
    assert camera["resolution"] == "320x240" and camera["face_detected"] is False


@pytest.mark.parametrize("url", ["http://127.0.0.1:9"])
def test_diagnose_fails_when_central_is_unreachable(url: str) -> None:
    env = dict(os.environ, SHEYIN_CENTRAL_URL=url, SHEYIN_CENTRAL_READ_RETRIES="0")
    result = subprocess.run(
        [SHEYIN, "diagnose"], capture_output=True, text=True, env=env, timeout=30, check=False
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["central"] == {
        "reachable": False,
        "code": "central.unavailable",
    }
