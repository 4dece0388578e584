"""Whole sessions through the UI on a demo kiosk of the test's own sandbox."""

from collections.abc import Iterator

import pytest

from demo.kiosk import DemoKiosk
from sandbox.server import SandboxProcess
from tests.support.kiosks import QUICK_QUEUE, demo_kiosk


@pytest.fixture
def kiosk(sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    """The demo kiosk against this test's own sandbox: a queue that notices the line quickly
    and a card issuer without its device delays."""
    with demo_kiosk(sandbox.url, **QUICK_QUEUE, SHEYIN_DEVICES_ISSUER_TIMING_SCALE="0") as built:
        yield built
