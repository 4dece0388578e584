"""Fixtures of the flow tests: a demo kiosk on the test's own sandbox or on the shared one, and a
guard that no flow pulls Qt or the UI in while it runs. Helpers live in tests/support."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from demo.kiosk import DemoKiosk
from sandbox.server import SandboxProcess
from tests.support.kiosks import QUICK_QUEUE, demo_kiosk

QT_PACKAGES = ("PySide6", "shiboken6", "ui")


def _qt_modules() -> set[str]:
    return {name for name in sys.modules if name.partition(".")[0] in QT_PACKAGES}


@pytest.fixture(autouse=True)
def no_qt_while_flows_run() -> Iterator[None]:
    """pytest-qt loads PySide6 into every pytest process, so "not in sys.modules" cannot be
    checked here (tests/flows/test_no_qt.py does it in a fresh interpreter); what a test loads
    while it runs can: a flow that imports a Qt module or the UI lazily fails its test."""
    before = _qt_modules()
    yield
    loaded = sorted(_qt_modules() - before)
    assert not loaded, f"the flow loaded Qt or UI modules: {loaded}"


@pytest.fixture
def kiosk(sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    """The demo kiosk on this test's own sandbox: a queue that notices the line quickly and a
    card issuer without its mechanical delays."""
    with demo_kiosk(sandbox.url, **QUICK_QUEUE, SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0") as built:
        yield built


@pytest.fixture
def shared_kiosk(shared_sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    """The demo kiosk on the session's sandbox, for sessions that change nothing there that
    another test reads (refusals, queries)."""
    with demo_kiosk(
        shared_sandbox.url, **QUICK_QUEUE, SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0"
    ) as built:
        yield built


@pytest.fixture
def quick_face_kiosk(sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    """As `kiosk`, with one liveness action (a blink) instead of two: for sessions where the
    face check is a step on the way (a queued check, a new card), not what the test is about."""
    with demo_kiosk(
        sandbox.url,
        **QUICK_QUEUE,
        SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0",
        SHEYIN_FACE_LIVENESS_ACTIONS="1",
    ) as built:
        yield built
