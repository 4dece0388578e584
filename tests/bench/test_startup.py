"""Cold start against a bare PySide6 window in the same run (goal: the first screen ≤ 1.5×).

The kiosk runs as its unit starts it, `sheyin-kiosk`, under a stand-in for systemd's notify
socket: its first screen is the STATUS it sends with the attract screen up, its READY comes once
the kiosk behind it is built and a touch starts a service."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import count
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from tests.support.notify import NotifyListener

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 7
TERMINAL = {
    "SHEYIN_CENTRAL_TERMINAL_KEY": "3c" * 32,
    "SHEYIN_CENTRAL_TERMINAL_ID": "T-BENCH",
    "SHEYIN_CENTRAL_URL": "https://127.0.0.1:9",  # nobody there: the kiosk starts offline
    "SHEYIN_KIOSK_DEVELOPMENT": "true",  # the simulators
}
ROUND_NUMBERS = count()
BYTECODE = tempfile.mkdtemp(prefix="sheyin-bench-bytecode-")
times: dict[str, list[float]] = {"bare": [], "first screen": [], "ready": [], "kill to ready": []}


def _environment(**extra: str) -> dict[str, str]:
    """As on a terminal, whose package compiles its modules when it is installed: bytecode
    is written once (the warm-up round) and read after, here to a cache of this test's own."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SHEYIN_", "NOTIFY_")) and k != "PYTHONDONTWRITEBYTECODE"
    }
    return {**clean, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": BYTECODE, **extra}


def bare_window() -> None:
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.startup_probe"],
        cwd=ROOT, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip
    assert child.stdout is not None
    with child.stdout:
        assert child.stdout.readline().strip() == "READY"
    times["bare"].append(time.monotonic() - started)
    child.wait(timeout=30)


def kiosk(tmp_path: Path) -> None:
    round_dir = tmp_path / f"round-{next(ROUND_NUMBERS)}"
    round_dir.mkdir()
    with NotifyListener(round_dir) as notify:
        data = round_dir / "data"
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-m", "ui.kiosk_session"],  # what the kiosk unit starts
            cwd=ROOT,
            env=_environment(
                **TERMINAL, SHEYIN_PATHS_DATA_DIR=str(data), **notify.environment(watchdog_s=10)
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            first = notify.wait_for("STATUS")
            ready = notify.wait_for("READY", "1")
            times["first screen"].append(first.at - started)
            times["ready"].append(ready.at - started)
        finally:
            child.send_signal(signal.SIGTERM)
            child.wait(timeout=30)


@pytest.mark.parametrize("which", ["bare", "kiosk"])
def test_cold_start(benchmark: BenchmarkFixture, tmp_path: Path, which: str) -> None:
    benchmark.group = "cold start: process to the first screen (bare) or READY (kiosk), s"
    if which == "bare":
        benchmark.pedantic(bare_window, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    else:
        benchmark.pedantic(kiosk, args=(tmp_path,), rounds=ROUNDS, iterations=1, warmup_rounds=1)
    if times["bare"] and times["ready"]:
        bare = statistics.median(times["bare"])
        first = statistics.median(times["first screen"])
        ready = statistics.median(times["ready"])
        print(
            f"\ncold start, median of {ROUNDS}: bare window {bare:.3f} s; kiosk first screen "
            f"{first:.3f} s ({first / bare:.2f}×), READY {ready:.3f} s ({ready / bare:.2f}×)"
        )


def killed_and_back(tmp_path: Path) -> None:
    """READY, SIGKILL (a crash), started again at once as systemd does after RestartSec (the
    unit's 2 s come on top): from the kill to READY, with the outbox and ledgers of the killed
    run reopened."""
    round_dir = tmp_path / f"round-{next(ROUND_NUMBERS)}"
    round_dir.mkdir()
    data = round_dir / "data"

    def start(notify: NotifyListener) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "ui.kiosk_session"],
            cwd=ROOT,
            env=_environment(
                **TERMINAL, SHEYIN_PATHS_DATA_DIR=str(data), **notify.environment(watchdog_s=10)
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    with NotifyListener(round_dir) as notify:
        first = start(notify)
        notify.wait_for("READY", "1")
        killed = time.monotonic()
        first.kill()
        first.wait(timeout=30)
        again = start(notify)
        try:
            ready = notify.wait_for("READY", "1")
            times["kill to ready"].append(ready.at - killed)
        finally:
            again.send_signal(signal.SIGTERM)
            again.wait(timeout=30)


def test_kill_to_ready(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    benchmark.group = "kill to READY, restarted at once (systemd adds RestartSec=2), s"
    benchmark.pedantic(killed_and_back, args=(tmp_path,), rounds=5, iterations=1)
    print(f"\nkill to READY, median of 5: {statistics.median(times['kill to ready']):.3f} s")
