"""Cold start to the home screen, against a bare PySide6 window in the same run (goal ≤ 1.5×)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 7


def start_until_ready(which: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.startup_probe", which],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert child.stdout is not None
    with child.stdout:
        assert child.stdout.readline().strip() == "READY"
    child.wait(timeout=30)


@pytest.mark.parametrize("which", ["bare", "kiosk"])
def test_cold_start(benchmark, which: str) -> None:
    benchmark.group = "cold start to first screen (s)"
    benchmark.pedantic(
        start_until_ready, args=(which,), rounds=ROUNDS, iterations=1, warmup_rounds=1
    )
